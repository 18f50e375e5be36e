"""The adoption services: registering a solution, its units and their counts, who may, what is
refused (nothing written), and the figures kept on each unit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from helhet.adoption.models import AdoptionCount, SolutionUnit
from helhet.adoption.selectors import units_needing_attention
from helhet.adoption.services.counts import (
    adoption_count_correct,
    adoption_count_record,
    adoption_figures_rebuild,
)
from helhet.adoption.services.solutions import solution_create, solution_update
from helhet.adoption.services.units import solution_unit_add, solution_unit_remove
from helhet.organization.models import Municipality
from tests.adoption.helpers import dispensers, person, unit
from tests.conftest import database_state


def test_counts_keep_each_units_latest_figures(stavanger: Municipality) -> None:
    _solution, hundvag, hinna = dispensers(stavanger)
    leader = person("gevinsteier")  # works at Hundvåg
    adoption_count_record(
        actor=leader, solution_unit=hundvag, counted_on=date(2024, 1, 31), value=Decimal(60)
    )
    adoption_count_record(
        actor=leader, solution_unit=hundvag, counted_on=date(2024, 2, 29), value=Decimal(54)
    )
    hundvag.refresh_from_db()
    assert hundvag.latest_counted_on == date(2024, 2, 29)
    assert hundvag.latest_percent == Decimal("45.00")
    assert hundvag.previous_percent == Decimal("50.00")
    assert hundvag.fell is True
    count = AdoptionCount.objects.get(solution_unit=hundvag, counted_on=date(2024, 2, 29))
    assert count.eligible == 120  # the unit's base that day
    adoption_count_correct(
        actor=leader, count=count, counted_on=count.counted_on, value=Decimal(66), eligible=120
    )
    hundvag.refresh_from_db()
    assert (hundvag.latest_value, hundvag.fell) == (Decimal(66), False)
    assert count.history.count() == 2
    # The derived figures equal a recomputation from the counts.
    SolutionUnit.objects.filter(pk=hundvag.pk).update(latest_value=None, fell=True)
    assert adoption_figures_rebuild(municipality=stavanger) == 1
    hundvag.refresh_from_db()
    assert (hundvag.latest_value, hundvag.latest_percent, hundvag.fell) == (
        Decimal(66),
        Decimal("55.00"),
        False,
    )
    assert hinna.latest_counted_on is None


@pytest.mark.parametrize(
    ("counted_on", "value", "field", "message"),
    [
        (date(2024, 1, 31), Decimal(-1), "value", "kan ikke være negativ"),
        (date(2024, 1, 31), Decimal(121), "value", "mer enn"),
        (date(2024, 1, 31), Decimal("2.5"), "value", "heltall"),
        (None, Decimal(3), "counted_on", "fremtiden"),
        (date(2019, 12, 31), Decimal(3), "counted_on", "før"),
    ],
)
def test_bad_counts_are_refused_and_nothing_is_written(
    stavanger: Municipality, counted_on: date | None, value: Decimal, field: str, message: str
) -> None:
    _solution, hundvag, _hinna = dispensers(stavanger)
    day = counted_on or timezone.localdate() + timedelta(days=1)
    before = list(AdoptionCount.objects.values())
    with pytest.raises(ValidationError) as refused:
        adoption_count_record(
            actor=person("portefolje"), solution_unit=hundvag, counted_on=day, value=value
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert list(AdoptionCount.objects.values()) == before


def test_who_may_count_for_a_unit(stavanger: Municipality) -> None:
    _solution, hundvag, hinna = dispensers(stavanger)
    day, value = date(2024, 1, 31), Decimal(10)
    # Hundvåg's own leader counts Hundvåg, not Hinna; the owner counts both; a reader none.
    adoption_count_record(
        actor=person("gevinsteier"), solution_unit=hundvag, counted_on=day, value=value
    )
    with pytest.raises(PermissionDenied):
        adoption_count_record(
            actor=person("gevinsteier"), solution_unit=hinna, counted_on=day, value=value
        )
    adoption_count_record(
        actor=person("prosjektleder"), solution_unit=hinna, counted_on=day, value=value
    )
    with pytest.raises(PermissionDenied):
        adoption_count_record(
            actor=person("leser"), solution_unit=hinna, counted_on=date(2024, 2, 1), value=value
        )
    # "Helse og velferd" is above both units: its director counts for them.
    adoption_count_record(
        actor=person("eier"), solution_unit=hinna, counted_on=date(2024, 2, 1), value=value
    )


def test_solution_rules(stavanger: Municipality, bergen: Municipality) -> None:
    solution, hundvag, _hinna = dispensers(stavanger)
    with pytest.raises(PermissionDenied):
        solution_create(
            actor=person("prosjektleder"),
            municipality=stavanger,
            name="X",
            in_use_since=date(2020, 1, 1),
            measure_name="x",
        )
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        solution_update(
            actor=person("prosjektleder"),  # the owner keeps their own solution
            solution=solution,
            fields={"target_percent": Decimal(140)},
        )
    assert "mellom 0 og 100" in refused.value.message_dict["target_percent"][0]
    with pytest.raises(ValidationError):
        solution_unit_add(
            actor=person("portefolje"),
            solution=solution,
            unit=unit(bergen, "Digitaliseringsavdelingen"),
        )
    assert database_state() == before
    updated = solution_update(
        actor=person("prosjektleder"), solution=solution, fields={"count_interval_days": 92}
    )
    assert updated.version == 2
    with pytest.raises(PermissionDenied):
        solution_update(
            actor=person("prosjektleder"),
            solution=solution,
            fields={"owner_person": person("eier")},
        )
    adoption_count_record(
        actor=person("portefolje"),
        solution_unit=hundvag,
        counted_on=date(2024, 1, 1),
        value=Decimal(1),
    )
    with pytest.raises(ValidationError):
        solution_unit_remove(actor=person("portefolje"), solution_unit=hundvag)


def test_a_unit_is_late_once_its_count_is_older_than_the_interval(
    stavanger: Municipality,
) -> None:
    solution, hundvag, hinna = dispensers(stavanger)
    today = timezone.localdate()
    adoption_count_record(
        actor=person("portefolje"),
        solution_unit=hundvag,
        counted_on=today - timedelta(days=32),
        value=Decimal(60),
    )
    late = units_needing_attention(municipality=stavanger, today=today, why="late")
    assert list(late) == [hundvag]
    # A longer interval: no longer late; Hinna, added today and never counted, is not late yet.
    solution_update(
        actor=person("portefolje"), solution=solution, fields={"count_interval_days": 92}
    )
    assert not units_needing_attention(municipality=stavanger, today=today, why="late").exists()
    hinna.refresh_from_db()
    assert hinna.count_due_on == today + timedelta(days=92)


def test_the_rebuild_command_repairs_kept_figures(stavanger: Municipality) -> None:
    _solution, hundvag, _hinna = dispensers(stavanger)
    adoption_count_record(
        actor=person("portefolje"),
        solution_unit=hundvag,
        counted_on=date(2024, 1, 31),
        value=Decimal(30),
    )
    SolutionUnit.objects.filter(pk=hundvag.pk).update(latest_value=None, latest_percent=None)
    out = StringIO()
    call_command("rebuild_adoption_figures", municipality="stavanger", stdout=out)
    assert "1" in out.getvalue()
    hundvag.refresh_from_db()
    assert (hundvag.latest_value, hundvag.latest_percent) == (Decimal(30), Decimal("25.00"))
    call_command("rebuild_adoption_figures", stdout=out)
    assert out.getvalue().endswith("0.\n")
