"""Writes to an initiative's benefits realisation plan: benefits and their indicators.

Each service validates the whole record (model ``clean`` and constraints), records who
changed it in the history, and refuses with a Norwegian message, changing nothing, when the
input does not hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.duties import refusal_to_choose
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.adoption.models import Solution
from helhet.benefits.figures import amount_units_for
from helhet.benefits.models import (
    Benefit,
    BenefitStatus,
    Indicator,
    IndicatorUnit,
)
from helhet.benefits.services.monetary import monetary_gains_refresh
from helhet.core.history import delete_with_history, save_with_history
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.rules import combined_roles_allowed


def _check_members(
    municipality: Municipality, responsible: User | None, owners: Sequence[User]
) -> None:
    """The responsible line manager and the owners must work in the initiative's municipality."""
    people = {user.pk for user in owners}
    if responsible is not None:
        people.add(responsible.pk)
    members = set(
        User.objects.filter(pk__in=people, memberships__municipality=municipality).values_list(
            "pk", flat=True
        )
    )
    errors = {}
    if responsible is not None and responsible.pk not in members:
        errors["responsible"] = _("The responsible line manager must work in the municipality.")
    if any(user.pk not in members for user in owners):
        errors["owners"] = _("Every benefits owner must work in the municipality.")
    if errors:
        raise ValidationError(errors)


def _check_duties(benefit: Benefit, owners: Sequence[User]) -> None:
    """Those newly chosen as responsible line manager or owner must have a role that owns
    benefits (not a reader, a project leader or the administrator), and not be the project's own
    leader unless its method's level allows one person both roles (``helhet.accounts.duties``).
    Those chosen before keep their place until someone else is chosen."""
    before_responsible, before_owners = None, set()
    if benefit.pk is not None:
        before_responsible = (
            Benefit.objects.filter(pk=benefit.pk).values_list("responsible_id", flat=True).get()
        )
        before_owners = set(benefit.owners.values_list("pk", flat=True))
    leader_id = benefit.initiative.project_leader_id
    errors: dict[str, str] = {}
    chosen = [("owners", user) for user in owners if user.pk not in before_owners]
    if benefit.responsible is not None and benefit.responsible_id != before_responsible:
        chosen.insert(0, ("responsible", benefit.responsible))
    for field, person in chosen:
        refusal = refusal_to_choose(
            person, municipality_id=benefit.municipality_id, capability=Capability.OWN_BENEFITS
        )
        leads = person.pk == leader_id
        if refusal is None and leads and not combined_roles_allowed(benefit.initiative_id):
            refusal = _(
                "The project leader cannot own the project's benefits: choose the benefits "
                "owner in the line."
            )
        if refusal is not None:
            errors.setdefault(field, refusal)
    if errors:
        raise ValidationError(errors)


def _save_benefit(actor: User | None, benefit: Benefit, owners: Sequence[User]) -> Benefit:
    _check_members(benefit.municipality, benefit.responsible, owners)
    _check_duties(benefit, owners)
    benefit.full_clean(exclude=["initiative", "municipality"])
    save_with_history(benefit, actor=actor)
    benefit.owners.set(owners)
    monetary_gains_refresh(benefit=benefit)
    return benefit


@transaction.atomic
def benefit_create(
    *,
    actor: User | None,
    initiative: Initiative,
    title: str,
    dimension: str,
    category: str,
    kind: str,
    description: str = "",
    planned_amount: Decimal | None = None,
    preconditions: str = "",
    realisation_method: str = "",
    responsible: User | None = None,
    owners: Sequence[User] = (),
    due_date: date | None = None,
    status: str = BenefitStatus.PLANNED,
    abandon_reason: str = "",
) -> Benefit:
    """Add a benefit to the initiative's plan, in the initiative's municipality. The responsible
    line manager and the owners must be members there; an abandoned benefit needs a reason; a
    qualitative benefit has no amount."""
    benefit = Benefit(
        municipality=initiative.municipality,
        initiative=initiative,
        title=title,
        description=description,
        dimension=dimension,
        category=category,
        kind=kind,
        planned_amount=planned_amount,
        preconditions=preconditions,
        realisation_method=realisation_method,
        responsible=responsible,
        due_date=due_date,
        status=status,
        abandon_reason=abandon_reason if status == BenefitStatus.ABANDONED else "",
    )
    return _save_benefit(actor, benefit, list(owners))


@transaction.atomic
def benefit_update(
    *,
    actor: User | None,
    benefit: Benefit,
    title: str,
    dimension: str,
    category: str,
    kind: str,
    description: str = "",
    planned_amount: Decimal | None = None,
    preconditions: str = "",
    realisation_method: str = "",
    responsible: User | None = None,
    owners: Sequence[User] = (),
    due_date: date | None = None,
    status: str = BenefitStatus.PLANNED,
    abandon_reason: str = "",
) -> Benefit:
    """Change a benefit, on the same terms as ``benefit_create``. A reason given for abandoning
    is dropped when the benefit is no longer abandoned."""
    benefit.title, benefit.description = title, description
    benefit.dimension, benefit.category, benefit.kind = dimension, category, kind
    benefit.planned_amount = planned_amount
    benefit.preconditions, benefit.realisation_method = preconditions, realisation_method
    benefit.responsible, benefit.due_date = responsible, due_date
    benefit.status = status
    benefit.abandon_reason = abandon_reason if status == BenefitStatus.ABANDONED else ""
    return _save_benefit(actor, benefit, list(owners))


def _check_measures_amount(indicator: Indicator) -> None:
    """Only one indicator measures a benefit's amount, in a unit the benefit's kind converts."""
    if not indicator.measures_amount:
        return
    benefit = indicator.benefit
    if indicator.unit not in amount_units_for(benefit.kind):
        raise ValidationError(
            {
                "measures_amount": _(
                    "Only an indicator in kroner (for a direct benefit) or in hours or FTE (for "
                    "an indirect benefit) can measure the benefit's amount."
                )
            }
        )
    others = Indicator.objects.filter(benefit=benefit, measures_amount=True)
    if indicator.pk is not None:
        others = others.exclude(pk=indicator.pk)
    if others.exists():
        raise ValidationError(
            {"measures_amount": _("Another indicator already measures this benefit's amount.")}
        )


def _save_indicator(actor: User | None, indicator: Indicator) -> Indicator:
    if indicator.unit != IndicatorUnit.CUSTOM:
        indicator.unit_label = ""
    if indicator.solution is not None and (
        indicator.solution.municipality_id != indicator.municipality_id
    ):
        raise ValidationError({"solution": _("Choose a solution in this municipality.")})
    _check_measures_amount(indicator)
    indicator.full_clean(exclude=["benefit", "municipality"])
    save_with_history(indicator, actor=actor)
    monetary_gains_refresh(benefit=indicator.benefit)
    return indicator


@transaction.atomic
def indicator_create(
    *,
    actor: User | None,
    benefit: Benefit,
    name: str,
    unit: str,
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    frequency: str,
    unit_label: str = "",
    measures_amount: bool = False,
    solution: Solution | None = None,
) -> Indicator:
    """Give the benefit an indicator: a baseline on a date, a target by a later (or the same)
    date, and how often it is measured. A custom unit needs a name; a percentage lies between 0
    and 100. A target equal to the baseline is allowed, but achievement cannot be computed. At most
    one indicator measures the benefit's amount, in kroner (direct) or hours or FTE (indirect)."""
    indicator = Indicator(
        municipality=benefit.municipality,
        benefit=benefit,
        name=name,
        unit=unit,
        unit_label=unit_label,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
        frequency=frequency,
        measures_amount=measures_amount,
        solution=solution,
    )
    return _save_indicator(actor, indicator)


@transaction.atomic
def indicator_update(
    *,
    actor: User | None,
    indicator: Indicator,
    name: str,
    unit: str,
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    frequency: str,
    unit_label: str = "",
    measures_amount: bool = False,
    solution: Solution | None = None,
) -> Indicator:
    """Change an indicator, on the same terms as ``indicator_create``."""
    indicator.name, indicator.unit, indicator.unit_label = name, unit, unit_label
    indicator.baseline_value, indicator.baseline_date = baseline_value, baseline_date
    indicator.target_value, indicator.target_date = target_value, target_date
    indicator.frequency, indicator.measures_amount = frequency, measures_amount
    indicator.solution = solution
    return _save_indicator(actor, indicator)


@transaction.atomic
def indicator_delete(*, actor: User | None, indicator: Indicator) -> None:
    """Remove an indicator from its benefit; its history is kept. The benefit stays."""
    delete_with_history(indicator, actor=actor)
    monetary_gains_refresh(benefit=indicator.benefit)
