from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.TextChoices):
    """The steps of a child's repatriation, in the order they are done."""

    VERIFICATION = (
        "verification",
        _("Home-country verification (through the embassy or the Ministry of External Affairs)"),
    )
    CWC_ORDER = "cwc_order", _("CWC order for repatriation")
    HANDOVER = "handover", _("Handover at the border")


STEPS = tuple(Step)
