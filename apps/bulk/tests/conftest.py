"""Filled spreadsheets as a police station or institution would upload them."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from apps.accounts.models import Role
from apps.bulk.sheets import columns_for


def missing_row(number: int, **overrides) -> dict:
    seen = timezone.localtime() - timedelta(days=2)
    row = {
        "reference": f"REG-{number}",
        "registration_kind": "FIR",
        "fir_number": f"{number}/2026",
        "fir_registered_at": (seen + timedelta(hours=5)).strftime("%d/%m/%Y %H:%M"),
        "full_name": f"Child Number {number}",
        "sex": "Girl",
        "age": "11",
        "event_at": seen.strftime("%d/%m/%Y %H:%M"),
        "event_state": "Odisha",
        "event_district": "Khordha",
        "event_locality": "Bhubaneswar railway station",
        "circumstances": "Lost in a crowd",
        "languages": "Odia, Hindi",
        "publication_consent": "Yes",
    }
    return row | overrides


def care_row(number: int, **overrides) -> dict:
    found = timezone.localtime() - timedelta(days=3)
    row = {
        "reference": f"CH-{number}",
        "event_at": found.strftime("%d/%m/%Y %H:%M"),
        "event_state": "Odisha",
        "event_district": "Khordha",
        "found_by": "Railway (RPF / GRP)",
        "full_name": f"Child Number {number}",
        "sex": "Boy",
        "age_min": "9",
        "arrived_at": (found + timedelta(hours=4)).strftime("%d/%m/%Y %H:%M"),
        "category": "Child in need of care and protection",
        "route": "Brought in after being found",
    }
    return row | overrides


def sheet_csv(official, kind: str, rows: list[dict], name="children.csv") -> SimpleUploadedFile:
    columns = columns_for(kind, official=official)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([row.get(column.key, "") for column in columns])
    return SimpleUploadedFile(name, output.getvalue().encode("utf-8-sig"))


def sheet_xlsx(official, kind: str, rows: list[dict], name="children.xlsx"):
    columns = columns_for(kind, official=official)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append([column.header for column in columns])
    for row in rows:
        sheet.append([row.get(column.key) for column in columns])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


@pytest.fixture
def cci_staff(make_official, childrens_home):
    return make_official("cci_staff", Role.CCI_STAFF, unit=childrens_home)


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload as the official; the queued processing runs (eagerly) once the upload commits."""

    def send(official, kind, file, **headers):
        client.force_login(official)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/bulk/upload/", {"kind": kind, "file": file}, **headers)
        return client.get(response["Location"]) if response.status_code == 302 else response

    return send
