"""The idea intake as people use it: a reader checks for similar ideas and submits one with an
attachment, the portfolio office scores it beside the similar ones, asks a question the reader
answers, and promotes it to an initiative whose page leads back to the idea; the criteria page.
axe runs on every page; screenshots at 1280 and 1024 px go to /tmp/helhet-screens/."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from helhet.ideas.models import CriteriaSet, Idea, IdeaStatus
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.browser.conftest import NewPage
from tests.browser.helpers import check_axe, follow, path_of, submit, visit
from tests.conftest import unit_named
from tests.documents import files

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/helhet-screens")  # noqa: S108 - a fixed place for people to look


def _press(page: Page, button: str) -> None:
    """Press one of a form's several buttons, follow the answer and check axe on it."""
    with page.expect_navigation():
        page.locator(button).click()
    check_axe(page)


def _shoot(page: Page, name: str) -> None:
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENS / f"ideas-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_idea_goes_from_a_reader_to_an_initiative(
    new_page: NewPage, live_demo: dict[str, Municipality], tmp_path: Path
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    stavanger = live_demo["stavanger"]
    initiative_create(
        actor=None,
        municipality=stavanger,
        name="Ny pasientflyt på legevakten",
        kind=InitiativeKind.PROJECT,
        owning_unit=unit_named(stavanger, "Stavanger legevakt"),
        short_description="Kortere kø ved innsjekk og bedre pasientflyt.",
    )
    sketch = tmp_path / "skisse.png"
    sketch.write_bytes(files.png())

    reader = new_page(user="leser")
    visit(reader, "/")
    follow(reader, reader.locator('nav a[href="/ideer/"]'))
    follow(reader, reader.locator('a[href="/ideer/ny/"]').first)
    reader.locator("#id_title").fill("Digital innsjekk på legevakten")
    reader.locator("#id_problem").fill("Pasientene står lenge i kø ved skranken for innsjekk.")
    reader.locator("#id_unit").select_option(str(unit_named(stavanger, "Stavanger legevakt").pk))
    _press(reader, "#idea-form button[value=check]")
    expect(reader.locator("#similar-initiatives")).to_contain_text("Ny pasientflyt på legevakten")
    expect(reader.locator("#id_title")).to_have_value("Digital innsjekk på legevakten")
    _shoot(reader, "submit-checked")
    reader.locator("#id_attachments").set_input_files(str(sketch))
    _press(reader, "#idea-form button[value=submit]")
    idea = Idea.objects.get(title="Digital innsjekk på legevakten")
    assert path_of(reader) == f"/ideer/{idea.pk}/"
    expect(reader.locator("#attachments")).to_contain_text("skisse.png")

    office = new_page(user="portefolje")
    visit(office, "/ideer/?sort=-submitted")
    _shoot(office, "list")
    follow(office, office.locator(f'a[href="/ideer/{idea.pk}/"]').first)
    follow(office, office.locator(f'a[href="/ideer/{idea.pk}/vurdering/"]'))
    expect(office.locator("#similar")).to_contain_text("Ny pasientflyt på legevakten")
    default = CriteriaSet.objects.get(municipality=stavanger, unit=None)
    for criterion, score in zip(default.criteria.all(), "54332", strict=True):
        office.locator(f"#id_criterion_{criterion.pk}").select_option(score)
    _shoot(office, "screen")
    submit(office, "#score-form")
    expect(office.locator("#idea-score")).to_contain_text("3,70")  # (15+8+6+6+2)/10

    follow(office, office.locator(f'a[href="/ideer/{idea.pk}/sporsmal/"]'))
    office.locator("#id_question").fill("Hvor mange pasienter gjelder det en travel lørdag?")
    submit(office, "#question-form")

    visit(reader, "/ideer/mine/")
    expect(reader.locator(f"#idea-{idea.pk}")).to_contain_text("1")
    _shoot(reader, "mine")
    visit(reader, f"/ideer/{idea.pk}/")
    question = idea.questions.get()
    reader.locator(f"#answer-{question.pk}").fill("Rundt 150.")
    submit(reader, f"#question-{question.pk} form")
    expect(reader.locator(f"#question-{question.pk}")).to_contain_text("Rundt 150.")

    visit(office, f"/ideer/{idea.pk}/")
    _shoot(office, "detail")
    follow(office, office.locator(f'a[href="/ideer/{idea.pk}/tiltak/"]'))
    office.locator("#id_kind").select_option("project")
    submit(office, "#promote-form")
    initiative = Initiative.objects.get(name="Digital innsjekk på legevakten")
    assert path_of(office) == f"/portefolje/tiltak/{initiative.pk}/"
    expect(office.locator("#initiative-ideas")).to_contain_text("Digital innsjekk på legevakten")
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.PROMOTED

    visit(office, "/ideer/kriterier/")
    _shoot(office, "criteria")
    visit(office, f"/ideer/{idea.pk}/beslutning/", status=200)  # decided: back on the idea
    assert path_of(office) == f"/ideer/{idea.pk}/"
