"""Every change the portfolio office makes to a method goes through here.

A method is changed by way of a draft: ``method_version_draft_create`` copies the current version
(levels, criteria, phases, decision points, checklists and required documents, each with its
levels) into a new version that is edited freely, and ``method_version_publish`` makes it the
version new projects start on. A published version never changes again: every service that
changes a part of a version refuses one that is published, so projects running on it keep the
method as it was when they started. The method's own name, description and course are not
versioned; they are changed directly, and their history says who changed what.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.models import (
    ChecklistItem,
    Criterion,
    Decider,
    DecisionPoint,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality

Direction = Literal["up", "down"]
Ordered = TypeVar("Ordered", Level, Phase, Criterion)


def _save(obj: models.Model, actor: User | None, *, clean: bool = True) -> None:
    """Save with the history naming ``actor``; ``clean`` checks the model's rules first (a copy
    of rows already checked skips it)."""
    obj._history_user = actor  # type: ignore[attr-defined]
    if clean:
        obj.full_clean()
    obj.save()


def _delete(obj: models.Model, actor: User | None) -> None:
    obj._history_user = actor  # type: ignore[attr-defined]
    obj.delete()


def _set_levels(obj: ChecklistItem | DocumentRequirement, levels: list[Level]) -> None:
    """Set the levels after the row is saved, so the history records them (``m2m_fields``)."""
    current = {level.pk for level in obj.levels.all()}
    if current != {level.pk for level in levels}:
        obj.levels.set(levels)


def _require_draft(version: MethodVersion) -> None:
    if version.published_at is not None:
        raise ValidationError(
            _(
                "Version %(number)s is published and cannot be changed. Make a new draft of the "
                "method to change it."
            )
            % {"number": version.number}
        )


def _check_levels(version: MethodVersion, levels: list[Level]) -> None:
    if any(level.version_id != version.pk for level in levels):
        raise ValidationError({"levels": _("Choose levels of this version.")})


def _check_decider(municipality: Municipality, decider: str, person: User | None) -> None:
    if decider == Decider.PERSON and person is None:
        raise ValidationError({"decider_person": _("Name the person who decides.")})
    if person is not None and not person.memberships.filter(municipality=municipality).exists():
        raise ValidationError(
            {"decider_person": _("The person who decides must be a member of the municipality.")}
        )


def _check_method_name(municipality: Municipality, name: str, method: Method | None) -> None:
    taken = Method.objects.filter(municipality=municipality, name=name)
    if method is not None:
        taken = taken.exclude(pk=method.pk)
    if taken.exists():
        raise ValidationError({"name": _("The municipality already has a method by that name.")})


def _next_position(queryset: models.QuerySet[Any]) -> int:
    return int(queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def _close_gap(queryset: models.QuerySet[Ordered], actor: User | None) -> None:
    """Number the rows 1, 2, 3, ... in their order, after one was taken out."""
    for position, obj in enumerate(queryset.order_by("position"), start=1):
        if obj.position != position:
            obj.position = position
            _save(obj, actor)


def _move(
    obj: Ordered, siblings: models.QuerySet[Ordered], direction: Direction, actor: User | None
) -> None:
    """Swap ``obj`` with its neighbour above or below; nothing happens at either end."""
    if direction == "up":
        neighbour = siblings.filter(position__lt=obj.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=obj.position).order_by("position").first()
    if neighbour is None:
        return
    mine, theirs = obj.position, neighbour.position
    # Positions are unique per version: park one row at 0 while the other takes its place.
    obj.position = 0
    _save(obj, actor)
    neighbour.position = mine
    _save(neighbour, actor)
    obj.position = theirs
    _save(obj, actor)


# --- The method itself -------------------------------------------------------------------------


@transaction.atomic
def method_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    description: str = "",
    is_linear: bool = True,
    origin: str = "",
    copy_from: Method | None = None,
) -> MethodVersion:
    """A new method with its first draft, returned: a copy of ``copy_from``'s current version
    when given (a method of the same municipality), else one level and one phase with its
    decision point to build on. Nobody runs on the method until the draft is published."""
    _check_method_name(municipality, name, None)
    if copy_from is not None and copy_from.municipality_id != municipality.pk:
        raise ValidationError({"copy_from": _("Choose one of your municipality's methods.")})
    method = Method(
        municipality=municipality,
        name=name,
        description=description,
        is_linear=is_linear,
        origin=origin,
    )
    _save(method, actor)
    version = MethodVersion(municipality=municipality, method=method, number=1)
    _save(version, actor)
    source = _source_version(copy_from) if copy_from is not None else None
    if source is not None:
        _copy_version(source, version, actor)
    else:
        _skeleton(version, actor)
    return version


@transaction.atomic
def method_update(
    *,
    actor: User | None,
    method: Method,
    name: str,
    description: str,
    is_linear: bool,
    origin: str,
) -> Method:
    """Change the method's name, description, course (linear or not) and origin. These are not
    versioned: every version, and every project on it, shows the method as it is now."""
    _check_method_name(method.municipality, name, method)
    method.name = name
    method.description = description
    method.is_linear = is_linear
    method.origin = origin
    _save(method, actor)
    return method


# --- Versions ----------------------------------------------------------------------------------


def version_history(method: Method, *, with_draft: bool) -> list[MethodVersion]:
    """The method's versions, newest first, each with ``project_count``, the number of projects
    running on it; the draft only ``with_draft``. One query."""
    versions = method.versions.annotate(project_count=Count("project_methods"))
    if not with_draft:
        versions = versions.filter(published_at__isnull=False)
    return list(versions.order_by("-number"))


def draft_of(method: Method) -> MethodVersion | None:
    """The method's draft, if it has one (at most one)."""
    return method.versions.filter(published_at__isnull=True).order_by("-number").first()


def _source_version(method: Method) -> MethodVersion | None:
    """What a new draft copies: the current version, else the newest published one."""
    published = method.versions.filter(published_at__isnull=False)
    return published.filter(is_current=True).first() or published.order_by("-number").first()


def _skeleton(version: MethodVersion, actor: User | None) -> None:
    """The least a method can be published with: one level and one phase with its decision
    point."""
    level = Level(
        municipality_id=version.municipality_id,
        version=version,
        position=1,
        code="standard",
        name=_("Standard"),
    )
    _save(level, actor)
    phase = Phase(
        municipality_id=version.municipality_id, version=version, position=1, name=_("Idea")
    )
    _save(phase, actor)
    point = DecisionPoint(
        municipality_id=version.municipality_id,
        phase=phase,
        code="BP1",
        name=_("Decide to start"),
    )
    _save(point, actor)


def _copy_version(source: MethodVersion, target: MethodVersion, actor: User | None) -> None:
    """Copy every part of ``source`` into ``target``: new rows throughout, so changing the copy
    leaves the source as it was."""
    municipality_id = target.municipality_id
    levels: dict[int, Level] = {}
    for level in source.levels.order_by("position"):
        copy = Level(
            municipality_id=municipality_id,
            version=target,
            position=level.position,
            code=level.code,
            name=level.name,
            description=level.description,
            max_cost=level.max_cost,
            max_duration_months=level.max_duration_months,
            max_risk=level.max_risk,
        )
        _save(copy, actor, clean=False)
        levels[level.pk] = copy
    for criterion in source.criteria.order_by("position", "pk"):
        _save(
            Criterion(
                municipality_id=municipality_id,
                version=target,
                position=criterion.position,
                name=criterion.name,
                description=criterion.description,
            ),
            actor,
            clean=False,
        )
    phases = source.phases.order_by("position").prefetch_related(
        models.Prefetch(
            "decision_points",
            queryset=DecisionPoint.objects.prefetch_related(
                models.Prefetch(
                    "checklist", queryset=ChecklistItem.objects.prefetch_related("levels")
                )
            ),
        ),
        models.Prefetch(
            "document_requirements",
            queryset=DocumentRequirement.objects.prefetch_related("levels"),
        ),
    )
    for phase in phases:
        points = list(phase.decision_points.all())
        requirements = list(phase.document_requirements.all())
        new_phase = Phase(
            municipality_id=municipality_id,
            version=target,
            position=phase.position,
            name=phase.name,
            description=phase.description,
            is_operation_gate=phase.is_operation_gate,
        )
        _save(new_phase, actor, clean=False)
        for point in points:
            new_point = DecisionPoint(
                municipality_id=municipality_id,
                phase=new_phase,
                code=point.code,
                name=point.name,
                decider=point.decider,
                decider_person_id=point.decider_person_id,
                decider_title=point.decider_title,
                description=point.description,
            )
            _save(new_point, actor, clean=False)
            for item in point.checklist.all():
                new_item = ChecklistItem(
                    municipality_id=municipality_id,
                    decision_point=new_point,
                    position=item.position,
                    text=item.text,
                    source=item.source,
                )
                _save(new_item, actor, clean=False)
                _set_levels(new_item, [levels[level.pk] for level in item.levels.all()])
        for requirement in requirements:
            new_requirement = DocumentRequirement(
                municipality_id=municipality_id,
                phase=new_phase,
                position=requirement.position,
                document_type=requirement.document_type,
                name=requirement.name,
                may_be_not_relevant=requirement.may_be_not_relevant,
            )
            _save(new_requirement, actor, clean=False)
            _set_levels(new_requirement, [levels[level.pk] for level in requirement.levels.all()])


@transaction.atomic
def method_version_draft_create(*, actor: User | None, method: Method) -> MethodVersion:
    """The method's draft: the one it has, or a new one numbered after its newest version and
    holding a full, independent copy of its current version (a bare skeleton if it has none).
    A method has at most one draft."""
    # Lock the method so two people pressing "Edit" at once get the same draft.
    Method.objects.select_for_update().filter(pk=method.pk).first()
    existing = draft_of(method)
    if existing is not None:
        return existing
    number = int(method.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = MethodVersion(municipality_id=method.municipality_id, method=method, number=number)
    _save(version, actor)
    source = _source_version(method)
    if source is not None:
        _copy_version(source, version, actor)
    else:
        _skeleton(version, actor)
    return version


def version_problems(version: MethodVersion) -> list[str]:
    """What stands in the way of publishing the version, as the portfolio office reads it; an
    empty list when it may be published."""
    problems: list[str] = []
    levels = list(version.levels.all())
    if not levels:
        problems.append(_("Add at least one level."))
    if any(not level.name.strip() for level in levels):
        problems.append(_("Every level must have a name."))
    phases = list(version.phases.order_by("position").prefetch_related("decision_points"))
    if not phases:
        problems.append(_("Add at least one phase."))
    for phase in phases:
        points = list(phase.decision_points.all())
        if not points:
            problems.append(
                _("The phase “%(phase)s” has no decision point.") % {"phase": phase.name}
            )
        for point in points:
            if point.decider == Decider.PERSON and point.decider_person_id is None:
                problems.append(
                    _("The decision point %(code)s must name the person who decides.")
                    % {"code": point.code}
                )
    return problems


@transaction.atomic
def method_version_publish(*, actor: User | None, version: MethodVersion) -> MethodVersion:
    """Make the draft the method's current version, the one new projects start on. The version
    that was current stays as it was, no longer current, and the projects on it keep it.
    Refused, with what is missing, unless the draft has a level and a phase and every phase has
    its decision point."""
    Method.objects.select_for_update().filter(pk=version.method_id).first()
    version.refresh_from_db()
    _require_draft(version)
    problems = version_problems(version)
    if problems:
        raise ValidationError(problems)
    for old in MethodVersion.objects.filter(method_id=version.method_id, is_current=True):
        old.is_current = False
        _save(old, actor)
    version.is_current = True
    version.published_at = timezone.now()
    _save(version, actor)
    return version


@transaction.atomic
def method_version_discard(*, actor: User | None, version: MethodVersion) -> None:
    """Delete the draft and everything in it. Published versions are never deleted."""
    _require_draft(version)
    # Children first, each with its own history record naming who removed it.
    for phase in version.phases.all():
        _phase_delete(phase, actor)
    for obj in [*version.criteria.all(), *version.levels.all()]:
        _delete(obj, actor)
    _delete(version, actor)


# --- Levels ------------------------------------------------------------------------------------


def _check_level_code(version: MethodVersion, code: str, level: Level | None) -> None:
    taken = version.levels.filter(code=code)
    if level is not None:
        taken = taken.exclude(pk=level.pk)
    if taken.exists():
        raise ValidationError({"code": _("Another level of this version has that code.")})


@transaction.atomic
def level_add(
    *,
    actor: User | None,
    version: MethodVersion,
    code: str,
    name: str,
    description: str = "",
    max_cost: Decimal | None = None,
    max_duration_months: int | None = None,
    max_risk: int | None = None,
) -> Level:
    """Add a level to the draft, after its other levels (the largest last)."""
    _require_draft(version)
    _check_level_code(version, code, None)
    level = Level(
        municipality_id=version.municipality_id,
        version=version,
        position=_next_position(version.levels.all()),
        code=code,
        name=name,
        description=description,
        max_cost=max_cost,
        max_duration_months=max_duration_months,
        max_risk=max_risk,
    )
    _save(level, actor)
    return level


@transaction.atomic
def level_update(
    *,
    actor: User | None,
    level: Level,
    code: str,
    name: str,
    description: str = "",
    max_cost: Decimal | None = None,
    max_duration_months: int | None = None,
    max_risk: int | None = None,
) -> Level:
    """Change a level of the draft: its code, name, description and thresholds."""
    _require_draft(level.version)
    _check_level_code(level.version, code, level)
    level.code = code
    level.name = name
    level.description = description
    level.max_cost = max_cost
    level.max_duration_months = max_duration_months
    level.max_risk = max_risk
    _save(level, actor)
    return level


@transaction.atomic
def level_move(*, actor: User | None, level: Level, direction: Direction) -> Level:
    """Move the level one place up (smaller) or down (larger): a project is suggested the first
    level it fits."""
    _require_draft(level.version)
    _move(level, Level.objects.filter(version_id=level.version_id), direction, actor)
    return level


@transaction.atomic
def level_remove(*, actor: User | None, level: Level) -> None:
    """Take the level out of the draft; checklist items and documents no longer name it."""
    version = level.version
    _require_draft(version)
    owners: list[ChecklistItem | DocumentRequirement] = [
        *level.checklist_items.all(),
        *level.document_requirements.all(),
    ]
    for owner in owners:
        owner._history_user = actor  # type: ignore[union-attr]
        owner.levels.remove(level)
    _delete(level, actor)
    _close_gap(version.levels.all(), actor)


# --- Criteria ----------------------------------------------------------------------------------


@transaction.atomic
def criterion_add(
    *, actor: User | None, version: MethodVersion, name: str, description: str = ""
) -> Criterion:
    """Add a criterion projects on the method must say how they meet."""
    _require_draft(version)
    criterion = Criterion(
        municipality_id=version.municipality_id,
        version=version,
        position=_next_position(version.criteria.all()),
        name=name,
        description=description,
    )
    _save(criterion, actor)
    return criterion


@transaction.atomic
def criterion_update(
    *, actor: User | None, criterion: Criterion, name: str, description: str = ""
) -> Criterion:
    """Change a criterion of the draft."""
    _require_draft(criterion.version)
    criterion.name = name
    criterion.description = description
    _save(criterion, actor)
    return criterion


@transaction.atomic
def criterion_remove(*, actor: User | None, criterion: Criterion) -> None:
    """Take the criterion out of the draft."""
    version = criterion.version
    _require_draft(version)
    _delete(criterion, actor)
    _close_gap(version.criteria.all(), actor)


# --- Phases and their decision points ----------------------------------------------------------


def _decision_point_fill(
    point: DecisionPoint,
    *,
    decision_code: str,
    decision_name: str,
    decider: str,
    decider_person: User | None,
    decider_title: str,
    decision_description: str,
) -> None:
    point.code = decision_code
    point.name = decision_name
    point.decider = decider
    # Only a named person's decision point names a person.
    point.decider_person = decider_person if decider == Decider.PERSON else None
    point.decider_title = decider_title
    point.description = decision_description


@transaction.atomic
def phase_add(
    *,
    actor: User | None,
    version: MethodVersion,
    name: str,
    description: str = "",
    is_operation_gate: bool = False,
    decision_code: str,
    decision_name: str,
    decider: str = Decider.PROJECT_OWNER,
    decider_person: User | None = None,
    decider_title: str = "",
    decision_description: str = "",
) -> Phase:
    """Add a phase, last, with the decision point that ends it."""
    _require_draft(version)
    _check_decider(version.municipality, decider, decider_person)
    phase = Phase(
        municipality_id=version.municipality_id,
        version=version,
        position=_next_position(version.phases.all()),
        name=name,
        description=description,
        is_operation_gate=is_operation_gate,
    )
    _save(phase, actor)
    point = DecisionPoint(municipality_id=version.municipality_id, phase=phase)
    _decision_point_fill(
        point,
        decision_code=decision_code,
        decision_name=decision_name,
        decider=decider,
        decider_person=decider_person,
        decider_title=decider_title,
        decision_description=decision_description,
    )
    _save(point, actor)
    return phase


@transaction.atomic
def phase_update(
    *,
    actor: User | None,
    phase: Phase,
    name: str,
    description: str = "",
    is_operation_gate: bool = False,
    decision_code: str,
    decision_name: str,
    decider: str = Decider.PROJECT_OWNER,
    decider_person: User | None = None,
    decider_title: str = "",
    decision_description: str = "",
) -> Phase:
    """Change a phase of the draft and its decision point (made if the phase has none)."""
    _require_draft(phase.version)
    _check_decider(phase.municipality, decider, decider_person)
    phase.name = name
    phase.description = description
    phase.is_operation_gate = is_operation_gate
    _save(phase, actor)
    point = phase.decision_points.order_by("pk").first() or DecisionPoint(
        municipality_id=phase.municipality_id, phase=phase
    )
    _decision_point_fill(
        point,
        decision_code=decision_code,
        decision_name=decision_name,
        decider=decider,
        decider_person=decider_person,
        decider_title=decider_title,
        decision_description=decision_description,
    )
    _save(point, actor)
    return phase


@transaction.atomic
def phase_move(*, actor: User | None, phase: Phase, direction: Direction) -> Phase:
    """Move the phase one place earlier or later in the draft."""
    _require_draft(phase.version)
    _move(phase, Phase.objects.filter(version_id=phase.version_id), direction, actor)
    return phase


def _phase_delete(phase: Phase, actor: User | None) -> None:
    for point in phase.decision_points.all():
        for item in point.checklist.all():
            _delete(item, actor)
        _delete(point, actor)
    for requirement in phase.document_requirements.all():
        _delete(requirement, actor)
    _delete(phase, actor)


@transaction.atomic
def phase_remove(*, actor: User | None, phase: Phase) -> None:
    """Take the phase out of the draft, with its decision point, checklist and documents; the
    phases after it move up."""
    version = phase.version
    _require_draft(version)
    _phase_delete(phase, actor)
    _close_gap(version.phases.all(), actor)


def _decision_point(phase: Phase) -> DecisionPoint:
    point = phase.decision_points.order_by("pk").first()
    if point is None:
        raise ValidationError(_("Give the phase its decision point first."))
    return point


# --- Checklist items ---------------------------------------------------------------------------


@transaction.atomic
def checklist_item_add(
    *,
    actor: User | None,
    phase: Phase,
    text: str,
    source: str,
    levels: list[Level],
) -> ChecklistItem:
    """Add a checkpoint, last, to the checklist of the decision point that ends the phase; the
    levels say which projects it applies to."""
    _require_draft(phase.version)
    _check_levels(phase.version, levels)
    point = _decision_point(phase)
    item = ChecklistItem(
        municipality_id=phase.municipality_id,
        decision_point=point,
        position=_next_position(point.checklist.all()),
        text=text,
        source=source,
    )
    _save(item, actor)
    _set_levels(item, levels)
    return item


@transaction.atomic
def checklist_item_update(
    *,
    actor: User | None,
    item: ChecklistItem,
    text: str,
    source: str,
    levels: list[Level],
) -> ChecklistItem:
    """Change a checkpoint of the draft: its text, source and levels."""
    version = item.decision_point.phase.version
    _require_draft(version)
    _check_levels(version, levels)
    item.text = text
    item.source = source
    _save(item, actor)
    _set_levels(item, levels)
    return item


@transaction.atomic
def checklist_item_remove(*, actor: User | None, item: ChecklistItem) -> None:
    """Take the checkpoint out of the draft."""
    _require_draft(item.decision_point.phase.version)
    _delete(item, actor)


# --- Document requirements ---------------------------------------------------------------------


@transaction.atomic
def document_requirement_add(
    *,
    actor: User | None,
    phase: Phase,
    document_type: str,
    name: str,
    levels: list[Level],
    may_be_not_relevant: bool = True,
) -> DocumentRequirement:
    """Add a document the phase requires, last, at the levels given."""
    _require_draft(phase.version)
    _check_levels(phase.version, levels)
    requirement = DocumentRequirement(
        municipality_id=phase.municipality_id,
        phase=phase,
        position=_next_position(phase.document_requirements.all()),
        document_type=document_type,
        name=name,
        may_be_not_relevant=may_be_not_relevant,
    )
    _save(requirement, actor)
    _set_levels(requirement, levels)
    return requirement


@transaction.atomic
def document_requirement_update(
    *,
    actor: User | None,
    requirement: DocumentRequirement,
    document_type: str,
    name: str,
    levels: list[Level],
    may_be_not_relevant: bool = True,
) -> DocumentRequirement:
    """Change a document requirement of the draft."""
    version = requirement.phase.version
    _require_draft(version)
    _check_levels(version, levels)
    requirement.document_type = document_type
    requirement.name = name
    requirement.may_be_not_relevant = may_be_not_relevant
    _save(requirement, actor)
    _set_levels(requirement, levels)
    return requirement


@transaction.atomic
def document_requirement_remove(*, actor: User | None, requirement: DocumentRequirement) -> None:
    """Take the document requirement out of the draft."""
    _require_draft(requirement.phase.version)
    _delete(requirement, actor)
