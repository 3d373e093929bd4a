"""In a real browser, axe-core (WCAG 2.1 A and AA rules) finds no serious or critical problem
on any page of the portal: the public pages and Khoya-Paya as a citizen sees them, and each
app's pages as the official who uses them sees them, with records on them."""

import io
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from PIL import Image

from apps.accounts.models import Role
from apps.care.tests.fixtures import care_plan_data
from apps.citizens.tests.conftest import send_and_confirm, sighting_data
from apps.core.images import clean_photo
from apps.directory.models import UnitType
from apps.grievances.services import About, lodge_as_official
from apps.matching.models import MatchCandidate
from apps.pfif.models import ImportedPerson, ReceivedFile
from apps.pfif.tests.conftest import SAMPLES as PFIF_SAMPLES
from apps.pfif.tests.conftest import import_now
from apps.portal.policies import POLICY_PAGES
from apps.reports.models import Report
from conftest import sign_in_verified

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="needs the system's Chromium (apt install chromium)"
    ),
]
# The rules of WCAG 2.0 and 2.1, levels A and AA; best practices are not the standard.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Forms also checked once sent with nothing in them, as their errors show.
SENT_EMPTY = {
    "/accounts/login/",
    "/khoya-paya/track/",
    "/khoya-paya/report/sighting/",
    "/khoya-paya/grievance/",
    "/reports/missing/new/",
    "/reports/found/new/",
    "/accounts/password/change/",
    "/drives/declare/",
}
# Pages read again in the other languages of the portal (other scripts, longer words).
IN_EVERY_LANGUAGE = ["/", "/khoya-paya/", "/accounts/login/"]
CARE_ENTRIES_BY_THE_HOME = ("plan", "progress", "investigation", "document")


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's event loop shares this thread with the test's own database reads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def records(
    officer,
    capital_ps,
    dcpu_officer,
    cwc_member,
    home_staff,
    munna_in_care,
    file_missing,
    khordha,
    make_drive,
    odisha,
):
    """Priya reported missing with a photo, a passer-by's sighting of her matched to her report,
    Munna in the children's home, found during Operation Smile, and the figures and overdue work
    computed from them."""
    drive = make_drive("Operation Smile", odisha)
    Report.objects.filter(pk=munna_in_care.report_id).update(drive=drive)
    photo = io.BytesIO()
    Image.new("RGB", (320, 400), "orange").save(photo, format="JPEG")
    priya = file_missing(officer, photos=[("priya.jpg", clean_photo(photo.getvalue()))])
    passer_by = Client()
    sighting = send_and_confirm(passer_by, "sighting", khordha, sighting_data(capital_ps))
    import_now(
        (PFIF_SAMPLES / "test.pfif-1.4.xml").read_bytes(),
        received_by=dcpu_officer,
        source_name="Nepal Police",
    )
    warden = Client()
    warden.force_login(home_staff)
    grievance = lodge_as_official(
        official=officer, about=About("case", report=priya), text="No call back from the IO"
    )
    plan = warden.post(f"/care/{munna_in_care.pk}/add/plan/", care_plan_data())
    assert plan.status_code == 302
    for command in ("compute_overdue", "refresh_dashboards", "send_monthly_digest"):
        call_command(command, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {
        "priya": priya,
        "sighting": sighting,
        "pair": MatchCandidate.objects.get(missing=priya, kind="match"),
        "munna": munna_in_care,
        "passer_by": passer_by,
        "partner_file": ReceivedFile.objects.get(),
        "partner_person": ImportedPerson.objects.get(),
        "grievance": grievance.reference,
        "drive": drive,
    }


def pages_of_each_reader(records, officials, odisha, khordha, capital_ps):
    """Who reads which pages: None is the passer-by who reported the sighting (not signed in)."""
    priya, pair, munna = records["priya"], records["pair"], records["munna"]
    return {
        None: [
            "/",
            "/khoya-paya/",
            "/khoya-paya/report/missing/",
            f"/khoya-paya/report/missing/?state={odisha.pk}&district={khordha.pk}",
            f"/khoya-paya/report/sighting/?state={odisha.pk}&district={khordha.pk}",
            f"/khoya-paya/report/inquiry/?state={odisha.pk}&district={khordha.pk}",
            "/khoya-paya/search/",
            "/khoya-paya/search/?q=Priya",
            "/khoya-paya/track/",
            f"/khoya-paya/case/{records['sighting']}/",
            "/khoya-paya/grievance/",
            "/khoya-paya/grievance/track/",
            "/directory/",
            "/directory/states/",
            f"/directory/states/{odisha.lgd_code}/",
            f"/directory/districts/{khordha.lgd_code}/",
            f"/directory/units/{capital_ps.pk}/",
            "/accounts/login/",
            "/accounts/password/reset/",
            *(f"/{page.slug}/" for page in POLICY_PAGES),
        ],
        officials["police"]: [
            "/",
            "/reports/",
            "/reports/?q=Priya",
            f"/reports/{priya.pk}/",
            f"/reports/{priya.pk}/edit/",
            f"/reports/{priya.pk}/history/",
            f"/reports/{priya.pk}/notice/",
            "/reports/missing/new/",
            "/reports/found/new/",
            "/reports/missing/new-across-india/",
            "/reports/outcomes/",
            "/matches/",
            f"/matches/{pair.pk}/",
            "/citizen-reports/",
            f"/citizen-reports/{records['sighting']}/",
            "/compliance/",
            "/grievances/",
            f"/grievances/{records['grievance']}/",
            "/bulk/",
            "/accounts/profile/",
            "/accounts/password/change/",
        ],
        officials["home"]: [
            "/care/",
            f"/care/{munna.pk}/",
            f"/care/{munna.pk}/plans/1/",
            "/care/admit/",
            *(f"/care/{munna.pk}/add/{entry}/" for entry in CARE_ENTRIES_BY_THE_HOME),
            f"/care/{munna.pk}/transfer/",
            f"/care/{munna.pk}/leave/",
            f"/care/{munna.pk}/ran-away/",
        ],
        officials["cwc"]: [f"/care/{munna.pk}/add/order/"],
        officials["district"]: [
            "/",
            f"/dashboards/districts/{khordha.lgd_code}/",
            f"/compliance/districts/{khordha.lgd_code}/",
            f"/alerts/digests/{khordha.lgd_code}/",
            "/accounts/officials/",
            f"/accounts/officials/unit/{officials['district'].unit_id}/",
            "/pfif/",
            f"/pfif/import/{records['partner_file'].pk}/",
            "/pfif/queue/",
            f"/pfif/queue/{records['partner_person'].pk}/",
        ],
        officials["state"]: [
            f"/dashboards/states/{odisha.lgd_code}/",
            f"/compliance/states/{odisha.lgd_code}/",
            "/audit/review/",
            "/drives/",
            "/drives/declare/",
        ],
        officials["national"]: [
            "/dashboards/india/",
            f"/dashboards/drives/{records['drive'].code}/",
            "/compliance/india/",
            "/audit/",
            "/audit/review/",
        ],
    }


def serious_problems(axe, page) -> list[str]:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{violation['id']} ({violation['impact']}) at {node['target']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


def test_no_page_has_a_serious_or_critical_accessibility_problem(
    browser,
    live_server,
    records,
    officer,
    home_staff,
    cwc_member,
    dcpu_officer,
    national_admin,
    make_unit,
    make_official,
    odisha,
    khordha,
    capital_ps,
):
    from axe_playwright_python.sync_playwright import Axe

    scps = make_unit(UnitType.SCPS, state=odisha, name="Odisha SCPS")
    officials = {
        "police": officer,
        "home": home_staff,
        "cwc": cwc_member,
        "district": dcpu_officer,
        "state": make_official("scps_odisha", Role.STATE_OFFICIAL, unit=scps),
        "national": national_admin,
    }
    axe = Axe()
    problems, opened = [], 0
    readers = pages_of_each_reader(records, officials, odisha, khordha, capital_ps)
    for reader, paths in readers.items():
        page = signed_in_page(browser, live_server, reader or records["passer_by"])
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, f"{path} as {reader}: {response.status}"
            assert page.url == f"{live_server.url}{path}", f"{path} as {reader} went elsewhere"
            problems += [f"{path} as {reader}: {found}" for found in serious_problems(axe, page)]
            if urlsplit(path).path in SENT_EMPTY:
                # The same form again, sent with nothing filled in: its errors are read too.
                send = page.locator("main form[method=post] [type=submit]")
                assert send.count(), f"{path} as {reader}: no form to send"
                send.first.click()
                page.wait_for_load_state()
                assert page.locator(".invalid-feedback, .errorlist").count() > 0, path
                problems += [
                    f"{path} sent empty as {reader}: {found}"
                    for found in serious_problems(axe, page)
                ]
            opened += 1
        page.context.close()

    for language in ("hi", "bn"):
        page = browser.new_context().new_page()
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        for path in IN_EVERY_LANGUAGE:
            page.goto(f"{live_server.url}{path}")
            assert page.locator("html").get_attribute("lang") == language
            problems += [f"{path} in {language}: {found}" for found in serious_problems(axe, page)]
            opened += 1
        page.context.close()

    assert opened > 60
    assert not problems, "\n".join(problems)


def signed_in_page(browser, live_server, reader):
    """A page of a browser context of its own, signed in as `reader` (an official, with two
    factors) or holding the session of `reader`, a citizen's client."""
    client = reader
    if not isinstance(reader, Client):
        client = Client()
        sign_in_verified(client, reader)
    context = browser.new_context()
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return context.new_page()
