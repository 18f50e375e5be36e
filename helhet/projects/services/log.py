"""Every change to a project's log: entries written by people, and the entry a decision at a
decision point records. Checked against the actor's right to change the initiative, validated,
atomic, recorded in history. Nothing is saved when anything is refused. (Marking an entry as a
lesson is the lessons register's: ``learning.services.lessons.lesson_from_log_entry``.)"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.methodology.models import Decision
from helhet.portfolio.models import Initiative
from helhet.projects.models import STATUSES_BY_KIND, LogEntry, LogKind, LogStatus
from helhet.projects.services.checks import check_may_edit


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
    check_may_edit(actor, initiative)
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
    entry.full_clean()
    save_with_history(entry, actor=actor)
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
    lesson (in the lessons register)."""
    entry = LogEntry.objects.select_for_update().select_related("initiative").get(pk=entry.pk)
    check_may_edit(actor, entry.initiative)
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
    entry.full_clean()
    save_with_history(entry, actor=actor)
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
    entry.full_clean()
    save_with_history(entry, actor=decision.decided_by)
    return entry
