"""Every change to a project's risk register: checked against the actor's right to change the
initiative, validated, atomic, recorded in history. Nothing is saved when anything is refused."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.portfolio.models import Initiative
from helhet.projects.models import Risk, RiskKind, RiskStatus
from helhet.projects.services.checks import check_may_be_chosen, check_may_edit, check_member


def _apply_status(risk: Risk, status: str) -> None:
    """A risk closed today gets today's date; a reopened one loses it."""
    if status == RiskStatus.CLOSED and risk.closed_on is None:
        risk.closed_on = timezone.localdate()
    elif status != RiskStatus.CLOSED:
        risk.closed_on = None
    risk.status = status


@transaction.atomic
def risk_create(
    *,
    actor: User | None,
    initiative: Initiative,
    title: str,
    probability: int,
    consequence: int,
    kind: str = RiskKind.RISK,
    description: str = "",
    owner: User | None = None,
    measures: str = "",
    status: str = RiskStatus.OPEN,
) -> Risk:
    """Add a risk or opportunity to the initiative's register: probability and consequence from
    1 to 5, an owner who works in the municipality and is no reader (or none yet)."""
    check_may_edit(actor, initiative)
    check_member(initiative, owner, "owner")
    check_may_be_chosen(initiative, owner, "owner")
    risk = Risk(
        municipality_id=initiative.municipality_id,
        initiative=initiative,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        probability=probability,
        consequence=consequence,
        owner=owner,
        measures=measures.strip(),
    )
    _apply_status(risk, status)
    risk.full_clean()
    save_with_history(risk, actor=actor)
    return risk


@transaction.atomic
def risk_update(
    *,
    actor: User | None,
    risk: Risk,
    title: str,
    probability: int,
    consequence: int,
    kind: str,
    description: str,
    owner: User | None,
    measures: str,
    status: str,
) -> Risk:
    """Change a risk or opportunity: its assessment, owner, measures or status. Every change is
    kept in its history; closing sets the date it was closed."""
    risk = Risk.objects.select_for_update().select_related("initiative").get(pk=risk.pk)
    check_may_edit(actor, risk.initiative)
    check_member(risk.initiative, owner, "owner")
    if owner is not None and owner.pk != risk.owner_id:
        check_may_be_chosen(risk.initiative, owner, "owner")
    risk.kind = kind
    risk.title = title.strip()
    risk.description = description.strip()
    risk.probability = probability
    risk.consequence = consequence
    risk.owner = owner
    risk.measures = measures.strip()
    _apply_status(risk, status)
    risk.full_clean()
    save_with_history(risk, actor=actor)
    return risk
