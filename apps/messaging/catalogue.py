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
    # E-mail has room for more than the registered SMS wording; when given, e-mail uses this.
    email_text: str = ""
    # Or, for an e-mail that lists things, Django templates: "<name>.txt" for its text and
    # "<name>.html" for its HTML part, rendered in the recipient's language.
    email_templates: str = ""

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
INQUIRY_ANSWER = MessageTemplate(
    "inquiry_answer",
    _(
        "TrackChild: a found child may match your inquiry %(reference)s. Please contact "
        "%(unit)s %(phone)s and quote your reference."
    ),
    subject=_("A found child may match your inquiry %(reference)s"),
)
# To a parent whose inquiry is still searching (docs/citizens.md): the stop link makes it long,
# so the wording is short; with the link, Hindi and Bengali must still fit in three parts.
INQUIRY_LATER_MATCH = MessageTemplate(
    "inquiry_later_match",
    _(
        "TrackChild: a child found since may match your inquiry %(reference)s. "
        "Contact %(unit)s %(phone)s. Stop these SMS: %(stop_link)s"
    ),
    subject=_("A child found since may match your inquiry %(reference)s"),
)
NEW_MISSING_CHILD = MessageTemplate(
    "new_missing_child",
    _(
        "TrackChild: child missing, %(case)s, %(child)s, last seen %(when)s at %(place)s. "
        "Contact %(unit)s %(phone)s."
    ),
    subject=_("Child missing in or near your district: %(case)s"),
    email_text=_(
        "A child has been reported missing in or near your district.\n\n"
        "Case: %(case)s\nChild: %(child)s\nLast seen: %(when)s at %(place)s\n"
        "Reported by: %(unit)s, %(phone)s\n\n"
        "Look out for the child, and open the report on the portal: %(link)s"
    ),
)
# To the SPs of the districts along the railway routes from where a child at high risk (suspected
# trafficking, or last seen at a railway station) was last seen; the route names are in e-mail
# only, as they would push a Hindi SMS past three parts.
HIGH_RISK_ON_ROUTE = MessageTemplate(
    "high_risk_on_route",
    _(
        "TrackChild: child at risk may travel by rail to your district: %(case)s, %(child)s, "
        "last seen %(when)s at %(place)s. Contact %(unit)s %(phone)s."
    ),
    subject=_("Child at risk may travel by rail to your district: %(case)s"),
    email_text=_(
        "A child at high risk has been reported missing, last seen in a district on a railway "
        "route through yours (%(route)s).\n\n"
        "Case: %(case)s\nChild: %(child)s\nLast seen: %(when)s at %(place)s\n"
        "Reported by: %(unit)s, %(phone)s\n\n"
        "Alert the railway police and stations of your district, and open the report on the "
        "portal: %(link)s"
    ),
)
# Every morning by e-mail to each police station and SP office (its State/UT, the neighbouring
# ones and suspected trafficking from all India) and to the State police and SCPS (their State).
DAILY_BULLETIN = MessageTemplate(
    "daily_bulletin",
    _(
        "TrackChild: %(count)s children reported missing on %(day)s %(coverage)s. "
        "See the list: %(link)s"
    ),
    subject=_("Children reported missing on %(day)s: %(count)s"),
    email_text=_(
        "%(count)s children were reported missing on %(day)s %(coverage)s, newest first:\n\n"
        "%(cases)s\n\n"
        "Look out for them. Every new missing child of India, with photos where the family "
        "consented: %(link)s"
    ),
)
STRONG_MATCH = MessageTemplate(
    "strong_match",
    _(
        "TrackChild: missing child %(missing)s may be %(other)s (score %(score)s). "
        "Please compare the two reports on the portal and decide."
    ),
    subject=_("Strong possible match: %(missing)s and %(other)s"),
    email_text=_(
        "The portal found a strong possible match between missing child %(missing)s and "
        "%(other)s (score %(score)s of 100).\n\n"
        "Please compare the two reports and confirm or reject the match: %(link)s"
    ),
)
DUPLICATE_CLOSED = MessageTemplate(
    "duplicate_closed",
    _(
        "TrackChild: report %(duplicate)s is closed as a duplicate of %(primary)s, the same "
        "child reported twice. The case goes on under %(primary)s."
    ),
    subject=_("%(duplicate)s is closed as a duplicate of %(primary)s"),
    email_text=_(
        "Report %(duplicate)s and report %(primary)s are the same child, reported twice. "
        "%(duplicate)s is closed as a duplicate and points to %(primary)s, where the case goes "
        "on; its photos, marks and case notes are shown there.\n\n"
        "Open the report: %(link)s"
    ),
)
CITIZEN_SIGHTING = MessageTemplate(
    "citizen_sighting",
    _(
        "TrackChild: a citizen saw a child who may be missing, %(child)s, at %(place)s "
        "on %(when)s. Report %(case)s; please act."
    ),
    subject=_("A citizen saw a child who may be missing: %(case)s"),
    email_text=_(
        "A citizen reported seeing a child who may be missing.\n\n"
        "Report: %(case)s\nChild: %(child)s\nSeen: %(when)s at %(place)s\n\n"
        "Please check on the child and open the report on the portal: %(link)s"
    ),
)
OVERDUE_WORK = MessageTemplate(
    "overdue_work",
    _(
        "TrackChild: %(unit)s has %(count)s overdue items (orders, care plans, reports or "
        "citizens' complaints). Please update the records on the portal."
    ),
    subject=_("Overdue work at %(unit)s"),
    email_text=_(
        "%(unit)s has %(count)s overdue items: orders, care plans, progress reports or found "
        "reports not uploaded, or citizens' complaints not answered, within the time the rules "
        "allow.\n\n"
        "See the list and bring the records up to date: %(link)s"
    ),
)
COMPLAINT_UNANSWERED = MessageTemplate(
    "complaint_unanswered",
    _(
        "TrackChild: citizen's complaint %(reference)s of a missing child, received by "
        "%(unit)s on %(when)s, is still unanswered. Please follow it up: %(link)s"
    ),
    subject=_("Citizen's complaint unanswered at %(unit)s"),
    email_text=_(
        "A citizen's complaint of a missing child, %(reference)s, reached %(unit)s "
        "(%(district)s) on %(when)s and is still unanswered: the station has neither registered "
        "it as a missing report (FIR / GD) nor declined it with a reason, within the time the "
        "rules allow. It is escalated to the district's SP office and child protection unit.\n\n"
        "See the complaint on the portal: %(link)s"
    ),
)
OVERDUE_IN_DISTRICT = MessageTemplate(
    "overdue_in_district",
    _(
        "TrackChild: %(units)s units in %(district)s have %(count)s overdue items. "
        "See Overdue work on the portal."
    ),
    subject=_("Overdue work in %(district)s"),
    email_text=_(
        "%(units)s units in %(district)s have %(count)s overdue items between them:\n"
        "%(unit_list)s\n\nSee the list on the portal: %(link)s"
    ),
)
# To the district's SP office, once a day: the missing reports its stations entered late the day
# before (a late entry cannot be made up, so a summary rather than one SMS per report).
LATE_MISSING_REPORTS = MessageTemplate(
    "late_missing_reports",
    _(
        "TrackChild: %(count)s missing reports were entered late in %(district)s on %(day)s, "
        "over %(hours)s h after their FIR/GD, by %(stations)s police stations. "
        "See Overdue work on the portal."
    ),
    subject=_("Missing reports entered late in %(district)s on %(day)s"),
    email_text=_(
        "%(count)s missing reports were entered on the portal late in %(district)s on %(day)s: "
        "more than %(hours)s hours after the FIR or GD entry they give, the time the rules "
        "allow. By police station, with the hours from the FIR/GD to the entry:\n"
        "%(station_list)s\n\n"
        "A late entry cannot be made up; it is counted on the compliance pages and listed in "
        "Overdue work: %(link)s"
    ),
)
MONTHLY_DIGEST = MessageTemplate(
    "monthly_digest",
    _(
        "TrackChild %(month)s, %(district)s: missing %(missing)s, found %(found)s, "
        "matched %(matched)s, restored %(restored)s, open over 30 days %(open_long)s, "
        "institutions late %(late)s of %(institutions)s."
    ),
    subject=_("Missing and found children in %(district)s, %(month)s"),
    email_text=_(
        "Missing and found children in %(district)s, %(month)s\n\n"
        "Missing children reported: %(missing)s\n"
        "Found or recovered children reported: %(found)s\n"
        "Matched on the portal: %(matched)s\n"
        "Restored to family: %(restored)s\n"
        "Missing children still not found after 30 days: %(open_long)s\n"
        "Institutions not uploading on time: %(late)s of %(institutions)s\n"
        "%(late_list)s\n"
        "The district dashboard shows the same figures: %(link)s"
    ),
)
AUTHENTICATOR_ADDED = MessageTemplate(
    "authenticator_added",
    _(
        "TrackChild: a new authenticator app was set up for your account %(username)s on "
        "%(when)s. If this was not you, tell your administrator now."
    ),
    subject=_("A new authenticator app signs in to your TrackChild account"),
    email_text=_(
        "A new authenticator app was set up for your TrackChild account %(username)s on "
        "%(when)s. From now on it gives the codes for signing in; any earlier one no longer "
        "works.\n\n"
        "If you did not do this, someone may know your password: tell your administrator at "
        "once and change your password at %(link)s"
    ),
)
AUTHENTICATOR_REMOVED = MessageTemplate(
    "authenticator_removed",
    _(
        "TrackChild: two-factor sign-in was turned off for your account %(username)s on "
        "%(when)s. If this was not you, tell your administrator now."
    ),
    subject=_("Two-factor sign-in is off for your TrackChild account"),
    email_text=_(
        "Two-factor sign-in was turned off for your TrackChild account %(username)s on "
        "%(when)s: your password alone now signs you in.\n\n"
        "If you did not do this, someone may know your password: tell your administrator at "
        "once and change your password at %(link)s"
    ),
)
# To the family who reported a child missing (docs/messaging.md, "Families"), in the language
# they chose. Each names whom to call, never where a child is or who shelters them. The stop link
# makes the first two long, so they are short; the last has none, as nothing follows it.
FAMILY_FIR_REGISTERED = MessageTemplate(
    "family_fir_registered",
    _(
        "TrackChild: your complaint is registered as %(fir)s at %(unit)s, phone %(phone)s. "
        "Stop SMS: %(stop_link)s"
    ),
    subject=_("Your complaint is registered as %(fir)s"),
)
FAMILY_MATCH_CONFIRMED = MessageTemplate(
    "family_match_confirmed",
    _(
        "TrackChild: police found a child who may be yours. Call %(unit)s %(phone)s, "
        "quote %(case)s. Stop SMS: %(stop_link)s"
    ),
    subject=_("Police found a child who may be yours: %(case)s"),
)
FAMILY_CASE_CLOSED = MessageTemplate(
    "family_case_closed",
    _("TrackChild: case %(case)s is closed: %(reason)s. Questions: %(unit)s %(phone)s."),
    subject=_("Case %(case)s is closed"),
)
DATA_RIGHTS_ANSWERED = MessageTemplate(
    "data_rights_answered",
    _(
        "TrackChild: your request %(reference)s about case %(case)s is answered. "
        "Contact %(unit)s %(phone)s."
    ),
    subject=_("Your request %(reference)s is answered"),
)
# To each State's nodal officer on the 1st: last month's unusual use of the portal by the
# State's officials (apps.audit.flags), or that there was none. E-mail only.
ACCESS_REVIEW_FLAGS = MessageTemplate(
    "access_review_flags",
    _(
        "TrackChild: %(count)s flags of unusual use of the portal in %(state)s in %(month)s. "
        "Review them: %(link)s"
    ),
    subject=_("TrackChild access review, %(state)s, %(month)s: flags %(count)s"),
    email_templates="audit/email/access_review_flags",
)
# To whoever lodged a grievance (apps.grievances): the answer itself is read on Khoya-Paya with
# the reference and mobile number, never sent by SMS.
GRIEVANCE_ANSWERED = MessageTemplate(
    "grievance_answered",
    _(
        "TrackChild: your grievance %(reference)s is answered by %(unit)s. Read the answer with "
        "your reference and mobile: %(link)s"
    ),
    subject=_("Your grievance %(reference)s is answered"),
)
# To the unit a grievance goes up to when the one below did not answer in time.
GRIEVANCE_ESCALATED = MessageTemplate(
    "grievance_escalated",
    _(
        "TrackChild: grievance %(reference)s, lodged on %(when)s, was not answered in time by "
        "%(unit)s and now waits for your answer: %(link)s"
    ),
    subject=_("Grievance %(reference)s waits for your answer"),
    email_text=_(
        "The grievance %(reference)s was lodged on %(when)s and was not answered by %(unit)s "
        "within the time allowed. It is now yours to answer; the person who lodged it is told "
        "by SMS when you do.\n\n"
        "Read and answer it on the portal: %(link)s"
    ),
)
TEMPLATES = {
    template.key: template
    for template in (
        VERIFICATION_CODE,
        INQUIRY_MATCH,
        INQUIRY_ANSWER,
        INQUIRY_LATER_MATCH,
        NEW_MISSING_CHILD,
        HIGH_RISK_ON_ROUTE,
        DAILY_BULLETIN,
        STRONG_MATCH,
        DUPLICATE_CLOSED,
        CITIZEN_SIGHTING,
        OVERDUE_WORK,
        OVERDUE_IN_DISTRICT,
        COMPLAINT_UNANSWERED,
        LATE_MISSING_REPORTS,
        MONTHLY_DIGEST,
        AUTHENTICATOR_ADDED,
        AUTHENTICATOR_REMOVED,
        FAMILY_FIR_REGISTERED,
        FAMILY_MATCH_CONFIRMED,
        FAMILY_CASE_CLOSED,
        DATA_RIGHTS_ANSWERED,
        ACCESS_REVIEW_FLAGS,
        GRIEVANCE_ANSWERED,
        GRIEVANCE_ESCALATED,
    )
}
