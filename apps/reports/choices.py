"""The fixed vocabularies of a child report, shared by models, forms and demo data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    MISSING = "missing", _("Missing child")
    FOUND = "found", _("Found / recovered child")
    # Seen by a citizen and reported through Khoya-Paya; matched like a found child.
    SIGHTING = "sighting", _("Child seen by a citizen")


class Sex(models.TextChoices):
    MALE = "M", _("Boy")
    FEMALE = "F", _("Girl")
    TRANSGENDER = "T", _("Transgender")
    UNKNOWN = "U", _("Not known")


class Build(models.TextChoices):
    THIN = "thin", _("Thin")
    MEDIUM = "medium", _("Medium")
    HEAVY = "heavy", _("Heavy")


class Complexion(models.TextChoices):
    FAIR = "fair", _("Fair")
    WHEATISH = "wheatish", _("Wheatish")
    BROWN = "brown", _("Brown")
    DARK = "dark", _("Dark")


class EyeColour(models.TextChoices):
    BLACK = "black", _("Black")
    BROWN = "brown", _("Brown")
    LIGHT = "light", _("Light (hazel, green, blue)")


class Circumstance(models.TextChoices):
    LEFT_HOME = "left_home", _("Left home")
    LOST_IN_CROWD = "lost_in_crowd", _("Lost in a crowd")
    KIDNAPPING = "kidnapping", _("Suspected kidnapping or trafficking")
    RAN_AWAY = "ran_away", _("Ran away")
    OTHER = "other", _("Other")


class PlaceKind(models.TextChoices):
    RAILWAY_STATION = "railway", _("Railway station or train")
    BUS_STAND = "bus_stand", _("Bus stand or bus")
    FAIR = "fair", _("Fair, festival or religious gathering")
    OTHER = "other", _("Elsewhere")


# A child last seen where people travel from may already be in the next district.
TRAVEL_PLACES = frozenset({PlaceKind.RAILWAY_STATION, PlaceKind.BUS_STAND})


class FoundBy(models.TextChoices):
    POLICE = "police", _("Police")
    RAILWAY = "railway", _("Railway (RPF / GRP)")
    NGO = "ngo", _("NGO")
    CITIZEN = "citizen", _("Citizen")
    CHILD_HELPLINE = "helpline", _("Child helpline")


class Placement(models.TextChoices):
    CCI = "cci", _("In a Child Care Institution")
    FAMILY = "family", _("Handed over to family")
    NOT_PLACED = "not_placed", _("Not yet placed")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    TRACED = "traced", _("Traced / recovered")
    MATCHED = "matched", _("Matched")
    RESTORED = "restored", _("Restored to family")
    TRANSFERRED = "transferred", _("Transferred")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    RETURNED_HOME = "returned_home", _("Returned home")
    TRACED_BY_POLICE = "traced_by_police", _("Traced by police")
    MATCHED_ON_PORTAL = "matched_on_portal", _("Matched on the portal")
    DECEASED = "deceased", _("Child deceased")
    DUPLICATE = "duplicate", _("Duplicate report")
    RAN_AWAY_FROM_CARE = "ran_away_from_care", _("Ran away from a Child Care Institution")
    LEFT_CARE = "left_care", _("Left care (adult, adopted or released)")
    OTHER = "other", _("Other")


# Closures that say what became of the child, so the child's other report (the matched missing
# or found report) ends the same way. The others concern one report only: a duplicate goes on
# under another report, a runaway from care is missing again, leaving care is the home's record.
SHARED_CLOSURES = frozenset(
    {
        ClosureReason.RETURNED_HOME,
        ClosureReason.TRACED_BY_POLICE,
        ClosureReason.MATCHED_ON_PORTAL,
        ClosureReason.DECEASED,
        ClosureReason.OTHER,
    }
)
# A report at one of these has its outcome: nothing moves it along any more.
OUTCOME_STATUSES = frozenset({Status.RESTORED, Status.CLOSED})


def is_shared_outcome(status: str, closure_reason: str = "") -> bool:
    """Whether this outcome of one report is the outcome of the child's other reports too."""
    return status == Status.RESTORED or (
        status == Status.CLOSED and closure_reason in SHARED_CLOSURES
    )


class RegistrationKind(models.TextChoices):
    FIR = "fir", _("FIR")
    GD = "gd", _("General Diary (GD) entry")


class Language(models.TextChoices):
    """The languages a child speaks: the Eighth Schedule (trackchild.languages), plus English."""

    ASSAMESE = "as", _("Assamese")
    BENGALI = "bn", _("Bengali")
    BODO = "brx", _("Bodo")
    DOGRI = "doi", _("Dogri")
    ENGLISH = "en", _("English")
    GUJARATI = "gu", _("Gujarati")
    HINDI = "hi", _("Hindi")
    KANNADA = "kn", _("Kannada")
    KASHMIRI = "ks", _("Kashmiri")
    KONKANI = "kok", _("Konkani")
    MAITHILI = "mai", _("Maithili")
    MALAYALAM = "ml", _("Malayalam")
    MANIPURI = "mni", _("Manipuri")
    MARATHI = "mr", _("Marathi")
    NEPALI = "ne", _("Nepali")
    ODIA = "or", _("Odia")
    PUNJABI = "pa", _("Punjabi")
    SANSKRIT = "sa", _("Sanskrit")
    SANTALI = "sat", _("Santali")
    SINDHI = "sd", _("Sindhi")
    TAMIL = "ta", _("Tamil")
    TELUGU = "te", _("Telugu")
    URDU = "ur", _("Urdu")
    OTHER = "other", _("Other")


class MarkKind(models.TextChoices):
    MOLE = "mole", _("Mole")
    BIRTHMARK = "birthmark", _("Birthmark")
    SCAR = "scar", _("Scar")
    BURN = "burn", _("Burn mark")
    TATTOO = "tattoo", _("Tattoo")
    PIERCING = "piercing", _("Piercing")
    DEFORMITY = "deformity", _("Deformity or missing part")
    OTHER = "other", _("Other")


class BodyPart(models.TextChoices):
    FACE = "face", _("Face")
    HEAD = "head", _("Head")
    NECK = "neck", _("Neck")
    CHEST = "chest", _("Chest")
    BACK = "back", _("Back")
    ABDOMEN = "abdomen", _("Abdomen")
    ARM = "arm", _("Arm")
    HAND = "hand", _("Hand")
    LEG = "leg", _("Leg")
    FOOT = "foot", _("Foot")
    OTHER = "other", _("Other")


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    CENTRE = "centre", _("Centre")
    BOTH = "both", _("Both")


class ConsentPurpose(models.TextChoices):
    """What a consent covers; each is given and withdrawn on its own (DPDP Act 2023)."""

    PUBLICATION = "publication", _("Publication on Khoya-Paya and on notices")
    PARTNER_SHARING = "partners", _("Sharing with partner portals (PFIF)")
    FACE_MATCHING = "faces", _("Face matching of the child's photos")


# The filing form's one checkbox has always covered both: the public pages and what partner
# portals receive (the PFIF export kept to it).
FILING_CONSENT_PURPOSES = (ConsentPurpose.PUBLICATION, ConsentPurpose.PARTNER_SHARING)


class ConsentGiver(models.TextChoices):
    PARENT = "parent", _("Parent")
    GUARDIAN = "guardian", _("Guardian")
    CHILD = "child", _("The child themself")
    CWC_ORDER = "cwc", _("Child Welfare Committee order")
    NOT_STATED = "unknown", _("Not stated")


class ConsentMethod(models.TextChoices):
    FORM = "form", _("On the report form")
    WRITTEN = "written", _("In writing")
    SMS = "sms", _("By SMS")
