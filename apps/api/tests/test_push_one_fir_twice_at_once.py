"""CCTNS retries a push whose answer it did not get while the first is still running: both
pushes of FIR 112/2026 succeed, and the portal holds one report of it."""

import threading

import pytest
from django.db import connection
from django.test import Client

from apps.api import services
from apps.api.tests.conftest import fir, push
from apps.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_pushes_of_one_fir_at_once_give_one_report_and_succeed_both(
    odisha_cctns, bhubaneswar_station, monkeypatch
):
    _client, headers = odisha_cctns
    both_looked = threading.Barrier(2, timeout=10)
    looked_once = threading.local()
    read = services._fir_report

    def read_then_wait(*args):
        # Both pushes find no report before either files one: the race, every time.
        found = read(*args)
        if not getattr(looked_once, "done", False):
            looked_once.done = True
            both_looked.wait()
        return found

    monkeypatch.setattr(services, "_fir_report", read_then_wait)
    record, answers = fir(), []

    def push_on_own_connection():
        try:
            answers.append(push(Client(), headers, record))
        finally:
            connection.close()

    pushes = [threading.Thread(target=push_on_own_connection) for _ in range(2)]
    for thread in pushes:
        thread.start()
    for thread in pushes:
        thread.join(timeout=60)

    outcomes = sorted((answer.status_code, answer.json()["outcome"]) for answer in answers)
    assert outcomes == [(200, "unchanged"), (201, "created")], [a.json() for a in answers]
    report = Report.objects.get(kind="missing")
    assert {answer.json()["report_id"] for answer in answers} == {report.pk}
