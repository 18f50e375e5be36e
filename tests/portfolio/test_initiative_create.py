"""Registering an initiative in under a minute: name, kind, owning unit."""

from collections.abc import Callable

from django.test import Client

from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from tests.conftest import unit_named
from tests.portfolio.initiative_fixtures import portfolio_state

URL = "/portefolje/tiltak/ny/"


def _form(stavanger: Municipality, **changes: str) -> dict[str, str]:
    return {
        "name": "Kvikktest Øyriket",
        "kind": InitiativeKind.PROJECT,
        "owning_unit": str(unit_named(stavanger, "Smartby").pk),
        **changes,
    }


def test_the_form_asks_only_name_kind_owning_unit_and_description(
    login: Callable[[str], Client],
) -> None:
    response = login("portefolje").get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields) == ["name", "kind", "owning_unit", "short_description"]


def test_the_owning_units_are_listed_in_tree_order_below_their_parents(
    login: Callable[[str], Client],
) -> None:
    body = login("portefolje").get(URL).content.decode()
    assert body.index("Innovasjon og støttetjenester") < body.index("IT-avdelingen")
    assert body.index("IT-avdelingen") < body.index("Systemforvaltning")


def test_the_portfolio_office_registers_with_the_minimum_and_lands_on_the_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    response = client.post(URL, _form(stavanger))

    initiative = Initiative.objects.get(name="Kvikktest Øyriket")
    assert response.status_code == 302
    assert response["Location"] == f"/portefolje/tiltak/{initiative.pk}/"
    assert initiative.municipality == stavanger
    assert initiative.project_leader is None
    page = client.get(response["Location"])
    assert "Kvikktest Øyriket" in page.content.decode()
    assert [str(m) for m in page.context["messages"]]


def test_a_project_leader_who_registers_becomes_its_leader_and_may_change_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    client.post(URL, _form(stavanger))

    initiative = Initiative.objects.get(name="Kvikktest Øyriket")
    assert initiative.project_leader is not None
    assert initiative.project_leader.username == "prosjektleder"
    assert client.get(f"/portefolje/tiltak/{initiative.pk}/endre/").status_code == 200


def test_a_project_owner_who_registers_becomes_its_owner(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    login("eier").post(URL, _form(stavanger))
    initiative = Initiative.objects.get(name="Kvikktest Øyriket")
    assert initiative.project_owner is not None
    assert initiative.project_owner.username == "eier"
    assert initiative.project_leader is None


def test_without_a_name_nothing_is_registered(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("portefolje").post(URL, _form(stavanger, name=""))
    assert response.status_code == 400
    assert portfolio_state() == before


def test_a_name_already_in_use_is_refused_on_the_name_field(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    client.post(URL, _form(stavanger))
    before = portfolio_state()

    response = client.post(URL, _form(stavanger, name="KVIKKTEST Øyriket"))

    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert portfolio_state() == before


def test_a_unit_of_another_municipality_is_not_a_choice(
    bergen: Municipality, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    before = portfolio_state()
    response = login("portefolje").post(
        URL,
        _form(stavanger, owning_unit=str(unit_named(bergen, "Digitaliseringsavdelingen").pk)),
    )
    assert response.status_code == 400
    assert "owning_unit" in response.context["form"].errors
    assert portfolio_state() == before
