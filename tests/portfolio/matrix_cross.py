"""The cross-department view, the timeline and the portfolio API in the role and tenancy
matrices (see tests/matrix.py)."""

from datetime import date

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services import initiative_create
from tests.conftest import unit_named
from tests.matrix import Target, View


def _spider(stavanger: Municipality) -> Target:
    """A Stavanger initiative for Bergen to ask about through the API."""
    initiative = Initiative.objects.filter(municipality=stavanger, name="Spider").first()
    if initiative is None:
        initiative = initiative_create(
            actor=None,
            municipality=stavanger,
            name="Spider",
            kind=InitiativeKind.PROJECT,
            owning_unit=unit_named(stavanger, "E-helse og velferdsteknologi"),
            planned_start=date(2017, 5, 1),
        )
    return Target(initiative.pk, initiative.name, kwarg="initiative_id")


ROLE_VIEWS = [
    View("portfolio:cross_department", (Capability.VIEW_PORTFOLIO,)),
    View("portfolio:timeline", (Capability.VIEW_PORTFOLIO,)),
]

TENANCY_API = {
    "api-v1:initiative_detail": _spider,
    "api-v1:initiative_update": _spider,
    "api-v1:status_report_list": _spider,
    "api-v1:status_report_create": _spider,
}
