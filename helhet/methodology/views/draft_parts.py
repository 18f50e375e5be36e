"""The pages that change the parts of a draft, for the portfolio office: levels, criteria, phases
with their decision points, checklist items and required documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.methodology.access import (
    get_draft_for_user,
    get_draft_part_for_user,
)
from helhet.methodology.editing import checklists, common, levels, phases
from helhet.methodology.forms import (
    ChecklistItemForm,
    CriterionForm,
    DocumentRequirementForm,
    LevelForm,
    PhaseForm,
)
from helhet.methodology.models import (
    ChecklistItem,
    Criterion,
    DocumentRequirement,
    Level,
    MethodVersion,
    Phase,
)
from helhet.methodology.views.methods import draft_url

FormMaker = Callable[[QueryDict | None], forms.Form]


def _part_page(
    request: MemberRequest,
    *,
    version: MethodVersion,
    make_form: FormMaker,
    title: str,
    back: str,
    save: Callable[[dict[str, Any]], object],
    remove: Callable[[], None] | None = None,
    part: object | None = None,
) -> HttpResponse:
    """Add or change one part of a draft: show the form, save it through ``save``, or take the
    part out through ``remove`` when the "remove" button was pressed; then back to the draft."""
    if request.method == "POST" and remove is not None and "remove" in request.POST:
        remove()
        messages.success(request, _("“%(name)s” was removed.") % {"name": part})
        return redirect(back)
    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(back)
    return render(
        request,
        "methodology/version_part_form.html",
        {
            "method": version.method,
            "version": version,
            "form": form,
            "title": title,
            "back": back,
            "part": part,
            "can_remove": remove is not None,
        },
        status=400 if form.is_bound else 200,
    )


def _move(request: MemberRequest, move: Callable[[common.Direction], object]) -> bool:
    """Whether the request was a press on "move up" or "move down" (and the move was made)."""
    direction = request.POST.get("move")
    if request.method != "POST" or direction not in ("up", "down"):
        return False
    move("up" if direction == "up" else "down")
    return True


def _level_initial(level: Level) -> dict[str, Any]:
    return {
        "code": level.code,
        "name": level.name,
        "description": level.description,
        "max_cost": level.max_cost,
        "max_duration_months": level.max_duration_months,
        "max_risk": level.max_risk,
        "allows_combined_roles": level.allows_combined_roles,
    }


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def level_add(request: MemberRequest, pk: int) -> HttpResponse:
    version = get_draft_for_user(request.membership, pk)
    return _part_page(
        request,
        version=version,
        make_form=lambda data: LevelForm(data),
        title=_("New level"),
        back=draft_url(version, "levels"),
        save=lambda data: levels.level_create(actor=request.user, version=version, **data),
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def level_edit(request: MemberRequest, pk: int) -> HttpResponse:
    level = get_draft_part_for_user(request.membership, Level, pk)
    version = level.version
    back = draft_url(version, "levels")
    if _move(request, lambda d: levels.level_move(actor=request.user, level=level, direction=d)):
        return redirect(back)
    return _part_page(
        request,
        version=version,
        make_form=lambda data: LevelForm(data, initial=_level_initial(level)),
        title=_("Change the level %(name)s") % {"name": level.name},
        back=back,
        save=lambda data: levels.level_update(actor=request.user, level=level, **data),
        remove=lambda: levels.level_delete(actor=request.user, level=level),
        part=level,
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def criterion_add(request: MemberRequest, pk: int) -> HttpResponse:
    version = get_draft_for_user(request.membership, pk)
    return _part_page(
        request,
        version=version,
        make_form=lambda data: CriterionForm(data),
        title=_("New criterion"),
        back=draft_url(version, "criteria"),
        save=lambda data: levels.criterion_create(actor=request.user, version=version, **data),
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def criterion_edit(request: MemberRequest, pk: int) -> HttpResponse:
    criterion = get_draft_part_for_user(request.membership, Criterion, pk)
    version = criterion.version
    return _part_page(
        request,
        version=version,
        make_form=lambda data: CriterionForm(
            data, initial={"name": criterion.name, "description": criterion.description}
        ),
        title=_("Change the criterion %(name)s") % {"name": criterion.name},
        back=draft_url(version, "criteria"),
        save=lambda data: levels.criterion_update(actor=request.user, criterion=criterion, **data),
        remove=lambda: levels.criterion_delete(actor=request.user, criterion=criterion),
        part=criterion,
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def phase_add(request: MemberRequest, pk: int) -> HttpResponse:
    version = get_draft_for_user(request.membership, pk)
    municipality = request.membership.municipality
    return _part_page(
        request,
        version=version,
        make_form=lambda data: PhaseForm(data, municipality=municipality),
        title=_("New phase"),
        back=draft_url(version, "phases"),
        save=lambda data: phases.phase_create(actor=request.user, version=version, **data),
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def phase_edit(request: MemberRequest, pk: int) -> HttpResponse:
    phase = get_draft_part_for_user(request.membership, Phase, pk)
    version = phase.version
    back = draft_url(version, f"phase-{phase.pk}")
    if _move(request, lambda d: phases.phase_move(actor=request.user, phase=phase, direction=d)):
        return redirect(back)
    point = phase.decision_points.select_related("decider_person").order_by("pk").first()
    initial: dict[str, Any] = {
        "name": phase.name,
        "description": phase.description,
        "is_operation_gate": phase.is_operation_gate,
    }
    if point is not None:
        initial |= {
            "decision_code": point.code,
            "decision_name": point.name,
            "decider": point.decider,
            "decider_person": point.decider_person,
            "decider_title": point.decider_title,
            "decision_description": point.description,
        }
    municipality = request.membership.municipality
    return _part_page(
        request,
        version=version,
        make_form=lambda data: PhaseForm(data, initial=initial, municipality=municipality),
        title=_("Change the phase %(name)s") % {"name": phase.name},
        back=back,
        save=lambda data: phases.phase_update(actor=request.user, phase=phase, **data),
        remove=lambda: phases.phase_delete(actor=request.user, phase=phase),
        part=phase,
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def checklist_item_add(request: MemberRequest, pk: int) -> HttpResponse:
    phase = get_draft_part_for_user(request.membership, Phase, pk)
    version = phase.version
    levels = list(version.levels.order_by("position"))
    return _part_page(
        request,
        version=version,
        make_form=lambda data: ChecklistItemForm(data, levels=levels, initial={"levels": levels}),
        title=_("New checkpoint in %(phase)s") % {"phase": phase.name},
        back=draft_url(version, f"phase-{phase.pk}"),
        save=lambda data: checklists.checklist_item_create(actor=request.user, phase=phase, **data),
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def checklist_item_edit(request: MemberRequest, pk: int) -> HttpResponse:
    item = get_draft_part_for_user(request.membership, ChecklistItem, pk)
    phase = item.decision_point.phase
    version = phase.version
    levels = list(version.levels.order_by("position"))
    initial = {"text": item.text, "source": item.source, "levels": list(item.levels.all())}
    return _part_page(
        request,
        version=version,
        make_form=lambda data: ChecklistItemForm(data, levels=levels, initial=initial),
        title=_("Change a checkpoint in %(phase)s") % {"phase": phase.name},
        back=draft_url(version, f"phase-{phase.pk}"),
        save=lambda data: checklists.checklist_item_update(actor=request.user, item=item, **data),
        remove=lambda: checklists.checklist_item_delete(actor=request.user, item=item),
        part=item,
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def document_requirement_add(request: MemberRequest, pk: int) -> HttpResponse:
    phase = get_draft_part_for_user(request.membership, Phase, pk)
    version = phase.version
    levels = list(version.levels.order_by("position"))
    return _part_page(
        request,
        version=version,
        make_form=lambda data: DocumentRequirementForm(
            data, levels=levels, initial={"levels": levels, "may_be_not_relevant": True}
        ),
        title=_("New required document in %(phase)s") % {"phase": phase.name},
        back=draft_url(version, f"phase-{phase.pk}"),
        save=lambda data: checklists.document_requirement_create(
            actor=request.user, phase=phase, **data
        ),
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def document_requirement_edit(request: MemberRequest, pk: int) -> HttpResponse:
    requirement = get_draft_part_for_user(request.membership, DocumentRequirement, pk)
    phase = requirement.phase
    version = phase.version
    levels = list(version.levels.order_by("position"))
    initial = {
        "document_type": requirement.document_type,
        "name": requirement.name,
        "levels": list(requirement.levels.all()),
        "may_be_not_relevant": requirement.may_be_not_relevant,
    }
    return _part_page(
        request,
        version=version,
        make_form=lambda data: DocumentRequirementForm(data, levels=levels, initial=initial),
        title=_("Change a required document in %(phase)s") % {"phase": phase.name},
        back=draft_url(version, f"phase-{phase.pk}"),
        save=lambda data: checklists.document_requirement_update(
            actor=request.user, requirement=requirement, **data
        ),
        remove=lambda: checklists.document_requirement_delete(
            actor=request.user, requirement=requirement
        ),
        part=requirement,
    )
