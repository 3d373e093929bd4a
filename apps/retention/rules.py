"""The retention rules: what is removed or minimised, and after how long.

The periods are settings read from the environment (trackchild/settings.py, RETENTION_*), so an
operator sets the legal periods without a release; docs/operations.md lists them.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

UNVERIFIED_COMPLAINTS = "unverified_complaints"
VERIFICATION_CODES = "verification_codes"
UNCONFIRMED_DATA_REQUESTS = "unconfirmed_data_requests"
UNCONFIRMED_GRIEVANCES = "unconfirmed_grievances"
CLOSED_CASES = "closed_cases"
ACCESS_LOG = "access_log"

RULE_CHOICES = [
    (UNVERIFIED_COMPLAINTS, _("Citizens' complaints never confirmed by their mobile: deleted")),
    (VERIFICATION_CODES, _("One-time codes sent to citizens' mobiles: deleted")),
    (
        UNCONFIRMED_DATA_REQUESTS,
        _("Families' data requests never confirmed by their mobile: deleted"),
    ),
    (UNCONFIRMED_GRIEVANCES, _("Grievances never confirmed by their mobile: deleted")),
    (CLOSED_CASES, _("Cases closed long ago: photos, contacts and addresses removed")),
    (ACCESS_LOG, _("Access log entries past their legal period: deleted")),
]


@dataclass(frozen=True)
class Rule:
    name: str
    keep_for: timedelta


def configured_rules() -> list[Rule]:
    """Every rule with its period as configured now, in the order they run."""
    return [
        Rule(UNVERIFIED_COMPLAINTS, timedelta(days=settings.RETENTION_UNVERIFIED_COMPLAINT_DAYS)),
        Rule(VERIFICATION_CODES, timedelta(days=settings.RETENTION_VERIFICATION_CODE_DAYS)),
        # Like a complaint never confirmed: nobody asked anything of the station.
        Rule(
            UNCONFIRMED_DATA_REQUESTS,
            timedelta(days=settings.RETENTION_UNVERIFIED_COMPLAINT_DAYS),
        ),
        Rule(UNCONFIRMED_GRIEVANCES, timedelta(days=settings.RETENTION_UNVERIFIED_COMPLAINT_DAYS)),
        Rule(CLOSED_CASES, timedelta(days=365 * settings.RETENTION_CLOSED_CASE_YEARS)),
        Rule(ACCESS_LOG, timedelta(days=settings.RETENTION_ACCESS_LOG_DAYS)),
    ]
