"""Typing for the request as Helhet's middleware leaves it."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from helhet.accounts.models import Membership, User


class HelhetRequest(HttpRequest):
    user: "User"
    membership: "Membership | None"


class MemberRequest(HelhetRequest):
    """A request from a signed-in person working in a municipality (see ``member_required``)."""

    membership: "Membership"
