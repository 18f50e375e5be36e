"""Follow-up in the line in the role and tenancy matrices (see tests/matrix.py).

Everyone who sees the portfolio sees "My benefits" (empty for most) and downloads evidence. Who
records and deletes measurements depends on the benefit: the dispensers' benefit is owned by the
demo benefits owner (gevinsteier) and answered for by the demo project owner (eier), so those
two do, and nobody else, not the administrator either. Its status is set by them and by those
who may change the initiative. For the tenancy check the measurement pages are asked about a
benefit Stavanger's administrator owns, so the other side gets 200."""

from __future__ import annotations

from typing import Any

from helhet.accounts.roles import Capability, Role
from helhet.benefits.models import Benefit, Indicator, Measurement
from helhet.organization.models import Municipality
from tests.benefits.follow_up import (
    days_ago,
    indicator_on,
    measurement_form,
    owned_benefit,
    record,
)
from tests.benefits.helpers import benefit, indicator
from tests.documents import files
from tests.matrix import Target, View
from tests.projects.matrix_projects import EDITORS

FOLLOWERS = frozenset({Role.BENEFITS_OWNER.value, Role.PROJECT_OWNER.value})
EVIDENCE = "turnusliste-hundvaag.pdf"
ADMINS_BENEFIT = "Kortere ventetid på svar"
ADMINS_INDICATOR = "Dager til svar"


def _measured(indicator_found: Indicator, by: str) -> Measurement:
    """The indicator's measurement from 20 days ago with an evidence file (made once per test)."""
    found = Measurement.objects.filter(indicator=indicator_found).first()
    if found is not None:
        return found
    evidence = files.upload(EVIDENCE, files.pdf())
    return record(indicator_found, days_ago(20), "50", by=by, evidence=evidence)


def _admins_indicator(stavanger: Municipality) -> Indicator:
    found = Indicator.objects.filter(name=ADMINS_INDICATOR).first()
    if found is not None:
        return found
    owned = Benefit.objects.filter(title=ADMINS_BENEFIT).first() or owned_benefit(
        stavanger, ADMINS_BENEFIT, owners=("admin",)
    )
    return indicator_on(owned, ADMINS_INDICATOR, unit="count", target_value=10)


def _indicator_pk(stavanger: Municipality) -> int:
    return indicator(stavanger).pk


def _measurement_pk(stavanger: Municipality) -> int:
    return _measured(indicator(stavanger), "gevinsteier").pk


def _benefit_pk(stavanger: Municipality) -> int:
    return benefit(stavanger).pk


def _no_form(stavanger: Municipality) -> dict[str, Any]:
    return {}


def _realised(stavanger: Municipality) -> dict[str, Any]:
    return {"status": "realised", "abandon_reason": ""}


ROLE_VIEWS = [
    View("benefits:mine", (Capability.VIEW_PORTFOLIO,)),
    View(
        "benefits:measurement_create",
        (Capability.VIEW_PORTFOLIO,),
        _indicator_pk,
        lambda stavanger: measurement_form(),
        "/gevinster/mine/",
        allowed_roles=FOLLOWERS,
    ),
    View("benefits:measurement_evidence", (Capability.VIEW_PORTFOLIO,), _measurement_pk),
    View(
        "benefits:measurement_delete",
        (Capability.VIEW_PORTFOLIO,),
        _measurement_pk,
        _no_form,
        "/gevinster/mine/",
        allowed_roles=FOLLOWERS,
    ),
    View(
        "benefits:status",
        (Capability.VIEW_PORTFOLIO,),
        _benefit_pk,
        _realised,
        "/gevinster/tiltak/",
        allowed_roles=EDITORS | FOLLOWERS,
    ),
]


def _admins_indicator_target(stavanger: Municipality) -> Target:
    found = _admins_indicator(stavanger)
    return Target(found.pk, found.name, measurement_form())


def _admins_measurement(stavanger: Municipality) -> Target:
    found = _measured(_admins_indicator(stavanger), "admin")
    return Target(found.pk, ADMINS_INDICATOR)


def _evidence(stavanger: Municipality) -> Target:
    found = _measured(_admins_indicator(stavanger), "admin")
    return Target(found.pk, EVIDENCE)


def _benefit(stavanger: Municipality) -> Target:
    found = benefit(stavanger)
    return Target(found.pk, found.title, {"status": "abandoned", "abandon_reason": "Bergen"})


TENANCY_HTML = {
    "benefits:measurement_create": _admins_indicator_target,
    "benefits:measurement_evidence": _evidence,
    "benefits:measurement_delete": _admins_measurement,
    "benefits:status": _benefit,
}
