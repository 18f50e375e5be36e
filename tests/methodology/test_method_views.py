"""The methods pages: the list of the municipality's methods and one method's current version."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.demo.municipalities import STAVANGER_USERS
from helhet.methodology.editing.drafts import method_version_draft_create, method_version_publish
from helhet.methodology.editing.phases import phase_delete
from helhet.methodology.models import Method, MethodVersion
from helhet.organization.models import Municipality
from tests.conftest import count_queries
from tests.projects.matrix_projects import project

USERNAMES = [user.username for user in STAVANGER_USERS]


def _method(municipality: Municipality, name: str = "Prosjektveiviseren") -> Method:
    return Method.objects.get(municipality=municipality, name=name)


@pytest.mark.parametrize("username", USERNAMES)
def test_every_role_sees_the_list_of_methods(username: str, login: Callable[[str], Client]) -> None:
    response = login(username).get("/metoder/")
    body = response.content.decode()
    assert response.status_code == 200
    for name in ("Prosjektveiviseren", "Smartbyprosessen", "Lett metode for små forbedringer"):
        assert name in body


@pytest.mark.parametrize("username", USERNAMES)
def test_every_role_sees_a_method(
    username: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login(username).get(f"/metoder/{_method(stavanger).pk}/")
    assert response.status_code == 200
    assert "Godkjenne mandat for konseptfasen" in response.content.decode()


def test_the_list_shows_phases_and_origin(login: Callable[[str], Client]) -> None:
    rows = {row.method.name: row for row in login("leser").get("/metoder/").context["rows"]}
    assert rows["Prosjektveiviseren"].phase_count == 6
    assert rows["Prosjektveiviseren"].version.number == 1
    assert rows["Smartbyprosessen"].phase_count == 4
    assert "Digdir Prosjektveiviseren" in login("leser").get("/metoder/").content.decode()


def test_the_menu_leads_to_the_methods(login: Callable[[str], Client]) -> None:
    nav = login("leser").get("/").context["nav_items"]
    assert "/metoder/" in [item["url"] for item in nav]


def test_the_method_page_shows_levels_with_their_limits(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    body = login("prosjektleder").get(f"/metoder/{_method(stavanger).pk}/").content.decode()
    assert "1 300 000 kr" in body or "1\xa0300\xa0000 kr" in body
    assert "Stor" in body


def test_the_method_page_shows_each_phase_with_checklist_and_documents(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    layout = login("eier").get(f"/metoder/{_method(stavanger).pk}/").context["layout"]
    assert [item.phase.name for item in layout.phases][:3] == ["Idé", "Konsept", "Planlegge"]
    first = layout.phases[0]
    assert first.decision_points[0].decision_point.code == "BP1"
    assert [row.requirement.name for row in first.documents] == ["Mandat for konseptfasen"]
    assert first.documents[0].required == [True, True, True]


def test_a_document_only_large_projects_need_is_marked_per_level(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    layout = login("eier").get(f"/metoder/{_method(stavanger).pk}/").context["layout"]
    concept = layout.phases[1]
    rows = {row.requirement.name: row.required for row in concept.documents}
    assert rows["Faseplan for planleggingsfasen"] == [False, False, True]


def test_the_method_page_shows_the_current_version_only(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    method = _method(stavanger)
    MethodVersion.objects.filter(method=method).update(is_current=False)
    MethodVersion.objects.create(municipality=stavanger, method=method, number=2, is_current=True)

    response = login("leser").get(f"/metoder/{method.pk}/")

    assert response.context["layout"].version.number == 2
    assert "Godkjenne mandat for konseptfasen" not in response.content.decode()


def test_another_municipalitys_method_is_not_found(
    bergen: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("admin").get(f"/metoder/{_method(bergen).pk}/")
    assert response.status_code == 404


def test_the_list_shows_only_the_own_municipalitys_methods(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    Method.objects.create(municipality=stavanger, name="Stavangers egen metode")
    body = login("bergen-admin").get("/metoder/").content.decode()
    assert "Stavangers egen metode" not in body


def test_the_list_makes_as_many_queries_for_many_methods_as_for_few(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    few = count_queries(client, "/metoder/")
    for number in range(20):
        method = Method.objects.create(municipality=stavanger, name=f"Metode {number}")
        MethodVersion.objects.create(
            municipality=stavanger, method=method, number=1, is_current=True
        )
    assert count_queries(client, "/metoder/") == few


def test_the_method_page_makes_a_fixed_number_of_queries(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    small = count_queries(
        login("portefolje"),
        f"/metoder/{_method(stavanger, 'Lett metode for små forbedringer').pk}/",
    )
    large = count_queries(login("portefolje"), f"/metoder/{_method(stavanger).pk}/")
    assert small == large


# --- The version history ------------------------------------------------------------------------


def _publish_new_version(method: Method) -> MethodVersion:
    draft = method_version_draft_create(actor=None, method=method)
    return method_version_publish(actor=None, version=draft)


def test_the_method_page_lists_its_versions_with_the_projects_on_each(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    method = _method(stavanger)
    project(stavanger, "Trygghetsalarm")
    _publish_new_version(method)
    project(stavanger, "Digital postkasse")
    project(stavanger, "Saksbehandling")

    response = login("leser").get(f"/metoder/{method.pk}/")

    rows = [(v.number, v.is_current, v.project_count) for v in response.context["versions"]]
    assert rows == [(2, True, 2), (1, False, 1)]
    assert 'id="version-1"' in response.content.decode()


def test_a_reader_does_not_see_the_draft(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    method = _method(stavanger)
    draft = method_version_draft_create(actor=None, method=method)
    client = login("leser")
    assert [v.number for v in client.get(f"/metoder/{method.pk}/").context["versions"]] == [1]
    assert client.get(f"/metoder/versjon/{draft.pk}/").status_code == 404


def test_an_earlier_version_is_shown_as_it_was(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    method = _method(stavanger)
    first = method.versions.get(is_current=True)
    draft = method_version_draft_create(actor=None, method=method)
    phase_delete(actor=None, phase=draft.phases.get(name="Idé"))
    method_version_publish(actor=None, version=draft)
    client = login("prosjektleder")

    old = client.get(f"/metoder/versjon/{first.pk}/")
    new = client.get(f"/metoder/{method.pk}/")

    assert "Godkjenne mandat for konseptfasen" in old.content.decode()
    assert old.context["layout"].phases[0].phase.name == "Idé"
    assert new.context["layout"].phases[0].phase.name == "Konsept"


def test_another_municipalitys_version_is_not_found(
    bergen: Municipality, login: Callable[[str], Client]
) -> None:
    version = _method(bergen).versions.get(is_current=True)
    assert login("admin").get(f"/metoder/versjon/{version.pk}/").status_code == 404


def test_the_version_history_makes_as_many_queries_for_many_versions_as_for_few(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    method = _method(stavanger, "Lett metode for små forbedringer")
    client = login("portefolje")
    few = count_queries(client, f"/metoder/{method.pk}/")
    for _ in range(5):
        _publish_new_version(method)
    project(stavanger, "Trygghetsalarm", method=method.name)
    method_version_draft_create(actor=None, method=method)
    assert count_queries(client, f"/metoder/{method.pk}/") == few
