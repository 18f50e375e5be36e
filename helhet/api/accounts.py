"""The signed-in person in the JSON API: who the token acts as, in which municipality, with
which role and what that role may do."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from helhet.accounts.models import Membership
from helhet.accounts.roles import ROLE_MATRIX, Role
from helhet.api.errors import ERRORS
from helhet.api.members import request_membership
from helhet.api.schemas import MunicipalityOut, UnitRef

router = Router()


class MeOut(Schema):
    username: str
    name: str
    email: str
    municipality: MunicipalityOut
    role: str
    role_label: str
    capabilities: list[str]
    unit: UnitRef | None
    title: str

    @staticmethod
    def resolve_username(membership: Membership) -> str:
        return membership.user.username

    @staticmethod
    def resolve_name(membership: Membership) -> str:
        return membership.user.get_full_name()

    @staticmethod
    def resolve_email(membership: Membership) -> str:
        return membership.user.email

    @staticmethod
    def resolve_role_label(membership: Membership) -> str:
        return str(Role(membership.role).label)

    @staticmethod
    def resolve_capabilities(membership: Membership) -> list[str]:
        return sorted(c.value for c, roles in ROLE_MATRIX.items() if membership.role in roles)


@router.get(
    "/me",
    response={200: MeOut, **ERRORS},
    summary="The signed-in person",
    operation_id="helhet_api_urls_me",
)
def me(request: HttpRequest) -> Any:
    return request_membership(request)
