"""Writing and submitting a fund application: the services' guarantees, and the bad input they
refuse with nothing written."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.models import Benefit
from helhet.benefits.services.plan import benefit_create
from helhet.fund.models import AnalysisYear, Application, ApplicationStatus, FundRules
from helhet.fund.selectors.applications import (
    application_analysis,
    non_monetary_benefits,
    submission_problems,
)
from helhet.fund.services.applications import (
    CostBenefit,
    FundingLine,
    YearAmount,
    application_analysis_reset,
    application_analysis_set,
    application_create,
    application_submit,
    application_update,
    application_withdraw,
)
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.benefits.helpers import dispensers
from tests.fund.application_helpers import a_round, draft, the_fund


def _leader() -> User:
    return User.objects.get(username="prosjektleder")


def test_a_draft_starts_from_the_initiative_and_keeps_its_years_and_other_funding(
    stavanger: Municipality,
) -> None:
    initiative = dispensers(stavanger)
    Initiative.objects.filter(pk=initiative.pk).update(
        short_description="Medisindispensere i hjemmetjenesten.",
        need="For mange besøk bare for å gi medisiner.",
    )

    application = draft(stavanger)

    assert application.status == ApplicationStatus.DRAFT
    assert application.rules is None  # set when submitted
    assert application.project_description == (
        "Medisindispensere i hjemmetjenesten.\n\nFor mange besøk bare for å gi medisiner."
    )
    assert [(y.year, y.amount_applied) for y in application.years.all()] == [
        (2027, Decimal(1_500_000)),
        (2028, Decimal(500_000)),
    ]
    assert [(f.source, f.amount) for f in application.other_funding.all()] == [
        ("own_budget", Decimal(1_000_000))
    ]
    assert application.history.get().history_user == _leader()


REFUSED = [
    pytest.param(
        {"years": [YearAmount(2027, Decimal(-5))]},
        "years",
        "kan ikke være negativt",
        id="negative amount",
    ),
    pytest.param(
        {"total_cost": Decimal("NaN")}, "total_cost", "Skriv et beløp i kroner", id="not a number"
    ),
    pytest.param(
        {"total_cost": Decimal(30_000_000), "years": [YearAmount(2027, Decimal(12_000_000))]},
        "years",
        "mer enn fondets største beløp, 10\xa0000\xa0000 kr",
        id="above the fund's maximum",
    ),
    pytest.param(
        {"years": [YearAmount(2027, Decimal(3_000_000))]},
        "total_cost",
        "høyst 50 % av prosjektkostnaden",
        id="above the fund's share",
    ),
    pytest.param(
        {"years": [YearAmount(2026 + n, Decimal(100_000)) for n in range(1, 5)]},
        "years",
        "høyst 3 budsjettår",
        id="too many budget years",
    ),
    pytest.param(
        {"other_funding": [FundingLine("eu", Decimal(4_500_000))]},
        "total_cost",
        "er mer enn prosjektet koster",
        id="more funding than the cost",
    ),
]


@pytest.mark.parametrize(("fields", "field", "message"), REFUSED)
def test_bad_amounts_are_refused_in_norwegian_with_nothing_written(
    stavanger: Municipality, fields: dict[str, Any], field: str, message: str
) -> None:
    the_fund(stavanger)
    before = Application.objects.count()

    with pytest.raises(ValidationError) as refused:
        draft(stavanger, **fields)

    assert message in " ".join(refused.value.message_dict[field])
    assert Application.objects.count() == before


def test_a_kind_of_use_the_fund_does_not_finance_is_refused(stavanger: Municipality) -> None:
    the_fund(stavanger, finances_one_off=False)
    with pytest.raises(ValidationError) as refused:
        draft(stavanger, use_kind="one_off")
    assert "Fondet finansierer ikke" in refused.value.message_dict["use_kind"][0]


def test_submission_lists_what_the_audit_requires_and_refuses_until_it_is_there(
    stavanger: Municipality,
) -> None:
    application = draft(stavanger, with_benefit=False, total_cost=None, years=[], other_funding=[])
    Application.objects.filter(pk=application.pk).update(project_description="")
    application.refresh_from_db()
    rules = FundRules.objects.get(fund=application.fund)

    problems = submission_problems(application, rules, today=timezone.localdate())

    assert problems == [
        "En prosjektbeskrivelse.",
        "En gevinstrealiseringsplan med minst én gevinst (i gevinstmodulen).",
        "Samlet prosjektkostnad.",
        "Et beløp det søkes om, over 0 kroner i minst ett budsjettår.",
    ]
    with pytest.raises(ValidationError) as refused:
        application_submit(actor=_leader(), application=application)
    assert refused.value.messages == problems
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.submitted_at is None


def test_submitting_keeps_the_rules_version_and_the_analysis_as_they_were(
    stavanger: Municipality,
) -> None:
    application = draft(stavanger)
    leader = _leader()

    application_submit(actor=leader, application=application)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_by == leader
    assert application.rules is not None and application.rules.version == 1
    # The proposal is saved: total cost 5 million over 2027-2028 as applied (3:1), the benefit
    # of 1 613 764 kroner a year from 2027, when it is due.
    saved = list(AnalysisYear.objects.filter(application=application).order_by("index"))
    assert len(saved) == 10
    assert (saved[0].cost, saved[1].cost, saved[2].cost) == (
        Decimal("3750000.00"),
        Decimal("1250000.00"),
        Decimal("0.00"),
    )
    assert {row.benefit for row in saved} == {Decimal("1613764.00")}
    npv_then = application_analysis(application, application.rules).analysis.npv

    # A new version of the rules and a bigger benefit later change nothing submitted.
    FundRules.objects.create(
        municipality=stavanger, fund=application.fund, version=2, discount_rate=Decimal(7)
    )
    Benefit.objects.filter(initiative=application.initiative).update(planned_amount=10**9)
    application.refresh_from_db()
    assert application.rules.version == 1
    assert application_analysis(application, application.rules).analysis.npv == npv_then

    with pytest.raises(ValidationError, match="kan ikke lenger endres"):
        application_submit(actor=leader, application=application)
    with pytest.raises(ValidationError, match="kan ikke lenger endres"):
        application_analysis_set(actor=leader, application=application, rows=[])


def test_a_round_past_its_deadline_takes_no_more_applications(stavanger: Municipality) -> None:
    closed = a_round(the_fund(stavanger), deadline=timezone.localdate() - timedelta(days=1))
    application = draft(stavanger, round_=closed)

    with pytest.raises(ValidationError, match="Søknadsfristen for"):
        application_submit(actor=_leader(), application=application)


def test_a_saved_analysis_replaces_the_proposal_until_it_is_reset(stavanger: Municipality) -> None:
    application = draft(stavanger)
    rules = FundRules.objects.get(fund=application.fund)
    rows = [CostBenefit(Decimal(1_000_000), Decimal(0)), CostBenefit(Decimal(0), Decimal(500_000))]

    application_analysis_set(actor=_leader(), application=application, rows=rows)
    saved = application_analysis(application, rules)
    assert not saved.prefilled
    assert [row.cost for row in saved.analysis.rows[:3]] == [Decimal(1_000_000), 0, 0]
    assert saved.analysis.rows[1].benefit == Decimal(500_000)

    with pytest.raises(ValidationError):
        application_analysis_set(
            actor=_leader(), application=application, rows=[CostBenefit(Decimal(-1), Decimal(0))]
        )
    assert application.analysis_years.count() == 2

    application_analysis_reset(actor=_leader(), application=application)
    assert application_analysis(application, rules).prefilled


def test_a_change_from_a_stale_form_is_refused(stavanger: Municipality) -> None:
    application = draft(stavanger)
    arguments: dict[str, Any] = {
        "use_kind": "project",
        "round_": None,
        "project_description": "Ny tekst",
        "total_cost": Decimal(5_000_000),
        "years": [YearAmount(2027, Decimal(2_000_000))],
        "other_funding": [],
    }
    application_update(actor=_leader(), application=application, expected_version=1, **arguments)

    with pytest.raises(ValidationError, match="Noen andre endret søknaden"):
        application_update(
            actor=_leader(), application=application, expected_version=1, **arguments
        )
    application.refresh_from_db()
    assert application.version == 2
    assert application.years.get().amount_applied == Decimal(2_000_000)


def test_a_withdrawn_application_is_kept_and_cannot_be_withdrawn_again(
    stavanger: Municipality,
) -> None:
    application = draft(stavanger)
    application_withdraw(actor=_leader(), application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="kan ikke lenger trekkes"):
        application_withdraw(actor=_leader(), application=application)


def test_an_initiative_of_another_municipality_is_refused(
    stavanger: Municipality, bergen: Municipality
) -> None:
    with pytest.raises(ValidationError):
        application_create(
            actor=_leader(),
            fund=the_fund(bergen),
            initiative=dispensers(stavanger),
            use_kind="project",
        )
    assert not Application.objects.exists()


def test_benefits_not_in_kroner_are_listed_beside_never_priced(stavanger: Municipality) -> None:
    application = draft(stavanger)
    for title, kind, amount in (
        ("Tid på medisinrommet", "indirect", Decimal(1695)),
        ("Færre feilmedisineringer", "qualitative", None),
    ):
        benefit_create(
            actor=None,
            initiative=application.initiative,
            title=title,
            dimension="quality",
            category="quality",
            kind=kind,
            planned_amount=amount,
        )
    rules = FundRules.objects.get(fund=application.fund)

    listed = non_monetary_benefits(application)

    assert [(b.title, b.kind, b.hours, b.fte) for b in listed] == [
        ("Tid på medisinrommet", "indirect", Decimal(1695), Decimal(1)),  # 1 695 hours: one FTE
        ("Færre feilmedisineringer", "qualitative", None, None),
    ]
    # Only the direct benefit's kroner are in the analysis.
    benefits = {row.benefit for row in application_analysis(application, rules).analysis.rows}
    assert benefits == {Decimal(1613764)}
