"""Registering, changing and deleting an initiative: validated, atomic, recorded in history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from helhet.accounts.duties import (
    refusal_to_change_owner_or_leader,
    refusal_to_choose,
    refusal_to_hold_both,
    role_of,
    role_taken_on_registering,
)
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.core.history import FieldChange, delete_with_history, describe_value, save_with_history
from helhet.methodology.models import ProjectMethod
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative
from helhet.portfolio.services.initiative_parts import FundingLine, set_funding, set_relations

# The plain fields an initiative form or import may set (many-to-many relations are separate).
INITIATIVE_FIELDS = (
    "kind",
    "name",
    "short_description",
    "need",
    "owning_unit",
    "programme",
    "project_owner",
    "project_leader",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "status",
    "stop_reason",
    "estimated_cost",
    "actual_cost",
    "processes_personal_data",
    "ros_status",
    "ros_date",
    "dpia_status",
    "dpia_date",
    "dpa_status",
    "dpa_date",
)


class ConcurrentEditError(ValidationError):
    """Someone else saved the initiative after this person opened it. ``changes`` says what they
    changed (their value first, then the value now saved)."""

    def __init__(self, changes: list[FieldChange], by: str) -> None:
        super().__init__(
            _(
                "%(who)s saved this initiative after you opened it. Your changes were not "
                "saved. Look at what changed, then make your changes again."
            )
            % {"who": by},
            code="concurrent_edit",
        )
        self.changes = changes
        self.by = by


def _validate_unique_name(initiative: Initiative) -> None:
    """Names are unique in a municipality regardless of case, also for æ, ø and å (SQLite's
    case-insensitive matching knows only ASCII, so the comparison is made here)."""
    key = initiative.name.casefold()
    same_length = (
        Initiative.objects.filter(municipality_id=initiative.municipality_id)
        .exclude(pk=initiative.pk)
        .annotate(name_length=Length("name"))
        .filter(name_length=len(initiative.name))
        .values_list("name", flat=True)
    )
    if any(name.casefold() == key for name in same_length):
        raise ValidationError({"name": _("There is already an initiative with this name.")})


# --- Who owns and leads it: segregation of duties (helhet.accounts.duties) -----------------------

PEOPLE = {"project_owner": Capability.OWN_PROJECTS, "project_leader": Capability.LEAD_PROJECTS}


def _people(initiative: Initiative) -> tuple[int | None, int | None]:
    return initiative.project_owner_id, initiative.project_leader_id


def _check_people(
    actor: User | None,
    initiative: Initiative,
    *,
    before: tuple[int | None, int | None],
    owner_before: int | None,
) -> None:
    """When the owner or the leader changes: the actor must be one who may change them (the
    portfolio office, the administrator or ``owner_before``, the owner until now; PermissionDenied
    otherwise), each chosen person's role must allow the task, and one person is not both
    unless the method's level allows it (ValidationError on the field)."""
    after = _people(initiative)
    if after == before:
        return
    refusal = refusal_to_change_owner_or_leader(
        actor, initiative_owner_id=owner_before, municipality_id=initiative.municipality_id
    )
    if refusal is not None:
        raise PermissionDenied(refusal)
    errors: dict[str, str] = {}
    for (name, capability), now, then in zip(PEOPLE.items(), after, before, strict=True):
        if now != then:
            chosen = refusal_to_choose(
                getattr(initiative, name),
                municipality_id=initiative.municipality_id,
                capability=capability,
            )
            if chosen is not None:
                errors[name] = chosen
    both = refusal_to_hold_both(
        *after,
        allow_same_person=initiative.pk is not None
        and ProjectMethod.objects.filter(
            initiative_id=initiative.pk, level__allows_combined_roles=True
        ).exists(),
    )
    if both is not None:
        errors.setdefault("project_leader", both)
    if errors:
        raise ValidationError(errors)


def _registrant(actor: User | None, municipality: Municipality) -> tuple[str | None, int | None]:
    """The field the registering person fills with themselves (their role's), and who may
    change owner and leader on registering: the registrant if they become the owner."""
    role = role_of(actor, municipality.pk)
    field = role_taken_on_registering(role) if role is not None else None
    owner = actor.pk if actor is not None and field == "project_owner" else None
    return field, owner


@transaction.atomic
def initiative_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    kind: str,
    owning_unit: OrgUnit,
    m2m: dict[str, Sequence[Any]] | None = None,
    tags: Iterable[str] | None = None,
    funding: Sequence[FundingLine] = (),
    **fields: Any,
) -> Initiative:
    """Register an initiative. Only name, kind and owning unit are required; everything else
    can be filled in later. A project leader who registers it leads it, a project owner owns it
    (unless they name someone else, which only an owner may). The owner and leader follow the
    segregation of duties (see ``_check_people``). Nothing is written if anything is invalid."""
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    field, owner_before = _registrant(actor, municipality)
    if field is not None and fields.get(field) is None:
        fields[field] = actor
    initiative = Initiative(
        municipality=municipality, name=name.strip(), kind=kind, owning_unit=owning_unit, **fields
    )
    default = (owner_before, actor.pk if actor and field == "project_leader" else None)
    _check_people(actor, initiative, before=default, owner_before=owner_before)
    # Our own name check gives the message on the name field; the database enforces the
    # constraints too, and clean() repeats the check constraints' rules with clear messages.
    _validate_unique_name(initiative)
    initiative.full_clean(validate_unique=False, validate_constraints=False)
    save_with_history(initiative, actor=actor)
    set_relations(initiative, m2m or {}, tags)
    set_funding(actor, initiative, funding)
    return initiative


def _changes_since(initiative: Initiative, version: int) -> tuple[list[FieldChange], str]:
    """What changed between the version a person opened and the one saved now, and who saved."""
    then = initiative.history.filter(version=version).order_by("-history_date").first()
    now = initiative.history.order_by("-history_date", "-history_id").first()
    who = str(now.history_user) if now is not None and now.history_user else _("Someone")
    if then is None or now is None:
        return [], who
    changes = []
    for change in now.diff_against(then, excluded_fields=["version", "updated_at"]).changes:
        field = Initiative._meta.get_field(change.field)
        changes.append(
            FieldChange(
                field=capfirst(str(getattr(field, "verbose_name", change.field))),
                old=describe_value(field, change.old),
                new=describe_value(field, change.new),
            )
        )
    return changes, who


@transaction.atomic
def initiative_update(
    *,
    actor: User | None,
    initiative: Initiative,
    expected_version: int,
    fields: dict[str, Any],
    m2m: dict[str, Sequence[Any]] | None = None,
    tags: Iterable[str] | None = None,
    funding: Sequence[FundingLine] | None = None,
) -> Initiative:
    """Change an initiative. ``expected_version`` is the version the person started from: if
    someone saved in between, nothing is written and ConcurrentEditError says what they changed
    (never a silent overwrite). Only the project owner, the portfolio office and the
    administrator change who owns and leads it (PermissionDenied for anyone else, the project
    leader too; see ``_check_people``)."""
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    current = Initiative.objects.get(pk=initiative.pk)
    if current.version != expected_version:
        changes, who = _changes_since(current, expected_version)
        raise ConcurrentEditError(changes, who)
    before = _people(current)
    for name, value in fields.items():
        setattr(current, name, value.strip() if name == "name" else value)
    _check_people(actor, current, before=before, owner_before=before[0])
    _validate_unique_name(current)
    current.full_clean(validate_unique=False, validate_constraints=False)
    # Claim the next version with one conditional UPDATE: of two saves racing from the same
    # version, exactly one matches the row; the other is refused (on SQLite as on PostgreSQL).
    claimed = Initiative.objects.filter(pk=current.pk, version=expected_version).update(
        version=expected_version + 1
    )
    if not claimed:
        current.refresh_from_db()
        changes, who = _changes_since(current, expected_version)
        raise ConcurrentEditError(changes, who)
    current.version = expected_version + 1
    save_with_history(current, actor=actor)
    current.refresh_from_db()
    set_relations(current, m2m or {}, tags)
    if funding is not None:
        set_funding(actor, current, funding)
    return current


@transaction.atomic
def initiative_delete(*, actor: User | None, initiative: Initiative) -> None:
    """Delete an initiative registered by mistake (its history is kept). To end real work, set
    the status to completed or stopped instead. What hangs on it goes with it, by the database's
    cascade; the documents app removes the uploaded files of its document versions once the
    deletion is committed (``helhet.documents.receivers``)."""
    delete_with_history(initiative, actor=actor)
