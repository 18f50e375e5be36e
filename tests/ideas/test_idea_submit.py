"""/ideer/ny/: anyone in the municipality, every role, submits an idea in plain language (with
attachments checked by content), sees it under "Mine ideer", and can check first for similar
ideas and initiatives."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.ideas.models import Idea, IdeaAttachment, IdeaStatus
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.conftest import database_state, unit_named
from tests.documents import files
from tests.ideas.helpers import submit

pytestmark = pytest.mark.django_db


def _form(stavanger: Municipality, **changes: object) -> dict[str, object]:
    return {
        "title": "Varsel på SMS når søppelbilen er forsinket",
        "problem": "Innbyggere ringer servicetorget når tømmingen uteblir.",
        "who_has_it": "Innbyggere og Innbyggerservice",
        "solution": "Send SMS automatisk når ruten er forsinket.",
        "unit": str(unit_named(stavanger, "Innbyggerservice").pk),
        "service": "",
        "action": "submit",
        **changes,
    }


def test_a_reader_submits_an_idea_with_an_attachment_and_follows_it_under_my_ideas(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    reader = login("leser")
    assert reader.get("/ideer/ny/").status_code == 200

    response = reader.post(
        "/ideer/ny/",
        _form(stavanger, attachments=[files.upload("skisse.png", files.png())]),
    )

    idea = Idea.objects.get(title="Varsel på SMS når søppelbilen er forsinket")
    assert response.status_code == 302
    assert response["Location"] == f"/ideer/{idea.pk}/"
    assert idea.status == IdeaStatus.SUBMITTED
    assert idea.submitted_by is not None and idea.submitted_by.username == "leser"
    assert idea.who_has_it == "Innbyggere og Innbyggerservice"
    attachment = IdeaAttachment.objects.get(idea=idea)
    assert (attachment.name, attachment.file_type) == ("skisse.png", "png")

    page = reader.get(f"/ideer/{idea.pk}/").content.decode()
    assert "skisse.png" in page
    assert "Sendt inn; venter på vurdering." in page
    mine = reader.get("/ideer/mine/").content.decode()
    assert "Varsel på SMS når søppelbilen er forsinket" in mine

    download = reader.get(f"/ideer/vedlegg/{attachment.pk}/")
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == files.png()  # type: ignore[attr-defined]


def test_a_file_of_a_kind_not_accepted_is_refused_and_nothing_is_kept(
    stavanger: Municipality, login: Callable[[str], Client], upload_dir: object
) -> None:
    owner = login("eier")
    before = database_state()

    response = owner.post(
        "/ideer/ny/", _form(stavanger, attachments=[files.upload("faktura.pdf", files.html())])
    )

    assert response.status_code == 400
    assert "faktura.pdf" in response.content.decode()
    assert database_state() == before
    assert not Idea.objects.exists()


def test_title_problem_and_unit_are_required(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("gevinsteier").post(
        "/ideer/ny/", _form(stavanger, title="", problem=" ", unit="")
    )

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert not Idea.objects.exists()


def test_checking_first_shows_similar_ideas_and_initiatives_and_keeps_the_text(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative_create(
        actor=None,
        municipality=stavanger,
        name="Varsling av forsinket renovasjon",
        kind=InitiativeKind.PROJECT,
        owning_unit=unit_named(stavanger, "Park og vei"),
        short_description="SMS til innbyggere når søppelbilen er forsinket.",
    )
    earlier = submit(
        stavanger,
        by="eier",
        title="Søppelbilen kommer ikke",
        problem="Ingen får vite at søppelbilen er forsinket.",
        unit="Innbyggerservice",
    )

    response = login("leser").post("/ideer/ny/", _form(stavanger, action="check"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Varsling av forsinket renovasjon" in page
    assert f'href="/ideer/{earlier.pk}/"' in page
    assert "søppelbilen" in page  # the shared word, given as the reason
    assert "Send SMS automatisk når ruten er forsinket." in page  # what was written is kept
    assert Idea.objects.count() == 1  # checking submits nothing
