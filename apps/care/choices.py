"""The vocabularies of a child's stay in care, as the JJ Act 2015 and its Model Rules name them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    CARE_AND_PROTECTION = "cncp", _("Child in need of care and protection")
    CONFLICT_WITH_LAW = "ccl", _("Child in conflict with law")


class AdmissionRoute(models.TextChoices):
    PRODUCED = "produced", _("Produced before the CWC / JJB")
    TRANSFERRED = "transferred", _("Transferred from another institution")
    FOUND_REPORT = "found_report", _("Brought in after being found")


class CareStatus(models.TextChoices):
    IN_CARE = "in_care", _("In care")
    RESTORED = "restored", _("Restored to family")
    ABSCONDED = "absconded", _("Ran away from the institution")
    LEFT_CARE = "left_care", _("Left care")


class OrderKind(models.TextChoices):
    INTERIM_PLACEMENT = "interim", _("Interim placement")
    RESTORATION = "restoration", _("Restoration to family")
    TRANSFER = "transfer", _("Transfer")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    FOSTER_CARE = "foster", _("Foster care")
    ADOPTION_REFERRAL = "adoption", _("Referral for adoption")
    RELEASE = "release", _("Release")


class CareOption(models.TextChoices):
    """The care options of an Individual Care Plan, most preferred first (Model Rules, Form 7)."""

    FAMILY = "family", _("Restoration to own family")
    KINSHIP = "kinship", _("Kinship care")
    ADOPTION = "adoption", _("Adoption")
    FOSTER_CARE = "foster", _("Foster care")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    INSTITUTION = "institution", _("Institutional care")
    AFTERCARE = "aftercare", _("Aftercare")


class DocumentKind(models.TextChoices):
    ORDER = "order", _("CWC / JJB order")
    IDENTITY = "identity", _("Identity document")
    MEDICAL = "medical", _("Medical report")
    EDUCATION = "education", _("School record")
    INVESTIGATION = "investigation", _("Home investigation report")
    OTHER = "other", _("Other")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the receiving institution")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class LeavingReason(models.TextChoices):
    AGED_OUT = "aged_out", _("Turned 18")
    RELEASED = "released", _("Released by order")
    ADOPTED = "adopted", _("Adopted")
    FOSTER_CARE = "foster", _("Placed in foster care")
    DECEASED = "deceased", _("Deceased")


class Recommendation(models.TextChoices):
    RESTORE = "restore", _("Restore to the family")
    RESTORE_WITH_SUPPORT = "restore_support", _("Restore with support (sponsorship, follow-up)")
    DO_NOT_RESTORE = "not_restore", _("Do not restore: the family is not safe or able")


class Wellbeing(models.TextChoices):
    WELL = "well", _("Doing well")
    CONCERNS = "concerns", _("Some concerns")
    AT_RISK = "at_risk", _("At risk: needs action")
