"""Applying to the fund in the browser's pages: from the initiative's page to a submitted
application, what is missing listed on the page, bad input refused, the analysis prefilled and
saved, and the fund's list."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from helhet.accounts.models import User
from helhet.fund.models import Application, ApplicationStatus
from helhet.fund.services.applications import YearAmount, application_create, application_submit
from helhet.organization.models import Municipality
from tests.benefits.helpers import dispensers
from tests.conftest import database_state
from tests.fund.application_helpers import draft, the_fund
from tests.fund.matrix_applications import application_form
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db


def test_the_project_leader_applies_from_the_initiative_page_and_submits(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    fund = the_fund(stavanger)
    initiative = dispensers(stavanger)
    client = login("prosjektleder")

    page = client.get(f"/portefolje/tiltak/{initiative.pk}/").content.decode()
    assert f'href="/fond/tiltak/{initiative.pk}/sok/"' in page
    assert "Søk digitaliseringsfondet" in page
    fund_page = client.get(f"/fond/{fund.pk}/").content.decode()
    assert f'href="/fond/{fund.pk}/soknader/"' in fund_page
    assert f'href="/fond/{fund.pk}/soknader/ny/"' in fund_page
    apply_page = client.get(f"/fond/tiltak/{initiative.pk}/sok/").content.decode()
    assert f"/fond/{fund.pk}/soknader/ny/?tiltak={initiative.pk}" in apply_page
    form_page = client.get(f"/fond/{fund.pk}/soknader/ny/?tiltak={initiative.pk}")
    assert f'<option value="{initiative.pk}" selected>' in form_page.content.decode()

    created = client.post(f"/fond/{fund.pk}/soknader/ny/", application_form(stavanger))
    application = Application.objects.get(initiative=initiative)
    assert created["Location"] == f"/fond/soknader/{application.pk}/"
    detail = client.get(created["Location"]).content.decode()
    assert 'id="ready"' in detail
    assert "1\xa0500\xa0000 kr" in detail  # applied for
    assert "37,5 % av kostnaden" in detail  # 1.5 of 4 million
    assert 'id="npv-per-krone"' in detail
    assert "Færre hjemmebesøk" not in detail  # a direct benefit: in the analysis, not beside it

    submitted = client.post(f"/fond/soknader/{application.pk}/send/")

    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.rules is not None
    detail = client.get(f"/fond/soknader/{application.pk}/").content.decode()
    with translation.override("nb"):
        assert f"Status: {ApplicationStatus.SUBMITTED.label}" in detail
    assert f"/fond/soknader/{application.pk}/endre/" not in detail
    # Submitted: no longer changed, also by a form someone kept open.
    again = client.post(
        f"/fond/soknader/{application.pk}/endre/", application_form(stavanger, version="2")
    )
    assert again.status_code == 302
    assert application.years.get().amount_applied == Decimal(1_500_000)


def test_without_a_benefits_plan_the_page_lists_it_and_submitting_is_refused(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    application = draft(stavanger, with_benefit=False)
    client = login("eier")

    detail = client.get(f"/fond/soknader/{application.pk}/").content.decode()
    assert "En gevinstrealiseringsplan med minst én gevinst" in detail
    before = database_state()
    refused = client.post(f"/fond/soknader/{application.pk}/send/")

    assert refused.status_code == 400
    assert "En gevinstrealiseringsplan med minst én gevinst" in refused.content.decode()
    assert database_state() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount_1": "mye"}, "Skriv et tall"),
        ({"amount_1": "-5"}, "Et beløp kan ikke være negativt."),
        ({"amount_1": "3 000 000"}, "Fondet dekker høyst 50 % av prosjektkostnaden"),
        ({"amount_1": "12 000 000", "total_cost": "30 000 000"}, "mer enn fondets største"),
    ],
    ids=["not a number", "negative", "above the share", "above the maximum"],
)
def test_bad_amounts_answer_400_in_norwegian_and_change_nothing(
    stavanger: Municipality,
    login: Callable[[str], Client],
    changes: dict[str, str],
    message: str,
) -> None:
    fund = the_fund(stavanger)
    data = application_form(stavanger, **changes)
    client = login("prosjektleder")
    before = database_state()

    response = client.post(f"/fond/{fund.pk}/soknader/ny/", data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert database_state() == before


def test_the_analysis_is_proposed_from_the_benefits_plan_and_may_be_changed(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    application = draft(stavanger)
    client = login("prosjektleder")
    path = f"/fond/soknader/{application.pk}/analyse/"

    proposed = client.get(path).content.decode()
    # 5 million over 2027-2028 in the 3:1 of the amounts applied; the benefit from 2027.
    assert 'value="3\xa0750\xa0000"' in proposed
    assert 'value="1\xa0613\xa0764"' in proposed
    data = {f"cost_{i}": "0" for i in range(10)} | {f"benefit_{i}": "0" for i in range(10)}
    data |= {"cost_0": "2 000 000", "benefit_1": "1 000 000", "benefit_2": "1 000 000"}

    assert client.post(path, data).status_code == 302

    detail = client.get(f"/fond/soknader/{application.pk}/").content.decode()
    assert "Slik den er lagret for denne søknaden." in detail
    # NPV = -2 000 000 + 1 000 000/1.04 + 1 000 000/1.0816 = -113 905.33
    assert "−113\xa0905,33 kr" in detail or "-113\xa0905,33 kr" in detail
    assert client.post(path, {"reset": "1"}).status_code == 302
    assert not application.analysis_years.exists()


def test_the_list_shows_submitted_applications_to_all_and_drafts_to_their_writers(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    fund = the_fund(stavanger)
    written = draft(stavanger)
    other = application_create(
        actor=User.objects.get(username="portefolje"),
        fund=fund,
        initiative=project(stavanger, "Digital postkasse", owner="direktor", leader=None),
        use_kind="project",
        project_description="Digital postkasse til innbyggerne.",
        total_cost=Decimal(1_000_000),
        years=[YearAmount(2027, Decimal(400_000))],
    )
    path = f"/fond/{fund.pk}/soknader/"

    as_reader = login("leser").get(path).content.decode()
    as_leader = login("prosjektleder").get(path).content.decode()

    assert f"/fond/soknader/{written.pk}/" not in as_reader
    assert f"/fond/soknader/{other.pk}/" not in as_reader
    assert f"/fond/soknader/{written.pk}/" in as_leader
    assert f"/fond/soknader/{other.pk}/" not in as_leader  # not an initiative the leader runs
    assert "2\xa0000\xa0000" in as_leader  # the sum of the draft's budget years


def test_the_list_asks_the_same_number_of_queries_for_1_and_for_8_applications(
    stavanger: Municipality,
    login: Callable[[str], Client],
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    fund = the_fund(stavanger)
    actor = User.objects.get(username="portefolje")

    def add(name: str) -> None:
        application_create(
            actor=actor,
            fund=fund,
            initiative=project(stavanger, name, method=None),
            use_kind="project",
            project_description=f"{name}.",
            total_cost=Decimal(1_000_000),
            years=[YearAmount(2027, Decimal(300_000)), YearAmount(2028, Decimal(100_000))],
        )

    client = login("portefolje")
    api = Client(headers=api_headers("portefolje"))
    add("Tiltak 0")
    api.get("/api/v1/me")  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/fond/{fund.pk}/soknader/").status_code == 200
    with CaptureQueriesContext(connection) as one_in_the_api:
        assert api.get(f"/api/v1/funds/{fund.pk}/applications").status_code == 200
    for n in range(1, 8):
        add(f"Tiltak {n}")
    with CaptureQueriesContext(connection) as eight:
        page = client.get(f"/fond/{fund.pk}/soknader/").content.decode()
    with CaptureQueriesContext(connection) as eight_in_the_api:
        listed = api.get(f"/api/v1/funds/{fund.pk}/applications").json()
    assert page.count("/fond/soknader/") == 8
    assert listed["count"] == 8
    assert len(eight.captured_queries) == len(one.captured_queries)
    assert len(eight_in_the_api.captured_queries) == len(one_in_the_api.captured_queries)


def test_a_submitted_application_shows_the_analysis_as_submitted(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    application = draft(stavanger)
    application_submit(actor=User.objects.get(username="eier"), application=application)

    detail = login("leser").get(f"/fond/soknader/{application.pk}/").content.decode()

    assert "Slik den ble sendt inn." in detail
    assert 'id="change-analysis"' not in detail
    assert 'id="submit-application"' not in detail
