"""The portfolio's filters: one definition used by the overview, the exports, the timeline, the
cross-department view and the API, so a filter means the same everywhere and sits in the URL."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django import forms
from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.methodology.models import (
    APPROVING_OUTCOMES,
    Decision,
    DecisionRequest,
    DecisionRequestStatus,
    Level,
    Method,
    Phase,
)
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    PRIVACY_NOT_ASSESSED,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StatusReport,
    StrategicGoal,
    Tag,
)

STALE_AFTER = timedelta(days=30)
# "Blocked at a gate for more than N days" takes N up to ten years; more means nothing here and
# would overflow a date.
BLOCKED_DAYS_MAX = 3650
# A phase is chosen by method and name, across the method's versions: "<method id>:<phase name>".
PHASE_SEPARATOR = ":"
BLANK = ("", "---------")  # as a ModelChoiceField's empty choice
# Before any decision: the lower bound for "asked since the project entered its phase".
BEGINNING = datetime(1900, 1, 1, tzinfo=UTC)

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
        label=_(
            "Processes personal data without a finished risk assessment (ROS) or with the "
            "DPIA not assessed"
        ),
        required=False,
    )
    stale = forms.BooleanField(label=_("No status report for over a month"), required=False)
    method = forms.ModelChoiceField(
        label=_("Method"), queryset=Method.objects.none(), required=False
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        help_text=_("The phase the project stands in now, in any version of the method."),
    )
    level = forms.ChoiceField(label=_("Level"), required=False)
    waiting = forms.BooleanField(label=_("Waiting for a decision"), required=False)
    blocked_days = forms.IntegerField(
        label=_("Blocked at a gate for more than (days)"),
        required=False,
        min_value=1,
        max_value=BLOCKED_DAYS_MAX,
        error_messages={
            key: _("Enter a whole number of days from 1 to 3650.")
            for key in ("invalid", "min_value", "max_value")
        },
        help_text=_(
            "Asked for the decision that ends the phase more than this many days ago and not "
            "passed it, counted from the first request in the phase (also if sent back and "
            "asked again). Stopped and completed projects are left out."
        ),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=[(key, key) for key in SORTS], required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        _limit(self, "unit", OrgUnit.objects.for_municipality(municipality).order_by("name"))
        _limit(self, "goal", StrategicGoal.objects.filter(municipality=municipality))
        _limit(self, "tag", Tag.objects.filter(municipality=municipality))
        _limit(self, "method", Method.objects.filter(municipality=municipality))
        self.phase_choices = _once(lambda: phase_choices(municipality))
        self.level_choices = _once(lambda: level_choices(municipality))
        phase, level = self.fields["phase"], self.fields["level"]
        assert isinstance(phase, forms.ChoiceField) and isinstance(level, forms.ChoiceField)
        phase.choices = lambda: [BLANK, *self.phase_choices()]
        level.choices = lambda: [BLANK, *self.level_choices()]
        for name in ("kind", "status"):
            self.fields[name].widget = forms.CheckboxSelectMultiple(
                choices=self.fields[name].choices  # type: ignore[attr-defined]
            )


def _limit(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _once(load: Callable[[], list[tuple[str, str]]]) -> Callable[[], list[tuple[str, str]]]:
    """``load`` run at most once, when first asked: a form that is only validated, or shows no
    choices, makes no query for them."""
    loaded: list[list[tuple[str, str]]] = []

    def get() -> list[tuple[str, str]]:
        if not loaded:
            loaded.append(load())
        return loaded[0]

    return get


def phase_value(method_id: int, phase_name: str) -> str:
    """How a phase is chosen in the URL: the method and the phase's name, so the choice holds for
    projects on every version of the method."""
    return f"{method_id}{PHASE_SEPARATOR}{phase_name}"


def phase_choices(municipality: Municipality) -> list[tuple[str, str]]:
    """Every phase name of the municipality's methods, in any version, as "Method – Phase", by
    method and the phase's place in the method. One query."""
    rows = (
        Phase.objects.filter(municipality=municipality)
        .values("version__method_id", "version__method__name", "name")
        .annotate(first_position=Min("position"))
        .order_by("version__method__name", "first_position", "name")
    )
    return [
        (
            phase_value(row["version__method_id"], row["name"]),
            f"{row['version__method__name']} – {row['name']}",
        )
        for row in rows
    ]


def level_choices(municipality: Municipality) -> list[tuple[str, str]]:
    """The levels of the municipality's current method versions, once per code (a level chosen by
    code holds across methods and versions: "liten" is Liten wherever it is used), smallest
    first. One query."""
    names: dict[str, list[str]] = {}
    for code, name in (
        Level.objects.filter(municipality=municipality, version__is_current=True)
        .order_by("position", "version__method__name")
        .values_list("code", "name")
    ):
        if name not in names.setdefault(code, []):
            names[code].append(name)
    return [(code, " / ".join(found)) for code, found in names.items()]


@dataclass(frozen=True)
class Chosen:
    """A choice made by value, with the label the person saw."""

    value: str
    label: str


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
    method: Method | None = None
    phase: Chosen | None = None
    level: Chosen | None = None
    waiting: bool = False
    blocked_days: int | None = None
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
            or self.method
            or self.phase
            or self.level
            or self.waiting
            or self.blocked_days
        )


def parse_filters(data: Any, *, municipality: Municipality) -> PortfolioFilter:
    """Read filters from a query dict. Invalid values are dropped (and reported in ``errors``)
    rather than failing the page: a stale bookmark still shows the portfolio."""
    form = PortfolioFilterForm(data, municipality=municipality)
    form.is_valid()
    cleaned = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    phase, level = cleaned.get("phase"), cleaned.get("level")
    return PortfolioFilter(
        q=(cleaned.get("q") or "").strip(),
        unit=cleaned.get("unit"),
        kind=list(cleaned.get("kind") or []),
        status=list(cleaned.get("status") or []),
        goal=cleaned.get("goal"),
        tag=cleaned.get("tag"),
        without_ros=bool(cleaned.get("without_ros")),
        stale=bool(cleaned.get("stale")),
        method=cleaned.get("method"),
        phase=Chosen(phase, dict(form.phase_choices())[phase]) if phase else None,
        level=Chosen(level, dict(form.level_choices())[level]) if level else None,
        waiting=bool(cleaned.get("waiting")),
        blocked_days=cleaned.get("blocked_days"),
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
    newest = StatusReport.objects.newest_per_initiative().filter(initiative=OuterRef("pk"))
    qs: QuerySet[Initiative] = (
        Initiative.objects.for_municipality(municipality)
        .select_related("owning_unit", "project_leader", "project_owner")
        .annotate(last_reported_at=Subquery(newest.values("reported_at")[:1]))
    )
    qs = _method_filtered(_portfolio_filtered(qs, filters), filters)
    return qs.order_by(*(_nulls_last(key) for key in SORTS.get(filters.sort, SORTS["name"])))


def _portfolio_filtered(qs: QuerySet[Initiative], filters: PortfolioFilter) -> QuerySet[Initiative]:
    """The filters on the initiative's own facts: text, unit, kind, status, goal, tag, personal
    data without a finished ROS or with the DPIA not assessed, no recent status report."""
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
        qs = qs.filter(PRIVACY_NOT_ASSESSED)
    if filters.stale:
        qs = stale_only(qs)
    return qs


def _method_filtered(qs: QuerySet[Initiative], filters: PortfolioFilter) -> QuerySet[Initiative]:
    """The filters on the initiative's method: method, phase, level, waiting for a decision,
    blocked at a gate."""
    if filters.method is not None:
        qs = qs.filter(method_run__version__method=filters.method)
    if filters.phase is not None:
        method_id, _separator, name = filters.phase.value.partition(PHASE_SEPARATOR)
        qs = qs.filter(
            method_run__version__method_id=int(method_id),
            method_run__current_phase__name=name,
            method_run__completed_at__isnull=True,
        )
    if filters.level is not None:
        qs = qs.filter(method_run__level__code=filters.level.value)
    if filters.waiting:
        qs = qs.filter(
            Exists(
                DecisionRequest.objects.filter(
                    initiative=OuterRef("pk"), status=DecisionRequestStatus.PENDING
                )
            )
        )
    if filters.blocked_days is not None:
        qs = blocked_at_gate(qs, days=filters.blocked_days)
    return qs


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


def blocked_at_gate(qs: QuerySet[Initiative], *, days: int) -> QuerySet[Initiative]:
    """Initiatives that asked for the decision ending their current phase more than ``days`` days
    ago and have not passed it. The wait counts from the first request for the phase's decision
    point since the project entered the phase (its latest approving decision, or the start), so a
    request sent back and asked again keeps its place. Projects that have completed their method,
    and stopped or completed initiatives, are not blocked. Done in the database: one EXISTS."""
    cutoff = timezone.now() - timedelta(days=days)
    entered_phase = (
        Decision.objects.filter(
            request__initiative=OuterRef(OuterRef("pk")), outcome__in=APPROVING_OUTCOMES
        )
        .order_by("-decided_at")
        .values("decided_at")[:1]
    )
    asked_long_ago = DecisionRequest.objects.filter(
        initiative=OuterRef("pk"),
        decision_point__phase_id=OuterRef("method_run__current_phase_id"),
        requested_at__lte=cutoff,
        requested_at__gte=Coalesce(Subquery(entered_phase), Value(BEGINNING)),
    )
    return qs.filter(Exists(asked_long_ago), method_run__completed_at__isnull=True).exclude(
        status__in=[InitiativeStatus.STOPPED, InitiativeStatus.COMPLETED]
    )
