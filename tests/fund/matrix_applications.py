"""Fund applications in the role and tenancy matrices (see tests/matrix.py).

Everyone in the municipality reads the fund's applications. Applying takes APPLY_FOR_FUNDING
and an initiative one may change: "Medisindispensere" is owned by the demo project owner (eier)
and led by the demo project leader (prosjektleder), so they and the portfolio office write,
submit and withdraw its application; the administrator changes the initiative but does not apply
for funding, and the leader, the benefits owner and the reader do neither."""

from __future__ import annotations

from typing import Any

from helhet.accounts.roles import Capability, Role
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, dispensers
from tests.fund.application_helpers import draft, the_fund
from tests.matrix import Target, View

APPLIERS = frozenset(
    {Role.PORTFOLIO_OFFICE.value, Role.PROJECT_OWNER.value, Role.PROJECT_LEADER.value}
)
DETAIL = "/fond/soknader/"


def _initiative_pk(stavanger: Municipality) -> int:
    the_fund(stavanger)
    return dispensers(stavanger).pk


def _fund_pk(stavanger: Municipality) -> int:
    return the_fund(stavanger).pk


def _draft_pk(stavanger: Municipality) -> int:
    return draft(stavanger).pk


def application_form(stavanger: Municipality, **changes: Any) -> dict[str, str]:
    """A complete application from Medisindispensere, as the form posts it."""
    benefit(stavanger)
    data = {
        "initiative": str(dispensers(stavanger).pk),
        "round": "",
        "use_kind": "project",
        "project_description": "Medisindispensere i hjemmetjenesten.",
        "total_cost": "4 000 000",
        "year_1": "2027",
        "amount_1": "1 500 000",
        "year_2": "2028",
        "amount_2": "",
        "year_3": "2029",
        "amount_3": "",
        "funding_source_1": "ks",
        "funding_amount_1": "500 000",
        "funding_note_1": "",
    }
    data.update(changes)
    return data


def _edit_form(stavanger: Municipality) -> dict[str, str]:
    draft(stavanger)
    return application_form(stavanger, version="1", amount_1="1 200 000")


def _analysis_form(stavanger: Municipality) -> dict[str, str]:
    draft(stavanger)
    rows = {f"cost_{index}": "0" for index in range(10)}
    rows.update({f"benefit_{index}": "250 000" for index in range(10)})
    rows["cost_0"] = "2 000 000"
    return rows


def _no_form(stavanger: Municipality) -> dict[str, str]:
    draft(stavanger)
    return {}


ROLE_VIEWS = [
    View("fund:apply", (Capability.APPLY_FOR_FUNDING,), _initiative_pk, allowed_roles=APPLIERS),
    View("fund:application_list", (Capability.VIEW_FUNDS,), _fund_pk),
    View(
        "fund:application_create",
        (Capability.APPLY_FOR_FUNDING,),
        _fund_pk,
        application_form,
        DETAIL,
    ),
    View("fund:application_detail", (Capability.VIEW_FUNDS,), _draft_pk),
    View(
        "fund:application_edit",
        (Capability.APPLY_FOR_FUNDING,),
        _draft_pk,
        _edit_form,
        DETAIL,
        allowed_roles=APPLIERS,
    ),
    View(
        "fund:application_analysis",
        (Capability.APPLY_FOR_FUNDING,),
        _draft_pk,
        _analysis_form,
        DETAIL,
        allowed_roles=APPLIERS,
    ),
    View(
        "fund:application_submit",
        (Capability.APPLY_FOR_FUNDING,),
        _draft_pk,
        _no_form,
        DETAIL,
        allowed_roles=APPLIERS,
    ),
    View(
        "fund:application_withdraw",
        (Capability.APPLY_FOR_FUNDING,),
        _draft_pk,
        _no_form,
        DETAIL,
        allowed_roles=APPLIERS,
    ),
]


def _initiative(stavanger: Municipality) -> Target:
    the_fund(stavanger)
    found = dispensers(stavanger)
    return Target(found.pk, found.name, viewer="portefolje")


def _fund(stavanger: Municipality) -> Target:
    found = the_fund(stavanger)
    return Target(found.pk, found.name, application_form(stavanger), viewer="portefolje")


def _draft(stavanger: Municipality, post: dict[str, str] | None = None) -> Target:
    found = draft(stavanger)
    return Target(found.pk, found.initiative.name, post or {}, viewer="portefolje")


TENANCY_HTML = {
    "fund:apply": _initiative,
    "fund:application_list": _fund,
    "fund:application_create": _fund,
    "fund:application_detail": _draft,
    "fund:application_edit": lambda stavanger: _draft(stavanger, _edit_form(stavanger)),
    "fund:application_analysis": lambda stavanger: _draft(stavanger, _analysis_form(stavanger)),
    "fund:application_submit": _draft,
    "fund:application_withdraw": _draft,
}


def _api_fund(stavanger: Municipality) -> Target:
    found = the_fund(stavanger)
    post = {"initiative_id": dispensers(stavanger).pk, "total_cost": "1000000"}
    return Target(found.pk, found.name, post, "fund_id")


def _api_draft(stavanger: Municipality) -> Target:
    found = draft(stavanger)
    return Target(found.pk, found.initiative.name, {}, "application_id")


def _api_analysis(stavanger: Municipality) -> Target:
    found = draft(stavanger)
    analysis = {"years": [{"cost": "1", "benefit": "0"}]}
    return Target(found.pk, found.initiative.name, analysis, "application_id")


TENANCY_API = {
    "api-v1:fund_application_list": _api_fund,
    "api-v1:fund_application_create": _api_fund,
    "api-v1:fund_application_read": _api_draft,
    "api-v1:fund_application_submit": _api_draft,
    "api-v1:fund_application_update": _api_draft,
    "api-v1:fund_application_withdraw": _api_draft,
    "api-v1:fund_application_analysis_set": _api_analysis,
    "api-v1:fund_application_analysis_reset": _api_analysis,
}
