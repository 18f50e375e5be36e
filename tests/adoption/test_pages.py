"""The solutions' pages as people use them: the portfolio office registers a solution (also from
a finished initiative, its owner taken from the gate into operation) and the units that should
use it; a unit counts its own use; everyone sees the adoption per unit and in total, over time,
and the units that need follow-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from helhet.adoption.models import AdoptionCount, Solution, SolutionUnit
from helhet.adoption.services.counts import adoption_count_record
from helhet.organization.models import Municipality
from tests.adoption.helpers import dispensers, handed_over, person, unit


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_register_count_and_read_the_adoption(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    office = login("portefolje")
    response = office.post(
        reverse("adoption:create"),
        {
            "name": "Medisindispensere",
            "stage": "in_operation",
            "in_use_since": "2020-01-01",
            "measure_kind": "count",
            "measure_name": "dispensere i bruk",
            "base_name": "relevante brukere",
            "target_percent": "40",
            "count_interval_days": "31",
            "owner_unit": unit(stavanger, "E-helse og velferdsteknologi").pk,
        },
    )
    solution = Solution.objects.get(municipality=stavanger, name="Medisindispensere")
    assert response.status_code == 302, _text(response)
    for name, base in (
        ("Hundvåg hjemmebaserte tjenester", "120"),
        ("Hinna hjemmebaserte tjenester", "80"),
    ):
        response = office.post(
            reverse("adoption:unit_add", args=[solution.pk]),
            {"unit": unit(stavanger, name).pk, "eligible_base": base},
        )
        assert response.status_code == 302, _text(response)
    hundvag = SolutionUnit.objects.get(solution=solution, unit__name__startswith="Hundvåg")
    # Hundvåg's leader counts: a count above the eligible base is refused, nothing written.
    leader = login("gevinsteier")
    today = timezone.localdate()
    refused = leader.post(
        reverse("adoption:count", args=[hundvag.pk]),
        {"counted_on": today.isoformat(), "value": "121"},
    )
    assert refused.status_code == 400
    assert "mer enn grunnlaget" in _text(refused)
    assert not AdoptionCount.objects.filter(solution_unit=hundvag).exists()
    for days, value in ((40, "60"), (0, "30")):
        response = leader.post(
            reverse("adoption:count", args=[hundvag.pk]),
            {"counted_on": (today - timedelta(days=days)).isoformat(), "value": value},
        )
        assert response.status_code == 302, _text(response)
    # Hinna is not the leader's unit.
    hinna = SolutionUnit.objects.get(solution=solution, unit__name__startswith="Hinna")
    assert leader.get(reverse("adoption:count", args=[hinna.pk])).status_code == 403
    # Everyone reads it: Hundvåg fell below the target, Hinna has never counted.
    reader = login("leser")
    page = _text(reader.get(reverse("adoption:detail", args=[solution.pk])))
    assert "25 %" in page and "Under målet" in page and "Falt siden forrige telling" in page
    assert "Aldri" in page
    assert 'id="chart-adoption"' in page and 'id="over-time-table"' in page
    assert reverse("adoption:count", args=[hundvag.pk]) not in page  # a reader counts nothing
    listing = _text(reader.get(reverse("adoption:list")))
    # In total: the units that have counted (Hinna has not).
    assert "Medisindispensere" in listing and "30 av 120" in listing
    attention = _text(reader.get(reverse("adoption:attention"), {"why": "fell"}))
    assert '<th scope="row">Hundvåg hjemmebaserte tjenester' in attention
    assert '<th scope="row">Hinna hjemmebaserte tjenester' not in attention
    response = office.get(reverse("adoption:edit", args=[solution.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(target_percent="45", version=solution.version)
    assert office.post(reverse("adoption:edit", args=[solution.pk]), data).status_code == 302
    history = _text(office.get(reverse("adoption:history", args=[solution.pk])))
    main = history.split("<main", 1)[-1].split("</main>")[0]
    assert "40 %" in main and "45 %" in main and " kr" not in main


def test_solution_from_a_finished_initiative_takes_the_owner_from_its_gate(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    decision = handed_over(stavanger)
    initiative = decision.request.initiative
    assert not Solution.objects.filter(initiatives=initiative).exists()
    office = login("portefolje")
    page = _text(office.get(reverse("portfolio:initiative_detail", args=[initiative.pk])))
    assert reverse("adoption:from_initiative", args=[initiative.pk]) in page
    form = office.get(reverse("adoption:from_initiative", args=[initiative.pk]))
    assert form.status_code == 200
    assert f'value="{decision.operations_person_id}" selected' in _text(form)
    response = office.post(
        reverse("adoption:from_initiative", args=[initiative.pk]),
        {
            "name": initiative.name,
            "stage": "in_operation",
            "in_use_since": "2021-01-01",
            "measure_kind": "share",
            "measure_name": "andel arbeidslister laget av Spider",
            "count_interval_days": "31",
            "owner_unit": decision.operations_unit_id or "",
            "owner_person": decision.operations_person_id,
            "initiatives": [initiative.pk],
        },
    )
    assert response.status_code == 302, _text(response)
    solution = Solution.objects.get(initiatives=initiative)
    assert solution.handover_decision_id == decision.pk
    page = _text(office.get(reverse("portfolio:initiative_detail", args=[initiative.pk])))
    assert reverse("adoption:detail", args=[solution.pk]) in page


def test_flags_a_solution_whose_owner_has_left(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    solution, _hundvag, _hinna = dispensers(stavanger)
    person("prosjektleder").memberships.all().delete()
    page = _text(login("leser").get(reverse("adoption:list")))
    assert "Driftseieren har sluttet" in page
    Solution.objects.filter(pk=solution.pk).update(owner_person=None, owner_unit=None)
    assert "Ingen driftseier" in _text(
        login("leser").get(reverse("adoption:detail", args=[solution.pk]))
    )


def test_overviews_cost_the_same_queries_for_many_units(
    stavanger: Municipality, login: Callable[[str], Client], django_assert_max_num_queries: object
) -> None:
    solution, hundvag, hinna = dispensers(stavanger)
    office = person("portefolje")
    for solution_unit in (hundvag, hinna):
        for month in range(1, 13):
            adoption_count_record(
                actor=office,
                solution_unit=solution_unit,
                counted_on=date(2024, month, 15),
                value=Decimal(month),
            )
    client = login("leser")
    pages = [
        reverse("adoption:list"),
        reverse("adoption:detail", args=[solution.pk]),
        reverse("adoption:attention"),
    ]
    counts = {}
    for url in pages:
        with django_assert_max_num_queries(30) as captured:  # type: ignore[operator]
            assert client.get(url).status_code == 200
        counts[url] = len(captured)
    # Many more units and counts: no more queries.
    from helhet.adoption.services.units import solution_unit_add
    from tests.conftest import add_units

    for org_unit in add_units(stavanger, 12):
        added = solution_unit_add(actor=office, solution=solution, unit=org_unit, eligible_base=50)
        adoption_count_record(
            actor=office, solution_unit=added, counted_on=date(2024, 6, 1), value=Decimal(5)
        )
    for url in pages:
        with django_assert_max_num_queries(counts[url]):  # type: ignore[operator]
            assert client.get(url).status_code == 200
