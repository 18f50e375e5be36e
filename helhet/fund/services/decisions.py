"""The decision on an application, by the decider the fund names: grant in full or in part
(per budget year, with conditions), reject with a reason, or defer. A grant commits its money
in the fund's ledger in the same transaction, so a decision is never recorded without its
commitments, nor commitments without their decision."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.formats import money_text
from helhet.core.history import save_with_history
from helhet.core.text import max_length_of
from helhet.fund.duties import decision_refusal, state_refusal
from helhet.fund.models import (
    Application,
    ApplicationDecision,
    ApplicationYear,
    DecisionOutcome,
    EntryKind,
    LedgerEntry,
)
from helhet.fund.selectors.assessment import application_assessment
from helhet.fund.selectors.balance import fund_balance
from helhet.fund.services.ledger import fund_lock, ledger_entry_record
from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send

GRANTING = frozenset({DecisionOutcome.GRANTED, DecisionOutcome.PARTLY_GRANTED})


def _granted_per_year(
    outcome: str, years: list[ApplicationYear], granted: Mapping[int, Decimal] | None
) -> dict[int, Decimal]:
    """The amount granted in each budget year: what was applied for (in full), or what the
    decider wrote (in part: never above what was applied for, something in at least one year,
    less than the whole in at least one)."""
    if outcome == DecisionOutcome.GRANTED:
        return {year.year: year.amount_applied for year in years}
    granted = dict(granted or {})
    applied = {year.year: year.amount_applied for year in years}
    if set(granted) - set(applied):
        raise ValidationError(
            {"granted": _("Grant only for the budget years the application applies for.")}
        )
    result = {year: granted.get(year, Decimal("0.00")) for year in applied}
    for year, amount in result.items():
        if amount is None or amount < 0:
            raise ValidationError({"granted": _("Write an amount of 0 kroner or more.")})
        if amount > applied[year]:
            raise ValidationError(
                {
                    "granted": _(
                        "%(year)s: %(amount)s is more than the %(applied)s applied for. Grant "
                        "at most what was applied for."
                    )
                    % {
                        "year": year,
                        "amount": money_text(amount),
                        "applied": money_text(applied[year]),
                    }
                }
            )
    if not any(amount > 0 for amount in result.values()):
        raise ValidationError(
            {
                "granted": _(
                    "Grant an amount in at least one budget year, or reject the application."
                )
            }
        )
    if result == applied:
        raise ValidationError(
            {
                "granted": _(
                    "That is the whole amount applied for: choose 'Granted in full', or grant "
                    "less in a year."
                )
            }
        )
    return result


def _check_ready_to_grant(application: Application) -> None:
    """A grant needs the portfolio office's assessment: the formal requirements met and every
    criterion scored, so applications are treated alike."""
    if application.formal_check_passed is not True:
        raise ValidationError(
            _(
                "The portfolio office has not found the formal requirements met. A grant waits "
                "for its assessment; you may reject or defer."
            )
        )
    if not application_assessment(application).scored:
        raise ValidationError(
            _(
                "The portfolio office has not scored every criterion yet. A grant waits for the "
                "assessment; you may reject or defer."
            )
        )


def _ledger_note(note: str, application: Application, year: int) -> str:
    """The commitment's note: ``note`` when given (the demo's "Eksempelbeløp"), else which
    initiative and year it is for; cut to the note's length."""
    text = note or _("Grant to %(initiative)s, budget year %(year)s") % {
        "initiative": application.initiative.name,
        "year": year,
    }
    return text[: max_length_of(LedgerEntry, "note")]


@transaction.atomic
def application_decide(
    *,
    actor: User,
    application: Application,
    outcome: str,
    case_reference: str = "",
    reason: str = "",
    conditions: str = "",
    granted: Mapping[int, Decimal] | None = None,
    ledger_note: str = "",
    decided_at: datetime | None = None,
) -> ApplicationDecision:
    """Decide the application. Granting (in full, or ``granted`` per budget year in part)
    records the amounts granted and one commitment in the ledger per year with money, all in one
    transaction (``ledger_note`` replaces the entries' note); rejecting and deferring need a
    reason; a deferred application may be decided again. The fund's row and then the
    application's are locked first, so two decisions at once are made one after the other: a
    second decision on a decided application, or grants that together exceed what the fund has
    available, are refused. Refused too (ValidationError
    in Norwegian, nothing written): a decider the fund does not name (see ``fund.duties``), a
    grant before the assessment, a final decision without a case reference, a decision dated
    in the future. ``decided_at`` records a decision made before it is entered (at the meeting
    its case reference names, or the demo's history); the commitments are dated that day."""
    fund = fund_lock(application.fund)
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("fund", "initiative", "rules")
        .get(pk=application.pk)
    )
    refusal = state_refusal(locked) or decision_refusal(actor, locked)
    if refusal:
        raise ValidationError(refusal)
    if outcome not in DecisionOutcome.values:
        raise ValidationError({"outcome": _("Choose grant, grant in part, reject or defer.")})
    reason, conditions, case_reference = reason.strip(), conditions.strip(), case_reference.strip()
    if outcome not in GRANTING and not reason:
        raise ValidationError({"reason": _("Say why, so the applicant knows what to do next.")})
    if outcome != DecisionOutcome.DEFERRED and not case_reference:
        raise ValidationError(
            {"case_reference": _("Write the case reference of the decision (saksnummer).")}
        )
    years = list(locked.years.order_by("year"))
    per_year: dict[int, Decimal] = {}
    if outcome in GRANTING:
        _check_ready_to_grant(locked)
        per_year = _granted_per_year(outcome, years, granted)
        total = sum(per_year.values(), Decimal("0.00"))
        available = fund_balance(fund).available
        if total > available:
            raise ValidationError(
                _(
                    "The fund has %(available)s available; a grant of %(total)s cannot be "
                    "committed. Grant less, defer, or wait for more capital."
                )
                % {"available": money_text(available), "total": money_text(total)}
            )
    now = timezone.now()
    if decided_at is not None and decided_at > now:
        raise ValidationError(
            {"decided_at": _("A decision is recorded when it is made, never in the future.")}
        )
    decided_at = decided_at or now
    decision = ApplicationDecision(
        municipality_id=locked.municipality_id,
        application=locked,
        outcome=outcome,
        reason=reason,
        conditions=conditions,
        case_reference=case_reference,
        decided_by=actor,
        decided_at=decided_at,
    )
    save_with_history(decision, actor=actor)
    for year in years:
        if outcome in GRANTING:
            year.amount_granted = per_year[year.year]
            save_with_history(year, actor=actor, update_fields=["amount_granted"])
            if year.amount_granted > 0:
                ledger_entry_record(
                    fund=fund,
                    kind=EntryKind.COMMITMENT,
                    amount=year.amount_granted,
                    actor=actor,
                    application=locked,
                    budget_year=year.year,
                    entry_date=timezone.localdate(decided_at),
                    reference=case_reference,
                    note=_ledger_note(ledger_note, locked, year.year),
                )
    locked.status = outcome
    locked.version += 1
    save_with_history(locked, actor=actor, update_fields=["status", "version"])
    _tell_applicants(actor, locked, decision, sum(per_year.values(), Decimal("0.00")))
    return decision


def _tell_applicants(
    actor: User, application: Application, decision: ApplicationDecision, total: Decimal
) -> None:
    """Who wrote and who submitted the application, and the initiative's owner and leader, are
    told the decision: the amount granted, or the reason."""
    initiative = application.initiative
    text: list[texts.Message] = [
        texts.gettext(
            "The application from %(initiative)s to %(fund)s: %(outcome)s.",
            initiative=initiative.name,
            fund=application.fund.name,
            outcome=texts.choice(decision, "outcome"),
        )
    ]
    if decision.outcome in GRANTING:
        text += [" ", texts.gettext("Amount granted: %(amount)s.", amount=texts.money(total))]
    elif decision.reason:
        text += [" ", texts.gettext("The reason: %(reason)s", reason=decision.reason)]
    notification_send(
        recipients=[
            application.created_by,
            application.submitted_by,
            initiative.project_owner,
            initiative.project_leader,
        ],
        actor=actor,
        municipality=initiative.municipality,
        kind=Kind.FUND_DECIDED,
        text=text,
        link=reverse("fund:application_detail", args=[application.pk]),
    )
