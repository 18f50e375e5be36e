"""The municipality's methods in the JSON API, each with its current version laid out: levels,
criteria, phases, decision points with their checklists, and required documents."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema

from helhet.accounts.roles import Capability
from helhet.api.errors import ERRORS
from helhet.api.members import request_membership, require
from helhet.methodology.models import (
    ChecklistItem,
    DecisionPoint,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality

router = Router(tags=["methods"])


def level_codes(levels: Any) -> list[str]:
    """The codes of the levels (a prefetched many-to-many) in the method's order."""
    return [level.code for level in sorted(levels.all(), key=lambda level: level.position)]


class LevelOut(Schema):
    code: str
    name: str
    max_cost: str | None = Field(description="NOK, as a decimal string; null means no limit")
    max_duration_months: int | None
    max_risk: int | None = Field(description="1–5; null means no limit")

    @staticmethod
    def resolve_max_cost(level: Level) -> str | None:
        return None if level.max_cost is None else str(level.max_cost)


class ChecklistItemOut(Schema):
    text: str
    source: str
    levels: list[str] = Field(description="The codes of the levels the item applies to")

    @staticmethod
    def resolve_levels(item: ChecklistItem) -> list[str]:
        return level_codes(item.levels)


class DocumentOut(Schema):
    type: str
    name: str
    levels: list[str] = Field(description="The codes of the levels that require the document")
    may_be_not_relevant: bool

    @staticmethod
    def resolve_type(requirement: DocumentRequirement) -> str:
        return requirement.document_type

    @staticmethod
    def resolve_levels(requirement: DocumentRequirement) -> list[str]:
        return level_codes(requirement.levels)


class DecisionPointOut(Schema):
    code: str
    name: str
    decider: str = Field(description="project_owner, leader, portfolio_office or person")
    decided_by: str = Field(description="Who decides, as the project page says it")
    checklist: list[ChecklistItemOut]

    @staticmethod
    def resolve_decided_by(point: DecisionPoint) -> str:
        return point.decider_label


class PhaseOut(Schema):
    id: int
    position: int
    name: str
    is_operation_gate: bool
    decision_point: DecisionPointOut | None
    documents: list[DocumentOut]

    @staticmethod
    def resolve_decision_point(phase: Phase) -> DecisionPoint | None:
        points = list(phase.decision_points.all())
        return points[0] if points else None

    @staticmethod
    def resolve_documents(phase: Phase) -> list[DocumentRequirement]:
        return list(phase.document_requirements.all())


class CriterionOut(Schema):
    name: str
    description: str


class MethodOut(Schema):
    id: int
    name: str
    origin: str
    is_linear: bool
    version: int | None = Field(description="The current version's number")
    levels: list[LevelOut]
    criteria: list[CriterionOut] = Field(
        description="What a project must say it meets to be run on the method (Smartby's three)"
    )
    phases: list[PhaseOut]

    @staticmethod
    def resolve_version(method: Method) -> int | None:
        version = _current_version(method)
        return None if version is None else version.number

    @staticmethod
    def resolve_levels(method: Method) -> list[Level]:
        version = _current_version(method)
        return [] if version is None else list(version.levels.all())

    @staticmethod
    def resolve_criteria(method: Method) -> list[Any]:
        version = _current_version(method)
        return [] if version is None else list(version.criteria.all())

    @staticmethod
    def resolve_phases(method: Method) -> list[Phase]:
        version = _current_version(method)
        return [] if version is None else list(version.phases.all())


def _current_version(method: Method) -> MethodVersion | None:
    versions: list[MethodVersion] = getattr(method, "current_versions", [])
    return versions[0] if versions else None


def methods_laid_out(municipality: Municipality) -> QuerySet[Method]:
    """Every method with its current version (``current_versions``) laid out, in a fixed
    number of queries."""
    with_levels = Prefetch("levels", queryset=Level.objects.order_by("position"))
    phases = Phase.objects.order_by("position").prefetch_related(
        Prefetch(
            "decision_points",
            queryset=DecisionPoint.objects.select_related("decider_person").prefetch_related(
                Prefetch("checklist", queryset=ChecklistItem.objects.prefetch_related("levels"))
            ),
        ),
        Prefetch(
            "document_requirements",
            queryset=DocumentRequirement.objects.prefetch_related("levels"),
        ),
    )
    current = MethodVersion.objects.filter(is_current=True).prefetch_related(
        with_levels, Prefetch("phases", queryset=phases), "criteria"
    )
    return Method.objects.filter(municipality=municipality).prefetch_related(
        Prefetch("versions", queryset=current, to_attr="current_versions")
    )


@router.get(
    "/methods",
    response={200: list[MethodOut], **ERRORS},
    summary="The municipality's methods, each with its current version laid out",
    operation_id="helhet_api_methods_method_list",
)
def method_list(request: HttpRequest) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    return methods_laid_out(membership.municipality)
