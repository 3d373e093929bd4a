"""Exports of children's data: each needs a reason, is written in the access log with that
reason and its number of rows, and its file carries who exported it, when and why (the stamp),
so that a copy found where it should not be says where it came from."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.audit.models import AccessAction, AccessLog
from apps.audit.services import record_access

REASON_MAX_LENGTH = 150


class ExportReasonForm(forms.Form):
    """The reason asked before every export; other export forms inherit it."""

    reason = forms.CharField(
        label=_("Reason for this export"),
        max_length=REASON_MAX_LENGTH,
        help_text=_(
            "For example: monthly review of open cases with the SP. It is written in the file "
            "and in the access log."
        ),
        error_messages={
            "required": _(
                "Say why you are exporting these children's records: without a reason nothing "
                "is exported."
            )
        },
    )


def export_stamp(user, reason: str, at=None) -> str:
    """The line every exported file carries."""
    at = timezone.localtime(at or timezone.now())
    unit = getattr(user, "unit", None)
    return gettext("Exported by %(name)s (%(unit)s) on %(when)s for: %(reason)s — confidential") % {
        "name": user.get_full_name() or user.get_username(),
        "unit": unit.name if unit is not None else "—",
        "when": at.strftime("%d/%m/%Y %H:%M"),
        "reason": reason,
    }


def stamp_workbook(workbook, stamp: str) -> None:
    """The stamp as the first row of every sheet and in the document's properties."""
    for sheet in workbook.worksheets:
        sheet.insert_rows(1)
        sheet.cell(row=1, column=1, value=stamp)
    workbook.properties.description = stamp
    workbook.properties.keywords = gettext("confidential")


def stamp_xml(document: bytes, stamp: str) -> bytes:
    """The stamp as a comment just after the XML declaration (a comment may not hold "--")."""
    comment = ("<!-- " + stamp.replace("--", "- -") + " -->").encode("utf-8")
    declaration_end = document.find(b"?>") + 2 if document.startswith(b"<?xml") else 0
    return b"%s\n%s%s" % (document[:declaration_end], comment, document[declaration_end:])


def record_export(request, *, reason: str, rows: int, what: str, owner_unit=None) -> AccessLog:
    # The reason first: a long description of what was exported is what gets cut.
    return record_access(
        request,
        action=AccessAction.EXPORT,
        owner_unit=owner_unit,
        detail=f"{rows} rows; reason: {reason}; {what}",
        rows=rows,
    )


def ask_for_reason(request, form: ExportReasonForm, *, title: str) -> HttpResponse:
    """The page asking the reason for an export; 400 when a request came without one."""
    return render(
        request,
        "audit/export_reason.html",
        {"form": form, "title": title, "action": request.get_full_path()},
        status=400 if form.is_bound else 200,
    )
