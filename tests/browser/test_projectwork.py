"""A project keeps its board, risk register and log: the project leader puts the benefits owner
on the board, registers a risk and finds it in the matrix, logs a deviation and marks it as a
lesson; a reader reads it all, with the history. axe runs on every page."""

import pytest
from playwright.sync_api import expect

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.projects.models import BoardMember, LogEntry, Risk
from tests.browser.conftest import NewPage
from tests.browser.helpers import follow, path_of, submit, visit
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.browser

LESSON = "Bestill alarmene før opplæringen planlegges."


def test_the_leader_keeps_the_board_risks_and_log_and_marks_a_lesson(
    new_page: NewPage, live_demo: dict[str, Municipality]
) -> None:
    stavanger = live_demo["stavanger"]
    # Any initiative keeps these, also one that runs on no method.
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    base = f"/prosjekter/{initiative.pk}"
    leader = new_page(user="prosjektleder")

    # The board.
    visit(leader, f"/portefolje/tiltak/{initiative.pk}/")
    follow(leader, leader.locator(f'#project-work a[href="{base}/organisasjon/"]'))
    expect(leader.locator("#initiative-roles")).to_contain_text("Øyvind Tjelta")
    follow(leader, leader.locator("#add-member"))
    leader.locator("#id_person").select_option(str(User.objects.get(username="gevinsteier").pk))
    leader.locator("#id_role").select_option("benefits_owner")
    leader.locator("#id_note").fill("Gevinstene i hjemmetjenesten")
    submit(leader, "#board-member-form")
    assert path_of(leader) == f"{base}/organisasjon/"
    expect(leader.locator("#board")).to_contain_text("Tor Espeland")
    assert BoardMember.objects.filter(initiative=initiative, role="benefits_owner").exists()

    # A risk, refused once with a probability off the scale, then in the matrix.
    follow(leader, leader.locator(f'#project-work a[href="{base}/usikkerheter/"]'))
    follow(leader, leader.locator("#add-risk"))
    leader.locator("#id_title").fill("Leverandøren leverer alarmene for sent")
    leader.locator("#id_probability").fill("9")
    leader.locator("#id_consequence").fill("5")
    leader.locator("#id_owner").select_option(str(User.objects.get(username="prosjektleder").pk))
    leader.locator("#id_measures").fill("Dagbøter i kontrakten.")
    submit(leader, "#risk-form", status=400)
    expect(leader.locator("#error-summary")).to_be_visible()
    leader.locator("#id_probability").fill("4")
    submit(leader, "#risk-form")
    assert path_of(leader) == f"{base}/usikkerheter/"
    expect(leader.locator("#risks")).to_contain_text("Leverandøren leverer alarmene for sent")
    # Rows run from probability 5 down; probability 4 is the second row, consequence 5 the
    # fifth column.
    cell = leader.locator("#matrix-risk tbody tr").nth(1).locator("td").nth(4)
    expect(cell.locator(".hh-cell__count")).to_have_text("1")
    assert Risk.objects.get(initiative=initiative).score == 20

    # A deviation in the log, marked as a lesson.
    follow(leader, leader.locator(f'#project-work a[href="{base}/logg/"]'))
    follow(leader, leader.locator("#add-deviation"))
    leader.locator("#id_title").fill("Utrullingen i Hundvåg er forsinket")
    leader.locator("#id_consequence").fill("Gevinstene kommer en måned senere.")
    submit(leader, "#log-entry-form")
    assert path_of(leader) == f"{base}/logg/"
    entry = LogEntry.objects.get(initiative=initiative)
    assert (entry.kind, entry.status) == ("deviation", "open")
    follow(leader, leader.locator(f'#log a[href="/laering/erfaringer/fra-loggen/{entry.pk}/"]'))
    submit(leader, "#lesson-form", status=400)  # a lesson mark needs the lesson
    leader.locator("#id_learned").fill(LESSON)
    submit(leader, "#lesson-form")
    expect(leader.locator(f"#entry-{entry.pk}")).to_contain_text(LESSON)

    # A reader reads it all, and the history.
    reader = new_page(user="leser")
    visit(reader, f"/prosjekter/{initiative.pk}/")
    expect(reader.locator("#project-work")).to_be_visible()
    visit(reader, f"{base}/organisasjon/")
    visit(reader, f"{base}/organisasjon/historikk/")
    expect(reader.locator("#board-history")).to_contain_text("Tor Espeland")
    visit(reader, f"{base}/usikkerheter/?show=all")
    visit(
        reader, f"/prosjekter/usikkerheter/{Risk.objects.get(initiative=initiative).pk}/historikk/"
    )
    visit(reader, f"{base}/logg/?lessons=1")
    expect(reader.locator("#log")).to_contain_text(LESSON)
    visit(reader, f"/prosjekter/logg/{entry.pk}/historikk/")

    # The pages the journey did not pass through.
    member = BoardMember.objects.get(initiative=initiative)
    visit(leader, f"/prosjekter/organisasjon/{member.pk}/endre/")
    visit(leader, f"/prosjekter/organisasjon/{member.pk}/fjern/")
    visit(leader, f"/prosjekter/usikkerheter/{Risk.objects.get(initiative=initiative).pk}/endre/")
    visit(leader, f"/prosjekter/logg/{entry.pk}/endre/")
    visit(leader, f"/laering/erfaringer/fra-loggen/{entry.pk}/fjern/")
    visit(leader, f"{base}/logg/ny/")
