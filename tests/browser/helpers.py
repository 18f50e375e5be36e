"""What a browser test does on a page: go there, fill a form, submit, and run axe on every page
that comes back.

Pages are found by URL, id, name and href, never by visible text, so the tests pass whether or
not a string is translated yet. Where a page can only be told by its words (the lock-out page),
``t()`` asks the same catalogue the server renders from."""

from typing import Any, TypedDict

from django.conf import settings
from django.utils import translation
from playwright.sync_api import Locator, Page, Response

AXE_PATH = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo"  # the demo users' password, as in helhet.demo.municipalities

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""


class Violation(TypedDict):
    id: str
    impact: str | None
    help: str
    targets: list[str]


def _describe(url: str, violations: list[Violation]) -> str:
    lines = [f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {target}" for target in violation["targets"])
    return "\n".join(lines)


def check_axe(page: Page, *, enforced_csp: bool = False) -> None:
    """Assert that axe finds no WCAG 2.0/2.1 level A or AA violation on the page as it is now.

    A page opened by the ``new_page`` fixture has axe from its start. In any other page axe
    goes in as an inline script tag, which needs a context with ``bypass_csp``; in a context
    that enforces the CSP (``enforced_csp=True``) the source is evaluated through the DevTools
    protocol instead, which the page's policy doesn't govern and which leaves no CSP report
    behind."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        if enforced_csp:
            page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
        else:
            page.add_script_tag(path=AXE_PATH)
    violations: list[Violation] = page.evaluate(_RUN_AXE, AXE_TAGS)
    assert not violations, _describe(page.url, violations)


def _expect_status(response: Response | None, status: int) -> Response:
    assert response is not None, "no response"
    assert response.status == status, f"{response.url} answered {response.status}, not {status}"
    return response


def visit(page: Page, url: str, *, status: int = 200, enforced_csp: bool = False) -> Response:
    """Go to ``url`` (relative to the live server), expect ``status`` and check axe."""
    response = _expect_status(page.goto(url), status)
    check_axe(page, enforced_csp=enforced_csp)
    return response


def follow(page: Page, link: Locator, *, status: int = 200) -> Response:
    """Click a link as a user would, expect ``status`` and check axe on the new page."""
    with page.expect_navigation() as navigation:
        link.click()
    response = _expect_status(navigation.value, status)
    check_axe(page)
    return response


def submit(
    page: Page, form: str = "main form", *, status: int = 200, enforced_csp: bool = False
) -> Response:
    """Press the submit button of ``form`` (a selector), follow any redirect, expect the final
    page's ``status`` and check axe on it."""
    with page.expect_navigation() as navigation:
        page.locator(form).locator("button[type=submit]").click()
    response = _expect_status(navigation.value, status)
    check_axe(page, enforced_csp=enforced_csp)
    return response


def log_in(
    page: Page,
    username: str,
    password: str = DEMO_PASSWORD,
    *,
    status: int = 200,
    enforced_csp: bool = False,
) -> Response:
    """Log in through the login form; returns the response to the form (after redirects)."""
    visit(page, "/logg-inn/", enforced_csp=enforced_csp)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    return submit(page, status=status, enforced_csp=enforced_csp)


def path_of(page: Page) -> str:
    """The page's path and query, without the live server's address."""
    return str(page.evaluate("() => location.pathname + location.search"))


def t(message: str, language: str = "nb", **params: Any) -> str:
    """``message`` as the server renders it in ``language``, translated or not."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % params if params else text
