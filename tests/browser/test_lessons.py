"""The lessons register as people use it: the project leader opens Erfaringer from the menu,
writes a lesson (refused without what was learned, then put in the register), finds it by a
Norwegian word in capitals and by its theme, and changes it; a reader reads it with its history
and has no buttons. axe runs on every page; screenshots at 1280 and 1024 px go to
/tmp/helhet-screens/."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from helhet.learning.models import Lesson
from helhet.organization.models import Municipality
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, submit, visit
from tests.learning.helpers import write

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def _shoot(page: Page, name: str) -> None:
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"lessons-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_lesson_is_written_found_and_changed(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    stavanger = live_demo["stavanger"]
    write(
        stavanger,
        title="Bruken faller når oppfølgingen stopper",
        learned="Påminnelser holder bruken oppe.",
        themes=["Velferdsteknologi"],
    )

    leader = new_page(user="prosjektleder")
    visit(leader, "/")
    follow(leader, leader.locator('nav a[href="/laering/erfaringer/"]'))
    follow(leader, leader.locator('a[href="/laering/erfaringer/ny/"]'))
    _shoot(leader, "write")
    leader.locator("#id_title").fill("Involver de ansatte før robotene kommer")
    submit(leader, "#lesson-form", status=400)  # what was learned is required
    expect(leader.locator("#error-summary")).to_be_visible()
    leader.locator("#id_learned").fill("Frykten for å bli overflødig bremset bruken av robotene.")
    leader.locator("#id_advice").fill("Snakk med de ansatte før dere starter.")
    leader.locator("#id_themes").fill("RPA, Involvering")
    submit(leader, "#lesson-form")
    lesson = Lesson.objects.get(title="Involver de ansatte før robotene kommer")
    expect(leader.locator("#lesson-learned")).to_contain_text("overflødig")
    _shoot(leader, "lesson")

    visit(leader, "/laering/erfaringer/?q=OVERFLØDIG")
    expect(leader.locator(".hh-lesson-card")).to_have_count(1)
    _shoot(leader, "search")
    visit(leader, "/laering/erfaringer/")
    leader.locator("#filter-theme").select_option(label="Velferdsteknologi")
    with leader.expect_navigation():
        leader.locator(".hh-lesson-filters button[type=submit]").click()
    expect(leader.locator(".hh-lesson-card")).to_have_count(1)
    expect(leader.locator(".hh-lesson-card")).to_contain_text("oppfølgingen")

    visit(leader, f"/laering/erfaringer/{lesson.pk}/endre/")
    leader.locator("#id_advice").fill("Snakk med de ansatte, og vis hva tiden skal brukes til.")
    submit(leader, "#lesson-form")
    expect(leader.locator("#lesson-advice")).to_contain_text("hva tiden skal brukes til")

    reader = new_page(user="leser")
    visit(reader, f"/laering/erfaringer/{lesson.pk}/")
    expect(reader.locator(f'a[href="/laering/erfaringer/{lesson.pk}/endre/"]')).to_have_count(0)
    visit(reader, f"/laering/erfaringer/{lesson.pk}/historikk/")
    visit(reader, "/laering/erfaringer/")
    _shoot(reader, "list")
