"""Receiving a filled spreadsheet and importing its rows through the web forms and services.

Every row is checked by the same forms as the web page and saved by the same services
(apps.reports.services.file_report, apps.care.services.admit_child), each row in its own
transaction: a bad row is reported and never stops the good ones.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.bulk import selectors
from apps.bulk.files import MAX_FILE_BYTES, too_large
from apps.bulk.kinds import CARE
from apps.bulk.models import ImportedRow, Upload, UploadStatus
from apps.bulk.sheets import (
    REFERENCE,
    Column,
    SheetError,
    cell_text,
    columns_for,
    read_rows,
    row_forms,
)
from apps.bulk.values import RowValues
from apps.care.services import admit_child
from apps.outbox.selectors import is_waiting
from apps.outbox.services import enqueue
from apps.reports.services import file_report

PROGRESS_EVERY = 50
ALREADY_UPLOADED = gettext_lazy(
    "This file was already uploaded on %(date)s: nothing in it is imported twice. To add "
    "rows, add them to the file and upload it again."
)


def start_upload(*, file, kind: str, uploaded_by, language: str) -> Upload:
    """Store the file and queue its processing; refuse a file this unit already uploaded. The
    same file sent again while the first is still waiting (say, the broker was down) hands the
    first one over again instead of storing it twice."""
    selectors.require_upload(uploaded_by, kind)
    if file.size > MAX_FILE_BYTES:
        raise ValidationError(str(too_large()))
    data = file.read()
    sha256 = hashlib.sha256(data).hexdigest()
    earlier = selectors.earlier_upload_of(uploaded_by.unit, kind, sha256)
    if earlier is not None and earlier.status != UploadStatus.DONE:
        return earlier if _is_waiting(earlier) else process_again(earlier)
    if earlier is not None:
        uploaded_on = timezone.localtime(earlier.uploaded_at).strftime("%d/%m/%Y %H:%M")
        raise ValidationError(ALREADY_UPLOADED % {"date": uploaded_on}, code="already_uploaded")
    with transaction.atomic():
        upload = Upload(
            kind=kind,
            unit=uploaded_by.unit,
            uploaded_by=uploaded_by,
            language=language,
            file_name=file.name[:255],
            sha256=sha256,
        )
        upload.file.save("upload", ContentFile(data), save=False)
        upload.save()
        _queue(upload)
    return upload


@transaction.atomic
def process_again(upload: Upload) -> Upload:
    """Queue a stuck or failed upload once more; rows imported before are skipped."""
    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    if upload.status == UploadStatus.FAILED:
        upload.status, upload.finished_at = UploadStatus.QUEUED, None
        upload.save(update_fields=["status", "finished_at"])
    _queue(upload)
    return upload


def _queue(upload: Upload) -> None:
    from apps.bulk.tasks import process_upload

    enqueue(process_upload, upload.pk)


def _is_waiting(upload: Upload) -> bool:
    from apps.bulk.tasks import process_upload

    return is_waiting(process_upload, upload.pk)


def import_upload_rows(upload_id: int) -> Upload:
    """Import every valid row; safe to run twice (imported references are skipped)."""
    upload = Upload.objects.select_related("uploaded_by__unit").get(pk=upload_id)
    if upload.status == UploadStatus.DONE:
        return upload
    with translation.override(upload.language):
        columns = columns_for(upload.kind, official=upload.uploaded_by)
        try:
            with upload.file.open("rb") as stored:
                rows = read_rows(stored.read(MAX_FILE_BYTES + 1), columns)
        except SheetError as error:
            upload.errors = [[None, "", "", str(error)]]
            _finish(upload, UploadStatus.FAILED)
            return upload
        # A run that died half-way starts again from the top; its imported rows are skipped.
        _set_progress(
            upload,
            status=UploadStatus.PROCESSING,
            rows_total=len(rows),
            rows_done=0,
            rows_imported=0,
            rows_skipped=0,
            rows_failed=0,
            errors=[],
        )
        importer = _RowImporter(upload, columns)
        for done, (number, row) in enumerate(rows, start=1):
            importer.import_row(number, row)
            if done % PROGRESS_EVERY == 0:
                _set_progress(upload, rows_done=done)
        upload.rows_done = len(rows)
        _finish(upload, UploadStatus.DONE)
    return upload


def _set_progress(upload: Upload, **values) -> None:
    for name, value in values.items():
        setattr(upload, name, value)
    Upload.objects.filter(pk=upload.pk).update(**values)


def _finish(upload: Upload, status: UploadStatus) -> None:
    upload.status, upload.finished_at = status, timezone.now()
    upload.save()


class _RowImporter:
    def __init__(self, upload: Upload, columns: list[Column]):
        self.upload = upload
        self.official = upload.uploaded_by
        self.values = RowValues(columns)
        self.labels = {column.key: column.label for column in columns}
        self.done = set(
            ImportedRow.objects.filter(unit=upload.unit, kind=upload.kind).values_list(
                "reference", flat=True
            )
        )

    def import_row(self, number: int, row: dict) -> None:
        reference = str(row.get(REFERENCE) or "").strip()[:100]
        if not reference:
            self._fail(number, [(REFERENCE, "", _("Give your reference for this child."))])
            return
        if reference.casefold() in self.done:
            self.upload.rows_skipped += 1
            return
        data = self.values.form_data(row)
        forms = row_forms(self.upload.kind, data, official=self.official)
        errors = [
            (key, row.get(key), message)
            for form in forms
            if not form.is_valid()
            for key, messages in form.errors.items()
            for message in messages
        ]
        if not errors:
            errors = self._save(number, reference, forms)
        if errors:
            self._fail(number, errors)

    def _save(self, number: int, reference: str, forms) -> list:
        """Save a valid row; return the errors the services still found (none when saved)."""
        try:
            with transaction.atomic():
                report = file_report(
                    report=forms[0].instance, filed_by=self.official, marks=[], photos=[]
                )
                child = None
                if self.upload.kind == CARE:
                    child = forms[1].instance
                    child.report = report
                    admit_child(child=child, admitted_by=self.official)
                ImportedRow.objects.create(
                    unit=self.upload.unit,
                    kind=self.upload.kind,
                    reference=reference.casefold(),
                    upload=self.upload,
                    row_number=number,
                    report=report,
                    child=child,
                )
        except ValidationError as error:
            return [("__all__", "", message) for message in error.messages]
        except IntegrityError:
            # Another run of this upload imported the reference meanwhile.
            self.upload.rows_skipped += 1
        else:
            self.upload.rows_imported += 1
        self.done.add(reference.casefold())
        return []

    def _fail(self, number: int, errors: list) -> None:
        self.upload.rows_failed += 1
        for key, value, message in errors:
            label = self.labels.get(key, "") if key != "__all__" else ""
            self.upload.errors.append([number, label, cell_text(value), str(message)])
