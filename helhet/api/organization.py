"""The organisation in the JSON API: the municipality's unit tree with member counts, and one
unit with its parent and children."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from helhet.accounts.roles import Capability
from helhet.api.errors import ERRORS
from helhet.api.members import request_membership, require
from helhet.api.schemas import Id, MunicipalityOut, UnitRef
from helhet.organization.access import get_org_unit_for_user
from helhet.organization.models import OrgUnit, UnitKind
from helhet.organization.selectors import TreeNode, organization_tree

router = Router()


class UnitNode(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    description: str
    member_count: int
    children: list[UnitNode]

    @staticmethod
    def resolve_id(node: TreeNode) -> int:
        return node.unit.pk

    @staticmethod
    def resolve_name(node: TreeNode) -> str:
        return node.unit.name

    @staticmethod
    def resolve_kind(node: TreeNode) -> str:
        return node.unit.kind

    @staticmethod
    def resolve_kind_label(node: TreeNode) -> str:
        return str(UnitKind(node.unit.kind).label)

    @staticmethod
    def resolve_description(node: TreeNode) -> str:
        return node.unit.description


class OrganizationOut(Schema):
    municipality: MunicipalityOut
    units: list[UnitNode]


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    description: str
    parent: UnitRef | None
    children: list[UnitRef]

    @staticmethod
    def resolve_kind_label(unit: OrgUnit) -> str:
        return str(UnitKind(unit.kind).label)

    @staticmethod
    def resolve_children(unit: OrgUnit) -> list[OrgUnit]:
        return list(unit.children.order_by("name"))


@router.get(
    "/organization",
    response={200: OrganizationOut, **ERRORS},
    summary="The organisation tree",
    operation_id="helhet_api_urls_organization",
)
def organization(request: HttpRequest) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_ORGANIZATION)
    tree = organization_tree(municipality=membership.municipality)
    return {"municipality": membership.municipality, "units": tree}


@router.get(
    "/organization/units/{unit_id}",
    response={200: UnitOut, **ERRORS},
    summary="One organisation unit",
    operation_id="helhet_api_urls_organization_unit",
)
def organization_unit(request: HttpRequest, unit_id: Id) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_ORGANIZATION)
    return get_org_unit_for_user(membership, unit_id)
