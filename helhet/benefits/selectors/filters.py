"""The benefits overview's filters, shared by the overview page and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from helhet.benefits import figures
from helhet.benefits.models import (
    Benefit,
    Frequency,
    Indicator,
)
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.filters import unit_and_descendants


@dataclass(frozen=True)
class BenefitFilters:
    """The overview's filters (all optional; they combine). Used by the overview page and the
    API alike, so a filter means the same in both."""

    initiative: int | None = None  # Initiative pk
    owner: int | None = None  # User pk: benefits this person owns (a benefits owner, gevinsteier)
    dimension: str = ""
    category: str = ""
    kind: str = ""
    status: str = ""
    unit: int | None = None  # OrgUnit pk: initiatives whose owning unit is it or under it
    year: int | None = None  # the year of the benefit's due date
    overdue: bool = False  # only benefits with an indicator whose measurement is overdue

    @property
    def active(self) -> bool:
        return any(getattr(self, name) not in (None, "", False) for name in self.__annotations__)


def overdue_indicators(today: date) -> QuerySet[Indicator]:
    """Indicators whose measurement is overdue today by ``figures.overdue_cutoff``: the newest
    measurement (the baseline date when there is none) is older than one interval of the
    indicator's frequency. Whether the benefit is still followed up is the caller's concern."""
    # The cutoff per frequency as one expression; the newest measurement's date is kept on the
    # indicator (services.follow_up.indicator_latest_refresh).
    cutoff = Case(
        *[
            When(frequency=frequency, then=Value(figures.overdue_cutoff(frequency, today)))
            for frequency in Frequency
        ],
        output_field=DateField(),
    )
    return (
        Indicator.objects.order_by()
        .annotate(
            last_or_baseline=Coalesce(F("latest_measured_on"), F("baseline_date")),
            cutoff=cutoff,
        )
        .filter(last_or_baseline__lt=F("cutoff"))
    )


def has_overdue_measurement(today: date, municipality: Municipality) -> Q:
    """A benefit of ``municipality`` still followed up with at least one overdue indicator. (The
    indicators are narrowed to the municipality too: the database then reads its indicators
    only, not every municipality's.)"""
    overdue = overdue_indicators(today).filter(municipality=municipality, benefit=OuterRef("pk"))
    return Q(municipality=municipality, status__in=figures.FOLLOWED_STATUSES) & Q(Exists(overdue))


def benefit_condition(municipality: Municipality, filters: BenefitFilters, today: date) -> Q:
    """The filters as one condition on Benefit (the unit's subtree is looked up here: one query
    when a unit is chosen)."""
    condition = Q(municipality=municipality)
    if filters.initiative is not None:
        condition &= Q(initiative_id=filters.initiative)
    if filters.owner is not None:
        owned = Benefit.owners.through.objects.filter(
            benefit_id=OuterRef("pk"), user_id=filters.owner
        )
        condition &= Q(Exists(owned))
    for name in ("dimension", "category", "kind", "status"):
        value = getattr(filters, name)
        if value:
            condition &= Q(**{name: value})
    if filters.unit is not None:
        # The portfolio's own subtree rule; a unit of another municipality has no initiatives
        # here, so it finds nothing rather than failing.
        unit = OrgUnit(pk=filters.unit, municipality_id=municipality.pk)
        condition &= Q(initiative__owning_unit_id__in=unit_and_descendants(unit))
    if filters.year is not None:
        condition &= Q(due_date__year=filters.year)
    if filters.overdue:
        condition &= has_overdue_measurement(today, municipality)
    return condition


def benefits_filtered(
    municipality: Municipality, filters: BenefitFilters, *, today: date
) -> QuerySet[Benefit]:
    """The municipality's benefits that pass every filter, with their initiative and responsible
    line manager, by initiative name and title. No rows are loaded here; benefits of another
    municipality never pass."""
    return (
        Benefit.objects.filter(benefit_condition(municipality, filters, today))
        .select_related("initiative", "responsible")
        .order_by("initiative__name", "initiative_id", "title", "pk")
    )
