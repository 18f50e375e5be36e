"""The pages that change a method: the portfolio office makes a draft, changes its parts, and
publishes or discards it; nobody else changes anything."""

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.editing.checklists import checklist_item_create
from helhet.methodology.editing.drafts import method_version_publish
from helhet.methodology.editing.phases import phase_delete
from helhet.methodology.models import (
    ChecklistItem,
    ChecklistSource,
    Decider,
    DocumentRequirement,
    DocumentType,
    Method,
    MethodVersion,
)
from helhet.organization.models import Municipality
from tests.conftest import count_queries, table_rows
from tests.methodology.matrix_methods import draft


def methods_state() -> dict[str, Any]:
    """Every row of the methodology app, history and level choices included."""
    return {
        model._meta.label_lower: table_rows(model)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label == "methodology"
    }


def _method(municipality: Municipality, name: str = "Prosjektveiviseren") -> Method:
    return Method.objects.get(municipality=municipality, name=name)


def _pv_draft(stavanger: Municipality) -> MethodVersion:
    return draft(stavanger, "Prosjektveiviseren")


# --- Who may ------------------------------------------------------------------------------------


def _posts(stavanger: Municipality) -> list[tuple[str, dict[str, str]]]:
    version = _pv_draft(stavanger)
    phase = version.phases.get(name="Konsept")
    level = version.levels.get(code="liten")
    item = ChecklistItem.objects.filter(decision_point__phase=phase).first()
    assert item is not None
    return [
        ("/metoder/ny/", {"name": "Tjenestedesign", "is_linear": "on"}),
        (f"/metoder/{version.method_id}/utkast/", {}),
        (f"/metoder/{version.method_id}/endre/", {"name": "Ny", "is_linear": "on"}),
        (f"/metoder/versjon/{version.pk}/publiser/", {}),
        (f"/metoder/versjon/{version.pk}/forkast/", {}),
        (f"/metoder/versjon/{version.pk}/nivaer/ny/", {"code": "mini", "name": "Mini"}),
        (f"/metoder/nivaer/{level.pk}/", {"remove": "1"}),
        (f"/metoder/faser/{phase.pk}/", {"move": "up"}),
        (f"/metoder/sjekkpunkter/{item.pk}/", {"remove": "1"}),
        (
            f"/metoder/faser/{phase.pk}/sjekkpunkter/ny/",
            {"text": "X", "source": ChecklistSource.OWN},
        ),
    ]


@pytest.mark.parametrize("username", ["direktor", "eier", "prosjektleder", "leser"])
def test_only_the_portfolio_office_and_admin_change_a_method(
    username: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login(username)
    posts = _posts(stavanger)
    before = methods_state()
    for path, data in posts:
        assert client.post(path, data).status_code == 403, path
    assert methods_state() == before


# --- The method page ----------------------------------------------------------------------------


def test_the_portfolio_office_is_offered_to_edit_the_method(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    body = login("portefolje").get(f"/metoder/{_method(stavanger).pk}/").content.decode()
    assert 'id="draft-form"' in body and 'id="edit-method"' in body


def test_a_reader_is_not_offered_to_edit_the_method(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    body = login("leser").get(f"/metoder/{_method(stavanger).pk}/").content.decode()
    assert 'id="draft-form"' not in body and 'id="edit-method"' not in body


def test_edit_makes_a_draft_and_opens_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    method = _method(stavanger)
    response = login("portefolje").post(f"/metoder/{method.pk}/utkast/")
    version = method.versions.get(published_at__isnull=True)
    assert response.status_code == 302
    assert response["Location"] == f"/metoder/versjon/{version.pk}/rediger/"
    assert version.number == 2


def test_edit_opens_the_draft_there_is(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    existing = _pv_draft(stavanger)
    client = login("admin")
    response = client.post(f"/metoder/{existing.method_id}/utkast/")
    assert response["Location"] == f"/metoder/versjon/{existing.pk}/rediger/"
    body = client.get(f"/metoder/{existing.method_id}/").content.decode()
    assert 'id="open-draft"' in body


def test_the_draft_page_shows_the_copied_phases_and_checklists(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    body = login("portefolje").get(f"/metoder/versjon/{version.pk}/rediger/").content.decode()
    assert "Godkjenne mandat for konseptfasen" in body
    assert "Mandat for konseptfasen" in body


# --- Changing the parts ------------------------------------------------------------------------


def test_a_checkpoint_is_added_to_a_phases_decision_point(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    phase = version.phases.get(name="Konsept")
    large = version.levels.get(code="stor")

    response = login("portefolje").post(
        f"/metoder/faser/{phase.pk}/sjekkpunkter/ny/",
        {
            "text": "Arkitekturrådet har vurdert løsningen.",
            "source": ChecklistSource.OWN,
            "levels": [str(large.pk)],
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#phase-{phase.pk}")
    item = ChecklistItem.objects.get(text="Arkitekturrådet har vurdert løsningen.")
    assert item.decision_point.code == "BP2"
    assert list(item.levels.all()) == [large]


def test_a_checkpoint_without_text_is_refused(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    phase = _pv_draft(stavanger).phases.get(name="Konsept")
    before = methods_state()
    response = login("portefolje").post(
        f"/metoder/faser/{phase.pk}/sjekkpunkter/ny/", {"text": "", "source": "Digdir"}
    )
    assert response.status_code == 400
    assert methods_state() == before


def test_a_level_of_another_version_is_refused(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    phase = version.phases.get(name="Konsept")
    old = _method(stavanger).versions.get(is_current=True).levels.get(code="stor")
    before = methods_state()
    response = login("portefolje").post(
        f"/metoder/faser/{phase.pk}/dokumentkrav/ny/",
        {"document_type": DocumentType.OTHER, "name": "ROS-analyse", "levels": [str(old.pk)]},
    )
    assert response.status_code == 400
    assert methods_state() == before


def test_a_document_requirement_is_added_and_may_not_be_skipped(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    phase = version.phases.get(name="Konsept")
    levels = [str(level.pk) for level in version.levels.all()]

    response = login("portefolje").post(
        f"/metoder/faser/{phase.pk}/dokumentkrav/ny/",
        {"document_type": DocumentType.OTHER, "name": "ROS-analyse", "levels": levels},
    )

    assert response.status_code == 302
    requirement = DocumentRequirement.objects.get(phase=phase, name="ROS-analyse")
    assert requirement.may_be_not_relevant is False
    assert requirement.levels.count() == 3


def test_a_phase_decided_by_a_named_person_needs_the_person(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    phase = _pv_draft(stavanger).phases.get(name="Konsept")
    before = methods_state()
    response = login("portefolje").post(
        f"/metoder/faser/{phase.pk}/",
        {
            "name": "Konsept",
            "decision_code": "BP2",
            "decision_name": "Beslutte å starte planlegging",
            "decider": Decider.PERSON,
        },
    )
    assert response.status_code == 400
    assert methods_state() == before


def test_a_phase_and_its_decision_point_are_changed_together(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    phase = _pv_draft(stavanger).phases.get(name="Konsept")
    direktor = User.objects.get(username="direktor")
    response = login("portefolje").post(
        f"/metoder/faser/{phase.pk}/",
        {
            "name": "Utrede",
            "decision_code": "BP2",
            "decision_name": "Beslutte å starte planlegging",
            "decider": Decider.PERSON,
            "decider_person": str(direktor.pk),
            "decider_title": "Direktør",
        },
    )
    assert response.status_code == 302
    phase.refresh_from_db()
    point = phase.decision_points.get()
    assert phase.name == "Utrede"
    assert (point.decider, point.decider_person) == (Decider.PERSON, direktor)


def test_a_phase_is_moved_up(stavanger: Municipality, login: Callable[[str], Client]) -> None:
    version = _pv_draft(stavanger)
    phase = version.phases.get(name="Konsept")
    response = login("portefolje").post(f"/metoder/faser/{phase.pk}/", {"move": "up"})
    assert response.status_code == 302
    assert list(version.phases.order_by("position").values_list("name", flat=True))[:2] == [
        "Konsept",
        "Idé",
    ]


def test_a_checkpoint_is_removed(stavanger: Municipality, login: Callable[[str], Client]) -> None:
    version = _pv_draft(stavanger)
    item = ChecklistItem.objects.filter(decision_point__phase__version=version).first()
    assert item is not None
    response = login("portefolje").post(f"/metoder/sjekkpunkter/{item.pk}/", {"remove": "1"})
    assert response.status_code == 302
    assert not ChecklistItem.objects.filter(pk=item.pk).exists()


def test_a_level_is_added_with_its_limits(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    response = login("portefolje").post(
        f"/metoder/versjon/{version.pk}/nivaer/ny/",
        {"code": "mikro", "name": "Mikro", "max_cost": "100000", "max_risk": "1"},
    )
    assert response.status_code == 302
    level = version.levels.get(code="mikro")
    assert (level.position, level.max_risk) == (4, 1)


def test_a_level_risk_over_five_is_refused(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    before = methods_state()
    response = login("portefolje").post(
        f"/metoder/versjon/{version.pk}/nivaer/ny/",
        {"code": "mikro", "name": "Mikro", "max_risk": "6"},
    )
    assert response.status_code == 400
    assert methods_state() == before


def test_a_criterion_is_added(stavanger: Municipality, login: Callable[[str], Client]) -> None:
    version = _pv_draft(stavanger)
    response = login("portefolje").post(
        f"/metoder/versjon/{version.pk}/kriterier/ny/",
        {"name": "Gjenbruk", "description": "Løsningen kan brukes av andre kommuner."},
    )
    assert response.status_code == 302
    assert version.criteria.get().name == "Gjenbruk"


# --- Publishing and discarding ------------------------------------------------------------------


def test_publishing_makes_the_draft_current_and_the_method_page_shows_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    client = login("portefolje")

    response = client.post(f"/metoder/versjon/{version.pk}/publiser/")

    assert response.status_code == 302
    assert response["Location"] == f"/metoder/{version.method_id}/"
    page = client.get(response["Location"])
    assert page.context["layout"].version == version
    rows = {row.number: row for row in page.context["versions"]}
    assert rows[2].is_current and not rows[1].is_current


def test_a_draft_with_problems_is_not_published(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    for phase in list(version.phases.all()):
        phase_delete(actor=None, phase=phase)
    client = login("portefolje")
    assert (
        _("Add at least one phase.")
        in client.get(f"/metoder/versjon/{version.pk}/publiser/").content.decode()
    )
    before = methods_state()

    response = client.post(f"/metoder/versjon/{version.pk}/publiser/")

    assert response.status_code == 400
    assert methods_state() == before


def test_a_published_version_has_no_draft_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    current = _method(stavanger).versions.get(is_current=True)
    assert login("portefolje").get(f"/metoder/versjon/{current.pk}/rediger/").status_code == 404


def test_discarding_the_draft_goes_back_to_the_method(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    response = login("portefolje").post(f"/metoder/versjon/{version.pk}/forkast/")
    assert response["Location"] == f"/metoder/{version.method_id}/"
    assert not MethodVersion.objects.filter(pk=version.pk).exists()


# --- New methods and the method's own fields ----------------------------------------------------


def test_a_new_method_opens_its_first_draft(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("portefolje").post(
        "/metoder/ny/", {"name": "Tjenestedesign", "description": "Innsikt først."}
    )
    method = Method.objects.get(municipality=stavanger, name="Tjenestedesign")
    version = method.versions.get()
    assert response["Location"] == f"/metoder/versjon/{version.pk}/rediger/"
    assert method.is_linear is False  # the box was not ticked


def test_a_new_method_copies_another(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    source = _method(stavanger, "Smartbyprosessen")
    login("portefolje").post(
        "/metoder/ny/", {"name": "Smartby for skoler", "copy_from": str(source.pk)}
    )
    copy = Method.objects.get(municipality=stavanger, name="Smartby for skoler")
    assert copy.versions.get().criteria.count() == 3


def test_a_new_method_cannot_copy_another_municipalitys(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    before = methods_state()
    response = login("portefolje").post(
        "/metoder/ny/", {"name": "Kopi", "copy_from": str(_method(bergen).pk)}
    )
    assert response.status_code == 400
    assert methods_state() == before


def test_a_method_name_already_used_is_refused(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    method = _method(stavanger, "Smartbyprosessen")
    before = methods_state()
    response = login("admin").post(
        f"/metoder/{method.pk}/endre/", {"name": "Prosjektveiviseren", "is_linear": ""}
    )
    assert response.status_code == 400
    assert methods_state() == before


def test_the_list_offers_a_new_method_to_the_portfolio_office_only(
    login: Callable[[str], Client],
) -> None:
    assert 'id="new-method"' in login("portefolje").get("/metoder/").content.decode()
    assert 'id="new-method"' not in login("leser").get("/metoder/").content.decode()


@pytest.mark.parametrize("username", ["leser", "portefolje"])
def test_nothing_user_written_is_rendered_as_html(
    username: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    version = _pv_draft(stavanger)
    checklist_item_create(
        actor=None,
        phase=version.phases.get(name="Idé"),
        text="<script>alert(1)</script>",
        source=ChecklistSource.OWN,
        levels=list(version.levels.all()),
    )
    method_version_publish(actor=None, version=version)
    body = login(username).get(f"/metoder/versjon/{version.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_draft_page_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    small = draft(stavanger, "Lett metode for små forbedringer")
    large = _pv_draft(stavanger)
    assert count_queries(client, f"/metoder/versjon/{small.pk}/rediger/") == count_queries(
        client, f"/metoder/versjon/{large.pk}/rediger/"
    )
