"""The portfolio's filters: one definition used by the overview, the exports, the timeline, the
cross-department view and the API, so a filter means the same everywhere and sits in the URL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    AssessmentStatus,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StatusReport,
    StrategicGoal,
    Tag,
)

STALE_AFTER = timedelta(days=30)

SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "kind": ("kind", "name"),
    "-kind": ("-kind", "name"),
    "status": ("status", "name"),
    "-status": ("-status", "name"),
    "unit": ("owning_unit__name", "name"),
    "-unit": ("-owning_unit__name", "name"),
    "start": ("planned_start", "name"),
    "-start": ("-planned_start", "name"),
    "end": ("planned_end", "name"),
    "-end": ("-planned_end", "name"),
    "cost": ("estimated_cost", "name"),
    "-cost": ("-estimated_cost", "name"),
    "reported": ("last_reported_at", "name"),
    "-reported": ("-last_reported_at", "name"),
}


class PortfolioFilterForm(StyledForm):
    """Every filter is optional and they combine (AND). Bound to request.GET."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    unit = forms.ModelChoiceField(
        label=_("Directorate or department"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Includes the units below it."),
    )
    kind = forms.MultipleChoiceField(
        label=_("Kind"), choices=InitiativeKind.choices, required=False
    )
    status = forms.MultipleChoiceField(
        label=_("Status"), choices=InitiativeStatus.choices, required=False
    )
    goal = forms.ModelChoiceField(
        label=_("Strategic goal"), queryset=StrategicGoal.objects.none(), required=False
    )
    tag = forms.ModelChoiceField(label=_("Tag"), queryset=Tag.objects.none(), required=False)
    without_ros = forms.BooleanField(
        label=_("Processes personal data without a finished risk assessment (ROS)"),
        required=False,
    )
    stale = forms.BooleanField(label=_("No status report for over a month"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=[(key, key) for key in SORTS], required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        _limit(self, "unit", OrgUnit.objects.for_municipality(municipality).order_by("name"))
        _limit(self, "goal", StrategicGoal.objects.filter(municipality=municipality))
        _limit(self, "tag", Tag.objects.filter(municipality=municipality))
        for name in ("kind", "status"):
            self.fields[name].widget = forms.CheckboxSelectMultiple(
                choices=self.fields[name].choices  # type: ignore[attr-defined]
            )


def _limit(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


@dataclass
class PortfolioFilter:
    """Cleaned filters. ``active`` is False when nothing is filtered."""

    q: str = ""
    unit: OrgUnit | None = None
    kind: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    goal: StrategicGoal | None = None
    tag: Tag | None = None
    without_ros: bool = False
    stale: bool = False
    sort: str = "name"
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.unit
            or self.kind
            or self.status
            or self.goal
            or self.tag
            or self.without_ros
            or self.stale
        )


def parse_filters(data: Any, *, municipality: Municipality) -> PortfolioFilter:
    """Read filters from a query dict. Invalid values are dropped (and reported in ``errors``)
    rather than failing the page: a stale bookmark still shows the portfolio."""
    form = PortfolioFilterForm(data, municipality=municipality)
    form.is_valid()
    cleaned = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    return PortfolioFilter(
        q=(cleaned.get("q") or "").strip(),
        unit=cleaned.get("unit"),
        kind=list(cleaned.get("kind") or []),
        status=list(cleaned.get("status") or []),
        goal=cleaned.get("goal"),
        tag=cleaned.get("tag"),
        without_ros=bool(cleaned.get("without_ros")),
        stale=bool(cleaned.get("stale")),
        sort=cleaned.get("sort") or "name",
        errors={name: [str(m) for m in messages] for name, messages in form.errors.items()},
    )


def chosen_params(params: QueryDict, *, without: Iterable[str] = ()) -> QueryDict:
    """The parameters of a query string the person actually chose (no empty values, none of
    ``without``), for links and saved views that keep their filters."""
    query = QueryDict(mutable=True)
    for key, values in params.lists():
        kept = [value for value in values if value.strip()]
        if key not in without and kept:
            query.setlist(key, kept)
    return query


def unit_and_descendants(unit: OrgUnit) -> set[int]:
    """The unit's id and those of every unit below it (one query for the municipality's units)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in OrgUnit.objects.filter(municipality_id=unit.municipality_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit.pk]
    while stack:
        pk = stack.pop()
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


def filtered_initiatives(
    *, municipality: Municipality, filters: PortfolioFilter
) -> QuerySet[Initiative]:
    """The municipality's initiatives that pass every filter, sorted, annotated with
    ``last_reported_at`` (the newest status report, or None). No rows are loaded here."""
    latest = StatusReport.objects.filter(initiative=OuterRef("pk")).order_by("-reported_at", "-pk")
    qs: QuerySet[Initiative] = (
        Initiative.objects.for_municipality(municipality)
        .select_related("owning_unit", "project_leader", "project_owner")
        .annotate(last_reported_at=Subquery(latest.values("reported_at")[:1]))
    )
    if filters.q:
        qs = qs.filter(
            Q(name__icontains=filters.q)
            | Q(short_description__icontains=filters.q)
            | Q(need__icontains=filters.q)
        )
    if filters.unit is not None:
        qs = qs.filter(owning_unit_id__in=unit_and_descendants(filters.unit))
    if filters.kind:
        qs = qs.filter(kind__in=filters.kind)
    if filters.status:
        qs = qs.filter(status__in=filters.status)
    if filters.goal is not None:
        qs = qs.filter(
            Exists(
                Initiative.goals.through.objects.filter(
                    initiative_id=OuterRef("pk"), strategicgoal_id=filters.goal.pk
                )
            )
        )
    if filters.tag is not None:
        qs = qs.filter(
            Exists(
                Initiative.tags.through.objects.filter(
                    initiative_id=OuterRef("pk"), tag_id=filters.tag.pk
                )
            )
        )
    if filters.without_ros:
        qs = qs.filter(processes_personal_data=True).exclude(ros_status=AssessmentStatus.DONE)
    if filters.stale:
        qs = stale_only(qs)
    return qs.order_by(*(_nulls_last(key) for key in SORTS.get(filters.sort, SORTS["name"])))


def _nulls_last(key: str) -> OrderBy:
    """Initiatives without a date, cost or report come last whichever way one sorts, on SQLite
    and PostgreSQL alike (their defaults differ)."""
    name = key.removeprefix("-")
    if key.startswith("-"):
        return F(name).desc(nulls_last=True)
    return F(name).asc(nulls_last=True)


def stale_only(qs: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Active initiatives with no status report in the last month (or none at all). A NOT EXISTS
    on the (initiative, reported_at) index, cheaper than comparing each initiative's newest
    report."""
    cutoff = timezone.now() - STALE_AFTER
    recent = StatusReport.objects.filter(initiative=OuterRef("pk"), reported_at__gte=cutoff)
    return qs.filter(status=InitiativeStatus.ACTIVE).exclude(Exists(recent))
