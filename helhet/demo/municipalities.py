"""Demo data: Stavanger as the audit describes it, and a small Bergen to prove isolation.

Used by ``python manage.py load_demo`` and by the test fixtures, so the tests run on the same
believable municipality a user sees."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.ideas.seed import seed_screening_criteria
from helhet.methodology.seed import seed_methods
from helhet.organization.models import Municipality, OrgUnit, UnitKind

DEMO_PASSWORD = "demo"  # noqa: S105 - the published demo password; load_demo refuses production

SA, DEP, SEC, UNIT = UnitKind.SERVICE_AREA, UnitKind.DEPARTMENT, UnitKind.SECTION, UnitKind.UNIT

# (name, kind, description, children)
STAVANGER_TREE: list[tuple[str, UnitKind, str, list]] = [
    (
        "Innovasjon og støttetjenester",
        SA,
        "Stab- og støtteområde opprettet for å drive omstilling og innovasjon.",
        [
            (
                "Stab innovasjon og støttetjenester",
                DEP,
                "Har ansvar for direktørområdets prosjektportefølje og metodeverk.",
                [],
            ),
            (
                "Innovasjon og digitalisering",
                DEP,
                "Innovasjon og digitalisering innover i organisasjonen. 15 ansatte.",
                [],
            ),
            (
                "IT-avdelingen",
                DEP,
                "Drift, utvikling og forvaltning av kommunens IT.",
                [
                    ("Arkitektur og utvikling", SEC, "", []),
                    ("Drift og forvaltning", SEC, "", []),
                    ("IT-administrasjon", SEC, "Holder prosjektporteføljen til IT.", []),
                    ("Systemforvaltning", SEC, "Forvalter om lag 300 applikasjoner.", []),
                ],
            ),
            ("Anskaffelser", DEP, "", []),
        ],
    ),
    (
        "Innbygger- og samfunnskontakt",
        SA,
        "Tverrfaglig sammensatt direktørområde, vendt utover mot innbyggere og næringsliv.",
        [
            (
                "Smartby",
                DEP,
                "Smartbyprosjekter med teknologi, samarbeid på tvers og innbyggerinvolvering. Om lag 12 ansatte, 40–50 pågående prosjekter.",
                [],
            ),
            ("Innbyggerservice", DEP, "", []),
            ("Kommunikasjon", DEP, "", []),
            ("Kultur", DEP, "", []),
            ("Politisk sekretariat", DEP, "", []),
            ("Næring", DEP, "", []),
        ],
    ),
    (
        "Helse og velferd",
        SA,
        "",
        [
            (
                "E-helse og velferdsteknologi",
                DEP,
                "3 årsverk velferdsteknologi og 6 årsverk systemforvaltning.",
                [],
            ),
            (
                "Hjemmebaserte tjenester",
                DEP,
                "",
                [
                    ("Hundvåg hjemmebaserte tjenester", UNIT, "Prøvde ut Spider fra mai 2017.", []),
                    (
                        "Storhaug hjemmebaserte tjenester",
                        UNIT,
                        "Prøvde ut Spider fra mai 2017.",
                        [],
                    ),
                    ("Hillevåg hjemmebaserte tjenester", UNIT, "Innførte Spider høsten 2019.", []),
                    ("Hinna hjemmebaserte tjenester", UNIT, "Innførte Spider høsten 2019.", []),
                ],
            ),
            ("Stavanger legevakt", DEP, "", []),
        ],
    ),
    (
        "Oppvekst og utdanning",
        SA,
        "",
        [
            ("Barnehage", DEP, "", []),
            ("Skole", DEP, "", []),
        ],
    ),
    (
        "By- og samfunnsplanlegging",
        SA,
        "",
        [
            ("Plan, bygg og geodata", DEP, "", []),
        ],
    ),
    (
        "Bymiljø og utbygging",
        SA,
        "",
        [
            ("Park og vei", DEP, "", []),
        ],
    ),
]

BERGEN_TREE: list[tuple[str, UnitKind, str, list]] = [
    ("Finans", SA, "", [("Digitaliseringsavdelingen", DEP, "", [])]),
    ("Helse og omsorg", SA, "", [("Etat for hjemmebaserte tjenester", DEP, "", [])]),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    unit: str | None
    title: str


STAVANGER_USERS = [
    DemoUser("admin", "Siri", "Haugen", Role.ADMIN, "IT-administrasjon", "Systemadministrator"),
    DemoUser(
        "portefolje",
        "Lars",
        "Eide",
        Role.PORTFOLIO_OFFICE,
        "Stab innovasjon og støttetjenester",
        "Rådgiver i porteføljekontoret",
    ),
    DemoUser(
        "direktor", "Marit", "Sande", Role.LEADER, "Innovasjon og støttetjenester", "Direktør"
    ),
    DemoUser(
        "eier",
        "Øyvind",
        "Tjelta",
        Role.PROJECT_OWNER,
        "Helse og velferd",
        "Direktør helse og velferd",
    ),
    DemoUser(
        "prosjektleder",
        "Hanne",
        "Vik",
        Role.PROJECT_LEADER,
        "E-helse og velferdsteknologi",
        "Prosjektleder",
    ),
    DemoUser(
        "gevinsteier",
        "Tor",
        "Espeland",
        Role.BENEFITS_OWNER,
        "Hundvåg hjemmebaserte tjenester",
        "Virksomhetsleder",
    ),
    DemoUser("leser", "Gunn", "Bø", Role.READER, None, "Medlem av kontrollutvalget"),
]
BERGEN_USERS = [
    DemoUser(
        "bergen-admin",
        "Eli",
        "Fjell",
        Role.ADMIN,
        "Digitaliseringsavdelingen",
        "Systemadministrator",
    ),
]
DEMO_USERNAMES = [user.username for user in STAVANGER_USERS + BERGEN_USERS]


# The digital departments other units ask for help (the audit: E-helse og velferdsteknologi asks
# for competence in project method and implementation, which Innovasjon og digitalisering is to
# offer; Smartby's projects cut across departments).
HELPING_DEPARTMENTS = {"Innovasjon og digitalisering", "E-helse og velferdsteknologi", "Smartby"}


def _build_tree(
    municipality: Municipality,
    nodes: list[tuple[str, UnitKind, str, list]],
    parent: OrgUnit | None,
    index: dict[str, OrgUnit],
) -> None:
    for name, kind, description, children in nodes:
        unit = OrgUnit.objects.create(
            municipality=municipality,
            parent=parent,
            name=name,
            kind=kind,
            description=description,
            offers_help=name in HELPING_DEPARTMENTS,
        )
        index[name] = unit
        _build_tree(municipality, children, unit, index)


def _build_users(
    municipality: Municipality, users: list[DemoUser], units: dict[str, OrgUnit]
) -> None:
    for demo in users:
        user = User(username=demo.username, first_name=demo.first_name, last_name=demo.last_name)
        user.email = f"{demo.username}@{municipality.slug}.kommune.example"
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.create(
            municipality=municipality,
            user=user,
            role=demo.role,
            unit=units[demo.unit] if demo.unit else None,
            title=demo.title,
        )


@transaction.atomic
def build_demo() -> dict[str, Municipality]:
    """Create Stavanger and Bergen with their organisation and one demo user per role. Assumes
    neither exists; the caller decides what to do when they do."""
    stavanger = Municipality.objects.create(
        name="Stavanger kommune", slug="stavanger", org_number="964965781"
    )
    bergen = Municipality.objects.create(
        name="Bergen kommune", slug="bergen", org_number="964338531"
    )
    for municipality, tree, users in (
        (stavanger, STAVANGER_TREE, STAVANGER_USERS),
        (bergen, BERGEN_TREE, BERGEN_USERS),
    ):
        units: dict[str, OrgUnit] = {}
        _build_tree(municipality, tree, None, units)
        _build_users(municipality, users, units)
    seed_methods(stavanger)
    seed_methods(bergen)
    seed_screening_criteria(stavanger)
    seed_screening_criteria(bergen)
    return {"stavanger": stavanger, "bergen": bergen}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role_label: str
    municipality: str


def demo_logins() -> list[DemoLogin]:
    """The demo logins that exist in this database, in the order of DEMO_USERNAMES. Callers show
    them only when DEBUG is on: a production database never advertises a password."""
    memberships = Membership.objects.filter(user__username__in=DEMO_USERNAMES).select_related(
        "user", "municipality"
    )
    by_username = {m.user.username: m for m in memberships}
    return [
        DemoLogin(name, str(Role(m.role).label), m.municipality.name)
        for name in DEMO_USERNAMES
        if (m := by_username.get(name)) is not None
    ]
