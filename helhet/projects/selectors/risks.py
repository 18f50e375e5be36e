"""Reads of a project's risk register: the risks by score and the 5×5 matrix."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from helhet.portfolio.models import Initiative
from helhet.projects.models import SCALE, Risk, RiskKind, RiskStatus, ScoreLevel, score_level

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


def project_risks(initiative: Initiative, *, include_closed: bool = False) -> list[Risk]:
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
