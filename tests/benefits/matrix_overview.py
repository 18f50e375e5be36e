"""The benefits overview and its settings in the role and tenancy matrices (see tests/matrix.py).

Everyone who sees the portfolio reads the overview; the administrator and the portfolio office
set the hours in a full-time equivalent. Neither view names an object by id, so neither is in
the tenancy matrix: the overview's filters only ever reach the member's own municipality
(tests/benefits/test_overview.py)."""

from __future__ import annotations

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from tests.matrix import View


def _settings_form(stavanger: Municipality) -> dict[str, str]:
    return {"hours_per_fte": "1 700"}


ROLE_VIEWS = [
    View("benefits:overview", (Capability.VIEW_PORTFOLIO,)),
    View(
        "benefits:settings",
        (Capability.MANAGE_BENEFIT_SETTINGS,),
        None,
        _settings_form,
        "/gevinster/",
    ),
]
