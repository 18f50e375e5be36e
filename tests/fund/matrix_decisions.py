"""Assessing, ranking and deciding fund applications in the role and tenancy matrices (see
tests/matrix.py).

The application is from "Trådløst nett på sykehjemmene", owned by the demo project owner (eier)
and led and applied for by the demo project leader (prosjektleder). The portfolio office
(portefolje) assesses it, a leader (direktor; the fund names nobody) decides; everyone reads the
ranked list."""

from __future__ import annotations

from typing import Any

from helhet.accounts.roles import Capability
from helhet.fund.models import Application
from helhet.organization.models import Municipality
from tests.fund.decision_helpers import application, fund
from tests.matrix import Target, View

NAME = "Trådløst nett på sykehjemmene"
PAGES = "/fond/soknader/"


def submitted(stavanger: Municipality) -> Application:
    """The submitted application (made once per test)."""
    found = Application.objects.filter(initiative__name=NAME).first()
    return found or application(stavanger, NAME)


def _application_pk(stavanger: Municipality) -> int:
    return submitted(stavanger).pk


def _fund_pk(stavanger: Municipality) -> int:
    return fund(stavanger).pk


def _formal_check(stavanger: Municipality) -> dict[str, Any]:
    submitted(stavanger)
    return {"step": "formal", "passed": "yes", "note": "Alt er med."}


def _deferral(stavanger: Municipality) -> dict[str, Any]:
    submitted(stavanger)
    return {"outcome": "deferred", "reason": "Venter på statsbudsjettet.", "case_reference": ""}


ROLE_VIEWS = [
    View(
        "fund:application_assess",
        (Capability.ASSESS_APPLICATIONS,),
        _application_pk,
        _formal_check,
        PAGES,
    ),
    View(
        "fund:application_decide",
        (Capability.DECIDE_FUND_GRANTS,),
        _application_pk,
        _deferral,
        PAGES,
    ),
    View("fund:ranking", (Capability.VIEW_FUNDS,), _fund_pk),
]


def _assess_target(stavanger: Municipality) -> Target:
    return Target(_application_pk(stavanger), NAME, _formal_check(stavanger), viewer="portefolje")


def _decide_target(stavanger: Municipality) -> Target:
    return Target(_application_pk(stavanger), NAME, _deferral(stavanger), viewer="direktor")


def _ranking_target(stavanger: Municipality) -> Target:
    submitted(stavanger)
    return Target(_fund_pk(stavanger), NAME)


TENANCY_HTML = {
    "fund:application_assess": _assess_target,
    "fund:application_decide": _decide_target,
    "fund:ranking": _ranking_target,
}


def _api(target: Target, kwarg: str, post: dict[str, Any]) -> Target:
    return Target(target.pk, target.tell_tale, post, kwarg)


TENANCY_API = {
    "api-v1:fund_assessment_read": lambda s: _api(_assess_target(s), "application_id", {}),
    "api-v1:fund_formal_check": lambda s: _api(
        _assess_target(s), "application_id", {"passed": True}
    ),
    "api-v1:fund_scores": lambda s: _api(_assess_target(s), "application_id", {"scores": []}),
    "api-v1:fund_decision_list": lambda s: _api(_decide_target(s), "application_id", {}),
    "api-v1:fund_decide": lambda s: _api(
        _decide_target(s), "application_id", {"outcome": "deferred", "reason": "Bergen var her"}
    ),
    "api-v1:fund_ranking_read": lambda s: _api(_ranking_target(s), "fund_id", {}),
}
