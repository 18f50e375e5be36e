"""Keyboard users: the skip link comes first, and focus is always visible."""

import pytest

from tests.browser.conftest import NewPage
from tests.browser.helpers import visit

pytestmark = pytest.mark.browser

# What a sighted keyboard user sees of the focused element: an outline or a box shadow.
_FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    className: element.className,
    html: element.outerHTML.slice(0, 120),
    inHeader: document.querySelector("header").contains(element),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    onScreen: (() => {
      const box = element.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0
        && box.top < innerHeight && box.left < innerWidth;
    })(),
  };
}"""


def test_tab_reaches_the_skip_link_first_and_enter_moves_focus_to_main(new_page: NewPage) -> None:
    page = new_page(user="admin")
    visit(page, "/")

    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    assert "ds-skip-link" in focused["className"].split(), focused["html"]
    assert focused["onScreen"], "the skip link stays hidden when focused"
    assert focused["outline"] or focused["shadow"], "the skip link shows no focus"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_every_control_in_the_header_shows_where_the_focus_is(new_page: NewPage) -> None:
    page = new_page(user="admin")
    visit(page, "/")

    seen = 0
    page.keyboard.press("Tab")  # the skip link, checked above
    for _stop in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if not focused["inHeader"]:
            break
        assert focused["outline"] or focused["shadow"], f"no visible focus: {focused['html']}"
        assert focused["onScreen"], f"focused but off screen: {focused['html']}"
        seen += 1
    # Brand, language select and button, log-out button, and the main menu's links.
    assert seen >= 6
