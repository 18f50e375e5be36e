"""Helhet's JSON API, version 1. Same roles and tenancy as the HTML views: a token acts as its
user in one municipality, and another municipality's objects answer 404."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestValidationError

from helhet.accounts.models import Membership
from helhet.accounts.roles import ROLE_MATRIX, Capability, Role
from helhet.api.auth import TokenAuth
from helhet.api.benefits import router as benefits_router
from helhet.api.maturity import router as maturity_router
from helhet.api.methods import router as methods_router
from helhet.api.portfolio import router as portfolio_router
from helhet.api.projects import router as projects_router
from helhet.api.schemas import ErrorOut, MeOut, OrganizationOut, UnitOut
from helhet.organization.access import get_org_unit_for_user
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.organization.selectors import TreeNode, organization_tree

api = NinjaAPI(
    title="Helhet API",
    version="1",
    description="The JSON API of Helhet. Authenticate with `Authorization: Bearer <token>`; "
    "`python manage.py create_api_token <username>` makes a token.",
    auth=TokenAuth(),
    docs_url=None,
    urls_namespace="api-v1",
)
api.add_router("", portfolio_router)
api.add_router("", methods_router)
api.add_router("", projects_router)
api.add_router("", maturity_router)
api.add_router("", benefits_router)

ERRORS: dict[int, type[ErrorOut]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Missing or invalid API token.")}, status=401)


# Messages for the ways a request can fail its schema (pydantic's error types), in the person's
# language; anything else falls back to a general one.
SCHEMA_ERRORS = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_long": gettext_lazy("The text is too long."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
}


@api.exception_handler(RequestValidationError)
def _invalid_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    """Schema errors in the same shape as the services' (``detail`` and ``errors`` per field),
    in Norwegian, instead of django-ninja's English list."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        field = location[-1] if location else "__all__"
        message = SCHEMA_ERRORS.get(error.get("type", ""), gettext_lazy("Invalid value."))
        errors.setdefault(field, []).append(str(message))
    return api.create_response(
        request,
        {"detail": _("The request has errors; nothing was changed."), "errors": errors},
        status=422,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Your role does not allow this.")}, status=403)


def _membership(request: HttpRequest) -> Membership:
    return request.auth  # type: ignore[attr-defined]


def _require(membership: Membership, capability: Capability) -> None:
    if not membership.can(capability):
        raise PermissionDenied


def _municipality(municipality: Municipality) -> dict[str, Any]:
    return {
        "id": municipality.pk,
        "name": municipality.name,
        "slug": municipality.slug,
        "org_number": municipality.org_number,
    }


def _unit_ref(unit: OrgUnit | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {"id": unit.pk, "name": unit.name, "kind": unit.kind}


def _node(node: TreeNode) -> dict[str, Any]:
    unit = node.unit
    return {
        "id": unit.pk,
        "name": unit.name,
        "kind": unit.kind,
        "kind_label": str(UnitKind(unit.kind).label),
        "description": unit.description,
        "member_count": node.member_count,
        "children": [_node(child) for child in node.children],
    }


@api.get("/me", response={200: MeOut, **ERRORS}, summary="The signed-in person")
def me(request: HttpRequest) -> dict[str, Any]:
    membership = _membership(request)
    user = membership.user
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "email": user.email,
        "municipality": _municipality(membership.municipality),
        "role": membership.role,
        "role_label": str(Role(membership.role).label),
        "capabilities": sorted(
            c.value for c, roles in ROLE_MATRIX.items() if membership.role in roles
        ),
        "unit": _unit_ref(membership.unit),
        "title": membership.title,
    }


@api.get(
    "/organization", response={200: OrganizationOut, **ERRORS}, summary="The organisation tree"
)
def organization(request: HttpRequest) -> dict[str, Any]:
    membership = _membership(request)
    _require(membership, Capability.VIEW_ORGANIZATION)
    tree = organization_tree(municipality=membership.municipality)
    return {
        "municipality": _municipality(membership.municipality),
        "units": [_node(node) for node in tree],
    }


@api.get(
    "/organization/units/{unit_id}",
    response={200: UnitOut, **ERRORS},
    summary="One organisation unit",
)
def organization_unit(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    membership = _membership(request)
    _require(membership, Capability.VIEW_ORGANIZATION)
    unit = get_org_unit_for_user(membership, unit_id)
    return {
        "id": unit.pk,
        "name": unit.name,
        "kind": unit.kind,
        "kind_label": str(UnitKind(unit.kind).label),
        "description": unit.description,
        "parent": _unit_ref(unit.parent),
        "children": [_unit_ref(child) for child in unit.children.order_by("name")],
    }
