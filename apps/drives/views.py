from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.drives import selectors, services
from apps.drives.forms import DeclareDriveForm


@login_required
def drive_list(request):
    if not selectors.can_see_drives(request.user):
        raise PermissionDenied
    return render(
        request,
        "drives/drive_list.html",
        {
            "drives": selectors.all_drives(),
            "today": timezone.localdate(),
            "can_declare": selectors.can_declare(request.user),
        },
    )


@login_required
def declare(request):
    if not selectors.can_declare(request.user):
        raise PermissionDenied
    form = DeclareDriveForm(request.POST or None, official=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            drive = services.declare_drive(
                drive=form.save(commit=False),
                states=list(form.cleaned_data["states"]),
                declared_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(drive)s is declared.") % {"drive": drive})
            return redirect("drives:list")
    return render(request, "drives/declare.html", {"form": form})
