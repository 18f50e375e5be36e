from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu: the modules that exist, as far as the member's role reaches."""
    membership: Membership | None = getattr(request, "membership", None)
    if membership is None:
        return {
            "nav_items": [],
            "current_membership": None,
            "other_memberships": [],
            "member_can": {},
        }
    items = [(_("Start"), reverse("home:home"))]
    if membership.can(Capability.VIEW_PORTFOLIO):
        items.append((_("Portfolio"), reverse("portfolio:overview")))
        items.append((_("Methods"), reverse("methodology:method_list")))
        items.append((_("Benefits"), reverse("benefits:overview")))
        items.append((_("Services"), reverse("maturity:catalogue")))
    if membership.can(Capability.VIEW_ORGANIZATION):
        items.append((_("Organisation"), reverse("organization:tree")))
    if membership.can(Capability.VIEW_MEMBERS):
        items.append((_("People and roles"), reverse("people:member_list")))
    path = request.path
    nav = [
        {
            "label": label,
            "url": url,
            "current": path == url if url == reverse("home:home") else path.startswith(url),
        }
        for label, url in items
    ]
    others = (
        Membership.objects.filter(user=membership.user)
        .exclude(pk=membership.pk)
        .select_related("municipality")
    )
    return {
        "nav_items": nav,
        "current_membership": membership,
        "other_memberships": others,
        # What the member's role allows, for templates: {% if member_can.manage_members %}.
        "member_can": {capability.value: membership.can(capability) for capability in Capability},
    }
