from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.notifications.models import Notification

# The menu item a page belongs to, as its breadcrumbs start: by the namespace of its URL name,
# or by the full URL name where a page sits under another module's item. A project's method,
# documents and a benefits realisation plan belong to their initiative in the portfolio; the
# time at the decision points belongs to the methods; the person's own lists (decisions
# waiting, my benefits) to the start page; the person's own account pages (password, tokens) to
# no item.
SECTION_OF_NAMESPACE = {
    "home": "home:home",
    "portfolio": "portfolio:overview",
    "projects": "portfolio:overview",
    "documents": "portfolio:overview",
    "methodology": "methodology:method_list",
    "benefits": "portfolio:overview",
    "maturity": "maturity:catalogue",
    "organization": "organization:tree",
    "people": "people:member_list",
    "ideas": "ideas:list",
    "fund": "fund:list",
    "adoption": "adoption:list",
    "learning": "learning:lessons",
    "notifications": "home:home",
}
SECTION_OF_VIEW = {
    "projects:gate_times": "methodology:method_list",
    "projects:decisions_waiting": "home:home",
    "benefits:mine": "home:home",
    "benefits:overview": "benefits:overview",
    "benefits:settings": "benefits:overview",
    "accounts:municipality_tokens": "people:member_list",
    # How people log in, a person's link to it and their authenticator app (single sign-on).
    "accounts:login_settings": "people:member_list",
    "accounts:sso_provider_create": "people:member_list",
    "accounts:sso_provider_edit": "people:member_list",
    "accounts:sso_unlink": "people:member_list",
    "accounts:mfa_remove": "people:member_list",
    "fund:apply": "portfolio:overview",  # applying from the initiative's page
    "learning:similar": "portfolio:overview",  # an initiative's similar work
    "learning:log_lesson": "portfolio:overview",  # marking a lesson from the project log
    "learning:log_lesson_remove": "portfolio:overview",
}


def menu_section(request: HttpRequest) -> str | None:
    """The URL name of the menu item the requested page belongs to (None: no item)."""
    match = request.resolver_match
    if match is None:
        return None
    return SECTION_OF_VIEW.get(match.view_name, SECTION_OF_NAMESPACE.get(match.namespace))


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
    items = [(_("Start"), "home:home")]
    if membership.can(Capability.VIEW_PORTFOLIO):
        items.append((_("Portfolio"), "portfolio:overview"))
        items.append((_("Methods"), "methodology:method_list"))
        items.append((_("Benefits"), "benefits:overview"))
        items.append((_("Services"), "maturity:catalogue"))
    if membership.can(Capability.SUBMIT_IDEAS):
        items.append((_("Ideas"), "ideas:list"))
    if membership.can(Capability.VIEW_FUNDS):
        items.append((_("Funds"), "fund:list"))
    if membership.can(Capability.VIEW_SOLUTIONS):
        items.append((_("Solutions"), "adoption:list"))
    if membership.can(Capability.VIEW_LESSONS):
        items.append((_("Lessons"), "learning:lessons"))
    if membership.can(Capability.VIEW_ORGANIZATION):
        items.append((_("Organisation"), "organization:tree"))
    if membership.can(Capability.VIEW_MEMBERS):
        items.append((_("People and roles"), "people:member_list"))
    section = menu_section(request)
    nav = [
        {"label": label, "url": reverse(name), "current": name == section} for label, name in items
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


def notification_bell(request: HttpRequest) -> dict[str, Any]:
    """The bell's count: the person's unread notifications in the municipality they work in
    (one COUNT on an index, whatever page)."""
    membership: Membership | None = getattr(request, "membership", None)
    if membership is None:
        return {"unread_notifications": 0}
    return {
        "unread_notifications": Notification.objects.for_member(
            request.user,  # type: ignore[arg-type]
            membership.municipality,
        )
        .unread()
        .count()
    }
