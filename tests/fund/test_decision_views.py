"""The assessment, decision and ranking pages as their users walk them: the portfolio office
checks and scores, the leader decides (in part, per year), everyone reads the ranked list; the
application page's panels offer each only what they may do."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helhet.fund.models import ApplicationStatus, DecisionOutcome, LedgerEntry
from helhet.fund.services.decisions import application_decide
from helhet.organization.models import Municipality
from tests.fund.decision_helpers import application, assessed, fund, person, round_

pytestmark = pytest.mark.django_db


def test_the_office_checks_and_scores_on_the_assessment_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    made = application(stavanger)
    office = login("portefolje")
    url = reverse("fund:application_assess", args=[made.pk])

    page = office.get(url).content.decode()
    assert "Steg 1: Formelle krav" in page and 'id="rule-checks"' in page
    assert 'name="score_' not in page  # scoring waits for the formal check

    refused = office.post(url, {"step": "formal", "passed": "no", "note": ""})
    assert refused.status_code == 400
    assert "Si hvilket krav" in refused.content.decode()

    assert office.post(url, {"step": "formal", "passed": "yes", "note": ""}).status_code == 302
    criteria = list(made.rules.criteria.order_by("position"))  # type: ignore[union-attr]
    scores = {f"score_{c.pk}": str(s) for c, s in zip(criteria, (5, 4, 3), strict=True)}
    scores |= {f"comment_{c.pk}": "" for c in criteria}
    response = office.post(url, {"step": "scores", **scores})
    assert response.status_code == 302
    page = office.get(url).content.decode()
    assert "Vektet poengsum: 4,33 av 5." in page


def test_the_applicant_in_the_portfolio_office_is_told_why_they_cannot_assess(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    made = application(stavanger)
    made.created_by = person("portefolje")
    made.save()
    url = reverse("fund:application_assess", args=[made.pk])
    page = login("portefolje").get(url).content.decode()
    assert "skrev eller sendte inn denne søknaden" in page
    assert 'id="formal-form"' not in page
    response = login("portefolje").post(url, {"step": "formal", "passed": "yes"})
    assert response.status_code == 400
    made.refresh_from_db()
    assert made.formal_check_passed is None


def test_the_leader_grants_in_part_per_year_on_the_decision_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    made = assessed(application(stavanger, years={2027: "1000000", 2028: "500000"}))
    director = login("direktor")
    url = reverse("fund:application_decide", args=[made.pk])

    page = director.get(url).content.decode()
    assert 'id="decision-form"' in page and "10\xa0000\xa0000 kr" in page  # available
    assert "4,33 av 5" in page

    over = director.post(
        url,
        {
            "outcome": DecisionOutcome.PARTLY_GRANTED,
            "granted_2027": "1 200 000",
            "granted_2028": "0",
            "case_reference": "26/4",
        },
    )
    assert over.status_code == 400
    assert "mer enn de 1\xa0000\xa0000 kr" in over.content.decode()

    response = director.post(
        url,
        {
            "outcome": DecisionOutcome.PARTLY_GRANTED,
            "granted_2027": "750 000",
            "granted_2028": "",
            "case_reference": "26/4",
            "conditions": "Gevinstrealiseringsplan før endelig tilsagn.",
        },
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == ApplicationStatus.PARTLY_GRANTED
    assert LedgerEntry.objects.get(application=made).amount == Decimal("750000.00")
    page = director.get(url).content.decode()
    decisions = page.split('id="decisions"')[1][:600]
    assert "Marit Sande" in decisions and "sak 26/4" in decisions
    assert "Gevinstrealiseringsplan før endelig tilsagn." in page
    assert 'id="decision-form"' not in page


def test_a_leader_the_fund_does_not_name_sees_who_decides_instead_of_a_form(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    fund(stavanger, decider=person("eier"))  # a named decider (here: any other person)
    made = application(stavanger)
    url = reverse("fund:application_decide", args=[made.pk])
    page = login("direktor").get(url).content.decode()
    assert "Fondet har utpekt en annen" in page and 'id="decision-form"' not in page
    response = login("direktor").post(url, {"outcome": "deferred", "reason": "Venter."})
    assert response.status_code == 400
    assert not made.decisions.exists()


def test_the_ranked_list_orders_by_score_then_npv_and_marks_where_the_money_runs_out(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    fund(stavanger, capital=Decimal("2000000"))
    autumn = round_(stavanger)
    # Three applications of 1 million each in the round; 2 million available.
    best = assessed(
        application(
            stavanger,
            "Trådløst nett",
            years={2027: "1000000"},
            in_round=autumn,
            analysis=[("1000000", "0"), ("0", "600000"), ("0", "600000")],
        ),
        (5, 5, 5),
    )
    tied_better_npv = assessed(
        application(
            stavanger,
            "DigiBarnevern",
            years={2027: "1000000"},
            in_round=autumn,
            analysis=[("1000000", "0"), ("0", "900000"), ("0", "900000")],
        ),
        (4, 4, 4),
    )
    tied_worse_npv = assessed(
        application(
            stavanger,
            "Chatbot",
            years={2027: "1000000"},
            in_round=autumn,
            analysis=[("1000000", "0"), ("0", "100000")],
        ),
        (4, 4, 4),
    )
    application(stavanger, "Løpende søknad", years={2027: "100000"})  # continuous, not here

    response = login("leser").get(reverse("fund:ranking", args=[autumn.fund_id]))
    page = response.content.decode()
    order = [page.index(f'id="rank-{a.pk}"') for a in (best, tied_better_npv, tied_worse_npv)]
    assert order == sorted(order)
    assert "Løpende søknad" not in page
    third = page[page.index(f'id="rank-{tied_worse_npv.pk}"') :]
    assert "Nei: passerer disponibelt" in third[:2000]
    assert "3\xa0000\xa0000 kr" in page  # the running sum at the third

    continuous = login("leser").get(
        reverse("fund:ranking", args=[autumn.fund_id]), {"runde": "lopende"}
    )
    assert "Løpende søknad" in continuous.content.decode()


def test_the_ranked_list_takes_as_many_queries_for_six_applications_as_for_two(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("leser")
    url = reverse("fund:ranking", args=[fund(stavanger).pk]) + "?runde=lopende"
    for name in ("A", "B"):
        assessed(application(stavanger, f"Tiltak {name}", analysis=[("100", "200")]))
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    for name in ("C", "D", "E", "F"):
        made = assessed(application(stavanger, f"Tiltak {name}", analysis=[("100", "200")]))
    application_decide(
        actor=person("direktor"), application=made, outcome="granted", case_reference="1"
    )
    with CaptureQueriesContext(connection) as six:
        response = client.get(url)
    assert response.content.decode().count('id="rank-') == 5
    assert len(six) == len(two), "\n".join(q["sql"][:150] for q in six.captured_queries)
