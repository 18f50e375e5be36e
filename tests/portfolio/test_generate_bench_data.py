"""python manage.py generate_bench_data: believable initiatives in bulk, for benchmarks."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeStatus, StatusReport


def _generate(count: int, **options: Any) -> str:
    out = StringIO()
    call_command(
        "generate_bench_data", municipality="stavanger", initiatives=count, stdout=out, **options
    )
    return out.getvalue()


def _signature() -> list[tuple[Any, ...]]:
    return list(
        Initiative.objects.order_by("name").values_list(
            "name", "kind", "status", "planned_start", "planned_end", "estimated_cost"
        )
    )


def test_it_makes_the_initiatives_with_five_status_reports_each(stavanger: Municipality) -> None:
    out = _generate(60)

    assert Initiative.objects.filter(municipality=stavanger).count() == 60
    per_initiative = set(
        Initiative.objects.annotate(n=Count("status_reports")).values_list("n", flat=True)
    )
    assert per_initiative == {5}
    assert set(StatusReport.objects.values_list("municipality_id", flat=True)) == {stavanger.pk}
    assert "60 tiltak" in out


def test_the_initiatives_look_like_a_real_portfolio(stavanger: Municipality) -> None:
    _generate(200)

    initiatives = Initiative.objects.all()
    assert initiatives.values("owning_unit").distinct().count() >= 10
    assert initiatives.values("kind").distinct().count() == 4
    assert initiatives.values("status").distinct().count() == 4
    assert Initiative.objects.filter(programme__isnull=False).exists()
    assert Initiative.participating_units.through.objects.exists()
    assert Initiative.goals.through.objects.exists()
    assert Initiative.tags.through.objects.exists()
    dated = initiatives.exclude(planned_start=None)
    assert all(date(2019, 1, 1) <= i.planned_start <= date(2028, 12, 31) for i in dated)  # type: ignore[operator]
    assert initiatives.filter(planned_start=None).exists()  # some ideas have no dates yet
    assert initiatives.filter(name__regex=r"^[A-ZÆØÅ][a-zæøå].* [0-9]{4}$").count() == 200


def test_every_initiative_passes_the_models_own_validation(stavanger: Municipality) -> None:
    _generate(150)

    for initiative in Initiative.objects.select_related("owning_unit", "programme"):
        initiative.full_clean(validate_unique=False)
    stopped = Initiative.objects.filter(status=InitiativeStatus.STOPPED)
    assert stopped.exists()
    assert not stopped.filter(stop_reason="").exists()


def test_the_same_seed_gives_the_same_data(stavanger: Municipality) -> None:
    _generate(40, seed=7)
    first = _signature()
    Initiative.objects.all().delete()

    _generate(40, seed=7)

    assert _signature() == first


def test_a_second_run_adds_initiatives_with_new_names(stavanger: Municipality) -> None:
    _generate(30)
    _generate(30)
    assert Initiative.objects.values("name").distinct().count() == 60


def test_initiatives_get_a_history_record(stavanger: Municipality) -> None:
    _generate(10)
    assert Initiative.history.count() == 10


def test_an_unknown_municipality_is_refused(db: None) -> None:
    with pytest.raises(CommandError, match="finnesikke"):
        call_command("generate_bench_data", municipality="finnesikke", initiatives=5)
