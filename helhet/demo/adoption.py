"""Solutions in use, their scale-up plans and the units' follow-up, as the 2022 audit tells
them (section 5.4, lines 4948-5115, 5140-5160 and 6178-6230 of ``seed/000_2f3fe3e17b51d0d8.txt``),
built through the adoption services as the portfolio office, E-helse og velferdsteknologi and
the units would.

- Medicine dispensers in the four home-based service units, with the 40 % target (40 % of the
  relevant users are suited for a dispenser, the supplier's figure too, 5083-5087): Hundvåg has
  more than twice as many in use as Hillevåg (5095-5099); Hinna's use rose while E-helse followed
  it up (a list review, a staff member in the unit two days a week for three to four months, the
  supplier's course: 5077-5081, 5101-5105) and falls since the follow-up stopped (5107-5109);
  Hillevåg is offered a list review, and the newer practice of units proposing users themselves
  (5109-5113). Implementation January to June 2017 and operation from July 2017 in Hundvåg and
  Storhaug; Hillevåg's scale-up this year is late.
- Spider: a trial at Hundvåg and Storhaug (one of two groups) from May 2017, working well from
  June 2018, then both groups (5150-5158); Hillevåg and Hinna from autumn 2019.
- The welfare technology growth of 2021 (6184-6190): fall sensors +239 %, door sensors +109 %,
  medicine dispensers +33 %, mobile safety alarms +110 %.

The audit gives percentages and the target, not counts or relevant users: every count and
eligible base here is an example, and each count's comment says "Eksempeltall"; the growth
percentages the counts show are the audit's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from helhet.accounts.models import User
from helhet.adoption.models import (
    ActionKind,
    MeasureKind,
    Solution,
    SolutionStage,
    SolutionUnit,
    StepKind,
)
from helhet.adoption.services.counts import adoption_count_record
from helhet.adoption.services.scaleup import follow_up_action_create, scale_up_step_create
from helhet.adoption.services.solutions import solution_create
from helhet.adoption.services.units import solution_unit_add
from helhet.benefits.models import Indicator
from helhet.benefits.services.plan import indicator_update
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative

OFFICE, OWNER = "portefolje", "prosjektleder"
EXAMPLE = "Eksempeltall."
GROWTH = "Eksempeltall; veksten fra 2020 til 2021 er revisjonens (%s)."
HUNDVAAG, STORHAUG = "Hundvåg hjemmebaserte tjenester", "Storhaug hjemmebaserte tjenester"
HILLEVAAG, HINNA = "Hillevåg hjemmebaserte tjenester", "Hinna hjemmebaserte tjenester"
END_2020, END_2021 = date(2020, 12, 31), date(2021, 12, 31)
QUARTERS = [
    date(2025, 3, 31),
    date(2025, 6, 30),
    date(2025, 9, 30),
    date(2025, 12, 31),
    date(2026, 3, 31),
    date(2026, 6, 30),
    date(2026, 9, 30),
]


@dataclass(frozen=True)
class DispenserUnit:
    unit: str
    eligible: int  # relevant users (example)
    in_2020: int
    in_2021: int  # the four add up to +33 % on 2020
    quarters: tuple[int, ...]  # one count per QUARTERS


DISPENSER_UNITS = (
    DispenserUnit(HUNDVAAG, 120, 20, 26, (40, 44, 46, 48, 49, 50, 51)),
    DispenserUnit(STORHAUG, 100, 18, 24, (30, 33, 36, 38, 40, 41, 42)),
    DispenserUnit(HILLEVAAG, 110, 10, 13, (16, 17, 17, 18, 19, 19, 20)),
    # Up while E-helse followed the unit up in 2025, down since it stopped.
    DispenserUnit(HINNA, 90, 12, 17, (18, 30, 35, 34, 30, 27, 24)),
)

# (name, what is counted, 2020, 2021, the audit's growth): 56 -> 190 is +239 %, 64 -> 134
# +109 %, 300 -> 630 +110 %; the dispensers' 60 -> 80 (+33 %) is the sum of the units above.
GROWTH_2021 = (
    ("Fallsensor", "brukere med fallsensor", 56, 190, "+239 %"),
    ("Dørsensor", "brukere med dørsensor", 64, 134, "+109 %"),
    ("Mobil trygghetsalarm", "brukere med mobil trygghetsalarm", 300, 630, "+110 %"),
)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _unit(municipality: Municipality, name: str) -> OrgUnit:
    return OrgUnit.objects.get(municipality=municipality, name=name)


def _initiative(municipality: Municipality, name: str) -> list[Initiative]:
    return list(Initiative.objects.filter(municipality=municipality, name=name))


def _dispensers(m: Municipality, office: User) -> Solution:
    solution = solution_create(
        actor=office,
        municipality=m,
        name="Medisindispensere",
        description=(
            "Elektronisk medisineringsassistanse hjemme hos brukeren. Måltallet er 40 prosent: "
            "40 prosent av aktuelle brukere er egnet for en medisindispenser, det samme tallet "
            "leverandøren bruker. Tellingene og antallet aktuelle brukere er eksempeltall."
        ),
        initiatives=_initiative(m, "Medisindispensere"),
        owner_unit=_unit(m, "E-helse og velferdsteknologi"),
        owner_person=_user(OWNER),
        in_use_since=date(2017, 1, 1),
        measure_name="medisindispensere i bruk",
        base_name="aktuelle brukere",
        target_percent=Decimal(40),
        count_interval_days=92,
    )
    units: dict[str, SolutionUnit] = {}
    for data in DISPENSER_UNITS:
        su = units[data.unit] = solution_unit_add(
            actor=office,
            solution=solution,
            unit=_unit(m, data.unit),
            eligible_base=data.eligible,
            added_on=date(2017, 1, 1),
        )
        counts = [
            (END_2020, data.in_2020, GROWTH % "+33 %"),
            (END_2021, data.in_2021, GROWTH % "+33 %"),
        ]
        counts += [
            (day, value, EXAMPLE) for day, value in zip(QUARTERS, data.quarters, strict=True)
        ]
        for day, value, comment in counts:
            adoption_count_record(
                actor=office,
                solution_unit=su,
                counted_on=day,
                value=Decimal(value),
                comment=comment,
            )
    _dispenser_plan(m, solution, office)
    _dispenser_follow_up(units, office)
    return solution


def _step(
    solution: Solution,
    office: User,
    kind: str,
    unit: OrgUnit | None,
    *dates: date | None,
    text: str = "",
) -> None:
    starts_on, ends_on, done_on = dates
    assert starts_on is not None and ends_on is not None
    scale_up_step_create(
        actor=office,
        solution=solution,
        kind=kind,
        unit=unit,
        starts_on=starts_on,
        ends_on=ends_on,
        done_on=done_on,
        responsible=_user(OWNER),
        description=text,
    )


def _dispenser_plan(m: Municipality, solution: Solution, office: User) -> None:
    for name in (HUNDVAAG, STORHAUG):
        _step(
            solution,
            office,
            StepKind.TRIAL,
            _unit(m, name),
            date(2017, 1, 1),
            date(2017, 6, 30),
            date(2017, 6, 30),
            text="Implementering januar–juni 2017; driften forberedes parallelt.",
        )
        _step(
            solution,
            office,
            StepKind.OPERATION,
            _unit(m, name),
            date(2017, 7, 1),
            date(2017, 12, 31),
            date(2017, 12, 31),
            text="Driftsfase juli–desember 2017.",
        )
    _step(
        solution,
        office,
        StepKind.SCALE_UP,
        _unit(m, HINNA),
        date(2019, 9, 1),
        date(2019, 12, 31),
        date(2019, 12, 20),
        text="Eksempeldatoer.",
    )
    _step(
        solution,
        office,
        StepKind.SCALE_UP,
        _unit(m, HILLEVAAG),
        date(2026, 3, 1),
        date(2026, 9, 30),
        None,
        text="Nå måltallet på 40 prosent (eksempeldatoer).",
    )


def _dispenser_follow_up(units: dict[str, SolutionUnit], office: User) -> None:
    owner = _user(OWNER)
    hinna, hillevaag = units[HINNA], units[HILLEVAAG]
    for kind, planned, done, text in (
        (
            ActionKind.LIST_REVIEW,
            date(2025, 2, 1),
            date(2025, 2, 14),
            "E-helse og velferdsteknologi gikk gjennom brukerlistene med virksomheten og fant aktuelle brukere.",
        ),
        (
            ActionKind.OTHER,
            date(2025, 3, 1),
            date(2025, 6, 20),
            "En medarbeider fra E-helse og velferdsteknologi var i virksomheten to dager i uken i tre–fire måneder for å følge opp og veilede de ansatte.",
        ),
        (
            ActionKind.SUPPLIER,
            date(2025, 9, 1),
            date(2025, 9, 10),
            "Leverandøren holdt kurs og oppfølgingssamtaler. Deretter stoppet oppfølgingen, og bruken faller.",
        ),
    ):
        follow_up_action_create(
            actor=office,
            solution_unit=hinna,
            kind=kind,
            planned_on=planned,
            done_on=done,
            responsible=owner,
            description=text,
        )
    follow_up_action_create(
        actor=office,
        solution_unit=hillevaag,
        kind=ActionKind.LIST_REVIEW,
        planned_on=date(2027, 1, 15),
        responsible=owner,
        description="Tilbud om å gå gjennom listene og se hvem som kan være aktuelle brukere.",
    )
    follow_up_action_create(
        actor=office,
        solution_unit=hillevaag,
        kind=ActionKind.CHAMPION,
        planned_on=date(2027, 2, 1),
        responsible=owner,
        description="Nyere praksis: virksomheten foreslår selv aktuelle brukere; en ressursperson i hver gruppe.",
    )


def _spider(m: Municipality, office: User) -> Solution:
    solution = solution_create(
        actor=office,
        municipality=m,
        name="Spider",
        description="Optimering av hjemmesykepleiens arbeidslister med kjøreruter.",
        initiatives=_initiative(m, "Spider"),
        owner_unit=_unit(m, "E-helse og velferdsteknologi"),
        owner_person=_user(OWNER),
        in_use_since=date(2017, 5, 1),
        measure_kind=MeasureKind.SHARE,
        measure_name="andel arbeidslister laget med Spider",
        target_percent=Decimal(90),
        count_interval_days=92,
    )
    for name, share in ((HUNDVAAG, 96), (STORHAUG, 94), (HILLEVAAG, 81), (HINNA, 78)):
        su = solution_unit_add(
            actor=office, solution=solution, unit=_unit(m, name), added_on=date(2017, 5, 1)
        )
        adoption_count_record(
            actor=office,
            solution_unit=su,
            counted_on=QUARTERS[-1],
            value=Decimal(share),
            comment=EXAMPLE,
        )
    for name in (HUNDVAAG, STORHAUG):
        _step(
            solution,
            office,
            StepKind.TRIAL,
            _unit(m, name),
            date(2017, 5, 1),
            date(2018, 6, 30),
            date(2018, 6, 1),
            text="Én av to grupper. Mye tilpasning; fungerte tilfredsstillende fra juni 2018.",
        )
        _step(
            solution,
            office,
            StepKind.SCALE_UP,
            _unit(m, name),
            date(2018, 6, 1),
            date(2018, 9, 30),
            date(2018, 9, 30),
            text="Begge gruppene; evalueringen startet etter tre måneders bruk.",
        )
    for name in (HILLEVAAG, HINNA):
        _step(
            solution,
            office,
            StepKind.SCALE_UP,
            _unit(m, name),
            date(2019, 9, 1),
            date(2019, 12, 31),
            date(2019, 12, 31),
            text="Høsten 2019. De øvrige hjemmebaserte tjenestene er utsatt på grunn av korona.",
        )
    return solution


def _growth(m: Municipality, office: User) -> None:
    home_care = _unit(m, "Hjemmebaserte tjenester")
    for name, measure, in_2020, in_2021, growth in GROWTH_2021:
        solution = solution_create(
            actor=office,
            municipality=m,
            name=name,
            description=f"Velferdsteknologi. Bruken økte {growth} i 2021 (revisjonen); tellingene er eksempeltall.",
            owner_unit=_unit(m, "E-helse og velferdsteknologi"),
            owner_person=_user(OWNER),
            stage=SolutionStage.SCALING_UP,
            in_use_since=date(2019, 1, 1),
            measure_name=measure,
            count_interval_days=366,
        )
        su = solution_unit_add(
            actor=office, solution=solution, unit=home_care, added_on=date(2019, 1, 1)
        )
        for day, value in ((END_2020, in_2020), (END_2021, in_2021)):
            adoption_count_record(
                actor=office,
                solution_unit=su,
                counted_on=day,
                value=Decimal(value),
                comment=GROWTH % growth,
            )


def _benefit_depends_on(solution: Solution) -> None:
    """Fewer home visits come only as far as the dispensers are in use: the indicator says so."""
    indicator = (
        Indicator.objects.filter(
            municipality_id=solution.municipality_id,
            benefit__initiative__name="Medisindispensere",
            name="Årskostnad hjemmebesøk",
        )
        .select_related("benefit__initiative")
        .first()
    )
    if indicator is None:
        return
    writer = indicator.benefit.initiative.project_leader or _user(OWNER)
    indicator_update(
        actor=writer,
        indicator=indicator,
        name=indicator.name,
        unit=indicator.unit,
        unit_label=indicator.unit_label,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        target_value=indicator.target_value,
        target_date=indicator.target_date,
        frequency=indicator.frequency,
        measures_amount=indicator.measures_amount,
        solution=solution,
    )


def build_adoption_demo(stavanger: Municipality) -> None:
    """Create the dispensers, Spider and the welfare technology of 2021 as solutions in use,
    with their counts, scale-up plans and follow-up. Assumes the portfolio and benefits demos."""
    office = _user(OFFICE)
    dispensers = _dispensers(stavanger, office)
    _spider(stavanger, office)
    _growth(stavanger, office)
    _benefit_depends_on(dispensers)
