from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.audit.models import AccessAction
from apps.audit.services import record_access
from apps.core.downloads import private_download
from apps.pfif.selectors import can_exchange_pfif
from apps.repatriation import selectors, services
from apps.repatriation.forms import StepForm


@login_required
def report_case(request, pk):
    return _page(request, selectors.case_of_report(request.user, pk))


@login_required
def child_case(request, pk):
    return _page(request, selectors.case_of_child(request.user, pk))


def _page(request, case):
    form = StepForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_step(
                case=case,
                step=data["step"],
                done_on=data["done_on"],
                reference=data["reference"],
                note=data["note"],
                recorded_by=request.user,
                document=data["upload"],
                document_title=data["document_title"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(step)s” is recorded.") % {"step": data["step"].label})
            return redirect(case)
    else:
        record_access(
            request, action=AccessAction.VIEW_RECORD, record=case.record, owner_unit=case.owner
        )
    return render(
        request,
        "repatriation/case.html",
        {
            "case": case,
            "steps": selectors.steps_of(case),
            "form": form,
            "can_export": can_exchange_pfif(request.user),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def document(request, public_id):
    stored, case = selectors.document_for(request.user, public_id)
    record_access(
        request,
        action=AccessAction.VIEW_RECORD,
        record=case.record,
        owner_unit=case.owner,
        detail=f"repatriation document: {stored.title}"[:300],
    )
    return private_download(
        stored.file,
        content_type=stored.content_type,
        filename=f"{case.record.case_number}-repatriation-{stored.pk}.{stored.extension}",
    )
