"""Every main page fits a 1280 and a 1024 px wide window without scrolling sideways and with its
key columns in view, and the public pages fit a phone of 320 and 390 px (WCAG 1.4.10 reflow). The
demo as `make run` loads it; axe runs on every page. With HELHET_SCREENSHOTS=1 a screenshot of
each page at each width goes to /tmp/helhet-screens/layout/ for a person to look at (off by
default: some seventy full-page pictures nobody looks at in CI took 40 % of the test)."""

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page

from helhet.demo.benefits.build import build_benefits_demo
from helhet.demo.fund import build_fund_demo
from helhet.demo.ideas import build_ideas_demo
from helhet.demo.maturity import build_maturity_demo
from helhet.demo.portfolio import build_portfolio_demo
from helhet.demo.projects import build_projects_demo
from helhet.fund.models import Application, Fund
from helhet.ideas.models import Idea
from helhet.maturity.services.settings import maturity_settings_update
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.browser.conftest import NewPage
from tests.browser.helpers import visit

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens/layout")  # noqa: S108 - a fixed place for people to look
MIN_CHART_TEXT_PX = 12


@dataclass(frozen=True)
class Page_:
    """A page and the elements that must be wholly in view (the key columns' headers)."""

    path: Callable[[Municipality], str]
    key: tuple[str, ...] = field(default=())


def _initiative(name: str, suffix: str = "") -> Callable[[Municipality], str]:
    def path(stavanger: Municipality) -> str:
        pk = Initiative.objects.get(municipality=stavanger, name=name).pk
        return suffix.format(pk=pk)

    return path


def _fixed(path: str) -> Callable[[Municipality], str]:
    return lambda stavanger: path


def _fund(suffix: str) -> Callable[[Municipality], str]:
    return lambda stavanger: suffix.format(pk=Fund.objects.get(municipality=stavanger).pk)


def _application(name: str, suffix: str) -> Callable[[Municipality], str]:
    def path(stavanger: Municipality) -> str:
        pk = Application.objects.get(municipality=stavanger, initiative__name=name).pk
        return suffix.format(pk=pk)

    return path


def _idea(title: str, suffix: str) -> Callable[[Municipality], str]:
    return lambda stavanger: suffix.format(
        pk=Idea.objects.get(municipality=stavanger, title=title).pk
    )


BREAKDOWN_HOURS_AND_FTE = tuple(
    f"#{table} thead th:nth-child({column})"
    for table in ("dimension-table", "department-table", "category-table", "kind-table")
    for column in (5, 6, 7)
)
MAIN_PAGES = [
    Page_(_fixed("/")),
    Page_(
        _fixed("/portefolje/"),
        (
            "table.hh-initiatives th:has(a[href*='sort=cost'])",
            "table.hh-initiatives th:has(a[href*='sort=reported'])",
            "table.hh-initiatives th:has(a[href*='sort=status'])",
        ),
    ),
    Page_(_fixed("/portefolje/tidslinje/")),
    Page_(_fixed("/portefolje/tverrgaende/")),
    Page_(_initiative("Spider", "/portefolje/tiltak/{pk}/")),
    Page_(_initiative("Spider", "/gevinster/tiltak/{pk}/"), ("table.hh-indicators .hh-actions",)),
    Page_(_initiative("Medisindispensere", "/gevinster/tiltak/{pk}/"), (".hh-actions a",)),
    Page_(_initiative("Medisindispensere", "/prosjekter/{pk}/")),
    Page_(_fixed("/gevinster/"), BREAKDOWN_HOURS_AND_FTE),
    Page_(_fixed("/metoder/")),
    Page_(_fixed("/tjenester/")),
    Page_(_fixed("/tjenester/modenhet/")),
    Page_(_fixed("/tjenester/plan/")),
    Page_(_fixed("/organisasjon/")),
    Page_(_fixed("/personer/"), ("main table thead th:last-child",)),
    Page_(_fund("/fond/{pk}/soknader/")),
    Page_(_application("Medisindispensere", "/fond/soknader/{pk}/")),
    Page_(_fund("/fond/{pk}/")),
    Page_(_fund("/fond/{pk}/regnskap/")),
    Page_(_fund("/fond/{pk}/retningslinjer/")),
    Page_(_fund("/fond/{pk}/gjennomgang/")),
    Page_(_fund("/fond/{pk}/rangering/")),
    Page_(_fixed("/ideer/?sort=-score"), ("table.hh-ideas th:has(a[href*='sort=score'])",)),
    Page_(_idea("Sensorer for fyllingsgrad i søppeldunker i sentrum", "/ideer/{pk}/")),
    Page_(_idea("Nøkkelfri adgang for hjemmetjenesten", "/ideer/{pk}/vurdering/")),
    Page_(_fixed("/ideer/kriterier/")),
]
PUBLIC_PAGES = [
    Page_(_fixed("/logg-inn/"), ("#language + button",)),
    Page_(
        _fixed("/offentlig/stavanger/tjenester/"),
        ("#language + button", "#public-services td[data-label]"),
    ),
]

_MEASURE = """(selectors) => {
  const width = window.innerWidth;
  const outside = [];
  for (const selector of selectors) {
    const found = [...document.querySelectorAll(selector)];
    if (!found.length) outside.push(`${selector}: not on the page`);
    for (const element of found) {
      const box = element.getBoundingClientRect();
      if (box.left < 0 || box.right > width + 0.5) {
        outside.push(`${selector}: ${Math.round(box.left)}–${Math.round(box.right)} px`);
      }
    }
  }
  const chartText = [...document.querySelectorAll("svg text")].map((text) => {
    const svg = text.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(text).fontSize) * scale;
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    outside,
    smallestChartText: chartText.length ? Math.min(...chartText) : null,
  };
}"""


def _check_fits(page: Page, path: str, width: int, key: tuple[str, ...]) -> list[str]:
    """What does not fit ``page`` (at ``path``) at ``width``: an empty list when all of it does."""
    page.set_viewport_size({"width": width, "height": 900})
    found = page.evaluate(_MEASURE, list(key))
    if os.environ.get("HELHET_SCREENSHOTS"):
        name = path.strip("/").replace("/", "_") or "start"
        page.screenshot(path=SCREENS / f"{name}-{width}.png", full_page=True)
    problems = [f"{path} at {width} px: {problem}" for problem in found["outside"]]
    if found["scrollWidth"] > found["width"]:
        problems.append(f"{path} at {width} px is {found['scrollWidth']} px wide")
    smallest = found["smallestChartText"]
    if smallest is not None and smallest < MIN_CHART_TEXT_PX:
        problems.append(f"{path} at {width} px: chart text at {smallest:.1f} px")
    return problems


@pytest.fixture
def full_demo(live_demo: dict[str, Municipality]) -> Municipality:
    """The demo as `make run` loads it: portfolio, projects, services, benefits, the fund and the
    ideas."""
    stavanger = live_demo["stavanger"]
    if not Initiative.objects.filter(municipality=stavanger).exists():
        build_portfolio_demo(stavanger, live_demo["bergen"])
        build_projects_demo(stavanger)
        build_maturity_demo(stavanger)
        build_benefits_demo(stavanger)
        build_fund_demo(stavanger)
        build_ideas_demo(stavanger)
    maturity_settings_update(actor=None, municipality=stavanger, public_page=True)
    return stavanger


def test_the_main_pages_fit_1280_and_1024_px_and_the_public_and_initiative_pages_a_phone(
    new_page: NewPage, full_demo: Municipality
) -> None:
    """One journey over the whole demo (built for the live server, then flushed: about five
    CPU-seconds each time, so once): every main page at 1280 and 1024 px with its key columns in
    view, then the public pages (signed out) and an initiative's page at a phone's 390 and 320 px.
    Every page's problems are gathered and reported together."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = new_page(user="portefolje")
    problems = []
    for main_page in MAIN_PAGES:
        path = main_page.path(full_demo)
        visit(page, path)
        for width in (1280, 1024):
            problems += _check_fits(page, path, width, main_page.key)

    initiative = _initiative("Spider", "/portefolje/tiltak/{pk}/")(full_demo)
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 800})
        visit(page, initiative)
        problems += _check_fits(page, initiative, width, ("#language + button", "h1"))

    signed_out = new_page()
    for public_page in PUBLIC_PAGES:
        path = public_page.path(full_demo)
        for width in (390, 320):
            signed_out.set_viewport_size({"width": width, "height": 800})
            visit(signed_out, path)
            problems += _check_fits(signed_out, path, width, public_page.key)
    assert not problems, "\n".join(problems)
