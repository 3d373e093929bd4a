"""The production check's story, run against a live gunicorn and live workers (.ci/production).

`prepare` adds a police station with its CCTNS code and the district police office, and prints an
API key for Odisha's CCTNS and 1098 centre. `story BASE_URL KEY` pushes Priya's FIR and the 1098
centre's sighting of her over HTTP, then waits until the matching worker has proposed the pair and
the messaging worker has sent the alerts.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from apps.api import services as api  # noqa: E402
from apps.api.models import Scope  # noqa: E402
from apps.directory.models import District, Unit, UnitType  # noqa: E402
from apps.matching.models import MatchCandidate  # noqa: E402
from apps.messaging.models import Message, MessageStatus  # noqa: E402
from apps.reports.models import Report  # noqa: E402

WAIT_SECONDS = 120


def say(line: str) -> None:
    print(f"production: {line}", flush=True)


def prepare() -> None:
    khordha = District.objects.get(lgd_code=362)
    Unit.objects.create(
        unit_type=UnitType.POLICE_STATION,
        name="Capital Police Station",
        district=khordha,
        state=khordha.state,
        cctns_code="21101001",
        phone="9437000001",
        email="capital-ps@police.example",
    )
    Unit.objects.create(
        unit_type=UnitType.DISTRICT_POLICE,
        name="SP Khordha",
        district=khordha,
        state=khordha.state,
        phone="9437000002",
        email="sp-khordha@police.example",
    )
    _client, key = api.create_client(
        name="CCTNS and 1098 Odisha",
        state=khordha.state,
        district=None,
        scopes=[Scope.READ, Scope.WRITE_MISSING, Scope.WRITE_SIGHTINGS],
        calls_per_minute=60,
    )
    print(key)


def post(base_url: str, key: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the base URL is the script's own http://
        f"{base_url}{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Api-Key {key}",
            "Content-Type": "application/json",
            # gunicorn stands where the TLS proxy's upstream would be.
            "X-Forwarded-Proto": "https",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - as above
            say(f"POST {path} -> {answer.status}")
            return json.load(answer)
    except urllib.error.HTTPError as error:
        sys.exit(f"production: POST {path} -> {error.code} {error.read().decode()[:2000]}")


def story(base_url: str, key: str) -> None:
    now = timezone.now()
    fir = post(
        base_url,
        key,
        "/api/v1/cctns/firs/",
        {
            "state": 21,
            "police_station_code": "21101001",
            "fir_number": "112/2026",
            "fir_year": timezone.localtime(now - timedelta(hours=2)).year,
            "fir_registered_at": (now - timedelta(hours=2)).isoformat(),
            "full_name": "Priya Sahu",
            "sex": "F",
            "age": 11,
            "identification_marks": "Mole on left cheek",
            "languages": ["or", "hi"],
            "father_name": "Ramesh Sahu",
            "event_at": (now - timedelta(days=1)).isoformat(),
            "event_state": 21,
            "event_district": 362,
            "event_locality": "Bhubaneswar railway station",
            "circumstances": "lost_in_crowd",
        },
    )
    sighting = post(
        base_url,
        key,
        "/api/v1/helpline/sightings/",
        {
            "helpline": "1098",
            "call_id": "OD-2026-118812",
            "event_at": (now - timedelta(minutes=40)).isoformat(),
            "event_state": 21,
            "event_district": 362,
            "event_locality": "Bhubaneswar railway station, platform 3",
            "full_name": "Priya",
            "sex": "F",
            "age_min": 10,
            "age_max": 12,
            "identification_marks": "Mole on left cheek",
        },
    )
    missing = Report.objects.get(pk=fir["report_id"])
    found = Report.objects.get(pk=sighting["report_id"])
    say(f"filed {missing.case_number} (missing) and {found.case_number} (sighting)")

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        pair = MatchCandidate.objects.filter(missing=missing, other=found).first()
        alerts = Message.objects.filter(created_at__gte=now)
        sent = alerts.filter(status=MessageStatus.SENT).count()
        if pair is not None and sent and sent == alerts.count():
            say(f"the matching worker proposed {missing.case_number} ~ {found.case_number}")
            say(f"the messaging worker sent all {sent} alerts: {alert_summary(alerts)}")
            return
        time.sleep(1)
    sys.exit(
        f"production: after {WAIT_SECONDS} s: pair proposed: {pair is not None}; "
        f"alerts: {alert_summary(alerts) or 'none'}"
    )


def alert_summary(alerts) -> str:
    return ", ".join(f"{m.template} to {m.recipient} ({m.status})" for m in alerts.order_by("pk"))


if __name__ == "__main__":
    {"prepare": prepare, "story": story}[sys.argv[1]](*sys.argv[2:])
