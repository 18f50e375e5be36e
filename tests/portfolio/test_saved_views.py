"""Saved views of the portfolio overview: save the filters under a name, share them, use them from
the overview, delete one's own."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import SavedView
from helhet.portfolio.services import saved_view_create
from tests.portfolio.conftest import MakeInitiative

CREATE = "/portefolje/visninger/ny/"


@pytest.fixture(autouse=True)
def _an_initiative(make_initiative: MakeInitiative) -> None:
    """An empty portfolio shows only an invitation to register; the views need something."""
    make_initiative("Spider", owning_unit="E-helse og velferdsteknologi")


def delete_path(view: SavedView) -> str:
    return f"/portefolje/visninger/{view.pk}/slett/"


def saved(
    municipality: Municipality,
    owner: str,
    name: str,
    *,
    query: str = "kind=project",
    shared: bool = False,
) -> SavedView:
    return SavedView.objects.create(
        municipality=municipality,
        owner=User.objects.get(username=owner),
        name=name,
        query=query,
        shared=shared,
    )


def test_saving_keeps_the_filters_under_a_name_and_returns_to_the_filtered_overview(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("portefolje").post(
        CREATE,
        {"name": "Aktive Smartby-prosjekter", "query": "kind=project&status=active&sort=-cost"},
    )

    view = SavedView.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/portefolje/?kind=project&status=active&sort=-cost"
    assert view.name == "Aktive Smartby-prosjekter"
    assert view.owner.username == "portefolje"
    assert view.municipality == stavanger
    assert view.query == "kind=project&status=active&sort=-cost"
    assert not view.shared


def test_the_page_number_and_empty_filters_are_not_saved(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    login("portefolje").post(
        CREATE, {"name": "Prosjekter", "query": "q=&unit=&kind=project&page=3&stale="}
    )

    assert SavedView.objects.get().query == "kind=project"


@pytest.mark.parametrize("username", ["direktor", "gevinsteier", "prosjektleder"])
def test_any_member_but_a_reader_may_save_and_share_a_view(
    username: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login(username).post(
        CREATE, {"name": "Uten ROS", "query": "without_ros=on", "shared": "on"}
    )

    assert response.status_code == 302
    assert SavedView.objects.get(owner__username=username).shared


def test_the_overview_carries_its_current_filters_into_the_save_form(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    body = login("leser").get("/portefolje/", {"kind": "idea", "page": "2"}).content.decode()

    assert f'action="{CREATE}"' in body
    assert '<input type="hidden" name="query" value="kind=idea"' in body


def test_the_save_page_shows_the_form_for_the_filters_in_its_address(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("leser").get(CREATE, {"status": "paused", "page": "4"})
    body = response.content.decode()

    assert response.status_code == 200
    assert '<input type="hidden" name="query" value="status=paused"' in body
    assert 'href="/portefolje/?status=paused"' in body  # cancel goes back to the same filters


def test_a_view_without_a_name_is_refused_and_nothing_is_saved(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("portefolje").post(CREATE, {"name": " ", "query": "kind=project"})

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert not SavedView.objects.exists()


def test_a_second_view_with_the_same_name_is_refused(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    saved(stavanger, "portefolje", "Mine prosjekter")

    response = login("portefolje").post(CREATE, {"name": "Mine prosjekter", "query": "stale=on"})

    assert response.status_code == 400
    assert 'href="#id_name"' in response.content.decode()
    assert SavedView.objects.get().query == "kind=project"


def test_another_person_may_use_the_same_name(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    saved(stavanger, "portefolje", "Mine prosjekter")

    response = login("direktor").post(CREATE, {"name": "Mine prosjekter", "query": ""})

    assert response.status_code == 302
    assert response["Location"] == "/portefolje/"
    assert SavedView.objects.count() == 2


def test_the_overview_lists_own_views_and_shared_ones_but_not_others_private_views(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    saved(stavanger, "direktor", "Mitt private utvalg", query="kind=idea")
    saved(stavanger, "portefolje", "Delt med alle", query="stale=on", shared=True)
    saved(stavanger, "portefolje", "Porteføljekontorets eget")
    saved(bergen, "bergen-admin", "Bergens delte", shared=True)

    body = login("direktor").get("/portefolje/").content.decode()

    assert 'href="/portefolje/?kind=idea">Mitt private utvalg</a>' in body
    assert 'href="/portefolje/?stale=on">Delt med alle</a>' in body
    assert "Lars Eide" in body  # who shared it
    assert "Porteføljekontorets eget" not in body
    assert "Bergens delte" not in body


def test_only_ones_own_views_have_a_delete_link(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    own = saved(stavanger, "direktor", "Mitt utvalg")
    shared = saved(stavanger, "portefolje", "Delt med alle", shared=True)

    body = login("direktor").get("/portefolje/").content.decode()

    assert f'href="{delete_path(own)}"' in body
    assert f'href="{delete_path(shared)}"' not in body


def test_the_view_in_use_is_marked_as_current(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    saved(stavanger, "direktor", "Ideer", query="kind=idea")

    body = login("direktor").get("/portefolje/?kind=idea").content.decode()

    assert 'href="/portefolje/?kind=idea" aria-current="true">Ideer</a>' in body


def test_a_views_name_is_shown_as_text_never_as_html(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    saved(stavanger, "direktor", "<b>Viktig</b>", query='"><script>alert(1)</script>')

    body = login("direktor").get("/portefolje/").content.decode()

    assert "&lt;b&gt;Viktig&lt;/b&gt;" in body
    assert "<script>alert(1)" not in body


def test_the_owner_is_asked_to_confirm_before_deleting(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    view = saved(stavanger, "direktor", "Mitt utvalg")

    response = login("direktor").get(delete_path(view))

    assert response.status_code == 200
    assert "Mitt utvalg" in response.content.decode()
    assert SavedView.objects.filter(pk=view.pk).exists()


def test_the_owner_deletes_a_view(stavanger: Municipality, login: Callable[[str], Client]) -> None:
    view = saved(stavanger, "direktor", "Mitt utvalg", shared=True)

    response = login("direktor").post(delete_path(view))

    assert response.status_code == 302
    assert response["Location"] == "/portefolje/"
    assert not SavedView.objects.exists()


def test_someone_elses_private_view_does_not_exist_for_others(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    view = saved(stavanger, "direktor", "Mitt utvalg")
    client = login("portefolje")

    assert client.get(delete_path(view)).status_code == 404
    assert client.post(delete_path(view)).status_code == 404
    assert SavedView.objects.filter(pk=view.pk).exists()


def test_someone_elses_shared_view_may_not_be_deleted(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    view = saved(stavanger, "direktor", "Delt utvalg", shared=True)
    client = login("admin")

    assert client.get(delete_path(view)).status_code == 403
    assert client.post(delete_path(view)).status_code == 403
    assert SavedView.objects.filter(pk=view.pk).exists()


def test_another_municipalitys_shared_view_is_not_found(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    view = saved(stavanger, "admin", "Stavangers delte", shared=True)
    client = login("bergen-admin")

    assert client.get(delete_path(view)).status_code == 404
    assert client.post(delete_path(view)).status_code == 404
    assert SavedView.objects.filter(pk=view.pk).exists()


def test_saving_does_not_accept_get_parameters_as_a_write(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("portefolje").get(CREATE, {"name": "Via lenke", "query": "kind=idea"})

    assert response.status_code == 200
    assert not SavedView.objects.exists()


def test_a_reader_cannot_share_a_view_with_the_municipality(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("leser")
    assert "shared" not in client.get(CREATE).context["form"].fields
    assert "shared" not in client.get("/portefolje/").context["save_form"].fields
    response = client.post(
        CREATE, {"name": "Alle prosjekter", "query": "kind=project", "shared": "on"}
    )
    assert response.status_code == 302
    assert SavedView.objects.get(name="Alle prosjekter").shared is False


def test_the_service_refuses_a_reader_sharing_a_view(stavanger: Municipality) -> None:
    with pytest.raises(ValidationError) as refused:
        saved_view_create(
            actor=User.objects.get(username="leser"),
            municipality=stavanger,
            name="Alle prosjekter",
            query="kind=project",
            shared=True,
        )
    assert list(refused.value.message_dict) == ["shared"]
    assert not SavedView.objects.exists()
