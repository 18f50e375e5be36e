"""Stavanger's digitalisation fund as the 2022 audit describes it (section 4.3, lines 1997-2068 of
``seed/000_2f3fe3e17b51d0d8.txt``), built through the fund's services as the portfolio office, the
applicants and the chief executive's role would: the fund with the city council's NOK 100
million (case 65/17, May 2017), its first rules (case 64/17), the two uses the audit names as
example grants, and this year's round with three applications at different stages.

The audit gives no amount for any grant or application: those amounts are examples, and every
ledger entry and application of them says "Eksempelbeløp", as the fund's purpose does. The
rules' gain share and years, the criteria and the case references of the example decisions are
examples too, and say so. The historical decisions are dated when the audit tells the story
(after April 2019, when nothing had been disbursed, and before the audit in 2021).

One example grant shows a gain due back to the fund (``WIRELESS_SAVING``): the audit gives
none, so its benefit, figures and measurements say "demoeksempel".

The fund demo is data (``GRANTS``, ``ROUND``); the functions below only walk it through the
services, after the portfolio and benefits demos (the applications need the initiatives'
benefits realisation plans)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.models import BenefitKind, Category, Dimension
from helhet.benefits.services.plan import benefit_create
from helhet.demo.benefits.build import build_plan
from helhet.demo.benefits.shapes import DEMO, DemoBenefit, DemoIndicator, DemoMeasurement, DemoPlan
from helhet.demo.portfolio_examples import DIGIBARNEVERN_GRANT, WIRELESS_GRANT
from helhet.fund.models import (
    Application,
    DecisionOutcome,
    EntryKind,
    Fund,
    FundRound,
    FundRules,
    GainReturnRule,
    UseKind,
)
from helhet.fund.services.applications import (
    FundingLine,
    YearAmount,
    application_create,
    application_submit,
)
from helhet.fund.services.assessment import application_formal_check, application_score
from helhet.fund.services.decisions import application_decide
from helhet.fund.services.funds import (
    CriterionLine,
    fund_create,
    fund_round_create,
    fund_rules_create,
)
from helhet.fund.services.ledger import ledger_entry_record
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative

EXAMPLE = "Eksempelbeløp"
EXAMPLE_DESCRIPTION = (
    "Eksempelbeløp: revisjonen oppgir ingen beløp for fondets bruk, så beløpene i denne "
    "søknaden er eksempler."
)
OFFICE, CHIEF = "portefolje", "direktor"

# A day in the story: a date, or so many days before today.
Day = date | int

FUND_NAME = "Digitaliseringsfondet"
CAPITAL = Decimal(100_000_000)
# 1999-2013 and footnote 25: bystyret, 22.05.2017, case 65/17.
COUNCIL_DECISION = date(2017, 5, 22)
FUND_PURPOSE = (
    "Bystyret vedtok i mai 2017 (sak 65/17, årsrapport og årsregnskap 2016) å avsette 100 "
    "millioner kroner av regnskapsmessig mindreforbruk til et digitaliseringsfond: det er "
    "krevende å frigjøre midler i driftsbudsjettet til større digitaliseringsprosjekter der "
    "gevinstene kommer fram i tid, og Smartby og større innovasjons- og "
    "digitaliseringsprosjekter er sentrale i utviklingen av tjenestene. Formål og innretning: "
    "sak 64/17, Kommunalstyre for finans, 20.11.2017. Sak 63/19 (formannskapet, 11.04.2019): "
    "ingen midler var disponert ennå; fondet kan finansiere de store nasjonale prosjektene, og "
    "også mindre prosjekter som prioriteres gjennom porteføljestyringen. Prosjekter som søker, "
    "meldes inn i digitaliseringsporteføljen og legger fram prosjektbeskrivelse, "
    "gevinstrealiseringsplan, kostnad og søknadsbeløp, så søknadene likebehandles og "
    "kommunedirektøren får et godt beslutningsgrunnlag.\n\n"
    "Eksempelbeløp: revisjonen oppgir ingen beløp for fondets tilsagn og utbetalinger. "
    "Kapitalen på 100 millioner er revisjonens tall; tilsagn, utbetalinger og søknader i "
    "demoen er eksempler og merket «Eksempelbeløp»."
)
# Footnote 26: case 64/17, Kommunalstyre for finans, 20.11.2017; 2022-2031 on gains.
RULES_DECIDED = date(2017, 11, 20)
RULES_NOTE = (
    "Formål og innretning: sak 64/17, Kommunalstyre for finans, 20.11.2017. Saksframlegget til "
    "sak 65/17 legger til grunn at gevinster som realiseres av digitaliseringsprosjektene skal "
    "tilbakeføres til fondet, så fondet aldri går tomt. Andelen (50 prosent) og antall år (5) "
    "er eksempler: revisjonen oppgir dem ikke. Gevinster som ikke er penger (kvalitet, klima) "
    "føres ikke tilbake."
)
# Examples after the list and Digdir's co-financing scheme: (name, description, weight).
CRITERIA = (
    ("Nytte for innbyggerne", "Bedre tjenester for innbyggere og næringsliv.", 3),
    ("Nytte for ansatte", "Frigjort tid og bedre arbeidsverktøy.", 2),
    ("Strategisk forankring", "Digitaliseringsstrategien og de nasjonale prosjektene.", 2),
    ("Gjennomførbarhet", "Organisering, kompetanse og risiko.", 2),
    ("Hast", "Hva tapes ved å vente et år.", 1),
)
# A second version, an example of changing the rules: the applications before keep version 1.
RULES_2_CHANGES: dict[str, Any] = {
    "min_amount": Decimal(200_000),
    "max_amount": Decimal(10_000_000),
    "max_share": Decimal(80),
}
RULES_2_NOTE = (
    "Eksempel på en ny versjon, etter mønster av Digdirs medfinansieringsordning: fondet dekker "
    "inntil 80 prosent av prosjektkostnaden, minst 200 000 og høyst 10 millioner kroner per "
    "søknad, over høyst tre budsjettår. Kriteriene og gevinstregelen er uendret; søknadene fra "
    "før beholder versjon 1."
)


@dataclass(frozen=True)
class DemoApplication:
    """An application from ``initiative`` by ``applicant`` (username), with its amounts per
    budget year (year offset from this year when ``relative``), total cost and other funding;
    how far it gets (``stage``: draft, submitted, assessed or decided) and, once assessed, the
    scores by criterion position; once decided, the decision."""

    initiative: str
    applicant: str
    use_kind: str
    total_cost: Decimal
    years: dict[int, Decimal]
    stage: str
    relative: bool = True
    other_funding: tuple[tuple[str, Decimal], ...] = ()
    scores: tuple[int, ...] = ()
    outcome: str = ""
    granted: dict[int, Decimal] = field(default_factory=dict)
    conditions: str = ""
    case_reference: str = ""
    formal_note: str = ""
    # When it was written (a draft), submitted and decided: a date, or so many days ago.
    submitted: Day = 0
    decided: Day | None = None


@dataclass(frozen=True)
class Payment:
    """A disbursement (or, with ``release``, an unused grant released) of a grant."""

    initiative: str
    paid_on: date
    amount: Decimal
    budget_year: int
    reference: str = ""
    release: bool = False


# The audit (2064-2068): the fund has secured full wireless network access in the nursing homes and
# paid the "entry ticket" to national projects such as DigiBarnevern, one-off activities it suits
# well. Decided and paid between April 2019 (nothing disbursed yet) and the audit.
GRANTS = (
    DemoApplication(
        initiative="Trådløst nett på sykehjemmene",
        applicant="kristin.hovland",
        use_kind=UseKind.ONE_OFF,
        total_cost=WIRELESS_GRANT,
        years={2020: WIRELESS_GRANT},
        relative=False,
        stage="decided",
        scores=(4, 4, 4, 5, 3),
        outcome=DecisionOutcome.GRANTED,
        case_reference="19/04412 (eksempel)",
        submitted=date(2019, 10, 15),
        decided=date(2019, 12, 12),
    ),
    DemoApplication(
        initiative="DigiBarnevern",
        applicant="espen.rasmussen",
        use_kind=UseKind.ENTRY_TICKET,
        total_cost=DIGIBARNEVERN_GRANT + Decimal(600_000),
        years={2020: DIGIBARNEVERN_GRANT / 2, 2021: DIGIBARNEVERN_GRANT / 2},
        relative=False,
        other_funding=(("own_budget", Decimal(600_000)),),
        stage="decided",
        scores=(4, 3, 5, 4, 4),
        outcome=DecisionOutcome.GRANTED,
        case_reference="20/00873 (eksempel)",
        submitted=date(2020, 1, 20),
        decided=date(2020, 2, 27),
    ),
)
PAYMENTS = (
    Payment(
        "Trådløst nett på sykehjemmene", date(2020, 9, 30), Decimal(4_350_000), 2020, "2020-4471"
    ),
    Payment(
        "Trådløst nett på sykehjemmene", date(2021, 1, 29), Decimal(150_000), 2020, release=True
    ),
    Payment("DigiBarnevern", date(2020, 6, 30), DIGIBARNEVERN_GRANT / 2, 2020, "2020-2210"),
    Payment("DigiBarnevern", date(2021, 3, 31), DIGIBARNEVERN_GRANT / 2, 2021, "2021-1388"),
)

# This year's round, for next year's budget and the one after (years relative to this year).
ROUND_NAME = "Søknadsrunde {year}"
ROUND = (
    # Decided early: the lease of the dispensers must be renewed before the new year.
    DemoApplication(
        initiative="Medisindispensere",
        applicant="prosjektleder",
        use_kind=UseKind.PROJECT,
        total_cost=Decimal(2_900_000),
        years={1: Decimal(1_200_000), 2: Decimal(800_000)},
        other_funding=(("own_budget", Decimal(900_000)),),
        stage="decided",
        scores=(5, 5, 4, 4, 5),
        outcome=DecisionOutcome.PARTLY_GRANTED,
        granted={1: Decimal(1_200_000), 2: Decimal(400_000)},
        conditions=(
            "Oppdatert gevinstrealiseringsplan med gevinsteier i hver hjemmebaserte tjeneste "
            "før endelig tilsagn for andre budsjettår."
        ),
        case_reference="{year}/01187 (eksempel)",
        submitted=24,
        decided=5,
    ),
    # Assessed, waiting for the decision: the rollout that corona stopped.
    DemoApplication(
        initiative="Spider",
        applicant="prosjektleder",
        use_kind=UseKind.PROJECT,
        total_cost=Decimal(2_800_000),
        years={1: Decimal(1_500_000), 2: Decimal(700_000)},
        other_funding=(("own_budget", Decimal(600_000)),),
        stage="assessed",
        scores=(3, 5, 3, 3, 4),
        formal_note="Prosjektbeskrivelse, gevinstrealiseringsplan, kostnad og søknadsbeløp er med.",
        submitted=13,
    ),
    # A draft: the sensors have no benefits realisation plan yet, so it cannot be submitted.
    DemoApplication(
        initiative="Smarte gatesluker",
        applicant="ingrid.loland",
        use_kind=UseKind.PROJECT,
        total_cost=Decimal(1_200_000),
        years={1: Decimal(600_000)},
        other_funding=(("own_budget", Decimal(600_000)),),
        stage="draft",
        submitted=3,
    ),
)

# Benefits realisation plans the example grants needed (the audit names these benefits; none of
# them is money): (initiative, title, description).
PLANS = (
    (
        "Trådløst nett på sykehjemmene",
        "Velferdsteknologi og digitale verktøy kan tas i bruk på alle sykehjem",
        "Full trådløs nettverkstilgang på sykehjemmene (revisjonen).",
    ),
    (
        "DigiBarnevern",
        "Raskere og bedre hjelp til barn og unge som trenger det",
        "Økt kvalitet i det kommunale barnevernet (revisjonen).",
    ),
)

# The example of a gain due back to the fund (the audit gives none: no funded project had
# returned a gain, 2034-2036). The wireless network lets the nursing homes end their own mobile
# subscriptions for tablets and lines for safety alarms: a direct benefit in kroner, measured
# each year after the grant. Under rules version 1 (half of realised monetary gains for five
# years from the year after the first budget year, 2020) 2021-2025 each owe half of what was
# realised by then: 150 000, 250 000 and three times 275 000 kroner, none of it returned.
WIRELESS_SAVING = DemoPlan(
    initiative="Trådløst nett på sykehjemmene",
    writer="kristin.hovland",
    responsible="eier",
    owner="gevinsteier",
    benefits=(
        DemoBenefit(
            title="Lavere kostnader til mobilabonnement og alarmlinjer (demoeksempel)",
            description=(
                "Demoeksempel: revisjonen oppgir ingen økonomisk gevinst av det trådløse "
                "nettet. Med trådløst nett på alle sykehjem kan sykehjemmene si opp egne "
                "mobilabonnement til nettbrett og egne linjer for trygghetsalarmer. Beløpene er "
                "eksempler."
            ),
            dimension=Dimension.ECONOMY,
            category=Category.EFFICIENCY,
            kind=BenefitKind.DIRECT,
            planned_amount=Decimal(600_000),
            realisation_method="Abonnementene og linjene sies opp når nettet er i drift.",
            due=date(2022, 12, 31),
            indicators=(
                DemoIndicator(
                    name="Årskostnad mobilabonnement og alarmlinjer",
                    unit="nok",
                    baseline=Decimal(1_400_000),
                    baseline_date=date(2020, 1, 1),
                    target=Decimal(800_000),
                    target_date=date(2022, 12, 31),
                    frequency="yearly",
                    measures_amount=True,
                    measurements=(
                        DemoMeasurement(date(2021, 12, 31), "1100000", DEMO),
                        DemoMeasurement(date(2022, 12, 31), "900000", DEMO),
                        DemoMeasurement(date(2023, 12, 31), "850000", DEMO),
                    ),
                ),
            ),
        ),
    ),
)


@transaction.atomic
def build_fund_demo(stavanger: Municipality) -> Fund:
    """Create Stavanger's digitalisation fund with its capital, rules, example grants and this
    year's round. Assumes the portfolio and benefits demos are loaded."""
    today = timezone.localdate()
    office = _user(OFFICE)
    initiatives = {i.name: i for i in Initiative.objects.filter(municipality=stavanger)}
    fund = _fund(stavanger, office)
    ledger_entry_record(
        fund=fund,
        kind=EntryKind.CAPITAL,
        amount=CAPITAL,
        actor=office,
        entry_date=COUNCIL_DECISION,
        reference="65/17",
        note="Avsatt av bystyret fra regnskapsmessig mindreforbruk i 2016",
    )
    _rules(fund, office)
    for initiative, title, description in PLANS:
        _plan(initiatives[initiative], title, description)
    build_plan(stavanger, WIRELESS_SAVING, today)
    granted = {
        grant.initiative: _application(fund, initiatives[grant.initiative], grant, None, today)
        for grant in GRANTS
    }
    for payment in PAYMENTS:
        _pay(fund, granted[payment.initiative], payment, office)
    _rules_2(fund, office, today)
    round_ = fund_round_create(
        actor=office,
        fund=fund,
        name=ROUND_NAME.format(year=today.year + 1),
        opens_on=today - timedelta(days=45),
        deadline=today + timedelta(days=21),
    )
    for data in ROUND:
        _application(fund, initiatives[data.initiative], data, round_, today)
    return fund


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _day(day: Day, today: date) -> date:
    return day if isinstance(day, date) else today - timedelta(days=day)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _fund(m: Municipality, office: User) -> Fund:
    return fund_create(
        actor=office,
        municipality=m,
        name=FUND_NAME,
        purpose=FUND_PURPOSE,
        decision_reference="65/17",
        decision_date=COUNCIL_DECISION,
        decision_body="Bystyret",
    )


def _rules(fund: Fund, office: User) -> FundRules:
    """The first version of the rules, dated when case 64/17 set them."""
    rules = fund_rules_create(
        actor=office,
        fund=fund,
        criteria=[
            CriterionLine(name, weight, description) for name, description, weight in CRITERIA
        ],
        note=RULES_NOTE,
        finances_one_off=True,
        finances_entry_ticket=True,
        finances_project=True,
        max_budget_years=3,
        gain_return=GainReturnRule.SHARE,
        gain_return_share=Decimal(50),
        gain_return_years=5,
    )
    FundRules.objects.filter(pk=rules.pk).update(created_at=_at(RULES_DECIDED))
    return rules


def _rules_2(fund: Fund, office: User, today: date) -> FundRules:
    """The second version, copied from the first with ``RULES_2_CHANGES``, dated at the start of
    last year."""
    rules = fund_rules_create(actor=office, fund=fund, note=RULES_2_NOTE, **RULES_2_CHANGES)
    FundRules.objects.filter(pk=rules.pk).update(created_at=_at(date(today.year - 1, 1, 15)))
    return rules


def _plan(initiative: Initiative, title: str, description: str) -> None:
    benefit_create(
        actor=initiative.project_leader,
        initiative=initiative,
        title=title,
        description=description,
        dimension=Dimension.QUALITY,
        category=Category.QUALITY,
        kind=BenefitKind.QUALITATIVE,
    )


def _application(
    fund: Fund,
    initiative: Initiative,
    data: DemoApplication,
    round_: FundRound | None,
    today: date,
) -> Application:
    """The application through the services as far as ``data.stage``: written by the applicant,
    submitted, assessed by the portfolio office (formal requirements, then every criterion),
    decided by the chief executive's role. Historical steps are dated as ``data`` says."""
    applicant = _user(data.applicant)
    base = today.year if data.relative else 0
    application = application_create(
        actor=applicant,
        fund=fund,
        initiative=initiative,
        use_kind=data.use_kind,
        round_=round_,
        project_description=f"{EXAMPLE_DESCRIPTION}\n\n{initiative.short_description}",
        total_cost=data.total_cost,
        years=[YearAmount(base + year, amount) for year, amount in data.years.items()],
        other_funding=[
            FundingLine(source, amount, EXAMPLE) for source, amount in data.other_funding
        ],
    )
    submitted = _day(data.submitted, today)
    if data.stage != "draft":
        application = application_submit(actor=applicant, application=application)
    if data.stage in ("assessed", "decided"):
        _assess(application, data.scores, data.formal_note)
    decided = _day(data.decided, today) if data.decided is not None else None
    if data.stage == "decided":
        application_decide(
            actor=_user(CHIEF),
            application=application,
            outcome=data.outcome,
            case_reference=data.case_reference.format(year=today.year),
            conditions=data.conditions,
            granted={base + year: amount for year, amount in data.granted.items()} or None,
            ledger_note=f"{EXAMPLE}: {initiative.name}",
            decided_at=_at(decided) if decided else None,
        )
    # The steps move to when the story says they happened (the decision is dated by the
    # service): written a week before it was submitted, assessed halfway to the decision or a
    # few days after it was submitted. A draft was written on ``submitted``.
    if data.stage == "draft":
        Application.objects.filter(pk=application.pk).update(created_at=_at(submitted))
    else:
        wait = ((decided or today) - submitted).days // 2
        Application.objects.filter(pk=application.pk).update(
            created_at=_at(submitted - timedelta(days=7)),
            submitted_at=_at(submitted),
            assessed_at=_at(submitted + timedelta(days=min(21, max(1, wait)))),
        )
    application.refresh_from_db()
    return application


def _assess(application: Application, scores: tuple[int, ...], note: str) -> None:
    """The portfolio office finds the formal requirements met, then scores every criterion of
    the application's rules version (``scores`` in the criteria's order)."""
    office = _user(OFFICE)
    application_formal_check(actor=office, application=application, passed=True, note=note)
    assert application.rules is not None  # set on submission
    criteria = application.rules.criteria.order_by("position")
    application_score(
        actor=office,
        application=application,
        scores={c.pk: (score, "") for c, score in zip(criteria, scores, strict=True)},
    )


def _pay(fund: Fund, application: Application, payment: Payment, office: User) -> None:
    ledger_entry_record(
        fund=fund,
        kind=EntryKind.RELEASE if payment.release else EntryKind.DISBURSEMENT,
        amount=payment.amount,
        actor=office,
        application=application,
        budget_year=payment.budget_year,
        entry_date=payment.paid_on,
        reference=f"Bilag {payment.reference} (eksempel)" if payment.reference else "",
        note=(f"{EXAMPLE}: ubrukt tilsagn frigitt" if payment.release else f"{EXAMPLE}: utbetalt"),
    )
