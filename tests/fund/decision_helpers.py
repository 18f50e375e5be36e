"""A fund with money and applications ready to assess and decide, for the tests of assessment,
ranking and decisions. Stavanger's demo people play the parts: the project leader
(prosjektleder) writes and submits, the portfolio office (portefolje) assesses, the director
(direktor, a leader) decides; the project owner is eier.

The fund is built by tests/fund/builders.py (with three criteria); the applications are made as
rows here (the rules and the submission are other services' work); money moves only through the
ledger service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.services.plan import benefit_create
from helhet.fund.models import (
    AnalysisYear,
    Application,
    ApplicationStatus,
    ApplicationYear,
    Fund,
    FundRound,
)
from helhet.fund.services.assessment import application_formal_check, application_score
from helhet.organization.models import Municipality
from tests.fund import builders
from tests.fund.builders import person
from tests.projects.matrix_projects import project

# (name, weight): the weighted score of scores (5, 4, 3) is (15 + 8 + 3) / 6 = 4.33.
CRITERIA = [("Nytte for innbyggerne", 3), ("Strategisk forankring", 2), ("Gjennomførbarhet", 1)]


def fund(
    municipality: Municipality,
    *,
    capital: Decimal = Decimal("10000000"),
    decider: User | None = None,
) -> Fund:
    """The municipality's fund (made once per test) with ``capital`` in its ledger, rules v1
    (at most NOK 5 million, half the project cost, three budget years) and three criteria."""
    return builders.fund(
        municipality,
        capital=capital,
        decider=decider,
        decision_date=date(2017, 5, 8),
        criteria=CRITERIA,
        rules={"max_amount": Decimal("5000000"), "max_share": Decimal(50), "max_budget_years": 3},
    )


def round_(municipality: Municipality, name: str = "Søknadsrunde høst 2026") -> FundRound:
    return FundRound.objects.get_or_create(
        municipality=municipality,
        fund=fund(municipality),
        name=name,
        defaults={"deadline": date(2026, 10, 1)},
    )[0]


def application(
    municipality: Municipality,
    name: str = "Trådløst nett på sykehjemmene",
    *,
    years: dict[int, str] | None = None,
    total_cost: str = "4000000",
    in_round: FundRound | None = None,
    status: str = ApplicationStatus.SUBMITTED,
    analysis: list[tuple[str, str]] | None = None,
) -> Application:
    """A submitted application (unless ``status`` says otherwise) for the initiative ``name``,
    which eier owns and prosjektleder leads, written and submitted by prosjektleder, with one
    benefit in its plan. ``years`` maps budget years to the amounts applied for; ``analysis``
    lists (cost, benefit) per analysis year."""
    initiative = project(municipality, name, method=None)
    if not initiative.benefits.exists():
        benefit_create(
            actor=None,
            initiative=initiative,
            title=f"Spart tid: {name}",
            dimension="economy",
            category="efficiency",
            kind="direct",
            planned_amount=Decimal("500000"),
        )
    the_fund = fund(municipality)
    submitted = status != ApplicationStatus.DRAFT
    made = Application.objects.create(
        municipality=municipality,
        fund=the_fund,
        rules=the_fund.rule_versions.order_by("-version").first() if submitted else None,
        round=in_round,
        initiative=initiative,
        project_description=f"{name}: prosjektbeskrivelse.",
        total_cost=Decimal(total_cost),
        status=status,
        created_by=person("prosjektleder"),
        submitted_by=person("prosjektleder") if submitted else None,
        submitted_at=timezone.now() if submitted else None,
    )
    for year, amount in (years or {2027: "1000000", 2028: "500000"}).items():
        ApplicationYear.objects.create(
            municipality=municipality, application=made, year=year, amount_applied=Decimal(amount)
        )
    for index, (cost, benefit) in enumerate(analysis or []):
        AnalysisYear.objects.create(
            municipality=municipality,
            application=made,
            index=index,
            cost=Decimal(cost),
            benefit=Decimal(benefit),
        )
    return made


def assessed(made: Application, scores: tuple[int, ...] = (5, 4, 3)) -> Application:
    """The application with the formal requirements met and its criteria scored by the
    portfolio office."""
    office = person("portefolje")
    application_formal_check(actor=office, application=made, passed=True, note="")
    assert made.rules is not None
    criteria = list(made.rules.criteria.order_by("position"))
    return application_score(
        actor=office,
        application=made,
        scores={c.pk: (score, "") for c, score in zip(criteria, scores, strict=True)},
    )
