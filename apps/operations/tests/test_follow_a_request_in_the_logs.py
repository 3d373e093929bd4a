"""An operator follows one request through the JSON logs: the web line and the lines of the
tasks it started carry the same request id, which the response also returns."""

import pytest
from celery.contrib.testing.worker import start_worker

from apps.accounts.tasks import clear_expired_sessions
from apps.operations import context
from apps.reports.tests.fixtures import missing_report_data
from trackchild.celery import app


def request_lines(log):
    return [line for line in log.records() if line["logger"] == "trackchild.requests"]


@pytest.mark.django_db
def test_a_request_is_logged_as_json_with_the_id_the_proxy_gave_it(client, json_log):
    response = client.get("/", headers={"X-Request-ID": "caddy-5f2b9c1e"})

    assert response["X-Request-ID"] == "caddy-5f2b9c1e"
    (line,) = request_lines(json_log)
    assert line["request_id"] == "caddy-5f2b9c1e"
    assert (line["method"], line["path"], line["status"], line["view"]) == (
        "GET",
        "/",
        200,
        "portal:home",
    )
    assert line["level"] == "INFO"


@pytest.mark.django_db
def test_an_unsafe_request_id_is_replaced_by_a_new_one(client, json_log):
    response = client.get("/", headers={"X-Request-ID": 'x" injected="1'})

    new_id = response["X-Request-ID"]
    assert len(new_id) == 32
    assert new_id.isalnum()
    assert request_lines(json_log)[0]["request_id"] == new_id


def test_the_tasks_a_filed_report_starts_log_the_request_id(
    transactional_db, client, officer, odisha, khordha, json_log
):
    """The report is committed inside the request, as in production, so its tasks start there."""
    client.force_login(officer)

    response = client.post(
        "/reports/missing/new/",
        missing_report_data(odisha, khordha),
        headers={"X-Request-ID": "filing-0001"},
    )

    assert response.status_code == 302
    task_lines = {line["task_name"]: line for line in json_log.records() if line["task_name"]}
    assert task_lines["apps.matching.tasks.process_report"]["request_id"] == "filing-0001"
    assert task_lines["apps.alerts.tasks.alert_new_report"]["request_id"] == "filing-0001"


def test_a_worker_logs_the_request_id_of_the_task_it_was_sent(
    transactional_db, queued_tasks, json_log
):
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        token = context.bind(request_id="web-request-42")
        try:
            result = clear_expired_sessions.delay()
        finally:
            context.unbind(token)
        result.get(timeout=60)

    (line,) = [
        line
        for line in json_log.records()
        if line["task_name"] == "apps.accounts.tasks.clear_expired_sessions"
    ]
    assert line["request_id"] == "web-request-42"
    assert line["task_id"] == result.id
