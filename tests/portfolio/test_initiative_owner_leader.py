"""Who owns and leads an initiative (issue 12, items 1 and 4): only the project owner, the
portfolio office and the administrator change them, never the project leader, in the form and
the API alike; the pickers offer only people whose role allows the task, with role and unit
beside the name; one person is not both unless the method's level allows it; registering as a
project leader or owner makes one the leader or owner, in the browser and the API alike."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import initiative_update
from tests.api.portfolio_helpers import make_initiative
from tests.conftest import unit_named
from tests.portfolio.initiative_fixtures import edit_form, portfolio_state
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db

Headers = Callable[[str], dict[str, str]]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _led_by_prosjektleder(stavanger: Municipality) -> Initiative:
    return make_initiative(
        stavanger,
        "Velferdsteknologi",
        project_owner=_user("eier"),
        project_leader=_user("prosjektleder"),
    )


def _edit(initiative: Initiative) -> str:
    return f"/portefolje/tiltak/{initiative.pk}/endre/"


def _api(initiative: Initiative) -> str:
    return f"/api/v1/initiatives/{initiative.pk}"


def _patch(initiative: Initiative, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().patch(_api(initiative), data, content_type="application/json", headers=headers)


# --- Who changes the owner and the leader ------------------------------------------------------


def test_the_project_leader_cannot_make_themselves_owner_through_the_api(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    before = portfolio_state()
    response = _patch(
        initiative, {"version": 1, "project_owner": "prosjektleder"}, api_headers("prosjektleder")
    )
    assert response.status_code == 403
    assert "prosjekteieren" in response.json()["detail"].lower()
    assert portfolio_state() == before


def test_the_project_leader_still_changes_the_rest_through_the_api(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    response = _patch(
        initiative,
        {"version": 1, "need": "Færre besøk", "project_owner": "eier"},
        api_headers("prosjektleder"),
    )
    assert response.status_code == 200


def test_the_project_leaders_form_does_not_let_them_change_owner_or_leader(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    client = login("prosjektleder")
    form = client.get(_edit(initiative)).context["form"]
    assert form.fields["project_owner"].disabled
    assert form.fields["project_leader"].disabled
    response = client.post(
        _edit(initiative),
        edit_form(
            initiative,
            project_owner=str(_user("prosjektleder").pk),
            project_leader="",
            need="Færre besøk",
        ),
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.project_owner, initiative.project_leader) == (
        _user("eier"),
        _user("prosjektleder"),
    )
    assert initiative.need == "Færre besøk"


def test_the_service_refuses_the_project_leader_changing_owner(stavanger: Municipality) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    with pytest.raises(PermissionDenied):
        initiative_update(
            actor=_user("prosjektleder"),
            initiative=initiative,
            expected_version=1,
            fields={"project_owner": _user("prosjektleder")},
        )


@pytest.mark.parametrize("username", ["eier", "portefolje", "admin"])
def test_the_owner_the_portfolio_office_and_the_administrator_change_the_leader(
    username: str, stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    response = _patch(
        initiative, {"version": 1, "project_leader": "portefolje"}, api_headers(username)
    )
    assert response.status_code == 200, response.content
    assert response.json()["project_leader"]["username"] == "portefolje"


# --- Whom the role allows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "username"),
    [
        ("project_owner", "leser"),
        ("project_owner", "prosjektleder"),
        ("project_owner", "admin"),
        ("project_owner", "gevinsteier"),
        ("project_leader", "leser"),
        ("project_leader", "gevinsteier"),
        ("project_leader", "direktor"),
    ],
)
def test_a_person_whose_role_does_not_allow_the_task_cannot_be_chosen(
    field: str, username: str, stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    response = _patch(initiative, {"version": 1, field: username}, api_headers("portefolje"))
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_one_person_is_not_both_owner_and_leader(
    stavanger: Municipality, api_headers: Headers
) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    response = _patch(initiative, {"version": 1, "project_leader": "eier"}, api_headers("eier"))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["project_leader"]


def test_the_light_methods_level_lets_one_person_own_and_lead(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Ny rutine", method="Lett metode for små forbedringer")
    changed = initiative_update(
        actor=_user("eier"),
        initiative=initiative,
        expected_version=initiative.version,
        fields={"project_leader": _user("eier")},
    )
    assert changed.project_leader == _user("eier")


def test_the_pickers_offer_only_those_whose_role_allows_the_task_with_role_and_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = _led_by_prosjektleder(stavanger)
    response = login("portefolje").get(_edit(initiative))
    form = response.context["form"]
    owners = {user.username for user in form.fields["project_owner"].queryset}
    leaders = {user.username for user in form.fields["project_leader"].queryset}
    contacts = {user.username for user in form.fields["contacts"].queryset}
    assert owners == {"eier", "direktor", "portefolje"}
    assert leaders == {"prosjektleder", "eier", "portefolje", "admin"}
    assert "leser" not in contacts
    body = response.content.decode()
    assert "Hanne Vik (Prosjektleder, E-helse og velferdsteknologi)" in body
    assert "Gunn Bø" not in body


# --- Registering ---------------------------------------------------------------------------------


def _register(headers: dict[str, str], stavanger: Municipality, **extra: Any) -> Any:
    body = {
        "name": "Digital nattpatrulje",
        "kind": "project",
        "owning_unit": unit_named(stavanger, "E-helse og velferdsteknologi").pk,
        **extra,
    }
    return Client().post(
        "/api/v1/initiatives", body, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize(
    ("username", "field"), [("prosjektleder", "project_leader"), ("eier", "project_owner")]
)
def test_registering_through_the_api_makes_a_leader_or_owner_its_leader_or_owner(
    username: str, field: str, stavanger: Municipality, api_headers: Headers
) -> None:
    response = _register(api_headers(username), stavanger)
    assert response.status_code == 201, response.content
    assert response.json()[field]["username"] == username
    # ... so they may go on to change it, as in the browser.
    initiative = Initiative.objects.get(name="Digital nattpatrulje")
    patched = _patch(initiative, {"version": 1, "need": "Tryggere netter"}, api_headers(username))
    assert patched.status_code == 200


def test_registering_in_the_browser_makes_a_leader_its_leader(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("prosjektleder").post(
        "/portefolje/tiltak/ny/",
        {
            "name": "Digital nattpatrulje",
            "kind": "project",
            "owning_unit": str(unit_named(stavanger, "E-helse og velferdsteknologi").pk),
        },
    )
    assert response.status_code == 302
    assert Initiative.objects.get(name="Digital nattpatrulje").project_leader == _user(
        "prosjektleder"
    )


def test_a_project_leader_cannot_name_an_owner_when_registering_through_the_api(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = _register(api_headers("prosjektleder"), stavanger, project_owner="prosjektleder")
    assert response.status_code == 403
    assert not Initiative.objects.filter(name="Digital nattpatrulje").exists()


def test_a_project_owner_registering_may_name_the_leader(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = _register(api_headers("eier"), stavanger, project_leader="prosjektleder")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["project_owner"]["username"], body["project_leader"]["username"]) == (
        "eier",
        "prosjektleder",
    )


def test_a_reader_cannot_be_registered_as_owner(
    stavanger: Municipality, api_headers: Headers
) -> None:
    response = _register(api_headers("portefolje"), stavanger, project_owner="leser")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["project_owner"]
    with pytest.raises(ValidationError):
        make_initiative(stavanger, "Noe annet", project_owner=_user("leser"))
