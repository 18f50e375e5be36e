"""The funds, their rules, rounds and ledger in the role and tenancy matrices (see
tests/matrix.py). Everyone in the municipality reads them (public money); the portfolio office
keeps them."""

from __future__ import annotations

from typing import Any

from helhet.accounts.roles import Capability
from helhet.fund.models import EntryKind, LedgerEntry
from helhet.organization.models import Municipality
from tests.fund.ledger_helpers import innovation_fund
from tests.matrix import Target, View

VIEW, MANAGE = (Capability.VIEW_FUNDS,), (Capability.MANAGE_FUNDS,)


def _fund_pk(stavanger: Municipality) -> int:
    return innovation_fund(stavanger).pk


def _round_pk(stavanger: Municipality) -> int:
    return innovation_fund(stavanger).rounds.get().pk


def _disbursement_pk(stavanger: Municipality) -> int:
    return LedgerEntry.objects.get(fund=innovation_fund(stavanger), kind=EntryKind.DISBURSEMENT).pk


def _grant_pk(stavanger: Municipality) -> int:
    return innovation_fund(stavanger).applications.get().pk


def _fund_post(stavanger: Municipality) -> dict[str, Any]:
    return {"name": "Innovasjonsfondet", "purpose": "Endret formål", "decision_reference": "65/17"}


def _rules_post(stavanger: Municipality) -> dict[str, Any]:
    return {
        "finances_one_off": "on",
        "finances_project": "on",
        "max_amount": "4 000 000",
        "max_share": "50",
        "max_budget_years": "3",
        "gain_return": "none",
        "analysis_years": "10",
        "discount_rate": "4",
        "note": "Lavere tak",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
        "criteria-0-name": "Nytte for innbyggerne",
        "criteria-0-weight": "2",
    }


def _round_post(stavanger: Municipality) -> dict[str, Any]:
    return {"name": "Høsten 2027", "deadline": "2027-10-01"}


def _capital_post(stavanger: Municipality) -> dict[str, Any]:
    return {"amount": "250 000", "entry_date": "2026-12-01", "reference": "12/26"}


def _grant_post(stavanger: Municipality) -> dict[str, Any]:
    return {
        "application": _grant_pk(stavanger),
        "amount": "10 000",
        "entry_date": "2026-12-01",
        "reference": "Bilag 2026-9",
    }


def _correct_post(stavanger: Municipality) -> dict[str, Any]:
    return {"reason": "Feil bilag", "entry_date": "2026-12-02"}


ROLE_VIEWS = [
    View("fund:list", VIEW),
    View("fund:create", MANAGE, None, lambda s: {"name": "Klimafondet"}, "/fond/"),
    View("fund:detail", VIEW, _fund_pk),
    View("fund:edit", MANAGE, _fund_pk, _fund_post, "/fond/"),
    View("fund:rules", VIEW, _fund_pk),
    View("fund:rules_create", MANAGE, _fund_pk, _rules_post, "/fond/"),
    View("fund:round_create", MANAGE, _fund_pk, _round_post, "/fond/"),
    View("fund:round_edit", MANAGE, _round_pk, _round_post, "/fond/"),
    View("fund:ledger", VIEW, _fund_pk),
    View("fund:capital_create", MANAGE, _fund_pk, _capital_post, "/fond/"),
    View("fund:disbursement_create", MANAGE, _fund_pk, _grant_post, "/fond/"),
    View("fund:release_create", MANAGE, _fund_pk, _grant_post, "/fond/"),
    View("fund:entry_correct", MANAGE, _disbursement_pk, _correct_post, "/fond/"),
]


def _fund(stavanger: Municipality) -> Target:
    fund = innovation_fund(stavanger)
    return Target(fund.pk, fund.name, _fund_post(stavanger), viewer="portefolje")


def _fund_entry(post: Any) -> Any:
    def target(stavanger: Municipality) -> Target:
        fund = innovation_fund(stavanger)
        return Target(fund.pk, fund.name, post(stavanger), viewer="portefolje")

    return target


def _round(stavanger: Municipality) -> Target:
    fund = innovation_fund(stavanger)
    return Target(_round_pk(stavanger), fund.name, _round_post(stavanger), viewer="portefolje")


def _entry(stavanger: Municipality) -> Target:
    fund = innovation_fund(stavanger)
    return Target(
        _disbursement_pk(stavanger), fund.name, _correct_post(stavanger), viewer="portefolje"
    )


TENANCY_HTML = {
    "fund:detail": _fund,
    "fund:edit": _fund,
    "fund:rules": _fund,
    "fund:rules_create": _fund_entry(_rules_post),
    "fund:round_create": _fund_entry(_round_post),
    "fund:round_edit": _round,
    "fund:ledger": _fund,
    "fund:capital_create": _fund_entry(_capital_post),
    "fund:disbursement_create": _fund_entry(_grant_post),
    "fund:release_create": _fund_entry(_grant_post),
    "fund:entry_correct": _entry,
}


def _api_fund(stavanger: Municipality) -> Target:
    fund = innovation_fund(stavanger)
    return Target(fund.pk, fund.name, {"kind": "capital", "amount": "100"}, kwarg="fund_id")


def _api_entry(stavanger: Municipality) -> Target:
    fund = innovation_fund(stavanger)
    return Target(
        _disbursement_pk(stavanger), fund.name, {"reason": "Feil bilag"}, kwarg="entry_id"
    )


def _api_round(stavanger: Municipality) -> Target:
    fund = innovation_fund(stavanger)
    return Target(_round_pk(stavanger), fund.name, {}, kwarg="round_id")


# The API's URL names are its operations' function names.
TENANCY_API = {
    "api-v1:fund_read": _api_fund,
    "api-v1:fund_balance_read": _api_fund,
    "api-v1:fund_rules_list": _api_fund,
    "api-v1:fund_rules_create": _api_fund,
    "api-v1:fund_ledger_list": _api_fund,
    "api-v1:fund_ledger_entry_create": _api_fund,
    "api-v1:ledger_entry_correction": _api_entry,
    "api-v1:fund_update": _api_fund,
    "api-v1:fund_round_list": _api_fund,
    "api-v1:fund_round_create": _api_fund,
    "api-v1:fund_round_read": _api_round,
    "api-v1:fund_round_update": _api_round,
    "api-v1:fund_round_close": _api_round,
}
