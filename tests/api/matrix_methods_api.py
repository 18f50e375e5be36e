"""The methods API in the tenancy matrix (see tests/matrix.py): Bergen asks about a Stavanger
project on a method with a waiting decision request."""

from __future__ import annotations

from helhet.methodology.models import DecisionRequest
from helhet.organization.models import Municipality
from tests.matrix import Target
from tests.projects.matrix_projects import owned_by_eier


def _initiative(stavanger: Municipality) -> Target:
    initiative = owned_by_eier(stavanger)
    return Target(initiative.pk, initiative.name, {"note": "Bergen var her"}, "initiative_id")


def _request(stavanger: Municipality) -> Target:
    initiative = owned_by_eier(stavanger)
    request = DecisionRequest.objects.get(initiative=initiative, status="pending")
    post = {"outcome": "stopped", "comment": "Bergen var her"}
    return Target(request.pk, initiative.name, post, "request_id")


TENANCY_API = {
    "api-v1:project_phase": _initiative,
    "api-v1:decision_request_create": _initiative,
    "api-v1:decision_make": _request,
    "api-v1:decision_list": _initiative,
}
