"""Every change to the portfolio goes through here: validated, atomic, recorded in history."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import FieldChange, describe_value
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    FundingSource,
    Initiative,
    InitiativeLink,
    InitiativeRelation,
    SavedView,
    StatusReport,
    StrategicGoal,
    Tag,
)

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
M2M_FIELDS = ("participating_units", "goals", "contacts")


@dataclass(frozen=True)
class FundingLine:
    source: str
    amount: Decimal
    note: str = ""


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


def _check_same_municipality(
    municipality: Municipality, objects: Iterable[Any], field: str
) -> None:
    for obj in objects:
        if getattr(obj, "municipality_id", municipality.pk) != municipality.pk:
            raise ValidationError(
                {field: _("Everything you choose must be in the same municipality.")}
            )


def _tags(municipality: Municipality, names: Iterable[str]) -> list[Tag]:
    cleaned = sorted({name.strip() for name in names if name.strip()})
    existing = {
        tag.name: tag for tag in Tag.objects.filter(municipality=municipality, name__in=cleaned)
    }
    for name in cleaned:
        if name not in existing:
            if len(name) > 60:
                raise ValidationError({"tags": _("A tag can be at most 60 characters long.")})
            existing[name] = Tag.objects.create(municipality=municipality, name=name)
    return [existing[name] for name in cleaned]


def _set_relations(
    initiative: Initiative, m2m: dict[str, Sequence[Any]], tags: Iterable[str] | None
) -> None:
    municipality = initiative.municipality
    for field in M2M_FIELDS:
        if field in m2m:
            values = list(m2m[field])
            if field != "contacts":
                _check_same_municipality(municipality, values, field)
            getattr(initiative, field).set(values)
    if tags is not None:
        initiative.tags.set(_tags(municipality, tags))


def _set_funding(actor: User | None, initiative: Initiative, lines: Sequence[FundingLine]) -> None:
    for source in initiative.funding_sources.all():
        source._history_user = actor  # type: ignore[attr-defined]
        source.delete()
    for line in lines:
        source = FundingSource(
            municipality=initiative.municipality,
            initiative=initiative,
            source=line.source,
            amount=line.amount,
            note=line.note,
        )
        source.full_clean(exclude=["initiative"])
        source._history_user = actor  # type: ignore[attr-defined]
        source.save()


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
    can be filled in later. Nothing is written if anything is invalid."""
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    initiative = Initiative(
        municipality=municipality, name=name.strip(), kind=kind, owning_unit=owning_unit, **fields
    )
    # Our own name check gives the message on the name field; the database enforces the
    # constraints too, and clean() repeats the check constraints' rules with clear messages.
    _validate_unique_name(initiative)
    initiative.full_clean(validate_unique=False, validate_constraints=False)
    initiative._history_user = actor  # type: ignore[attr-defined]
    initiative.save()
    _set_relations(initiative, m2m or {}, tags)
    _set_funding(actor, initiative, funding)
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
    (never a silent overwrite)."""
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    current = Initiative.objects.get(pk=initiative.pk)
    if current.version != expected_version:
        changes, who = _changes_since(current, expected_version)
        raise ConcurrentEditError(changes, who)
    for name, value in fields.items():
        setattr(current, name, value.strip() if name == "name" else value)
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
    current._history_user = actor  # type: ignore[attr-defined]
    current.save()
    current.refresh_from_db()
    _set_relations(current, m2m or {}, tags)
    if funding is not None:
        _set_funding(actor, current, funding)
    return current


@transaction.atomic
def initiative_delete(*, actor: User | None, initiative: Initiative) -> None:
    """Delete an initiative registered by mistake (its history is kept). To end real work, set
    the status to completed or stopped instead. Files uploaded to its documents are removed
    once the deletion is committed."""
    # Imported here: the documents app builds on the portfolio, not the other way round.
    from helhet.documents.models import DocumentVersion
    from helhet.documents.uploads import discard

    stored = list(
        DocumentVersion.objects.filter(document__initiative=initiative)
        .exclude(stored_name="")
        .values_list("stored_name", flat=True)
    )
    initiative._history_user = actor  # type: ignore[attr-defined]
    initiative.delete()

    def remove_files() -> None:
        for name in stored:
            discard(name)

    transaction.on_commit(remove_files)


@transaction.atomic
def relation_add(
    *, actor: User | None, source: Initiative, target: Initiative, kind: str
) -> InitiativeRelation:
    if source.municipality_id != target.municipality_id:
        raise ValidationError({"target": _("Choose an initiative in the same municipality.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("An initiative cannot be related to itself.")})
    if InitiativeRelation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError({"target": _("This relation is already registered.")})
    relation = InitiativeRelation(
        municipality_id=source.municipality_id, source=source, target=target, kind=kind
    )
    relation.full_clean()
    relation._history_user = actor  # type: ignore[attr-defined]
    relation.save()
    return relation


@transaction.atomic
def relation_remove(*, actor: User | None, relation: InitiativeRelation) -> None:
    relation._history_user = actor  # type: ignore[attr-defined]
    relation.delete()


@transaction.atomic
def link_add(*, actor: User | None, initiative: Initiative, title: str, url: str) -> InitiativeLink:
    link = InitiativeLink(
        municipality_id=initiative.municipality_id, initiative=initiative, title=title, url=url
    )
    link.full_clean()
    link._history_user = actor  # type: ignore[attr-defined]
    link.save()
    return link


@transaction.atomic
def link_remove(*, actor: User | None, link: InitiativeLink) -> None:
    link._history_user = actor  # type: ignore[attr-defined]
    link.delete()


@transaction.atomic
def status_report_create(
    *,
    actor: User | None,
    initiative: Initiative,
    ratings: dict[str, str],
    comments: dict[str, str],
    summary: str,
    reported_at: datetime | None = None,
) -> StatusReport:
    """Record a status report: a rating (green/yellow/red) with a comment for progress, economy,
    quality, risk and benefits, and an overall summary. Earlier reports are kept."""
    report = StatusReport(
        municipality_id=initiative.municipality_id,
        initiative=initiative,
        author=actor,
        reported_at=reported_at or timezone.now(),
        summary=summary,
        **{
            aspect: ratings.get(aspect, "")
            for aspect in ("progress", "economy", "quality", "risk", "benefits")
        },
        **{
            f"{aspect}_comment": comments.get(aspect, "")
            for aspect in ("progress", "economy", "quality", "risk", "benefits")
        },
    )
    report.full_clean()
    report._history_user = actor  # type: ignore[attr-defined]
    report.save()
    return report


@transaction.atomic
def goal_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    level: str,
    kind: str,
    parent: StrategicGoal | None = None,
    description: str = "",
    position: int = 0,
) -> StrategicGoal:
    goal = StrategicGoal(
        municipality=municipality,
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        description=description,
        position=position,
    )
    goal.full_clean()
    goal._history_user = actor  # type: ignore[attr-defined]
    goal.save()
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: User | None,
    goal: StrategicGoal,
    name: str,
    level: str,
    kind: str,
    parent: StrategicGoal | None,
    description: str = "",
    position: int = 0,
) -> StrategicGoal:
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == goal.pk:
            raise ValidationError({"parent": _("A goal cannot be placed under itself.")})
        ancestor = ancestor.parent
    goal.name, goal.level, goal.kind, goal.parent = name, level, kind, parent
    goal.description, goal.position = description, position
    goal.full_clean()
    goal._history_user = actor  # type: ignore[attr-defined]
    goal.save()
    return goal


@transaction.atomic
def goal_delete(*, actor: User | None, goal: StrategicGoal) -> None:
    if goal.children.exists():
        raise ValidationError(_("The goal has goals below it. Move or delete them first."))
    goal._history_user = actor  # type: ignore[attr-defined]
    goal.delete()


@transaction.atomic
def saved_view_create(
    *, actor: User, municipality: Municipality, name: str, query: str, shared: bool
) -> SavedView:
    """Save the overview's current filters under a name, for oneself or shared."""
    if SavedView.objects.filter(municipality=municipality, owner=actor, name=name).exists():
        raise ValidationError({"name": _("You already have a view with this name.")})
    view = SavedView(municipality=municipality, owner=actor, name=name, query=query, shared=shared)
    view.full_clean()
    view.save()
    return view


@transaction.atomic
def saved_view_delete(*, view: SavedView) -> None:
    view.delete()


@dataclass(frozen=True)
class NewInitiative:
    """One initiative for initiative_bulk_create: what initiative_create takes, as data."""

    name: str
    kind: str
    owning_unit: OrgUnit
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    m2m: dict[str, Sequence[Any]] = dataclasses.field(default_factory=dict)
    tags: Sequence[str] = ()


class BulkCreateError(ValidationError):
    """Initiative number ``index`` (from 0) of a bulk registration was refused; nothing was
    written."""

    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.index = index


# Checked by the model's clean() (same municipality) instead of one query per object.
_RELATED_FIELDS = ["municipality", "owning_unit", "programme", "project_owner", "project_leader"]


@transaction.atomic
def initiative_bulk_create(
    *,
    actor: User | None,
    municipality: Municipality,
    initiatives: Sequence[NewInitiative],
    batch_size: int = 500,
) -> list[Initiative]:
    """Register many initiatives at once (the spreadsheet import). Each gets the checks
    initiative_create makes (its fields, the model's rules, a name unique in the municipality and
    in the batch, everything chosen in the same municipality) and one history record naming
    ``actor``, with its relations. Writes in a fixed number of queries per batch instead of dozens
    per initiative. All or nothing: BulkCreateError says which initiative was refused."""
    taken = {
        name.casefold()
        for name in Initiative.objects.filter(municipality=municipality).values_list(
            "name", flat=True
        )
    }
    objects: list[Initiative] = []
    for index, new in enumerate(initiatives):
        unknown = (set(new.fields) - set(INITIATIVE_FIELDS)) | (set(new.m2m) - set(M2M_FIELDS))
        if unknown:
            raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
        initiative = Initiative(
            municipality=municipality,
            name=new.name.strip(),
            kind=new.kind,
            owning_unit=new.owning_unit,
            **new.fields,
        )
        try:
            # The check constraints repeat clean()'s rules; the database enforces them too.
            initiative.full_clean(
                exclude=_RELATED_FIELDS, validate_unique=False, validate_constraints=False
            )
            if initiative.name.casefold() in taken:
                raise ValidationError({"name": _("There is already an initiative with this name.")})
            for name, values in new.m2m.items():
                if name != "contacts":
                    _check_same_municipality(municipality, values, name)
            if any(len(tag.strip()) > 60 for tag in new.tags):
                raise ValidationError({"tags": _("A tag can be at most 60 characters long.")})
        except ValidationError as error:
            raise BulkCreateError(index, error) from error
        taken.add(initiative.name.casefold())
        initiative._history_user = actor  # type: ignore[attr-defined]
        objects.append(initiative)

    Initiative.objects.bulk_create(objects, batch_size=batch_size)
    history = Initiative.history.bulk_history_create(
        objects, batch_size=batch_size, default_user=actor
    )
    tags = {tag.name: tag for tag in _tags(municipality, (t for n in initiatives for t in n.tags))}
    for name in (*M2M_FIELDS, "tags"):
        relation = getattr(Initiative, name)  # the many-to-many descriptor
        through = relation.through
        source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
        rows = []
        records = []
        for initiative, record, new in zip(objects, history, initiatives, strict=True):
            if name == "tags":
                chosen: Sequence[Any] = [tags[tag.strip()] for tag in new.tags if tag.strip()]
            else:
                chosen = new.m2m.get(name, ())
            for pk in dict.fromkeys(value.pk for value in chosen):
                rows.append(through(**{f"{source}_id": initiative.pk, f"{target}_id": pk}))
                records.append(record)
        if not rows:
            continue
        through.objects.bulk_create(rows, batch_size=batch_size)
        # The history of the relations, as simple_history keeps it when they are set one by one.
        m2m_history = getattr(Initiative.history.model, name).model
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    id=row.pk,
                    history_id=record.pk,
                    **{f"{source}_id": initiative_id, f"{target}_id": target_id},
                )
                for row, record in zip(rows, records, strict=True)
                for initiative_id, target_id in [
                    (getattr(row, f"{source}_id"), getattr(row, f"{target}_id"))
                ]
            ],
            batch_size=batch_size,
        )
    return objects
