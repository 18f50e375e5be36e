"""Demo benefits realisation plans for Stavanger's demo portfolio, from the 2022 audit (Rogaland
Revisjon, ``seed/000_2f3fe3e17b51d0d8.txt``; the comments give its line numbers): the medicine
dispensers with table 4 exactly as the audit gives it (so its inconsistency shows), Spider's
benefit analysis (table 5), the invoice robot Robin and Byarkivet's RPA processes (table 3), and
the video visits. Built through the services, as the project leader and the benefits owners
would, after the portfolio demo (``helhet.demo.portfolio``).

What the audit tells is dated as it tells it (the dispensers' trial in 2017, Byarkivet from the
autumn of 2020). Follow-up is dated relative to today, as the other demos' recent events are, so
the plans show measurements not yet due, one due soon and some overdue whenever the demo is
loaded. Figures the audit does not give are marked "(demoeksempel)" where they are set."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, BenefitStatus, Indicator
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


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _initiative(municipality: Municipality, name: str) -> Initiative:
    return Initiative.objects.get(municipality=municipality, name=name)


def _measure(owner: User, indicator: Indicator, day: date, value: str, comment: str) -> None:
    measurement_record(
        actor=owner, indicator=indicator, measured_on=day, value=Decimal(value), comment=comment
    )


@transaction.atomic
def build_benefits_demo(stavanger: Municipality) -> None:
    """Create the demo benefits realisation plans. Assumes the portfolio demo is loaded; does
    nothing when Stavanger already has benefits, so loading it twice adds nothing."""
    if Benefit.objects.filter(municipality=stavanger).exists():
        return
    today = timezone.localdate()
    _dispensers(stavanger, today)
    _spider(stavanger)
    _rpa(stavanger, today)


def _dispensers(m: Municipality, today: date) -> None:
    initiative = _initiative(m, "Medisindispensere")
    leader, line_manager, owner = _user("prosjektleder"), _user("eier"), _user("gevinsteier")
    # Rollout continues (5006, 5089-5115); the date it should be realised by is not in the
    # audit: the end of next year (demoeksempel).
    due = date(today.year + 1, 12, 31)

    # Table 4 (5010-5022): visits a day 69 -> 31,5, yearly cost 3 085 163 -> 1 471 399, a
    # saving of 1 613 764 a year. Rent of the dispensers is not included (footnote 66,
    # 5072-5074).
    visits = benefit_create(
        actor=leader,
        initiative=initiative,
        title="Færre hjemmebesøk",
        description=(
            "Den store gevinsten er redusert mengde hjemmebesøk: oppdrag per dag gikk fra 69 til "
            "31,5, og årskostnaden fra 3 085 163 kr til 1 471 399 kr (sluttrapporten, "
            "utregnet for 33 brukere). Leie av dispenserne er ikke med i utregningen; "
            "leieprisen i prosjektperioden halverer gevinsten."
        ),
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=DIRECT,
        planned_amount=Decimal(1613764),
        preconditions=(
            "Brukeren får multidose og er egnet for medisindispenser. Hjemmetjenestene foreslår "
            "aktuelle brukere og følger opp bruken."
        ),
        realisation_method=(
            "Færre besøk gir rom for flere brukere med samme bemanning. En del av gevinsten tas "
            "ut som rammekutt i hjemmebaserte tjenester (demoeksempel)."
        ),
        responsible=line_manager,
        owners=[owner],
        due_date=due,
    )
    yearly_cost = indicator_create(
        actor=leader,
        benefit=visits,
        name="Årskostnad hjemmebesøk",
        unit="nok",
        baseline_value=Decimal(3085163),
        baseline_date=date(2017, 1, 1),
        target_value=Decimal(1471399),
        target_date=FINAL_REPORT,
        frequency="yearly",
        measures_amount=True,
    )
    per_day = indicator_create(
        actor=leader,
        benefit=visits,
        name="Oppdrag per dag",
        unit="count",
        baseline_value=Decimal(69),
        baseline_date=date(2017, 1, 1),
        target_value=Decimal("31.5"),
        target_date=FINAL_REPORT,
        frequency="quarterly",
    )
    _measure(owner, yearly_cost, FINAL_REPORT, "1471399", "Sluttrapporten (revisjonens tabell 4).")
    # The latest status report: some home-care services still visit users suited for a
    # dispenser (demoeksempel figures). Measured four months ago: not due yet.
    _measure(
        owner,
        yearly_cost,
        today - timedelta(days=120),
        "1650000",
        "Demoeksempel: noen hjemmetjenester reiser fortsatt hjem med medisiner til brukere som "
        "er egnet for medisindispenser.",
    )
    _measure(owner, per_day, FINAL_REPORT, "31.5", "Sluttrapporten (revisjonens tabell 4).")
    # Quarterly, last measured 80 days ago: due within the next fortnight.
    _measure(owner, per_day, today - timedelta(days=80), "34", "Demoeksempel.")
    # Table 4 exactly as the audit gives it: 33 users (5024), per day. The unit costs are the
    # table's daily costs divided by its visits: 8 452,5 / 69 = 122,5 and 4 032 / 31,5 = 128.
    # The stated per-user figures divide by 30, not 33, and 4 032 x 365 is 1 471 680, not
    # 1 471 399: the plan shows both.
    calculation_set(
        actor=leader,
        benefit=visits,
        quantity_label="Oppdrag",
        period="day",
        days_per_year=365,
        users=33,
        before_quantity=Decimal(69),
        after_quantity=Decimal("31.5"),
        before_unit_cost=Decimal("122.5"),
        after_unit_cost=Decimal(128),
        stated_before_daily=Decimal("8452.5"),
        stated_after_daily=Decimal(4032),
        stated_before_yearly=Decimal(3085163),
        stated_after_yearly=Decimal(1471399),
        stated_before_per_user=Decimal(102839),
        stated_after_per_user=Decimal(49047),
        source="Sluttrapporten (revisjonens tabell 4)",
    )
    # The whole planned saving cut from this budget year while the benefit is still being
    # realised and has realised less: the risk the audit warns of, citing KS (demoeksempel).
    budget_cut_create(
        actor=leader,
        benefit=visits,
        unit=OrgUnit.objects.get(municipality=m, name="Hjemmebaserte tjenester"),
        amount=Decimal(1613764),
        budget_year=today.year,
        comment=(
            "Demoeksempel: hele den planlagte gevinsten er tatt ut av rammen fra i år, før "
            "den er realisert."
        ),
    )

    # Quality benefits: 5046-5060.
    benefit_create(
        actor=leader,
        initiative=initiative,
        title="Færre feilmedisineringer",
        description=(
            "Kvalitetsgevinster: færre feilmedisineringer, stabil medisinering og økt autonomi "
            "for brukeren. Brukerne opplever det som trygt å vite at medisinen kommer akkurat "
            "når den skal, og slipper mange besøk og mye ventetid."
        ),
        dimension=QUALITY,
        category=QUALITY_CATEGORY,
        kind=QUALITATIVE,
        responsible=line_manager,
        owners=[owner],
        due_date=due,
        status=BEING_REALISED,
    )

    # Time in the medicine room: about 50 hours a month at Hundvåg and Storhaug (5034-5038),
    # 600 hours a year.
    medicine_room = benefit_create(
        actor=leader,
        initiative=initiative,
        title="Tid på medisinrommet",
        description=(
            "Hundvåg og Storhaug hjemmebaserte tjenester rapporterte at tiden sykepleiere brukte "
            "på medisinrommet ble redusert med omtrent 50 timer per måned. De medisinrelaterte "
            "rapporteringene i morgenrapporten ble mer enn halvert."
        ),
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=INDIRECT,
        planned_amount=Decimal(600),
        realisation_method="Frigjort tid brukes til flere besøk på samme tid.",
        responsible=line_manager,
        owners=[owner],
        due_date=due,
    )
    freed = indicator_create(
        actor=leader,
        benefit=medicine_room,
        name="Frigjort tid på medisinrommet",
        unit="hours",
        baseline_value=Decimal(0),
        baseline_date=date(2017, 1, 1),
        target_value=Decimal(600),
        target_date=FINAL_REPORT,
        frequency="yearly",
        measures_amount=True,
    )
    _measure(owner, freed, FINAL_REPORT, "600", "Om lag 50 timer per måned (sluttrapporten).")
    _measure(owner, freed, today - timedelta(days=45), "600", "Demoeksempel.")

    # Video visits: 5601-5609. The audit gives them to E-helse og velferdsteknologi without
    # naming a project; the dispensers are the department's welfare-technology project whose
    # need is fewer home visits and less driving, so the benefit is planned there. The audit
    # gives no period for the 20-30 hours: the lower figure is planned.
    video = benefit_create(
        actor=leader,
        initiative=initiative,
        title="Spart kjøretid med digitalt tilsyn",
        description=(
            "Ved å erstatte 42 fysiske tilsyn med video ble 20–30 timer kjøretid spart. Summen av "
            "spart tid kan utgjøre en stilling, men tiden er vanskelig å «finne igjen»: det er "
            "alltid oppgaver å fylle den med."
        ),
        dimension=CLIMATE,
        category=EFFICIENCY,
        kind=INDIRECT,
        planned_amount=Decimal(20),
        realisation_method="Flere tilsyn på samme tid, og mindre kjøring.",
        responsible=line_manager,
        owners=[owner],
        due_date=due,
    )
    replaced = indicator_create(
        actor=leader,
        benefit=video,
        name="Fysiske tilsyn erstattet med video",
        unit="count",
        baseline_value=Decimal(0),
        baseline_date=today - timedelta(days=150),
        target_value=Decimal(42),
        target_date=due,
        frequency="half_yearly",
    )
    _measure(owner, replaced, today - timedelta(days=30), "42", "42 tilsyn, 20–30 timer kjøretid.")


# Table 5, Spider's benefit analysis (5196-5221): the benefit and its type.
SPIDER_QUALITATIVE = [
    "Rett kompetanse på oppdrag",
    "Brukere får færre ansatte å forholde seg til",
    "Brukere får flere besøk av primær- og sekundærkontakt",
    "Ansatte har fått mer forutsigbare arbeidslister og trenger ikke selv prioritere "
    "rekkefølgen på oppdragene",
]


def _spider(m: Municipality) -> None:
    initiative = _initiative(m, "Spider")
    leader, line_manager, owner = _user("prosjektleder"), _user("eier"), _user("gevinsteier")
    source = "Gevinstanalysen i evalueringsrapporten (revisjonens tabell 5)."
    for title in SPIDER_QUALITATIVE:
        benefit_create(
            actor=leader,
            initiative=initiative,
            title=title,
            description=source,
            dimension=QUALITY,
            category=QUALITY_CATEGORY,
            kind=QUALITATIVE,
            responsible=line_manager,
            owners=[owner],
            status=BEING_REALISED,
        )
    benefit_create(
        actor=leader,
        initiative=initiative,
        title="Ansatte bruker mindre tid i bil/til kjøring",
        description=source,
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=INDIRECT,
        realisation_method="Frigjort tid.",
        responsible=line_manager,
        owners=[owner],
    )
    benefit_create(
        actor=leader,
        initiative=initiative,
        title=(
            "Reduserte kostnader til kjøring mellom oppdrag ved å redusere kjørelengde per oppdrag"
        ),
        description=source,
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=DIRECT,
        realisation_method="Sparte kostnader.",
        responsible=line_manager,
        owners=[owner],
    )
    # No owner and no responsible line manager yet, so no one measures it: "halved" is the
    # audit's word, the indicator counts the work as a percentage of what it was.
    lists = benefit_create(
        actor=leader,
        initiative=initiative,
        title="Halvert arbeid knyttet til å lage og oppdatere arbeidslister",
        description=source,
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=INDIRECT,
        realisation_method="Frigjort tid.",
    )
    indicator_create(
        actor=leader,
        benefit=lists,
        name="Arbeid med arbeidslister, andel av før",
        unit="percent",
        baseline_value=Decimal(100),
        baseline_date=date(2017, 5, 1),
        target_value=Decimal(50),
        target_date=date(2019, 5, 31),
        frequency="half_yearly",
    )


def _rpa(m: Municipality, today: date) -> None:
    initiative = _initiative(m, "RPA")
    office, director = _user("portefolje"), _user("direktor")
    # The audit names no line manager for Robin or Byarkivet's processes, and neither unit is
    # in the demo organisation: the director of Innovasjon og støttetjenester, which holds the
    # RPA project, answers for and owns them (demoeksempel).

    # Robin: 2902-2912. A pilot in the accounts department in 2017; the robot checks 160 000
    # invoices a year, saving about 2 000 working hours. Realised.
    robin = benefit_create(
        actor=office,
        initiative=initiative,
        title="Robin: automatisk etterkontroll av fakturaer",
        description=(
            "Programvareroboten Robin kontrollerer at hver anvist faktura er reell før den sendes "
            "til utbetaling. Årlig slipper kommunen manuell etterkontroll av 160 000 fakturaer, "
            "som sparer om lag 2 000 arbeidstimer."
        ),
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=INDIRECT,
        planned_amount=Decimal(2000),
        realisation_method="Frigjorte ressurser i regnskapsavdelingen utfører annet arbeid.",
        responsible=director,
        owners=[director],
        due_date=date(2017, 12, 31),
    )
    robin_hours = indicator_create(
        actor=office,
        benefit=robin,
        name="Frigjorte arbeidstimer per år",
        unit="hours",
        baseline_value=Decimal(0),
        baseline_date=date(2017, 1, 1),
        target_value=Decimal(2000),
        target_date=date(2017, 12, 31),
        frequency="yearly",
        measures_amount=True,
    )
    _measure(
        director,
        robin_hours,
        date(2017, 12, 31),
        "2000",
        "160 000 fakturaer slipper manuell etterkontroll.",
    )
    benefit_status_set(actor=director, benefit=robin, status=BenefitStatus.REALISED)

    # Byarkivet, table 3 (4010-4096): two groups of processes, estimated at 8 and 4 digital FTE.
    # Byarkivet joined the RPA work early in the autumn of 2020 (3995-3997).
    due = date(today.year + 1, 12, 31)  # not in the audit (demoeksempel)
    for title, description, fte, frequency, measured, value in [
        (
            "Byarkivet: kontinuerlige prosesser i arkivdanningen",
            "Omfordeling av innsynsbegjæringer og påføring av metadata, opprette og avslutte "
            "saker med kvalitetskontroll, og kvalitetskontroll av metadata i e-skjemaløsningen. "
            "Digitale årsverk realiseres hos systemeier (byarkivet); bedre kvalitet i "
            "arkivdanningen, raskere leveranser og frigjort tid til support, veiledning og "
            "dokumentfangst.",
            8,
            "half_yearly",
            today - timedelta(days=60),  # not due
            "2",
        ),
        (
            "Byarkivet: tidsavgrensede prosesser i arkivbevaringen",
            "Ivareta dokumentasjon fra Greater Stavanger og fra Rennesøy/Finnøy. Digitale "
            "årsverk realiseres hos systemeier (tjenesteområdene) og hos arkivforvalter "
            "(byarkivet); unngår tap av arkiv og rettighetsdokumentasjon.",
            4,
            "quarterly",
            today - timedelta(days=200),  # overdue: quarterly, last measured over 6 months ago
            "1",
        ),
    ]:
        process = benefit_create(
            actor=office,
            initiative=initiative,
            title=title,
            description=description,
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            planned_amount=fte * HOURS_PER_FTE,
            preconditions=(
                "Robotene er ikke selvgående: de estimerte årsverkene må ses sammen med tiden "
                "som går til oppfølging av dem."
            ),
            realisation_method="Frigjort tid til support og veiledning av organisasjonen.",
            responsible=director,
            owners=[director],
            due_date=due,
        )
        digital_fte = indicator_create(
            actor=office,
            benefit=process,
            name="Digitale årsverk",
            unit="fte",
            baseline_value=Decimal(0),
            baseline_date=date(2020, 9, 1),
            target_value=Decimal(fte),
            target_date=due,
            frequency=frequency,
            measures_amount=True,
        )
        _measure(director, digital_fte, measured, value, "Demoeksempel.")
