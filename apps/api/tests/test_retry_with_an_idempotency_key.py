"""CCTNS did not get the answer to its POST and sends it again with the same Idempotency-Key:
it gets the first answer and nothing is written twice. The key sent with another request is
refused; while the first request still runs, the second is told to retry; a request that failed
leaves the key free."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from apps.api import services
from apps.api.models import IdempotentRequest
from apps.api.tests.conftest import fir
from apps.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def post(http, headers, data, key):
    return http.post(
        "/api/v1/cctns/firs/",
        data,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **headers,
    )


def test_the_same_post_again_gets_the_first_answer(client, odisha_cctns, bhubaneswar_station):
    _client, headers = odisha_cctns
    record = fir()

    first = post(client, headers, record, "7d3c5b1e")
    again = post(client, headers, record, "7d3c5b1e")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.json()["outcome"] == "created"
    report = Report.objects.get(kind="missing")
    assert report.history.count() == 1


def test_the_key_sent_with_another_request_is_refused(client, odisha_cctns, bhubaneswar_station):
    _client, headers = odisha_cctns
    post(client, headers, fir(), "7d3c5b1e")

    other = post(client, headers, fir(fir_number="113/2026"), "7d3c5b1e")

    assert other.status_code == 422
    assert other.json()["code"] == "key_reused"
    assert Report.objects.filter(kind="missing").count() == 1


def test_a_request_that_failed_leaves_the_key_free(client, odisha_cctns, bhubaneswar_station):
    _client, headers = odisha_cctns

    wrong = post(client, headers, fir(sex="X"), "7d3c5b1e")
    right = post(client, headers, fir(), "7d3c5b1e")

    assert (wrong.status_code, right.status_code) == (400, 201)


def test_while_the_first_request_runs_the_second_is_told_to_retry(
    client, odisha_cctns, bhubaneswar_station, monkeypatch
):
    _client, headers = odisha_cctns
    record, running, finish = fir(), threading.Event(), threading.Event()
    push = services.push_fir

    def slow_push(**kwargs):
        running.set()
        finish.wait(timeout=30)
        return push(**kwargs)

    monkeypatch.setattr(services, "push_fir", slow_push)
    answers = []

    def first_request():
        try:
            answers.append(post(Client(), headers, record, "7d3c5b1e"))
        finally:
            connection.close()

    thread = threading.Thread(target=first_request)
    thread.start()
    assert running.wait(timeout=30)
    second = post(client, headers, record, "7d3c5b1e")
    finish.set()
    thread.join(timeout=60)

    assert second.status_code == 409
    assert (second.json()["code"], second["Retry-After"]) == ("retry", "1")
    assert answers[0].status_code == 201
    assert IdempotentRequest.objects.get().status == 201


def test_a_key_is_forgotten_after_a_day(client, odisha_cctns, bhubaneswar_station):
    _client, headers = odisha_cctns
    post(client, headers, fir(), "7d3c5b1e")
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))

    other = post(client, headers, fir(fir_number="113/2026"), "7d3c5b1e")

    assert other.status_code == 201
    assert Report.objects.filter(kind="missing").count() == 2
