"""The benefits API: an initiative's plan (reading it, adding a benefit), recording a measurement,
the municipality's benefits filtered like the overview, and the overview's figures. Roles and
tenancy as in the HTML views; bad input answers with Norwegian messages per field and changes
nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, Indicator, Measurement
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality
from tests.benefits.export_helpers import measure, other_benefits
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import count_queries, database_state
from tests.projects.matrix_projects import project

Headers = Callable[[str], dict[str, str]]
LIST = "/api/v1/benefits"
SUMMARY = "/api/v1/benefits/summary"


def _plan_url(municipality: Municipality) -> str:
    return f"/api/v1/initiatives/{dispensers(municipality).pk}/benefits"


def _measurements_url(found: Indicator) -> str:
    return f"/api/v1/indicators/{found.pk}/measurements"


def _post(path: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(path, data, content_type="application/json", headers=headers)


def _visits(municipality: Municipality) -> Indicator:
    """Visits a day, 69 to 31.5, with its baseline 300 days ago: measured quarterly, so overdue
    until measured."""
    today = timezone.localdate()
    return indicator(
        municipality,
        baseline_date=today - timedelta(days=300),
        target_date=today + timedelta(days=400),
    )


def _new_benefit(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Spart kjøring",
        "dimension": "climate_environment",
        "category": "efficiency",
        "kind": "indirect",
        "planned_amount": "2000",
        "realisation_method": "Flere besøk på samme tid.",
        "due_date": "2027-06-30",
    }
    data.update(fields)
    return data


def _user_id(username: str) -> int:
    return User.objects.get(username=username).pk


# --- An initiative's plan -----------------------------------------------------------------------


def test_the_plan_gives_each_benefit_with_its_facts_and_amount_as_a_decimal_string(
    stavanger: Municipality, api_headers: Headers
) -> None:
    benefit(stavanger)

    response = Client().get(_plan_url(stavanger), headers=api_headers("leser"))

    assert response.status_code == 200
    [row] = response.json()
    assert row["title"] == "Færre hjemmebesøk"
    assert row["initiative"]["name"] == "Medisindispensere"
    assert (row["dimension"], row["category"], row["kind"]) == ("economy", "efficiency", "direct")
    assert row["planned_amount"] == "1613764.00"
    assert row["due_date"] == "2027-12-31"
    assert row["responsible"]["username"] == "eier"
    assert [owner["username"] for owner in row["owners"]] == ["gevinsteier"]
    assert row["indicators"] == []


def test_the_plan_gives_each_indicator_with_its_latest_measurement_and_achievement(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = _visits(stavanger)
    today = timezone.localdate()
    measure(visits, today - timedelta(days=60), "60")
    measure(visits, today - timedelta(days=5), "50")

    [row] = Client().get(_plan_url(stavanger), headers=api_headers("leser")).json()

    [found] = row["indicators"]
    assert (found["baseline_value"], found["target_value"]) == ("69.0000", "31.5000")
    assert found["latest_measurement"]["value"] == "50.0000"
    assert found["latest_measurement"]["measured_on"] == (today - timedelta(days=5)).isoformat()
    assert found["measurement_count"] == 2
    assert found["achievement"] == "0.5067"
    assert found["trend"] == "improving"
    assert found["measurement_state"] == "not_due"


def test_the_plan_says_achievement_cannot_be_computed_when_the_target_equals_the_baseline(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = indicator(stavanger, target_value=Decimal(69))
    measure(visits, visits.baseline_date + timedelta(days=30), "60")

    [row] = Client().get(_plan_url(stavanger), headers=api_headers("leser")).json()

    [found] = row["indicators"]
    assert (found["achievement"], found["achievement_computable"]) == (None, False)


def test_a_project_leader_adds_a_benefit_to_the_plan(
    stavanger: Municipality, api_headers: Headers
) -> None:
    dispensers(stavanger)
    data = _new_benefit(responsible=_user_id("eier"), owners=[_user_id("gevinsteier")])

    response = _post(_plan_url(stavanger), data, api_headers("prosjektleder"))

    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["kind"], body["planned_amount"]) == (
        "Spart kjøring",
        "indirect",
        "2000.00",
    )
    assert [owner["username"] for owner in body["owners"]] == ["gevinsteier"]
    saved = Benefit.objects.get(pk=body["id"])
    assert saved.initiative == dispensers(stavanger)
    assert saved.history.earliest().history_user.username == "prosjektleder"


def test_a_reader_cannot_add_a_benefit(stavanger: Municipality, api_headers: Headers) -> None:
    dispensers(stavanger)
    before = database_state()

    response = _post(_plan_url(stavanger), _new_benefit(), api_headers("leser"))

    assert response.status_code == 403
    assert database_state() == before


def test_a_project_leader_cannot_add_a_benefit_to_an_initiative_she_does_not_lead(
    stavanger: Municipality, api_headers: Headers
) -> None:
    other = project(stavanger, "Robin", owner=None, leader=None, method=None)
    before = database_state()

    response = _post(
        f"/api/v1/initiatives/{other.pk}/benefits", _new_benefit(), api_headers("prosjektleder")
    )

    assert response.status_code == 403
    assert database_state() == before


def test_an_owner_from_another_municipality_is_refused_with_a_message(
    stavanger: Municipality, api_headers: Headers
) -> None:
    dispensers(stavanger)
    before = database_state()

    response = _post(
        _plan_url(stavanger),
        _new_benefit(owners=[_user_id("bergen-admin")]),
        api_headers("prosjektleder"),
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"owners": ["Alle gevinsteiere må arbeide i kommunen."]}
    assert database_state() == before


def test_a_qualitative_benefit_with_an_amount_is_refused_with_the_services_message(
    stavanger: Municipality, api_headers: Headers
) -> None:
    dispensers(stavanger)
    before = database_state()

    response = _post(
        _plan_url(stavanger), _new_benefit(kind="qualitative"), api_headers("prosjektleder")
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["planned_amount"]
    assert database_state() == before


def test_text_in_the_amount_is_refused_in_norwegian(
    stavanger: Municipality, api_headers: Headers
) -> None:
    dispensers(stavanger)
    before = database_state()

    response = _post(
        _plan_url(stavanger), _new_benefit(planned_amount="mange"), api_headers("prosjektleder")
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"planned_amount": ["Skriv et tall."]}
    assert database_state() == before


# --- Recording a measurement --------------------------------------------------------------------


def test_the_benefits_owner_records_a_measurement(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = _visits(stavanger)
    day = timezone.localdate() - timedelta(days=1)

    response = _post(
        _measurements_url(visits),
        {"measured_on": day.isoformat(), "value": "50", "comment": "Etter utrulling"},
        api_headers("gevinsteier"),
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["value"], body["achievement"], body["comment"]) == (
        "50.0000",
        "0.5067",
        "Etter utrulling",
    )
    assert body["recorded_by"]["username"] == "gevinsteier"
    saved = Measurement.objects.get(indicator=visits)
    assert (saved.measured_on, saved.value) == (day, Decimal(50))


def test_a_measurement_value_may_be_a_json_number(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = _visits(stavanger)
    day = timezone.localdate() - timedelta(days=1)

    response = _post(
        _measurements_url(visits),
        {"measured_on": day.isoformat(), "value": 31.5},
        api_headers("gevinsteier"),
    )

    assert response.status_code == 201
    assert Measurement.objects.get(indicator=visits).value == Decimal("31.5")


def test_someone_who_does_not_own_the_benefit_cannot_record_a_measurement(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = _visits(stavanger)
    before = database_state()

    response = _post(
        _measurements_url(visits),
        {"measured_on": timezone.localdate().isoformat(), "value": "50"},
        api_headers("direktor"),
    )

    assert response.status_code == 403
    assert response.json()["detail"] == _(
        "Only the benefit's owners and its responsible line manager record its measurements."
    )
    assert database_state() == before


def test_a_measurement_before_the_baseline_is_refused_with_a_message(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = _visits(stavanger)
    before = database_state()

    response = _post(
        _measurements_url(visits),
        {"measured_on": (visits.baseline_date - timedelta(days=1)).isoformat(), "value": "50"},
        api_headers("gevinsteier"),
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["measured_on"]
    assert database_state() == before


def test_text_in_the_measured_value_is_refused_in_norwegian(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = _visits(stavanger)
    before = database_state()

    response = _post(
        _measurements_url(visits),
        {"measured_on": timezone.localdate().isoformat(), "value": "femti"},
        api_headers("gevinsteier"),
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"value": ["Skriv et tall."]}
    assert database_state() == before


def test_another_municipalitys_indicator_is_not_found(
    stavanger: Municipality, bergen: Municipality, api_headers: Headers
) -> None:
    project(bergen, "Medisindispensere", owner=None, leader=None, method=None)
    benefit(bergen, responsible=None, owners=[])
    visits = _visits(bergen)
    before = database_state()

    response = _post(
        _measurements_url(visits),
        {"measured_on": timezone.localdate().isoformat(), "value": "50"},
        api_headers("gevinsteier"),
    )

    assert response.status_code == 404
    assert database_state() == before


# --- The municipality's benefits ----------------------------------------------------------------


def _titles(body: dict[str, Any]) -> list[str]:
    return [row["title"] for row in body["results"]]


def _two_benefits(municipality: Municipality) -> None:
    """The dispensers' benefit (economy, overdue), and the video visits' (climate, not due)."""
    _visits(municipality)
    video = project(municipality, "Videobesøk", method=None)
    driving = benefit_create(
        actor=None,
        initiative=video,
        title="Spart kjøring",
        dimension="climate_environment",
        category="efficiency",
        kind="indirect",
        planned_amount=Decimal(25),
    )
    today = timezone.localdate()
    indicator_create(
        actor=None,
        benefit=driving,
        name="Timer kjøring",
        unit="hours",
        baseline_value=Decimal(30),
        baseline_date=today - timedelta(days=10),
        target_value=Decimal(5),
        target_date=today + timedelta(days=300),
        frequency="quarterly",
    )


def test_the_list_gives_count_and_each_benefit_with_its_indicators(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _two_benefits(stavanger)

    body = Client().get(LIST, headers=api_headers("leser")).json()

    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    assert _titles(body) == ["Færre hjemmebesøk", "Spart kjøring"]
    assert body["results"][0]["indicators"][0]["name"] == "Besøk per dag"


def test_the_list_filters_by_dimension(stavanger: Municipality, api_headers: Headers) -> None:
    _two_benefits(stavanger)

    body = Client().get(LIST, {"dimension": "economy"}, headers=api_headers("leser")).json()

    assert _titles(body) == ["Færre hjemmebesøk"]


def test_the_list_filters_by_owner_and_initiative(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _two_benefits(stavanger)
    headers = api_headers("leser")

    owned = Client().get(LIST, {"owner": _user_id("gevinsteier")}, headers=headers).json()
    video = project(stavanger, "Videobesøk", method=None)
    of_video = Client().get(LIST, {"initiative": video.pk}, headers=headers).json()

    assert _titles(owned) == ["Færre hjemmebesøk"]
    assert _titles(of_video) == ["Spart kjøring"]


def test_the_list_filters_by_overdue_measurement(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _two_benefits(stavanger)

    body = Client().get(LIST, {"overdue": "true"}, headers=api_headers("leser")).json()

    assert _titles(body) == ["Færre hjemmebesøk"]
    assert body["results"][0]["indicators"][0]["measurement_state"] == "overdue"


def test_the_list_pages(stavanger: Municipality, api_headers: Headers) -> None:
    _two_benefits(stavanger)

    body = Client().get(LIST, {"page_size": 1}, headers=api_headers("leser")).json()

    assert (body["count"], len(body["results"]), body["previous"]) == (2, 1, None)
    assert "page=2" in body["next"]


def test_an_unknown_filter_value_is_refused_in_norwegian(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = Client().get(LIST, {"dimension": "luck"}, headers=api_headers("leser"))

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "dimension": [
            _("Choose one of: %(choices)s.")
            % {"choices": "economy, quality, information_security, climate_environment"}
        ]
    }


def test_the_list_shows_only_the_own_municipalitys_benefits(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _two_benefits(stavanger)

    body = Client().get(LIST, headers=api_headers("bergen-admin")).json()

    assert body["count"] == 0


def test_the_list_takes_the_same_number_of_queries_for_many_benefits(
    stavanger: Municipality, api_headers: Headers
) -> None:
    visits = _visits(stavanger)
    measure(visits, timezone.localdate() - timedelta(days=3), "50")
    headers = api_headers("leser")
    client = Client()
    client.get(LIST, headers=headers)  # the token's first use is noted once, not per request
    few = count_queries(client, LIST, headers)

    other_benefits(dispensers(stavanger), 10)

    assert count_queries(client, LIST, headers) == few


def test_the_plan_takes_the_same_number_of_queries_for_many_benefits(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _visits(stavanger)
    headers = api_headers("leser")
    client = Client()
    client.get(LIST, headers=headers)  # the token's first use is noted once, not per request
    few = count_queries(client, _plan_url(stavanger), headers)

    other_benefits(dispensers(stavanger), 10)

    assert count_queries(client, _plan_url(stavanger), headers) == few


# --- The overview's figures ---------------------------------------------------------------------


def test_the_summary_gives_the_planned_value_of_the_filtered_benefits(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _two_benefits(stavanger)
    headers = api_headers("leser")

    everything = Client().get(SUMMARY, headers=headers).json()
    economy = Client().get(SUMMARY, {"dimension": "economy"}, headers=headers).json()

    assert everything["totals"]["count"] == 2
    assert everything["totals"]["planned_nok"] == "1613764.00"
    assert everything["totals"]["planned_hours"] == "25.00"
    assert economy["totals"]["count"] == 1
    assert economy["totals"]["planned_hours"] == "0.00"
    assert Decimal(everything["hours_per_fte"]) == 1695


def test_the_summary_lists_the_benefits_with_an_overdue_measurement(
    stavanger: Municipality, api_headers: Headers
) -> None:
    _two_benefits(stavanger)

    body = Client().get(SUMMARY, headers=api_headers("leser")).json()

    assert body["overdue"]["total"] == 1
    assert body["overdue"]["benefits"][0]["title"] == "Færre hjemmebesøk"


@pytest.mark.parametrize("year", ["0", "-1", "1999", "2101"])
def test_a_year_outside_the_filters_range_is_refused_in_norwegian(
    stavanger: Municipality, api_headers: Headers, year: str
) -> None:
    for path in (LIST, SUMMARY):
        response = Client().get(path, {"year": year}, headers=api_headers("leser"))

        assert response.status_code == 422
        assert response.json()["errors"] == {"year": ["Skriv et år fra 2000 til 2100."]}


def test_the_summary_refuses_an_unknown_filter_value(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = Client().get(SUMMARY, {"status": "done"}, headers=api_headers("leser"))

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["status"]
