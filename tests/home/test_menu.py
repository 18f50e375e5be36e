"""The main menu marks the item the page belongs to, the same one its breadcrumbs start from, on
every HTML page of the role matrix (so a new page is checked as soon as it is in the matrix); a
page without breadcrumbs still has one item marked."""

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from helhet.accounts.roles import Role
from helhet.organization.models import Municipality
from tests.accounts.test_role_matrix import USERNAME_BY_ROLE, VIEWS, _allowed, _path
from tests.matrix import View

MENU = re.compile(r'<nav class="hh-nav".*?</nav>', re.S)
CURRENT = re.compile(r'<a href="([^"]+)" aria-current="page">')
BREADCRUMBS = re.compile(
    r'<nav aria-label="[^"]*" class="ds-breadcrumbs"><ol>\s*<li><a[^>]*href="([^"]+)"'
)
# Pages without breadcrumbs whose menu item is not the one their URL starts with.
WITHOUT_BREADCRUMBS = {
    "projects:decisions_waiting": "home:home",  # the person's own list, from the start page
    "benefits:mine": "home:home",
    "accounts:password_change": None,  # the person's own account: no menu item
    "accounts:token_list": None,
    "accounts:mfa_setup": None,
    "files:list": None,  # the person's own files, from the header
}

PAGES = [view for view in VIEWS if any(_allowed(role, view) for role in Role)]


def _role_for(view: View) -> Role:
    # The portfolio office first: it reaches most pages as a person at work would.
    order = [Role.PORTFOLIO_OFFICE, *Role]
    return next(role for role in order if _allowed(role, view))


@pytest.mark.parametrize("view", PAGES, ids=[view.url_name for view in PAGES])
def test_the_menu_marks_the_item_the_breadcrumbs_start_from(
    view: View, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login(USERNAME_BY_ROLE[_role_for(view)]).get(_path(view, stavanger))
    assert response.status_code == 200
    if not response["Content-Type"].startswith("text/html"):
        return  # a download
    body = response.content.decode()
    menu = MENU.search(body)
    assert menu is not None, "no main menu"
    current = CURRENT.findall(menu.group(0))
    crumbs = BREADCRUMBS.search(body)
    if crumbs is not None:
        assert current == [crumbs.group(1)]
    elif view.url_name in WITHOUT_BREADCRUMBS:
        item = WITHOUT_BREADCRUMBS[view.url_name]
        assert current == ([reverse(item)] if item else [])
    else:
        assert len(current) == 1, "no menu item marked"
