"""The fund's ledger: the only code that writes ledger entries. Every write locks the fund's
row first (``select_for_update``; on SQLite the write transaction is already exclusive), so two
requests that each fit the balance cannot together overdraw it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.formats import kroner_text
from helhet.core.text import check_text_lengths
from helhet.fund.models import MAX_MONEY, Application, EntryKind, Fund, LedgerEntry
from helhet.fund.selectors.balance import fund_balance, grant_budget_years, grant_year_balance
from helhet.fund.services.ledger_totals import ledger_totals_add


def fund_lock(fund: Fund) -> Fund:
    """The fund's row, locked until the transaction ends. Call inside ``transaction.atomic``."""
    return Fund.objects.select_for_update().get(pk=fund.pk)


def amount_refusal(amount: Decimal | None) -> str:
    """Why ``amount`` cannot be an entry's amount (not a finite number of kroner above 0 with at
    most two decimals, or beyond what the ledger holds), or '' when it can."""
    if amount is None or not isinstance(amount, Decimal) or not amount.is_finite() or amount <= 0:
        return _("Write an amount above 0 kroner.")
    if amount != amount.quantize(Decimal("0.01")):
        return _("Write the amount in kroner with at most two decimals (øre).")
    if amount > MAX_MONEY:
        return _("Write an amount below 1 000 000 000 000 kroner.")
    return ""


def _beyond_the_grant(
    kind: str, amount: Decimal, application: Application, budget_year: int | None
) -> str:
    """Why a disbursement or release of ``amount`` exceeds what is left unpaid of the grant's
    budget year (the entries without a budget year count on their own), or ''."""
    left = grant_year_balance(application, budget_year).undisbursed
    if amount <= left:
        return ""
    values = {"left": kroner_text(left), "amount": kroner_text(amount), "year": budget_year}
    if kind == EntryKind.DISBURSEMENT:
        if budget_year:
            return (
                _(
                    "Only %(left)s kr of the grant for budget year %(year)s is not paid out; "
                    "%(amount)s kr cannot be disbursed from it."
                )
                % values
            )
        return (
            _("Only %(left)s kr of the grant is not paid out; %(amount)s kr cannot be disbursed.")
            % values
        )
    if budget_year:
        return (
            _(
                "Only %(left)s kr of the grant for budget year %(year)s is not paid out; "
                "%(amount)s kr cannot be released from it."
            )
            % values
        )
    return (
        _("Only %(left)s kr of the grant is not paid out; %(amount)s kr cannot be released.")
        % values
    )


def _budget_year_of(
    kind: str, application: Application | None, budget_year: int | None
) -> int | None:
    """The budget year a disbursement or release is booked on: the one given, or when none is
    given and the grant has money for one budget year only, that one. ValidationError when the
    grant has money for several and none is given."""
    if budget_year or application is None:
        return budget_year
    if kind not in (EntryKind.DISBURSEMENT, EntryKind.RELEASE):
        return budget_year
    years = grant_budget_years(application)
    if not years:
        return None
    if len(years) == 1:
        return years[0] or None
    raise ValidationError(
        _(
            "The grant has money for several budget years (%(years)s): choose the budget year "
            "the amount is from."
        )
        % {"years": ", ".join(str(year) for year in years if year)}
    )


def _refusal(
    kind: str,
    amount: Decimal,
    fund: Fund,
    application: Application | None,
    budget_year: int | None = None,
) -> str:
    """Why the entry would break the ledger's rules, or '' when it keeps them."""
    if kind not in EntryKind.values:
        return _("Choose what kind of entry it is.")
    grant_kinds = (EntryKind.COMMITMENT, EntryKind.DISBURSEMENT, EntryKind.RELEASE)
    if kind in grant_kinds and application is None:
        return _("A grant entry must name its application.")
    if kind == EntryKind.CAPITAL and application is not None:
        return _("Capital is given to the fund, not to an application.")
    if kind == EntryKind.COMMITMENT:
        available = fund_balance(fund).available
        if amount > available:
            return _(
                "The fund has %(available)s kr available; %(amount)s kr cannot be committed. "
                "Grant less, or wait for more capital."
            ) % {"available": kroner_text(available), "amount": kroner_text(amount)}
    if kind in (EntryKind.DISBURSEMENT, EntryKind.RELEASE) and application is not None:
        return _beyond_the_grant(kind, amount, application, budget_year)
    return ""


@transaction.atomic
def ledger_entry_record(
    *,
    fund: Fund,
    kind: str,
    amount: Decimal,
    actor: User,
    application: Application | None = None,
    budget_year: int | None = None,
    entry_date: date | None = None,
    reference: str = "",
    note: str = "",
) -> LedgerEntry:
    """Append one entry to the fund's ledger. Refused (ValidationError in Norwegian, nothing
    written) when the amount is not a positive number of kroner and øre, a commitment exceeds
    what the fund has available, a disbursement has no voucher reference, or a disbursement or
    release exceeds what is left of the grant for its budget year (without a budget year: the
    grant's only budget year; refused when it has several). The entry is added to the totals
    kept beside the ledger in the same transaction. The check and the write happen with the fund
    locked, so two entries that each fit cannot together overdraw it."""
    refusal = amount_refusal(amount)
    if refusal:
        raise ValidationError(refusal)
    if kind == EntryKind.DISBURSEMENT and not reference.strip():
        raise ValidationError(_("Write the voucher reference of the disbursement."))
    if application is not None and application.fund_id != fund.pk:
        raise ValidationError(_("The application is to another fund."))
    locked = fund_lock(fund)
    budget_year = _budget_year_of(kind, application, budget_year)
    refusal = _refusal(kind, amount, locked, application, budget_year)
    if refusal:
        raise ValidationError(refusal)
    entry = LedgerEntry(
        municipality_id=fund.municipality_id,
        fund=locked,
        kind=kind,
        amount=amount,
        application=application,
        budget_year=budget_year,
        entry_date=entry_date or timezone.localdate(),
        reference=reference,
        note=note,
        recorded_by=actor,
    )
    check_text_lengths(entry)
    entry.save()
    ledger_totals_add(entry)
    return entry


@transaction.atomic
def ledger_entry_correct(
    *, entry: LedgerEntry, actor: User, reason: str, entry_date: date | None = None
) -> LedgerEntry:
    """Reverse ``entry`` with an entry of the same kind and the opposite amount. Refused when
    the entry is itself a correction, is already corrected, or when reversing it would leave
    the fund or the grant below zero (e.g. reversing capital that is committed)."""
    if not reason.strip():
        raise ValidationError(_("Say why the entry is corrected."))
    if entry.corrects_id is not None:
        raise ValidationError(_("A correction is not corrected again: record a new entry."))
    locked = fund_lock(entry.fund)
    if LedgerEntry.objects.filter(corrects=entry).exists():
        raise ValidationError(_("The entry is already corrected."))
    correction = LedgerEntry(
        municipality_id=entry.municipality_id,
        fund=locked,
        kind=entry.kind,
        amount=-entry.amount,
        application=entry.application,
        budget_year=entry.budget_year,
        entry_date=entry_date or timezone.localdate(),
        reference=entry.reference,
        note=reason,
        corrects=entry,
        recorded_by=actor,
    )
    check_text_lengths(correction)
    correction.save()
    ledger_totals_add(correction)
    after = fund_balance(locked)
    if after.available < 0 or after.committed < after.disbursed:
        raise ValidationError(
            _("The correction would leave the fund with less than it has committed or paid out.")
        )
    if entry.application is not None:
        grant = grant_year_balance(entry.application, entry.budget_year)
        if grant.committed < grant.disbursed:
            raise ValidationError(
                _("The correction would leave more paid out than the grant commits.")
            )
    return correction
