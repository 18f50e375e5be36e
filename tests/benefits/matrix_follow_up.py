"""Follow-up in the line in the role and tenancy matrices (see tests/matrix.py).

Everyone who sees the portfolio sees "My benefits" (empty for most) and downloads evidence. Who
records and deletes measurements depends on the benefit: the dispensers' benefit is owned by the
demo benefits owner (gevinsteier) and answered for by the demo project owner (eier), so those
two do, and nobody else, not the administrator either; the project's own leader (prosjektleder)
records too, and those two or the portfolio office confirm what the leader recorded. Its status
is set by them and by those who may change the initiative. For the tenancy check the
measurement pages are asked about a benefit Stavanger's leader (direktor) owns."""

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
RECORDERS = FOLLOWERS | {Role.PROJECT_LEADER.value}
CONFIRMERS = FOLLOWERS | {Role.PORTFOLIO_OFFICE.value}
EVIDENCE = "turnusliste-hundvaag.pdf"
LEADERS_BENEFIT = "Kortere ventetid på svar"
LEADERS_INDICATOR = "Dager til svar"


def _measured(indicator_found: Indicator, by: str) -> Measurement:
    """The indicator's measurement from 20 days ago with an evidence file (made once per test)."""
    found = Measurement.objects.filter(indicator=indicator_found).first()
    if found is not None:
        return found
    evidence = files.upload(EVIDENCE, files.pdf())
    return record(indicator_found, days_ago(20), "50", by=by, evidence=evidence)


def _leaders_indicator(stavanger: Municipality) -> Indicator:
    found = Indicator.objects.filter(name=LEADERS_INDICATOR).first()
    if found is not None:
        return found
    owned = Benefit.objects.filter(title=LEADERS_BENEFIT).first() or owned_benefit(
        stavanger, LEADERS_BENEFIT, owners=("direktor",)
    )
    return indicator_on(owned, LEADERS_INDICATOR, unit="count", target_value=10)


def _indicator_pk(stavanger: Municipality) -> int:
    return indicator(stavanger).pk


def _measurement_pk(stavanger: Municipality) -> int:
    return _measured(indicator(stavanger), "gevinsteier").pk


def _by_the_leader(indicator_found: Indicator) -> Measurement:
    """The indicator's measurement from 15 days ago by the project's leader, awaiting
    confirmation (made once per test)."""
    found = Measurement.objects.filter(indicator=indicator_found, by_project_leader=True).first()
    return found or record(indicator_found, days_ago(15), "45", by="prosjektleder")


def _leaders_measurement_pk(stavanger: Municipality) -> int:
    return _by_the_leader(indicator(stavanger)).pk


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
        allowed_roles=RECORDERS,
    ),
    View(
        "benefits:measurement_confirm",
        (Capability.VIEW_PORTFOLIO,),
        _leaders_measurement_pk,
        _no_form,
        "/gevinster/mine/",
        allowed_roles=CONFIRMERS,
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


def _leaders_indicator_target(stavanger: Municipality) -> Target:
    found = _leaders_indicator(stavanger)
    return Target(found.pk, found.name, measurement_form(), viewer="direktor")


def _leaders_own_measurement(stavanger: Municipality) -> Target:
    found = _measured(_leaders_indicator(stavanger), "direktor")
    return Target(found.pk, LEADERS_INDICATOR, viewer="direktor")


def _leaders_measurement(stavanger: Municipality) -> Target:
    # The dispensers' project leader (prosjektleder) records on every benefit of the project.
    return Target(
        _by_the_leader(_leaders_indicator(stavanger)).pk, LEADERS_INDICATOR, viewer="direktor"
    )


def _evidence(stavanger: Municipality) -> Target:
    found = _measured(_leaders_indicator(stavanger), "direktor")
    return Target(found.pk, EVIDENCE)


def _benefit(stavanger: Municipality) -> Target:
    found = benefit(stavanger)
    return Target(found.pk, found.title, {"status": "abandoned", "abandon_reason": "Bergen"})


TENANCY_HTML = {
    "benefits:measurement_create": _leaders_indicator_target,
    "benefits:measurement_evidence": _evidence,
    "benefits:measurement_delete": _leaders_own_measurement,
    "benefits:measurement_confirm": _leaders_measurement,
    "benefits:status": _benefit,
}
