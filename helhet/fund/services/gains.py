"""Settling the gains a funded initiative owes the fund: the portfolio office confirms what came
back (a ``returned_gain`` ledger entry, through the ledger service) or waives it with a reason.
Each year of a grant is settled once; what was due is kept with the settlement, so a later
measurement does not change a settled year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.duties import refusal_to_settle_gain
from helhet.accounts.models import User
from helhet.core.formats import money_text
from helhet.core.history import save_with_history
from helhet.fund.models import Application, EntryKind, GainReturn, GainReturnStatus
from helhet.fund.selectors.gains import GainYear, application_gains
from helhet.fund.services.ledger import ledger_entry_record


def _open_year(application: Application, year: int, actor: User, today: date) -> GainYear:
    """The year's gain, locked for settling: refused unless the actor may settle it, the
    application owes gains that year, the year has ended, something is due, and it is not
    settled yet."""
    locked = (
        Application.objects.select_for_update().select_related("initiative").get(pk=application.pk)
    )
    refusal = refusal_to_settle_gain(
        actor,
        municipality_id=locked.municipality_id,
        project_owner_id=locked.initiative.project_owner_id,
        project_leader_id=locked.initiative.project_leader_id,
    )
    if refusal:
        raise ValidationError(refusal)
    gains = application_gains(locked, today=today)
    line = next((y for y in gains.years if y.year == year), None) if gains else None
    if line is None:
        raise ValidationError(
            _("The application owes the fund no gains for %(year)s under its rules.")
            % {"year": year}
        )
    if line.settlement is not None:
        raise ValidationError(
            _("%(year)s is already settled: %(state)s.")
            % {"year": year, "state": line.state_label.lower()}
        )
    if not line.ended:
        raise ValidationError(
            _("%(year)s has not ended yet. Settle the year's gain once the year is over.")
            % {"year": year}
        )
    if line.due <= 0:
        raise ValidationError(_("Nothing is due for %(year)s.") % {"year": year})
    return line


@transaction.atomic
def gain_return_confirm(
    *,
    application: Application,
    year: int,
    amount: Decimal,
    actor: User,
    entry_date: date | None = None,
    reference: str = "",
    reason: str = "",
) -> GainReturn:
    """Record that ``amount`` of the gain due for ``year`` came back to the fund: a
    ``returned_gain`` entry in the fund's ledger and the year settled, in one transaction.
    ``amount`` is above 0 and at most what is due; when it is less, ``reason`` says why the rest
    is waived. Refused (nothing written) for anyone but the portfolio office, for the
    initiative's own owner or leader, for a year not ended, with nothing due, or already
    settled."""
    today = timezone.localdate()
    line = _open_year(application, year, actor, today)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Write the amount returned, above 0 kroner.")})
    if amount > line.due:
        raise ValidationError(
            {
                "amount": _("%(due)s is due for %(year)s; more than that cannot be returned.")
                % {"due": money_text(line.due), "year": year}
            }
        )
    if amount < line.due and not reason.strip():
        raise ValidationError(
            {"reason": _("Less than is due comes back: say why the rest is waived.")}
        )
    entry = ledger_entry_record(
        fund=application.fund,
        kind=EntryKind.RETURNED_GAIN,
        amount=amount,
        actor=actor,
        application=application,
        budget_year=year,
        entry_date=entry_date or today,
        reference=reference,
        note=_("Gain returned for %(year)s") % {"year": year},
    )
    settlement = GainReturn(
        municipality_id=application.municipality_id,
        application=application,
        year=year,
        amount_due=line.due,
        status=GainReturnStatus.RETURNED,
        amount_returned=amount,
        reason=reason.strip(),
        ledger_entry=entry,
        settled_by=actor,
        settled_at=timezone.now(),
    )
    save_with_history(settlement, actor=actor)
    return settlement


@transaction.atomic
def gain_return_waive(
    *, application: Application, year: int, reason: str, actor: User
) -> GainReturn:
    """Waive the gain due for ``year``, with the reason (e.g. the gain was quality, not money,
    or the budget it freed was already spent on the service). Nothing is written to the
    ledger. Refused (nothing written) without a reason, and as ``gain_return_confirm`` is."""
    line = _open_year(application, year, actor, timezone.localdate())
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the gain is waived.")})
    settlement = GainReturn(
        municipality_id=application.municipality_id,
        application=application,
        year=year,
        amount_due=line.due,
        status=GainReturnStatus.WAIVED,
        reason=reason.strip(),
        settled_by=actor,
        settled_at=timezone.now(),
    )
    save_with_history(settlement, actor=actor)
    return settlement
