"""``suggest_level``: the smallest level of a method version whose limits a project keeps."""

from decimal import Decimal

from helhet.methodology.models import MethodVersion
from helhet.methodology.selectors import suggest_level
from helhet.organization.models import Municipality


def _prosjektveiviseren(stavanger: Municipality) -> MethodVersion:
    return MethodVersion.objects.get(
        municipality=stavanger, method__name="Prosjektveiviseren", is_current=True
    )


def _code(version: MethodVersion, cost: str | None, months: int | None, risk: int | None) -> str:
    level = suggest_level(version, Decimal(cost) if cost else None, months, risk)
    return level.code if level else ""


def test_a_small_cheap_low_risk_project_is_small(stavanger: Municipality) -> None:
    assert _code(_prosjektveiviseren(stavanger), "300000", 6, 2) == "liten"


def test_the_limits_are_inclusive(stavanger: Municipality) -> None:
    assert _code(_prosjektveiviseren(stavanger), "1300000", 6, 2) == "liten"


def test_one_limit_exceeded_moves_the_project_up_a_level(stavanger: Municipality) -> None:
    version = _prosjektveiviseren(stavanger)
    assert _code(version, "1300000.01", 6, 2) == "middels"
    assert _code(version, "300000", 7, 2) == "middels"
    assert _code(version, "300000", 6, 3) == "middels"


def test_a_project_beyond_medium_is_large(stavanger: Municipality) -> None:
    assert _code(_prosjektveiviseren(stavanger), "25000000", 36, 5) == "stor"


def test_unknown_values_do_not_count_against_a_level(stavanger: Municipality) -> None:
    version = _prosjektveiviseren(stavanger)
    assert _code(version, None, None, None) == "liten"
    assert _code(version, None, 12, None) == "middels"


def test_no_level_fits_when_the_method_is_only_for_small_work(stavanger: Municipality) -> None:
    light = MethodVersion.objects.get(
        municipality=stavanger, method__name="Lett metode for små forbedringer"
    )
    assert _code(light, "200000", 3, 1) == "liten"
    assert _code(light, "5000000", 3, 1) == ""
