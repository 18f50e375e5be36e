"""The fund's rules are tested in one place (helhet/fund/rules.py): what the services refuse, what
keeps a draft from being submitted and what the assessment page marks as not met are the same
rules, with the same figures, so the portfolio office never sees "met" where the applicant was
refused, or the other way round."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helhet.accounts.models import User
from helhet.fund.rules import rule_tests
from helhet.fund.selectors.applications import newest_rules, submission_problems
from helhet.fund.selectors.assessment import application_assessment
from helhet.fund.services.applications import YearAmount, application_update
from helhet.fund.services.funds import CriterionLine, fund_rules_create
from helhet.organization.models import Municipality
from tests.fund.application_helpers import draft, the_fund

pytestmark = pytest.mark.django_db


def test_the_service_the_submission_and_the_assessment_read_the_same_rules(
    stavanger: Municipality,
) -> None:
    # Two budget years of 1.5 and 0.5 million (and two years of nothing) of a 5 million
    # project, with 1 million of its own budget: within version 1 (3 years, 10 million, 50 %).
    application = draft(
        stavanger,
        years=[
            YearAmount(2027, Decimal(1_500_000)),
            YearAmount(2028, Decimal(500_000)),
            YearAmount(2029, Decimal(0)),
            YearAmount(2030, Decimal(0)),
        ],
    )
    first = application_assessment(application)
    assert first.checks_met, [check for check in first.checks if not check.met]
    assert "2 budsjettår" in [check.detail for check in first.checks]  # years of 0 not counted

    # Version 2: projects no more, one budget year, at most 1 million and 33.33 % of the cost.
    # 2 million of 6 million is 33.333… %: above the share, though it rounds to 33.33.
    fund_rules_create(
        actor=User.objects.get(username="portefolje"),
        fund=the_fund(stavanger),
        criteria=[CriterionLine("Nytte for innbyggerne")],
        finances_project=False,
        max_budget_years=1,
        max_amount=Decimal(1_000_000),
        max_share=Decimal("33.33"),
    )
    years = [YearAmount(2027, Decimal(1_500_000)), YearAmount(2028, Decimal(500_000))]
    with pytest.raises(ValidationError) as refused:
        application_update(
            actor=User.objects.get(username="prosjektleder"),
            application=application,
            use_kind="project",
            round_=None,
            project_description="Dispensere.",
            total_cost=Decimal(6_000_000),
            years=years,
            other_funding=[],
        )
    application.total_cost = Decimal(6_000_000)
    application.save()
    application.other_funding.all().delete()

    assessed = application_assessment(application)
    not_met = {check.label.replace("\xa0", " ") for check in assessed.checks if not check.met}
    assert not_met == {
        "Fondet finansierer denne typen bruk",
        "Høyst 1 budsjettår",
        "Høyst 1 000 000 kr",
        "Høyst 33,33 % av prosjektkostnaden",
    }
    tested = rule_tests(
        newest_rules(application.fund),  # type: ignore[arg-type]
        use_kind="project",
        years=[(line.year, line.amount) for line in years],
        total_cost=Decimal(6_000_000),
        other_funding=Decimal(0),
    )
    refusals = [test.refusal for test in tested if not test.met]
    given = [message for messages in refused.value.message_dict.values() for message in messages]
    assert sorted(given) == sorted(refusals)
    problems = submission_problems(
        application, newest_rules(application.fund), today=timezone.localdate()
    )
    readable = [problem.replace("\xa0", " ") for problem in problems]
    assert [problem for problem in problems if problem in refusals] == refusals
    assert "2 000 000 kr er mer enn fondets største beløp, 1 000 000 kr. Søk om mindre." in (
        readable
    )
