"""Keeping the screening criteria: the municipality's default set and sets for units, and the
weighted criteria in each. Kept by the portfolio office."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.duties import may
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.core.folding import Folded, fold_case
from helhet.core.history import delete_with_history, save_with_history
from helhet.ideas.models import CriteriaSet, ScreeningCriterion
from helhet.organization.models import Municipality, OrgUnit


def _keeper_or_refuse(actor: User, municipality_id: int) -> None:
    if not may(actor, municipality_id, Capability.SCREEN_IDEAS):
        raise PermissionDenied(_("Only the portfolio office keeps the screening criteria."))


def _unit_free(municipality: Municipality, unit: OrgUnit | None) -> None:
    if unit is not None and unit.municipality_id != municipality.pk:
        raise ValidationError({"unit": _("Choose a unit in your municipality.")})
    taken = CriteriaSet.objects.filter(municipality=municipality, unit=unit)
    if taken.exists():
        message = (
            _("The municipality has its default set already. Choose a unit.")
            if unit is None
            else _("This unit has a criteria set already. Change that one instead.")
        )
        raise ValidationError({"unit": message})


@transaction.atomic
def criteria_set_create(
    *, actor: User, municipality: Municipality, name: str, unit: OrgUnit | None
) -> CriteriaSet:
    """A new criteria set, for the ideas of ``unit`` and the units under it (or the
    municipality's default set when it has none). One set per unit; empty until criteria are
    added."""
    _keeper_or_refuse(actor, municipality.pk)
    _unit_free(municipality, unit)
    criteria_set = CriteriaSet(municipality=municipality, name=name.strip(), unit=unit)
    criteria_set.full_clean(exclude=["municipality", "unit"], validate_constraints=False)
    save_with_history(criteria_set, actor=actor)
    return criteria_set


@transaction.atomic
def criterion_add(
    *,
    actor: User,
    criteria_set: CriteriaSet,
    name: str,
    description: str = "",
    weight: int = 1,
) -> ScreeningCriterion:
    """Add a criterion (weight 1-10) to the set, last. Ideas scored before keep their score
    until they are scored again, which then asks for the new criterion too."""
    _keeper_or_refuse(actor, criteria_set.municipality_id)
    last = criteria_set.criteria.order_by("-position").values_list("position", flat=True).first()
    criterion = ScreeningCriterion(
        municipality_id=criteria_set.municipality_id,
        criteria_set=criteria_set,
        name=name.strip(),
        description=description.strip(),
        weight=weight,
        position=(last or 0) + 1,
    )
    _check(criterion)
    save_with_history(criterion, actor=actor)
    return criterion


def _check(criterion: ScreeningCriterion) -> None:
    criterion.full_clean(exclude=["municipality", "criteria_set"], validate_constraints=False)
    # "Økonomi" and "økonomi" are the same name, on SQLite too (helhet.core.folding).
    same_name = (
        ScreeningCriterion.objects.filter(criteria_set_id=criterion.criteria_set_id)
        .alias(folded_name=Folded("name"))
        .filter(folded_name=fold_case(criterion.name))
        .exclude(pk=criterion.pk)
    )
    if same_name.exists():
        raise ValidationError({"name": _("The set has a criterion with this name already.")})


@transaction.atomic
def criterion_update(
    *, actor: User, criterion: ScreeningCriterion, name: str, description: str, weight: int
) -> ScreeningCriterion:
    """Rename, describe or weigh a criterion anew. Ideas already scored keep the weighted score
    they got until they are scored again."""
    _keeper_or_refuse(actor, criterion.municipality_id)
    criterion.name, criterion.description = name.strip(), description.strip()
    criterion.weight = weight
    _check(criterion)
    save_with_history(criterion, actor=actor)
    return criterion


@transaction.atomic
def criterion_delete(*, actor: User, criterion: ScreeningCriterion) -> None:
    """Remove a criterion no idea has been scored on; one that has scores stays (their
    weighted scores were computed with it), and the refusal says so."""
    _keeper_or_refuse(actor, criterion.municipality_id)
    if criterion.scores.exists():
        raise ValidationError(
            _("Ideas have been scored on “%(name)s”, so it stays. Give it a lower weight instead.")
            % {"name": criterion.name}
        )
    delete_with_history(criterion, actor=actor)
