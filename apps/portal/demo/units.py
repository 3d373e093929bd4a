"""Demo units and one login per role, in a few real districts, for trying the portal out."""

from dataclasses import dataclass

from django.db import transaction

from apps.accounts.models import Role, User
from apps.directory.models import District, NodalOfficer, State, Unit, UnitType
from apps.directory.services import DATA_DIR, load_district_neighbours, read_csv

DEMO_PASSWORD = "Demo-TrackChild-2026"  # noqa: S105 - printed for the demo on purpose

KHORDHA, PATNA, MUMBAI, KOLKATA = 362, 212, 482, 315
ODISHA = 21

# (district LGD code, unit type, name, address, PIN code, phone)
DISTRICT_UNITS = [
    (
        KHORDHA,
        UnitType.DCPU,
        "DCPU Khordha",
        "Collectorate campus, Khordha",
        "752055",
        "06755-220000",
    ),
    (
        KHORDHA,
        UnitType.DISTRICT_COLLECTORATE,
        "District Magistrate, Khordha",
        "Collectorate, Khordha",
        "752055",
        "06755-220001",
    ),
    (
        KHORDHA,
        UnitType.DISTRICT_POLICE,
        "Commissionerate Police Bhubaneswar-Cuttack",
        "Cantonment Road, Bhubaneswar",
        "751001",
        "0674-2390000",
    ),
    (
        KHORDHA,
        UnitType.SJPU,
        "SJPU Khordha",
        "Commissionerate Police, Bhubaneswar",
        "751001",
        "0674-2390101",
    ),
    (
        KHORDHA,
        UnitType.RAILWAY_POLICE,
        "GRP Bhubaneswar Railway Station",
        "Bhubaneswar Railway Station",
        "751006",
        "0674-2390202",
    ),
    (
        KHORDHA,
        UnitType.CWC,
        "Child Welfare Committee, Khordha",
        "Old Town, Bhubaneswar",
        "751002",
        "0674-2390303",
    ),
    (
        KHORDHA,
        UnitType.JJB,
        "Juvenile Justice Board, Khordha",
        "Court campus, Khordha",
        "752055",
        "06755-220404",
    ),
    (
        KHORDHA,
        UnitType.CHILDRENS_HOME,
        "Government Children's Home for Boys, Bhubaneswar",
        "Saheed Nagar, Bhubaneswar",
        "751007",
        "0674-2390505",
    ),
    (
        KHORDHA,
        UnitType.HELPLINE_NGO,
        "Child Helpline 1098, Khordha",
        "Unit 4, Bhubaneswar",
        "751001",
        "1098",
    ),
    (PATNA, UnitType.DCPU, "DCPU Patna", "Collectorate, Patna", "800001", "0612-2200000"),
    (
        PATNA,
        UnitType.DISTRICT_COLLECTORATE,
        "District Magistrate, Patna",
        "Collectorate, Patna",
        "800001",
        "0612-2219000",
    ),
    (
        PATNA,
        UnitType.DISTRICT_POLICE,
        "Senior Superintendent of Police, Patna",
        "Gandhi Maidan, Patna",
        "800001",
        "0612-2219100",
    ),
    (
        PATNA,
        UnitType.POLICE_STATION,
        "Kotwali Police Station, Patna",
        "Kotwali, Patna",
        "800001",
        "0612-2200100",
    ),
    (
        PATNA,
        UnitType.RAILWAY_POLICE,
        "GRP Patna Junction",
        "Patna Junction",
        "800001",
        "0612-2200200",
    ),
    (PATNA, UnitType.CWC, "Child Welfare Committee, Patna", "Patna", "800001", "0612-2200300"),
    (
        PATNA,
        UnitType.CHILDRENS_HOME,
        "Apna Ghar Children's Home, Patna",
        "Kankarbagh, Patna",
        "800020",
        "0612-2200400",
    ),
    (
        MUMBAI,
        UnitType.POLICE_STATION,
        "Colaba Police Station",
        "Shahid Bhagat Singh Road, Colaba",
        "400005",
        "022-22850000",
    ),
    (
        MUMBAI,
        UnitType.SHELTER_HOME,
        "Shelter Home for Girls, Mumbai",
        "Mumbai",
        "400001",
        "022-22850100",
    ),
    (
        KOLKATA,
        UnitType.POLICE_STATION,
        "Hare Street Police Station",
        "Hare Street, Kolkata",
        "700001",
        "033-22140000",
    ),
    (
        KOLKATA,
        UnitType.CWC,
        "Child Welfare Committee, Kolkata",
        "Kolkata",
        "700001",
        "033-22140100",
    ),
]

# Heads of units who receive alerts: (unit name, head, designation, mobile, language). The
# numbers are made up; in development messages are only printed.
DEMO_HEADS = [
    ("District Magistrate, Khordha", "A. Mishra", "Collector and DM", "9000000101", "en"),
    (
        "Commissionerate Police Bhubaneswar-Cuttack",
        "S. Patnaik",
        "Commissioner of Police",
        "9000000102",
        "en",
    ),
    ("DCPU Khordha", "Sasmita Das", "District Child Protection Officer", "9000000103", "en"),
    ("Capital Police Station", "R. Sahoo", "Inspector-in-charge", "9000000104", "en"),
    ("District Magistrate, Patna", "C. Singh", "District Magistrate", "9000000201", "hi"),
    (
        "Senior Superintendent of Police, Patna",
        "V. Prasad",
        "Senior Superintendent of Police",
        "9000000202",
        "hi",
    ),
    ("DCPU Patna", "Ravi Kumar", "District Child Protection Officer", "9000000203", "hi"),
    ("Kotwali Police Station, Patna", "M. Alam", "Station House Officer", "9000000204", "hi"),
]

# (user name, roles, unit name, first name, last name, designation)
DEMO_OFFICIALS = [
    (
        "national",
        [Role.NATIONAL_ADMIN],
        "Ministry of Women and Child Development",
        "Asha",
        "Verma",
        "Joint Secretary",
    ),
    (
        "state_odisha",
        [Role.STATE_OFFICIAL],
        "Odisha State Child Protection Society",
        "Pradeep",
        "Mohanty",
        "State nodal officer",
    ),
    (
        "district_khordha",
        [Role.DISTRICT_OFFICIAL],
        "DCPU Khordha",
        "Sasmita",
        "Das",
        "District Child Protection Officer",
    ),
    (
        "district_patna",
        [Role.DISTRICT_OFFICIAL],
        "DCPU Patna",
        "Ravi",
        "Kumar",
        "District Child Protection Officer",
    ),
    (
        "police_capital",
        [Role.POLICE_OFFICER],
        "Capital Police Station",
        "Bikash",
        "Nayak",
        "Sub-Inspector",
    ),
    (
        "sjpu_khordha",
        [Role.SJPU_OFFICER],
        "SJPU Khordha",
        "Manoj",
        "Swain",
        "Child Welfare Police Officer",
    ),
    (
        "cci_bhubaneswar",
        [Role.CCI_STAFF],
        "Government Children's Home for Boys, Bhubaneswar",
        "Lipika",
        "Pattnaik",
        "Superintendent",
    ),
    (
        "cci_patna",
        [Role.CCI_STAFF],
        "Apna Ghar Children's Home, Patna",
        "Nisha",
        "Kumari",
        "Superintendent",
    ),
    (
        "cwc_khordha",
        [Role.CWC_MEMBER],
        "Child Welfare Committee, Khordha",
        "Gita",
        "Behera",
        "Chairperson",
    ),
    (
        "jjb_khordha",
        [Role.JJB_MEMBER],
        "Juvenile Justice Board, Khordha",
        "Subrat",
        "Panda",
        "Principal Magistrate",
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    roles: str
    unit: str


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Create (or refresh) the demo directory units and officials; safe to run again."""
    districts = {
        d.lgd_code: d
        for d in District.objects.filter(lgd_code__in=[KHORDHA, PATNA, MUMBAI, KOLKATA])
    }
    odisha = State.objects.get(lgd_code=ODISHA)
    units = {
        "Ministry of Women and Child Development": _unit(
            UnitType.MINISTRY,
            "Ministry of Women and Child Development",
            state=None,
            district=None,
            address="Shastri Bhawan, New Delhi",
            pin_code="110001",
            phone="011-23380000",
        ),
        "Odisha State Child Protection Society": _unit(
            UnitType.SCPS,
            "Odisha State Child Protection Society",
            state=odisha,
            district=None,
            address="Kalinga Bhawan, Bhubaneswar",
            pin_code="751001",
            phone="0674-2390999",
        ),
    }
    for code, unit_type, name, address, pin_code, phone in DISTRICT_UNITS:
        units[name] = _unit(
            unit_type,
            name,
            state=None,
            district=districts[code],
            address=address,
            pin_code=pin_code,
            phone=phone,
        )
    for row in read_csv(DATA_DIR / "police_stations_sample.csv"):
        name = row["police_station_name"]
        units[name] = _unit(
            UnitType.POLICE_STATION,
            name,
            state=None,
            district=districts[int(row["district_code"])],
            address=f"{name}, {row['city']}",
            pin_code="",
            phone="",
        )
    for unit_name, head, designation, mobile, language in DEMO_HEADS:
        _head(units[unit_name], head, designation, mobile, language)
    load_district_neighbours(rows=read_csv(DATA_DIR / "district_neighbours_demo.csv"))
    _nodal(
        units["Odisha State Child Protection Society"],
        NodalOfficer.Scope.STATE,
        "Pradeep Mohanty",
        "State nodal officer, missing children",
        "0674-2390998",
    )
    _nodal(
        units["DCPU Khordha"],
        NodalOfficer.Scope.DISTRICT,
        "Sasmita Das",
        "District nodal officer, missing children",
        "06755-220002",
    )
    _nodal(
        units["DCPU Patna"],
        NodalOfficer.Scope.DISTRICT,
        "Ravi Kumar",
        "District nodal officer, missing children",
        "0612-2200001",
    )

    logins = []
    for username, roles, unit_name, first_name, last_name, designation in DEMO_OFFICIALS:
        official, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "designation": designation,
                "unit": units[unit_name],
                "roles": list(roles),
                "email": f"{username}@demo.trackchild.invalid",
                "is_staff": Role.NATIONAL_ADMIN in roles,
                "is_superuser": Role.NATIONAL_ADMIN in roles,
            },
        )
        official.set_password(DEMO_PASSWORD)
        official.save(update_fields=["password"])
        logins.append(DemoLogin(username, ", ".join(official.get_role_labels()), unit_name))
    return logins


def _unit(unit_type, name, *, state, district, address, pin_code, phone) -> Unit:
    unit = Unit.objects.filter(unit_type=unit_type, name=name).first() or Unit(
        unit_type=unit_type, name=name
    )
    unit.state, unit.district = state, district
    unit.address, unit.pin_code, unit.phone = address, pin_code, phone
    unit.full_clean()
    unit.save()
    return unit


def _head(unit, name, designation, mobile, language) -> None:
    unit.head_name, unit.head_designation, unit.head_language = name, designation, language
    unit.head_mobile, unit.head_email = mobile, f"head.{unit.pk}@demo.trackchild.invalid"
    unit.save()


def _nodal(unit, scope, name, designation, phone) -> None:
    NodalOfficer.objects.update_or_create(
        unit=unit, scope=scope, defaults={"name": name, "designation": designation, "phone": phone}
    )


@transaction.atomic
def seed_units_in_every_district() -> int:
    """A demo police station and children's home in every current district that has none, so
    that benchmark data (`seed_demo --scale`) spreads over all of India as a live portal's does.
    Returns how many units were created; running it again creates none."""
    wanted = [
        (UnitType.POLICE_STATION, "Police Station"),
        (UnitType.CHILDRENS_HOME, "Children's Home"),
    ]
    created = []
    for unit_type, label in wanted:
        served = Unit.objects.filter(unit_type=unit_type).values("district_id")
        created += Unit.objects.bulk_create(
            Unit(
                unit_type=unit_type,
                name=f"Demo {label}, {district.name_en}",
                state_id=district.state_id,
                district=district,
                address=f"{district.name_en}",
            )
            for district in District.objects.current().exclude(pk__in=served)
        )
    return len(created)
