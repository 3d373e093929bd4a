"""A fresh web worker warms itself before its first request (gunicorn.conf.py calls
apps.core.warmup.warm_up): the first official it serves does not wait for templates to be read
and compiled or for views to be imported."""

import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.template import engines
from django.template.loaders.filesystem import Loader

from apps.accounts.models import Role
from apps.core.warmup import warm_up
from apps.directory.models import UnitType
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def test_after_warming_up_the_first_pages_read_no_template(
    client, make_unit, make_official, khordha
):
    station = make_unit(UnitType.POLICE_STATION, district=khordha)
    officer = make_official("si_capital", Role.POLICE_OFFICER, unit=station)
    forget_compiled_templates()
    warm_up()
    sign_in_verified(client, officer)

    with mock.patch.object(Loader, "get_contents", autospec=True) as read:
        assert client.get("/reports/", {"name": "Rani"}).status_code == 200
        assert client.get("/reports/missing/new/").status_code == 200

    assert read.call_args_list == []


def test_a_worker_starting_while_postgresql_is_down_still_starts(caplog):
    # gunicorn halts every worker when one fails to boot, so an outage must not stop it.
    refused = OperationalError("connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        warm_up()

    assert "PostgreSQL is not reachable" in caplog.text


def forget_compiled_templates():
    """As in a fresh process, whatever the tests before this one rendered."""
    for loader in engines["django"].engine.template_loaders:
        loader.reset()


def test_gunicorn_warms_each_worker_and_runs_four_a_core(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    with mock.patch("apps.core.warmup.warm_up") as warm:
        config["post_worker_init"](worker=None)

    warm.assert_called_once()
    assert config["workers"] == min(4 * config["CORES"], 16)
