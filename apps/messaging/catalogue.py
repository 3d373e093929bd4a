"""The messages the portal may send. India's DLT rules allow only registered SMS templates: each
has the template ID the operator registered (`SMS_DLT_TEMPLATE_IDS` in settings), and its text must
keep the registered wording, with only the variables filled in."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    text: str  # gettext_lazy, with %(name)s variables
    subject: str = ""

    @property
    def dlt_template_id(self) -> str:
        return settings.SMS_DLT_TEMPLATE_IDS.get(self.key, "")


VERIFICATION_CODE = MessageTemplate(
    "verification_code",
    _("%(code)s is your TrackChild verification code, valid for 10 minutes. Do not share it."),
    subject=_("Your TrackChild verification code"),
)
INQUIRY_MATCH = MessageTemplate(
    "inquiry_match",
    _(
        "TrackChild: a parent's inquiry %(reference)s may match your report %(case)s. "
        "The parent has been asked to contact you; please check the portal."
    ),
    subject=_("A parent may be looking for a child you reported found"),
)
TEMPLATES = {template.key: template for template in (VERIFICATION_CODE, INQUIRY_MATCH)}
