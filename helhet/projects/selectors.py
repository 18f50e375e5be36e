"""Reads of a project's board, risk register and log, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.models import (
    BOARD_ROLE_ORDER,
    SCALE,
    BoardMember,
    LogEntry,
    Risk,
    RiskKind,
    RiskStatus,
    ScoreLevel,
    score_level,
)

PROBABILITY_LABELS: dict[int, Promise] = {
    1: _("Very unlikely"),
    2: _("Unlikely"),
    3: _("Possible"),
    4: _("Likely"),
    5: _("Very likely"),
}
CONSEQUENCE_LABELS: dict[int, Promise] = {
    1: _("Very small"),
    2: _("Small"),
    3: _("Moderate"),
    4: _("Large"),
    5: _("Very large"),
}


@dataclass(frozen=True)
class ProjectWorkCounts:
    board: int
    open_risks: int
    log: int


def _count(queryset: QuerySet[Any]) -> Coalesce:
    counted = (
        queryset.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def project_work_counts(initiative: Initiative) -> ProjectWorkCounts:
    """How many are on the board, how many risks and opportunities are not closed, and how many
    entries the log has, in one query."""
    row = (
        Initiative.objects.filter(pk=initiative.pk)
        .annotate(
            board_count=_count(BoardMember.objects.all()),
            open_risk_count=_count(Risk.objects.exclude(status=RiskStatus.CLOSED)),
            log_count=_count(LogEntry.objects.all()),
        )
        .values("board_count", "open_risk_count", "log_count")
        .first()
    ) or {"board_count": 0, "open_risk_count": 0, "log_count": 0}
    return ProjectWorkCounts(
        board=row["board_count"], open_risks=row["open_risk_count"], log=row["log_count"]
    )


# --- Board ---------------------------------------------------------------------------------------


def board_of(initiative: Initiative) -> list[BoardMember]:
    """The initiative's board, in the order of the roles (owner first), then by name."""
    members = BoardMember.objects.filter(initiative=initiative).select_related("person")
    return sorted(
        members,
        key=lambda member: (
            BOARD_ROLE_ORDER.get(member.role, len(BOARD_ROLE_ORDER)),
            str(member.person).casefold(),
        ),
    )


def board_history(initiative: Initiative, limit: int = 500) -> list[Any]:
    """Every change to the initiative's board, newest first: who was added, changed or taken
    out, by whom and when, including people no longer on it."""
    return list(
        BoardMember.history.filter(initiative_id=initiative.pk)
        .select_related("person", "history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


# --- Risk register -------------------------------------------------------------------------------


def risks_of(initiative: Initiative, *, include_closed: bool = False) -> list[Risk]:
    """The initiative's risks and opportunities, highest score (probability × consequence)
    first; the closed ones only if asked for."""
    risks = (
        Risk.objects.filter(initiative=initiative)
        .select_related("owner")
        .annotate(score_value=F("probability") * F("consequence"))
        .order_by("-score_value", "-consequence", "-probability", "title", "pk")
    )
    if not include_closed:
        risks = risks.exclude(status=RiskStatus.CLOSED)
    return list(risks)


@dataclass(frozen=True)
class MatrixCell:
    probability: int
    consequence: int
    count: int
    level: str
    level_label: str


@dataclass(frozen=True)
class MatrixRow:
    probability: int
    label: str
    cells: list[MatrixCell]


@dataclass(frozen=True)
class RiskMatrix:
    kind: str
    kind_label: str
    total: int
    consequences: list[tuple[int, str]]
    rows: list[MatrixRow]


def risk_matrix(risks: list[Risk], kind: str) -> RiskMatrix:
    """A 5×5 matrix of the risks (or opportunities) not closed, counted per probability and
    consequence; the highest probability is the top row."""
    counts: dict[tuple[int, int], int] = {}
    total = 0
    for risk in risks:
        if risk.kind != kind or risk.status == RiskStatus.CLOSED:
            continue
        key = (risk.probability, risk.consequence)
        counts[key] = counts.get(key, 0) + 1
        total += 1
    levels = {value: str(label) for value, label in ScoreLevel.choices}
    rows = [
        MatrixRow(
            probability=probability,
            label=str(PROBABILITY_LABELS[probability]),
            cells=[
                MatrixCell(
                    probability=probability,
                    consequence=consequence,
                    count=counts.get((probability, consequence), 0),
                    level=score_level(probability * consequence),
                    level_label=levels[score_level(probability * consequence)],
                )
                for consequence in SCALE
            ],
        )
        for probability in reversed(SCALE)
    ]
    return RiskMatrix(
        kind=kind,
        kind_label=str(RiskKind(kind).label),
        total=total,
        consequences=[(value, str(CONSEQUENCE_LABELS[value])) for value in SCALE],
        rows=rows,
    )


# --- Project log ---------------------------------------------------------------------------------


def log_of(
    initiative: Initiative, *, kind: str = "", lessons_only: bool = False
) -> QuerySet[LogEntry]:
    """The initiative's log, newest first, of one kind or all, or only the lessons."""
    entries = LogEntry.objects.filter(initiative=initiative).select_related(
        "author", "lesson_marked_by"
    )
    if kind:
        entries = entries.filter(kind=kind)
    if lessons_only:
        entries = entries.filter(is_lesson=True)
    return entries.order_by("-occurred_on", "-created_at", "-pk")


def lessons_of(municipality: Municipality) -> QuerySet[LogEntry]:
    """Every log entry marked as a lesson in the municipality, the newest marked first, with
    the initiative it comes from."""
    return (
        LogEntry.objects.filter(municipality=municipality, is_lesson=True)
        .select_related("initiative", "author", "lesson_marked_by")
        .order_by("-lesson_marked_at", "-pk")
    )
