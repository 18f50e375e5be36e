"""Every change to a project's board, risk register and project log goes through here: checked
against the actor's right to change the initiative, validated, atomic, recorded in history.

``actor=None`` is the system itself (demo data, a decision recorded by the method); it is not
checked. Nothing is saved when anything is refused."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.methodology.models import Decision
from helhet.portfolio.access import can_edit_initiative
from helhet.portfolio.models import Initiative
from helhet.projects.models import (
    STATUSES_BY_KIND,
    BoardMember,
    LogEntry,
    LogKind,
    LogStatus,
    Risk,
    RiskKind,
    RiskStatus,
)


def _check_may_edit(actor: User | None, initiative: Initiative) -> None:
    if actor is None:
        return
    membership = Membership.objects.filter(
        user=actor, municipality_id=initiative.municipality_id
    ).first()
    if membership is None or not can_edit_initiative(membership, initiative):
        raise PermissionDenied(
            _("Only those who may change the initiative may change its board, risks and log.")
        )


def _check_member(initiative: Initiative, person: User | None, field: str) -> None:
    if person is None:
        return
    if not Membership.objects.filter(
        user=person, municipality_id=initiative.municipality_id
    ).exists():
        raise ValidationError({field: _("Choose a person who works in the municipality.")})


def _save(obj: BoardMember | Risk | LogEntry, actor: User | None) -> None:
    obj.full_clean()
    obj._history_user = actor  # type: ignore[union-attr]
    obj.save()


# --- Board ---------------------------------------------------------------------------------------


def _check_not_on_board(initiative: Initiative, person: User, role: str, pk: int | None) -> None:
    others = BoardMember.objects.filter(initiative=initiative, person=person, role=role)
    if pk is not None:
        others = others.exclude(pk=pk)
    if others.exists():
        raise ValidationError({"role": _("This person already has this role in the project.")})


@transaction.atomic
def board_member_add(
    *, actor: User | None, initiative: Initiative, person: User, role: str, note: str = ""
) -> BoardMember:
    """Put a member of the municipality on the initiative's board in ``role``; the same person
    has each role at most once."""
    _check_may_edit(actor, initiative)
    _check_member(initiative, person, "person")
    _check_not_on_board(initiative, person, role, None)
    member = BoardMember(
        municipality_id=initiative.municipality_id,
        initiative=initiative,
        person=person,
        role=role,
        note=note.strip(),
    )
    _save(member, actor)
    return member


@transaction.atomic
def board_member_update(
    *, actor: User | None, member: BoardMember, role: str, note: str = ""
) -> BoardMember:
    """Change a board member's role or responsibility (the person stays; remove and add to
    change the person)."""
    member = BoardMember.objects.select_for_update().select_related("initiative").get(pk=member.pk)
    _check_may_edit(actor, member.initiative)
    _check_not_on_board(member.initiative, member.person, role, member.pk)
    member.role = role
    member.note = note.strip()
    _save(member, actor)
    return member


@transaction.atomic
def board_member_remove(*, actor: User | None, member: BoardMember) -> None:
    """Take a person out of the board in one role. The history keeps that they were on it."""
    _check_may_edit(actor, member.initiative)
    member._history_user = actor  # type: ignore[attr-defined]
    member.delete()


# --- Risk register -------------------------------------------------------------------------------


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
    1 to 5, an owner who works in the municipality (or none yet)."""
    _check_may_edit(actor, initiative)
    _check_member(initiative, owner, "owner")
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
    _save(risk, actor)
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
    _check_may_edit(actor, risk.initiative)
    _check_member(risk.initiative, owner, "owner")
    risk.kind = kind
    risk.title = title.strip()
    risk.description = description.strip()
    risk.probability = probability
    risk.consequence = consequence
    risk.owner = owner
    risk.measures = measures.strip()
    _apply_status(risk, status)
    _save(risk, actor)
    return risk


# --- Project log ---------------------------------------------------------------------------------


def _status_for(kind: str, status: str) -> str:
    """A change request or deviation starts open unless a status is given."""
    if kind in STATUSES_BY_KIND and not status:
        return LogStatus.OPEN
    return status


@transaction.atomic
def log_entry_create(
    *,
    actor: User | None,
    initiative: Initiative,
    kind: str,
    title: str,
    occurred_on: date | None = None,
    description: str = "",
    consequence: str = "",
    status: str = "",
) -> LogEntry:
    """Write an entry in the initiative's project log, by ``actor``, dated today (Oslo) unless
    another date is given. Only change requests and deviations have a consequence and a status;
    they start open."""
    _check_may_edit(actor, initiative)
    entry = LogEntry(
        municipality_id=initiative.municipality_id,
        initiative=initiative,
        kind=kind,
        occurred_on=occurred_on or timezone.localdate(),
        title=title.strip(),
        description=description.strip(),
        author=actor,
        consequence=consequence.strip(),
        status=_status_for(kind, status),
    )
    _save(entry, actor)
    return entry


@transaction.atomic
def log_entry_update(
    *,
    actor: User | None,
    entry: LogEntry,
    kind: str,
    title: str,
    occurred_on: date,
    description: str = "",
    consequence: str = "",
    status: str = "",
) -> LogEntry:
    """Change a log entry (the author stays). An entry recorded from a decision at a decision
    point is the record of that decision and is not changed, though it may be marked as a
    lesson."""
    entry = LogEntry.objects.select_for_update().select_related("initiative").get(pk=entry.pk)
    _check_may_edit(actor, entry.initiative)
    if entry.decision_id is not None:
        raise ValidationError(
            _("This entry records a decision at a decision point and cannot be changed.")
        )
    entry.kind = kind
    entry.title = title.strip()
    entry.occurred_on = occurred_on
    entry.description = description.strip()
    entry.consequence = consequence.strip()
    entry.status = _status_for(kind, status)
    _save(entry, actor)
    return entry


@transaction.atomic
def log_entry_mark_lesson(*, actor: User | None, entry: LogEntry, lesson: str) -> LogEntry:
    """Mark the entry as a lesson for the municipality's lessons register, with what the lesson
    is (required). Marking a marked entry again changes the lesson text; who marked it first and
    when stay."""
    entry = LogEntry.objects.select_for_update().select_related("initiative").get(pk=entry.pk)
    _check_may_edit(actor, entry.initiative)
    lesson = lesson.strip()
    if not lesson:
        raise ValidationError({"lesson": _("Write what the lesson is.")})
    if not entry.is_lesson:
        entry.is_lesson = True
        entry.lesson_marked_by = actor
        entry.lesson_marked_at = timezone.now()
    entry.lesson = lesson
    _save(entry, actor)
    return entry


@transaction.atomic
def log_entry_unmark_lesson(*, actor: User | None, entry: LogEntry) -> LogEntry:
    """Take the lesson mark off the entry. The lesson text is kept in the entry's history."""
    entry = LogEntry.objects.select_for_update().select_related("initiative").get(pk=entry.pk)
    _check_may_edit(actor, entry.initiative)
    if not entry.is_lesson:
        return entry
    entry.is_lesson = False
    entry.lesson = ""
    entry.lesson_marked_by = None
    entry.lesson_marked_at = None
    _save(entry, actor)
    return entry


@transaction.atomic
def project_log_record_decision(*, decision: Decision) -> LogEntry:
    """Log a decision made at a decision point as an entry of kind decision in the project's
    log: titled with the decision point and the outcome, dated the day it was made (Oslo),
    written by the decider. Recording the same decision again returns the entry already there.
    The entry is written in the installation's language, as the log is a shared record."""
    existing = LogEntry.objects.filter(decision=decision).first()
    if existing is not None:
        return existing
    decision = Decision.objects.select_related(
        "request__initiative", "request__decision_point", "from_phase", "to_phase", "decided_by"
    ).get(pk=decision.pk)
    point = decision.request.decision_point
    with translation.override(settings.LANGUAGE_CODE):
        title = f"{point.code} {point.name}: {decision.get_outcome_display()}"
        lines = [decision.comment.strip()] if decision.comment.strip() else []
        if decision.to_phase is not None and decision.to_phase_id != decision.from_phase_id:
            lines.append(
                _("From phase %(from)s to phase %(to)s.")
                % {"from": decision.from_phase.name, "to": decision.to_phase.name}
            )
    entry = LogEntry(
        municipality_id=decision.municipality_id,
        initiative=decision.request.initiative,
        kind=LogKind.DECISION,
        occurred_on=timezone.localtime(decision.decided_at).date(),
        title=title[:200],
        description="\n\n".join(lines),
        author=decision.decided_by,
        decision=decision,
    )
    _save(entry, decision.decided_by)
    return entry
