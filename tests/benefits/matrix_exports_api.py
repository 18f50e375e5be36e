"""The benefits realisation plan's exports and the benefits API in the role and tenancy matrices
(see tests/matrix.py). Everyone who sees the portfolio downloads the plan; Bergen asks about the
Stavanger dispensers' plan and indicator (tests/benefits/helpers.py) and finds neither."""

from __future__ import annotations

from django.utils import timezone

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from tests.benefits.follow_up import days_ago, record
from tests.benefits.helpers import dispensers, indicator
from tests.matrix import Target, View


def _initiative_pk(stavanger: Municipality) -> int:
    return dispensers(stavanger).pk


ROLE_VIEWS = [
    View("benefits:plan_xlsx", (Capability.VIEW_PORTFOLIO,), _initiative_pk),
    View("benefits:plan_pdf", (Capability.VIEW_PORTFOLIO,), _initiative_pk),
]


def _initiative(stavanger: Municipality) -> Target:
    initiative = dispensers(stavanger)
    return Target(initiative.pk, initiative.name)


def _api_initiative(stavanger: Municipality) -> Target:
    initiative = dispensers(stavanger)
    post = {
        "title": "Bergen var her",
        "dimension": "economy",
        "category": "efficiency",
        "kind": "qualitative",
    }
    return Target(initiative.pk, initiative.name, post, "initiative_id")


def _api_indicator(stavanger: Municipality) -> Target:
    found = indicator(stavanger)
    post = {"measured_on": timezone.localdate().isoformat(), "value": "50"}
    return Target(found.pk, found.name, post, "indicator_id")


def _api_leaders_measurement(stavanger: Municipality) -> Target:
    found = record(indicator(stavanger), days_ago(15), "45", by="prosjektleder")
    return Target(found.pk, found.indicator.name, {}, "measurement_id")


TENANCY_HTML = {
    "benefits:plan_xlsx": _initiative,
    "benefits:plan_pdf": _initiative,
}

TENANCY_API = {
    "api-v1:initiative_benefit_list": _api_initiative,
    "api-v1:initiative_benefit_create": _api_initiative,
    "api-v1:measurement_create": _api_indicator,
    "api-v1:measurement_confirmation": _api_leaders_measurement,
}
