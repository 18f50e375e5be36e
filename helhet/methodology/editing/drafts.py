"""The method itself and its versions: a new method with its first draft, the method's own
(unversioned) name and course, the draft, and publishing or discarding it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history
from helhet.methodology.editing.common import require_draft, save_checked
from helhet.methodology.editing.copying import version_copy
from helhet.methodology.editing.phases import phase_rows_delete
from helhet.methodology.models import Decider, DecisionPoint, Level, Method, MethodVersion, Phase
from helhet.organization.models import Municipality


def _check_method_name(municipality: Municipality, name: str, method: Method | None) -> None:
    taken = Method.objects.filter(municipality=municipality, name=name)
    if method is not None:
        taken = taken.exclude(pk=method.pk)
    if taken.exists():
        raise ValidationError({"name": _("The municipality already has a method by that name.")})


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
    save_checked(method, actor)
    version = MethodVersion(municipality=municipality, method=method, number=1)
    save_checked(version, actor)
    source = _source_version(copy_from) if copy_from is not None else None
    if source is not None:
        version_copy(source, version, actor)
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
    save_checked(method, actor)
    return method


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
    save_checked(level, actor)
    phase = Phase(
        municipality_id=version.municipality_id, version=version, position=1, name=_("Idea")
    )
    save_checked(phase, actor)
    point = DecisionPoint(
        municipality_id=version.municipality_id,
        phase=phase,
        code="BP1",
        name=_("Decide to start"),
    )
    save_checked(point, actor)


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
    save_checked(version, actor)
    source = _source_version(method)
    if source is not None:
        version_copy(source, version, actor)
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
    require_draft(version)
    problems = version_problems(version)
    if problems:
        raise ValidationError(problems)
    for old in MethodVersion.objects.filter(method_id=version.method_id, is_current=True):
        old.is_current = False
        save_checked(old, actor)
    version.is_current = True
    version.published_at = timezone.now()
    save_checked(version, actor)
    return version


@transaction.atomic
def method_version_discard(*, actor: User | None, version: MethodVersion) -> None:
    """Delete the draft and everything in it. Published versions are never deleted."""
    require_draft(version)
    # Children first, each with its own history record naming who removed it.
    for phase in version.phases.all():
        phase_rows_delete(phase, actor)
    for obj in [*version.criteria.all(), *version.levels.all()]:
        delete_with_history(obj, actor=actor)
    delete_with_history(version, actor=actor)
