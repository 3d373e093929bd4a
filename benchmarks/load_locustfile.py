"""The people of `bench_load.py`: officials who sign in with a password and an authenticator
code, then search, open records, read dashboards and the review queue and file reports; and
citizens on Khoya-Paya. Run by `bench_load.py` (it writes the plan this file reads from the
path in LOAD_PLAN), not by hand.

The portal runs as in production behind its TLS proxy (benchmarks/load_client.py)."""

import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.load_client import (
    authenticator_code,
    form_fields,
    prepare_session,
    referer,
)

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
OFFICIALS = sum(PLAN["counts"][role] for role in PLAN["officials"])
SIGN_INS: dict[str, list] = {"failed": []}
_signed_in = itertools.count(1)
_next_official = {role: itertools.count() for role in PLAN["officials"]}
_fir_numbers = itertools.count(1)


class Visitor(HttpUser):
    abstract = True
    wait_time = between(1, 5)

    def on_start(self):
        prepare_session(self.client)
        self.rng = random.Random()  # noqa: S311 - a load mix, not secrets

    def post_form(self, url: str, data: dict, *, name: str, files=None):
        page = self.client.get(url, name=f"{name} (form)")
        return self.client.post(
            url,
            data=form_fields(page.text, data),
            files=files,
            headers=referer(self.host, url),
            name=name,
        )


class Official(Visitor):
    abstract = True
    role = ""

    def on_start(self):
        super().on_start()
        login = PLAN["officials"][self.role][next(_next_official[self.role])]
        try:
            self.sign_in(login)
        finally:
            if next(_signed_in) == OFFICIALS:
                start_timing(self.environment)

    def sign_in(self, login: dict) -> None:
        """Password, then the authenticator's code; each POST (and the redirect it answers
        with) timed for the sign-in target."""
        fields = {"username": login["username"], "password": login["password"]}
        response = self.timed_post("/accounts/login/", fields, name="sign in: password")
        if "/two-factor/verify/" in response.url:
            verify = response.url.split(self.host, 1)[-1]
            fields = {"token": authenticator_code(login)}
            response = self.timed_post(verify, fields, name="sign in: authenticator code")
        if "/accounts/login/" in response.url or "/two-factor/" in response.url:
            SIGN_INS["failed"].append(login["username"])

    def timed_post(self, url: str, fields: dict, *, name: str):
        started = time.perf_counter()
        response = self.post_form(url, fields, name=name)
        SIGN_INS.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        return response

    @task(5)
    def search(self):
        query = self.rng.choice(PLAN["searches"])
        self.client.get("/reports/", params=query["params"], name=f"search: {query['kind']}")

    @task(4)
    def open_record(self):
        self.client.get(f"/reports/{self.rng.choice(PLAN['records'])}/", name="open a record")


class PoliceOfficer(Official):
    fixed_count = PLAN["counts"]["police"]
    role = "police"

    @task(1)
    def national_feed(self):
        self.client.get("/reports/missing/new-across-india/", name="national feed")

    @task(1)
    def file_without_photo(self):
        self.file_report(photo=False)

    @task(1)
    def file_with_photo(self):
        self.file_report(photo=True)

    def file_report(self, *, photo: bool):
        data = {**PLAN["missing_report"], "fir_number": f"{next(_fir_numbers)}/{os.getpid()}"}
        files = None
        if photo:
            files = {"photos": ("child.jpg", open(PLAN["photo"], "rb"), "image/jpeg")}  # noqa: SIM115
        name = "file a report with a photo" if photo else "file a report"
        response = self.post_form("/reports/missing/new/", data, name=name, files=files)
        if response.ok and "/reports/missing/new/" in response.url:
            response.failure("the form came back: " + response.text[:200])


class Supervisor(Official):
    abstract = True

    @task(3)
    def dashboard(self):
        self.client.get(self.rng.choice(PLAN["dashboards"][self.role]), name="dashboard")

    @task(3)
    def review_queue(self):
        self.client.get("/matches/", name="review queue")


class DistrictOfficial(Supervisor):
    fixed_count = PLAN["counts"]["district"]
    role = "district"


class StateOfficial(Supervisor):
    fixed_count = PLAN["counts"]["state"]
    role = "state"


class NationalOfficial(Supervisor):
    fixed_count = PLAN["counts"]["national"]
    role = "national"


class Citizen(Visitor):
    fixed_count = PLAN["counts"]["citizens"]

    @task(1)
    def khoya_paya_home(self):
        self.client.get("/khoya-paya/", name="Khoya-Paya: home")

    @task(3)
    def khoya_paya_search(self):
        self.client.get(
            "/khoya-paya/search/",
            params=self.rng.choice(PLAN["public_searches"]),
            name="Khoya-Paya: search",
        )


def start_timing(environment) -> None:
    """Once every official has signed in: forget what came before and run for the duration."""
    environment.runner.stats.reset_all()
    gevent.spawn_later(PLAN["duration"], environment.runner.quit)


@events.test_stop.add_listener
def write_sign_ins(environment, **kwargs):
    with open(os.environ["LOAD_SIGN_INS"], "w", encoding="utf-8") as out:
        json.dump(SIGN_INS, out)
