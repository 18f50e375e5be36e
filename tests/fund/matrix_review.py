"""The fund's review, its exports and the gains back to the fund in the role and tenancy
matrices (see tests/matrix.py).

Everyone in the municipality reads the review and the gains (public money). Only the portfolio
office settles a grant's gains, and not for an initiative one of them owns or leads: the grant
to "Medisindispensere" is owned by the demo project owner and led by the demo project leader,
so the demo portfolio office (portefolje) may settle it."""

from __future__ import annotations

from typing import Any

from helhet.accounts.roles import Capability, Role
from helhet.fund.models import Application
from helhet.organization.models import Municipality
from tests.fund.review_helpers import fund, grant, plan_with_gains
from tests.matrix import Target, View


def _fund_pk(stavanger: Municipality) -> int:
    return fund(stavanger).pk


def _granted(stavanger: Municipality) -> Application:
    """The grant to Medisindispensere with its gains due from 2023 (made once per test)."""
    found = Application.objects.filter(fund=fund(stavanger)).first()
    if found is not None:
        return found
    plan_with_gains(stavanger)
    return grant(stavanger)


def _waive(stavanger: Municipality) -> dict[str, Any]:
    return {"settle": "waive-2023", "waive-2023-reason": "Gevinsten var kvalitet, ikke penger."}


def _no_form(stavanger: Municipality) -> dict[str, Any]:
    return {}


ROLE_VIEWS = [
    View("fund:review", (Capability.VIEW_FUNDS,), _fund_pk),
    # Asking for an export: GET shows the button, POST asks and lands on Mine filer.
    View("fund:review_xlsx", (Capability.VIEW_FUNDS,), _fund_pk, _no_form, "/filer/"),
    View("fund:review_pdf", (Capability.VIEW_FUNDS,), _fund_pk, _no_form, "/filer/"),
    View("fund:gains", (Capability.VIEW_FUNDS,), _fund_pk),
    View(
        "fund:gain_settle",
        (Capability.MANAGE_FUNDS,),
        lambda stavanger: _granted(stavanger).pk,
        _waive,
        "/fond/soknader/",
        allowed_roles=frozenset({Role.PORTFOLIO_OFFICE.value}),
    ),
]


def _fund(stavanger: Municipality) -> Target:
    found = fund(stavanger)
    return Target(found.pk, found.name)


def _application(stavanger: Municipality) -> Target:
    found = _granted(stavanger)
    return Target(found.pk, found.initiative.name, _waive(stavanger), viewer="portefolje")


TENANCY_HTML = {
    "fund:review": _fund,
    "fund:review_xlsx": _fund,
    "fund:review_pdf": _fund,
    "fund:gains": _fund,
    "fund:gain_settle": _application,
}
