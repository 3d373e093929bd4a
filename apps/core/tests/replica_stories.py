"""Officials on a portal with a streaming read replica: searches, dashboards and exports read the
replica; what an official has just changed, they read on the primary.

Run by test_read_searches_dashboards_and_exports_on_a_replica.py, which starts a primary and its
replica and sets DATABASE_URL and DATABASE_REPLICA_URL; the name keeps this module out of the
ordinary run, which has no replica. Pausing the replica's replay holds it behind the primary, so
each story shows which server a page read."""

import time
from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AccessAction, AccessLog
from apps.compliance.tests.conftest import state_official  # noqa: F401 - Odisha's SCPS official
from apps.core.replicas import FRESH_COOKIE
from apps.dashboards.services import recount_dashboard_figures
from apps.dashboards.tests.conftest import headline
from apps.reports.models import Report
from apps.reports.tests.fixtures import missing_report_data
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def replicated():
    """Wait until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()")
        [written] = cursor.fetchone()
    for _ in range(200):
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    pytest.fail("the replica did not catch up with the primary within 10 seconds")


@contextmanager
def replica_held_back():
    """The replica stops replaying the primary's changes until the block ends."""
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")


@contextmanager
def queries_on_each_server():
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        yield primary, replica


def reading(queries, table: str) -> bool:
    return any(f'FROM "{table}"' in query["sql"] for query in queries.captured_queries)


def seconds_later(client, seconds: int):
    """The browser's last change was `seconds` ago (the cookie ReadYourWritesMiddleware set)."""
    wrote_at = int(client.cookies[FRESH_COOKIE].value)
    client.cookies[FRESH_COOKIE] = str(wrote_at - seconds)


@pytest.fixture
def another_officer(patna_officer):
    other = Client()
    other.force_login(patna_officer)
    return other


def test_the_replica_is_a_standby_that_writes_never_reach(officer, file_missing):
    priya = file_missing(officer, full_name="Priya Sahu")
    replicated()
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    on_replica = Report.objects.using("replica").get(pk=priya.pk)

    on_replica.event_locality = "Puri bus stand"
    on_replica.save()  # the router sends it to the primary: the replica refuses writes

    assert Report.objects.get(pk=priya.pk).event_locality == "Puri bus stand"
    replicated()
    assert Report.objects.using("replica").get(pk=priya.pk).event_locality == "Puri bus stand"


def test_an_officer_searches_the_country_on_the_replica(
    client, officer, patna_officer, file_missing
):
    priya = file_missing(officer, full_name="Priya Sahu")
    replicated()
    client.force_login(patna_officer)

    with queries_on_each_server() as (primary, replica):
        by_name = client.get("/reports/", {"name": "Priya Sahu"})
        by_sex = client.get("/reports/", {"sex": "F"})

    for page in (by_name, by_sex):
        assert priya.case_number in page.text
    assert reading(replica, "reports_report")
    assert not reading(primary, "reports_report")
    # Who is signed in is read on the primary.
    assert reading(primary, "django_session")
    assert not reading(replica, "django_session")


def test_an_officer_finds_the_report_they_just_filed_before_the_replica_has_it(
    client, officer, another_officer, odisha, khordha
):
    client.force_login(officer)
    with replica_held_back():
        filed = client.post("/reports/missing/new/", missing_report_data(odisha, khordha))
        priya = Report.objects.get()
        record = client.get(filed.url)
        own_search = client.get("/reports/", {"name": "Priya Sahu"})
        their_search = another_officer.get("/reports/", {"name": "Priya Sahu"})

    assert filed.url == f"/reports/{priya.pk}/"
    assert FRESH_COOKIE in filed.cookies
    assert record.status_code == 200
    assert priya.case_number in record.text
    assert priya.case_number in own_search.text
    # The Patna officer changed nothing: their search read the replica, still behind.
    assert priya.case_number not in their_search.text
    replicated()
    assert priya.case_number in another_officer.get("/reports/", {"name": "Priya"}).text

    seconds_later(client, 11)
    with queries_on_each_server() as (primary, replica):
        client.get("/reports/", {"name": "Priya Sahu"})
    assert reading(replica, "reports_report")
    assert not reading(primary, "reports_report")


def test_an_export_reads_the_replica_and_its_reason_is_written_on_the_primary(
    client, officer, patna_officer, file_missing
):
    priya = file_missing(officer, full_name="Priya Sahu")
    replicated()
    client.force_login(patna_officer)

    with queries_on_each_server() as (primary, replica):
        exported = client.post("/reports/export.csv?sex=F", {"reason": "Weekly tracing review"})

    assert exported.status_code == 200
    assert priya.case_number in exported.content.decode("utf-8-sig")
    assert reading(replica, "reports_report")
    assert not reading(primary, "reports_report")
    log = AccessLog.objects.using("default").get(action=AccessAction.EXPORT)
    assert log.user == patna_officer
    assert log.detail.startswith("1 rows; reason: Weekly tracing review")
    # Having written the access log, the browser reads the primary for a while.
    assert FRESH_COOKIE in exported.cookies
    with queries_on_each_server() as (primary, replica):
        client.get("/reports/", {"sex": "F"})
    assert reading(primary, "reports_report")
    assert not reading(replica, "reports_report")


def test_a_state_officials_dashboard_and_its_downloads_read_the_replica(
    client,
    officer,
    state_official,  # noqa: F811 - the fixture imported above
    file_missing,
):
    file_missing(officer, full_name="Priya Sahu")
    recount_dashboard_figures()
    sign_in_verified(client, state_official)
    # Signing in wrote: for a few seconds the dashboard is read on the primary.
    with queries_on_each_server() as (primary, replica):
        assert headline(client.get("/dashboards/states/21/"))["Missing children reported"] == 1
    assert reading(primary, "dashboards_reporttally")
    assert not reading(replica, "dashboards_reporttally")
    seconds_later(client, 11)
    replicated()

    with replica_held_back():
        file_missing(officer, full_name="Meena Das", fir_number="113/2026")
        recount_dashboard_figures()
        with queries_on_each_server() as (primary, replica):
            page = client.get("/dashboards/states/21/")
            download = client.get("/dashboards/states/21/?download=headline&as=csv")

    assert headline(page)["Missing children reported"] == 1  # the replica, still behind
    assert "Missing children reported,1" in download.content.decode("utf-8-sig")
    assert reading(replica, "dashboards_reporttally")
    assert not reading(primary, "dashboards_reporttally")
    replicated()
    page = client.get("/dashboards/states/21/")
    assert headline(page)["Missing children reported"] == 2
