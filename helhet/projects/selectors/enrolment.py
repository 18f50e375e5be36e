"""What the app suggests when a project chooses its method: a level in each method, and the
method to start from."""

from __future__ import annotations

from collections import Counter

from helhet.core.dates import months_begun
from helhet.methodology.models import Level, MethodVersion, ProjectMethod
from helhet.methodology.selectors import suggest_level
from helhet.portfolio.models import Initiative

Suggestion = tuple[MethodVersion, Level | None]


def method_suggestions(
    initiative: Initiative, versions: list[MethodVersion], risk: int | None
) -> list[Suggestion]:
    """Each current version with the level the project's estimated cost, planned duration and
    judged risk suggest in it (None when no level fits), in the order of ``versions``."""
    months = months_begun(initiative.planned_start, initiative.planned_end)
    return [
        (version, suggest_level(version, initiative.estimated_cost, months, risk))
        for version in versions
    ]


def suggested_version(initiative: Initiative, suggestions: list[Suggestion]) -> Suggestion | None:
    """The method to start from: among the methods with a level that fits the project, the one
    most of the owning unit's other projects run on, then the one most of the municipality's
    projects run on, then the first by name. None when the municipality has no method."""
    if not suggestions:
        return None
    runs = ProjectMethod.objects.filter(initiative__municipality_id=initiative.municipality_id)
    runs = runs.exclude(initiative=initiative)
    in_unit = Counter(
        runs.filter(initiative__owning_unit_id=initiative.owning_unit_id).values_list(
            "version__method_id", flat=True
        )
    )
    in_municipality = Counter(runs.values_list("version__method_id", flat=True))
    ranked = sorted(
        enumerate(suggestions),
        key=lambda item: (
            item[1][1] is None,  # a method where no level fits comes last
            -in_unit[item[1][0].method_id],
            -in_municipality[item[1][0].method_id],
            item[0],  # the versions come by method name
        ),
    )
    return ranked[0][1]
