"""Demo benefits realisation plans for Stavanger's demo portfolio, from the 2022 audit (Rogaland
Revisjon, ``seed/000_2f3fe3e17b51d0d8.txt``; the comments give its line numbers): the medicine
dispensers with table 4 exactly as the audit gives it (so its inconsistency shows), Spider's
benefit analysis (table 5), the invoice robot Robin and Byarkivet's RPA processes (table 3), and
the video visits. Built through the services, as the project leader and the benefits owners
would, after the portfolio demo (``helhet.demo.portfolio``).

What the audit tells is dated as it tells it (the dispensers' trial in 2017, Byarkivet from the
autumn of 2020). Follow-up is dated relative to today, as the other demos' recent events are, so
the plans show measurements not yet due, one due soon and some overdue whenever the demo is
loaded. Figures the audit does not give are marked "(demoeksempel)" where they are set.

The plans are data (``DISPENSERS``, ``SPIDER``, ``RPA``); the builders below make them through
the services in the order the data gives: each benefit, its indicators, their measurements, its
before/after calculation, its budget cuts, and last the status its owner sets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, BenefitStatus
from helhet.benefits.services.budget_cuts import budget_cut_create
from helhet.benefits.services.calculations import calculation_set
from helhet.benefits.services.follow_up import benefit_status_set, measurement_record
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative

ECONOMY, QUALITY, CLIMATE = "economy", "quality", "climate_environment"
EFFICIENCY, QUALITY_CATEGORY = "efficiency", "quality"
DIRECT, INDIRECT, QUALITATIVE = "direct", "indirect", "qualitative"
BEING_REALISED = BenefitStatus.BEING_REALISED

# Byarkivet's estimate in "digital FTE" as hours, at the default hours in one FTE (1 695).
HOURS_PER_FTE = Decimal(1695)

FINAL_REPORT = date(2017, 12, 31)  # the dispensers' operating phase ended in December 2017


# --- How a plan is written down ------------------------------------------------------------------


@dataclass(frozen=True)
class DaysAgo:
    """A date relative to the day the demo is loaded."""

    days: int


@dataclass(frozen=True)
class EndOfNextYear:
    """The date a benefit should be realised by where the audit gives none (demoeksempel)."""


END_OF_NEXT_YEAR = EndOfNextYear()

Day = date | DaysAgo | EndOfNextYear


@dataclass(frozen=True)
class DemoMeasurement:
    day: Day
    value: str
    comment: str


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    baseline: Decimal
    baseline_date: Day
    target: Decimal
    target_date: Day
    frequency: str
    measures_amount: bool = False
    measurements: tuple[DemoMeasurement, ...] = ()


@dataclass(frozen=True)
class DemoCut:
    unit: str  # the unit's name
    amount: Decimal
    comment: str


@dataclass(frozen=True)
class DemoBenefit:
    """A benefit as the project leader writes it into the plan. ``owned`` says whether the
    plan's responsible line manager and benefits owner are set; ``marked`` is the status
    the owner sets once it is measured."""

    title: str
    description: str
    dimension: str
    category: str
    kind: str
    planned_amount: Decimal | None = None
    preconditions: str = ""
    realisation_method: str = ""
    due: Day | None = None
    status: str = BenefitStatus.PLANNED
    owned: bool = True
    indicators: tuple[DemoIndicator, ...] = ()
    calculation: dict[str, Any] = field(default_factory=dict)
    cuts: tuple[DemoCut, ...] = ()
    marked: str = ""


@dataclass(frozen=True)
class DemoPlan:
    """An initiative's plan: who writes it, who answers for and owns its benefits."""

    initiative: str
    writer: str  # username of the one who writes the plan
    responsible: str  # username of the responsible line manager
    owner: str  # username of the benefits owner, who measures
    benefits: tuple[DemoBenefit, ...]


# --- The medicine dispensers -----------------------------------------------------------------------

DEMO = "Demoeksempel."
TABLE_4 = "Sluttrapporten (revisjonens tabell 4)."

# Rollout continues (5006, 5089-5115); the date it should be realised by is not in the audit.
DISPENSERS = DemoPlan(
    initiative="Medisindispensere",
    writer="prosjektleder",
    responsible="eier",
    owner="gevinsteier",
    benefits=(
        # Table 4 (5010-5022): visits a day 69 -> 31,5, yearly cost 3 085 163 -> 1 471 399, a
        # saving of 1 613 764 a year. Rent of the dispensers is not included (footnote 66,
        # 5072-5074).
        DemoBenefit(
            title="Færre hjemmebesøk",
            description=(
                "Den store gevinsten er redusert mengde hjemmebesøk: oppdrag per dag gikk fra 69 "
                "til 31,5, og årskostnaden fra 3 085 163 kr til 1 471 399 kr (sluttrapporten, "
                "utregnet for 33 brukere). Leie av dispenserne er ikke med i utregningen; "
                "leieprisen i prosjektperioden halverer gevinsten."
            ),
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=DIRECT,
            planned_amount=Decimal(1613764),
            preconditions=(
                "Brukeren får multidose og er egnet for medisindispenser. Hjemmetjenestene "
                "foreslår aktuelle brukere og følger opp bruken."
            ),
            realisation_method=(
                "Færre besøk gir rom for flere brukere med samme bemanning. En del av gevinsten "
                "tas ut som rammekutt i hjemmebaserte tjenester (demoeksempel)."
            ),
            due=END_OF_NEXT_YEAR,
            indicators=(
                DemoIndicator(
                    name="Årskostnad hjemmebesøk",
                    unit="nok",
                    baseline=Decimal(3085163),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal(1471399),
                    target_date=FINAL_REPORT,
                    frequency="yearly",
                    measures_amount=True,
                    measurements=(
                        DemoMeasurement(FINAL_REPORT, "1471399", TABLE_4),
                        # The latest status report: some home-care services still visit users
                        # suited for a dispenser (demoeksempel figures). Measured four months
                        # ago: not due yet.
                        DemoMeasurement(
                            DaysAgo(120),
                            "1650000",
                            "Demoeksempel: noen hjemmetjenester reiser fortsatt hjem med "
                            "medisiner til brukere som er egnet for medisindispenser.",
                        ),
                    ),
                ),
                DemoIndicator(
                    name="Oppdrag per dag",
                    unit="count",
                    baseline=Decimal(69),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal("31.5"),
                    target_date=FINAL_REPORT,
                    frequency="quarterly",
                    measurements=(
                        DemoMeasurement(FINAL_REPORT, "31.5", TABLE_4),
                        # Quarterly, last measured 80 days ago: due within the next fortnight.
                        DemoMeasurement(DaysAgo(80), "34", DEMO),
                    ),
                ),
            ),
            # Table 4 exactly as the audit gives it: 33 users (5024), per day. The unit costs
            # are the table's daily costs divided by its visits: 8 452,5 / 69 = 122,5 and
            # 4 032 / 31,5 = 128. The stated per-user figures divide by 30, not 33, and
            # 4 032 x 365 is 1 471 680, not 1 471 399: the plan shows both.
            calculation={
                "quantity_label": "Oppdrag",
                "period": "day",
                "days_per_year": 365,
                "users": 33,
                "before_quantity": Decimal(69),
                "after_quantity": Decimal("31.5"),
                "before_unit_cost": Decimal("122.5"),
                "after_unit_cost": Decimal(128),
                "stated_before_daily": Decimal("8452.5"),
                "stated_after_daily": Decimal(4032),
                "stated_before_yearly": Decimal(3085163),
                "stated_after_yearly": Decimal(1471399),
                "stated_before_per_user": Decimal(102839),
                "stated_after_per_user": Decimal(49047),
                "source": "Sluttrapporten (revisjonens tabell 4)",
            },
            # The whole planned saving cut from this budget year while the benefit is still
            # being realised and has realised less: the risk the audit warns of, citing KS
            # (demoeksempel).
            cuts=(
                DemoCut(
                    unit="Hjemmebaserte tjenester",
                    amount=Decimal(1613764),
                    comment=(
                        "Demoeksempel: hele den planlagte gevinsten er tatt ut av rammen fra i "
                        "år, før den er realisert."
                    ),
                ),
            ),
        ),
        # Quality benefits: 5046-5060.
        DemoBenefit(
            title="Færre feilmedisineringer",
            description=(
                "Kvalitetsgevinster: færre feilmedisineringer, stabil medisinering og økt "
                "autonomi for brukeren. Brukerne opplever det som trygt å vite at medisinen "
                "kommer akkurat når den skal, og slipper mange besøk og mye ventetid."
            ),
            dimension=QUALITY,
            category=QUALITY_CATEGORY,
            kind=QUALITATIVE,
            due=END_OF_NEXT_YEAR,
            status=BEING_REALISED,
        ),
        # Time in the medicine room: about 50 hours a month at Hundvåg and Storhaug
        # (5034-5038), 600 hours a year.
        DemoBenefit(
            title="Tid på medisinrommet",
            description=(
                "Hundvåg og Storhaug hjemmebaserte tjenester rapporterte at tiden sykepleiere "
                "brukte på medisinrommet ble redusert med omtrent 50 timer per måned. De "
                "medisinrelaterte rapporteringene i morgenrapporten ble mer enn halvert."
            ),
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            planned_amount=Decimal(600),
            realisation_method="Frigjort tid brukes til flere besøk på samme tid.",
            due=END_OF_NEXT_YEAR,
            indicators=(
                DemoIndicator(
                    name="Frigjort tid på medisinrommet",
                    unit="hours",
                    baseline=Decimal(0),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal(600),
                    target_date=FINAL_REPORT,
                    frequency="yearly",
                    measures_amount=True,
                    measurements=(
                        DemoMeasurement(
                            FINAL_REPORT, "600", "Om lag 50 timer per måned (sluttrapporten)."
                        ),
                        DemoMeasurement(DaysAgo(45), "600", DEMO),
                    ),
                ),
            ),
        ),
        # Video visits: 5601-5609. The audit gives them to E-helse og velferdsteknologi without
        # naming a project; the dispensers are the department's welfare-technology project
        # whose need is fewer home visits and less driving, so the benefit is planned there.
        # The audit gives no period for the 20-30 hours: the lower figure is planned.
        DemoBenefit(
            title="Spart kjøretid med digitalt tilsyn",
            description=(
                "Ved å erstatte 42 fysiske tilsyn med video ble 20–30 timer kjøretid spart. "
                "Summen av spart tid kan utgjøre en stilling, men tiden er vanskelig å «finne "
                "igjen»: det er alltid oppgaver å fylle den med."
            ),
            dimension=CLIMATE,
            category=EFFICIENCY,
            kind=INDIRECT,
            planned_amount=Decimal(20),
            realisation_method="Flere tilsyn på samme tid, og mindre kjøring.",
            due=END_OF_NEXT_YEAR,
            indicators=(
                DemoIndicator(
                    name="Fysiske tilsyn erstattet med video",
                    unit="count",
                    baseline=Decimal(0),
                    baseline_date=DaysAgo(150),
                    target=Decimal(42),
                    target_date=END_OF_NEXT_YEAR,
                    frequency="half_yearly",
                    measurements=(
                        DemoMeasurement(DaysAgo(30), "42", "42 tilsyn, 20–30 timer kjøretid."),
                    ),
                ),
            ),
        ),
    ),
)


# --- Spider: table 5, the benefit analysis (5196-5221) ---------------------------------------------

SPIDER_SOURCE = "Gevinstanalysen i evalueringsrapporten (revisjonens tabell 5)."
SPIDER_QUALITATIVE = [
    "Rett kompetanse på oppdrag",
    "Brukere får færre ansatte å forholde seg til",
    "Brukere får flere besøk av primær- og sekundærkontakt",
    "Ansatte har fått mer forutsigbare arbeidslister og trenger ikke selv prioritere "
    "rekkefølgen på oppdragene",
]

SPIDER = DemoPlan(
    initiative="Spider",
    writer="prosjektleder",
    responsible="eier",
    owner="gevinsteier",
    benefits=(
        *(
            DemoBenefit(
                title=title,
                description=SPIDER_SOURCE,
                dimension=QUALITY,
                category=QUALITY_CATEGORY,
                kind=QUALITATIVE,
                status=BEING_REALISED,
            )
            for title in SPIDER_QUALITATIVE
        ),
        DemoBenefit(
            title="Ansatte bruker mindre tid i bil/til kjøring",
            description=SPIDER_SOURCE,
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            realisation_method="Frigjort tid.",
        ),
        DemoBenefit(
            title=(
                "Reduserte kostnader til kjøring mellom oppdrag ved å redusere kjørelengde per "
                "oppdrag"
            ),
            description=SPIDER_SOURCE,
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=DIRECT,
            realisation_method="Sparte kostnader.",
        ),
        # No owner and no responsible line manager yet, so no one measures it: "halved" is the
        # audit's word, the indicator counts the work as a percentage of what it was.
        DemoBenefit(
            title="Halvert arbeid knyttet til å lage og oppdatere arbeidslister",
            description=SPIDER_SOURCE,
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            realisation_method="Frigjort tid.",
            owned=False,
            indicators=(
                DemoIndicator(
                    name="Arbeid med arbeidslister, andel av før",
                    unit="percent",
                    baseline=Decimal(100),
                    baseline_date=date(2017, 5, 1),
                    target=Decimal(50),
                    target_date=date(2019, 5, 31),
                    frequency="half_yearly",
                ),
            ),
        ),
    ),
)


# --- RPA: the invoice robot Robin and Byarkivet's processes ----------------------------------------


def _byarkivet(
    title: str, description: str, fte: int, frequency: str, measured: DaysAgo, value: str
) -> DemoBenefit:
    """One of Byarkivet's groups of processes, estimated in digital FTE (table 3)."""
    return DemoBenefit(
        title=title,
        description=description,
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=INDIRECT,
        planned_amount=fte * HOURS_PER_FTE,
        preconditions=(
            "Robotene er ikke selvgående: de estimerte årsverkene må ses sammen med tiden som "
            "går til oppfølging av dem."
        ),
        realisation_method="Frigjort tid til support og veiledning av organisasjonen.",
        due=END_OF_NEXT_YEAR,  # not in the audit (demoeksempel)
        indicators=(
            DemoIndicator(
                name="Digitale årsverk",
                unit="fte",
                baseline=Decimal(0),
                baseline_date=date(2020, 9, 1),
                target=Decimal(fte),
                target_date=END_OF_NEXT_YEAR,
                frequency=frequency,
                measures_amount=True,
                measurements=(DemoMeasurement(measured, value, DEMO),),
            ),
        ),
    )


# The audit names no line manager for Robin or Byarkivet's processes, and neither unit is in the
# demo organisation: the director of Innovasjon og støttetjenester, which holds the RPA project,
# answers for and owns them (demoeksempel).
RPA = DemoPlan(
    initiative="RPA",
    writer="portefolje",
    responsible="direktor",
    owner="direktor",
    benefits=(
        # Robin: 2902-2912. A pilot in the accounts department in 2017; the robot checks
        # 160 000 invoices a year, saving about 2 000 working hours. Realised.
        DemoBenefit(
            title="Robin: automatisk etterkontroll av fakturaer",
            description=(
                "Programvareroboten Robin kontrollerer at hver anvist faktura er reell før den "
                "sendes til utbetaling. Årlig slipper kommunen manuell etterkontroll av 160 000 "
                "fakturaer, som sparer om lag 2 000 arbeidstimer."
            ),
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            planned_amount=Decimal(2000),
            realisation_method="Frigjorte ressurser i regnskapsavdelingen utfører annet arbeid.",
            due=date(2017, 12, 31),
            indicators=(
                DemoIndicator(
                    name="Frigjorte arbeidstimer per år",
                    unit="hours",
                    baseline=Decimal(0),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal(2000),
                    target_date=date(2017, 12, 31),
                    frequency="yearly",
                    measures_amount=True,
                    measurements=(
                        DemoMeasurement(
                            date(2017, 12, 31),
                            "2000",
                            "160 000 fakturaer slipper manuell etterkontroll.",
                        ),
                    ),
                ),
            ),
            marked=BenefitStatus.REALISED,
        ),
        # Byarkivet, table 3 (4010-4096): two groups of processes, estimated at 8 and 4 digital
        # FTE. Byarkivet joined the RPA work early in the autumn of 2020 (3995-3997).
        _byarkivet(
            "Byarkivet: kontinuerlige prosesser i arkivdanningen",
            "Omfordeling av innsynsbegjæringer og påføring av metadata, opprette og avslutte "
            "saker med kvalitetskontroll, og kvalitetskontroll av metadata i e-skjemaløsningen. "
            "Digitale årsverk realiseres hos systemeier (byarkivet); bedre kvalitet i "
            "arkivdanningen, raskere leveranser og frigjort tid til support, veiledning og "
            "dokumentfangst.",
            8,
            "half_yearly",
            DaysAgo(60),  # not due
            "2",
        ),
        _byarkivet(
            "Byarkivet: tidsavgrensede prosesser i arkivbevaringen",
            "Ivareta dokumentasjon fra Greater Stavanger og fra Rennesøy/Finnøy. Digitale "
            "årsverk realiseres hos systemeier (tjenesteområdene) og hos arkivforvalter "
            "(byarkivet); unngår tap av arkiv og rettighetsdokumentasjon.",
            4,
            "quarterly",
            DaysAgo(200),  # overdue: quarterly, last measured over 6 months ago
            "1",
        ),
    ),
)

PLANS = (DISPENSERS, SPIDER, RPA)


# --- The builders --------------------------------------------------------------------------------


@transaction.atomic
def build_benefits_demo(stavanger: Municipality) -> None:
    """Create the demo benefits realisation plans. Assumes the portfolio demo is loaded; does
    nothing when Stavanger already has benefits, so loading it twice adds nothing."""
    if Benefit.objects.filter(municipality=stavanger).exists():
        return
    today = timezone.localdate()
    for plan in PLANS:
        _build_plan(stavanger, plan, today)


def _day(day: Day, today: date) -> date:
    if isinstance(day, DaysAgo):
        return today - timedelta(days=day.days)
    if isinstance(day, EndOfNextYear):
        return date(today.year + 1, 12, 31)
    return day


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _build_plan(m: Municipality, plan: DemoPlan, today: date) -> None:
    initiative = Initiative.objects.get(municipality=m, name=plan.initiative)
    writer, responsible, owner = _user(plan.writer), _user(plan.responsible), _user(plan.owner)
    for data in plan.benefits:
        benefit = benefit_create(
            actor=writer,
            initiative=initiative,
            title=data.title,
            description=data.description,
            dimension=data.dimension,
            category=data.category,
            kind=data.kind,
            planned_amount=data.planned_amount,
            preconditions=data.preconditions,
            realisation_method=data.realisation_method,
            responsible=responsible if data.owned else None,
            owners=[owner] if data.owned else [],
            due_date=_day(data.due, today) if data.due is not None else None,
            status=data.status,
        )
        _follow_up(benefit, data, writer=writer, owner=owner, today=today)


def _follow_up(
    benefit: Benefit, data: DemoBenefit, *, writer: User, owner: User, today: date
) -> None:
    """The benefit's indicators and their measurements, its calculation and budget cuts, and the
    status its owner marks it with."""
    indicators = [
        indicator_create(
            actor=writer,
            benefit=benefit,
            name=indicator.name,
            unit=indicator.unit,
            baseline_value=indicator.baseline,
            baseline_date=_day(indicator.baseline_date, today),
            target_value=indicator.target,
            target_date=_day(indicator.target_date, today),
            frequency=indicator.frequency,
            measures_amount=indicator.measures_amount,
        )
        for indicator in data.indicators
    ]
    for indicator, written in zip(indicators, data.indicators, strict=True):
        for measurement in written.measurements:
            measurement_record(
                actor=owner,
                indicator=indicator,
                measured_on=_day(measurement.day, today),
                value=Decimal(measurement.value),
                comment=measurement.comment,
            )
    if data.calculation:
        calculation_set(actor=writer, benefit=benefit, **data.calculation)
    for cut in data.cuts:
        budget_cut_create(
            actor=writer,
            benefit=benefit,
            unit=OrgUnit.objects.get(municipality_id=benefit.municipality_id, name=cut.unit),
            amount=cut.amount,
            budget_year=today.year,
            comment=cut.comment,
        )
    if data.marked:
        benefit_status_set(actor=owner, benefit=benefit, status=data.marked)
