"""The risk register page: highest score first, the closed ones on request, and a 5×5 matrix
with a count in every cell; adding and changing, with history; bad numbers refused."""

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils.translation import gettext as _

from helhet.organization.models import Municipality
from helhet.projects.models import Risk
from helhet.projects.services.risks import risk_create, risk_update
from tests.conftest import count_queries
from tests.projects.projectwork import RISK_TITLE, projects_state, risk, the_project, user

Login = Callable[[str], Client]


def _url(pk: int, suffix: str = "") -> str:
    return f"/prosjekter/{pk}/usikkerheter/{suffix}"


def _add(
    stavanger: Municipality, title: str, probability: int, consequence: int, **more: Any
) -> Risk:
    return risk_create(
        actor=None,
        initiative=the_project(stavanger),
        title=title,
        probability=probability,
        consequence=consequence,
        **more,
    )


def _form(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "risk",
        "title": "Personvernkonsekvensene er ikke vurdert",
        "description": "",
        "probability": "4",
        "consequence": "5",
        "owner": "",
        "measures": "DPIA før pilot.",
        "status": "open",
        **fields,
    }


def test_the_register_lists_the_highest_score_first(stavanger: Municipality, login: Login) -> None:
    risk(stavanger)  # 3 × 4 = 12
    _add(stavanger, "Lav", 1, 2)
    _add(stavanger, "Høy", 5, 4)
    _add(stavanger, "Lukket", 5, 5, status="closed")
    response = login("leser").get(_url(the_project(stavanger).pk))
    assert response.status_code == 200
    assert [r.title for r in response.context["risks"]] == ["Høy", RISK_TITLE, "Lav"]
    body = response.content.decode()
    assert "20 · " + _("High") in body
    assert "Lukket" not in body


def test_all_shows_the_closed_ones_too(stavanger: Municipality, login: Login) -> None:
    _add(stavanger, "Lukket", 5, 5, status="closed")
    response = login("leser").get(_url(the_project(stavanger).pk) + "?show=all")
    assert [r.title for r in response.context["risks"]] == ["Lukket"]
    assert response.context["closed_count"] == 1


def test_the_matrix_counts_the_open_ones_per_cell(stavanger: Municipality, login: Login) -> None:
    risk(stavanger)  # probability 3, consequence 4
    _add(stavanger, "Også 3 og 4", 3, 4, status="handling")
    _add(stavanger, "Lukket", 3, 4, status="closed")
    response = login("leser").get(_url(the_project(stavanger).pk))
    (matrix,) = response.context["matrices"]  # no opportunities: one matrix
    assert matrix.total == 2
    assert [row.probability for row in matrix.rows] == [5, 4, 3, 2, 1]
    cell = matrix.rows[2].cells[3]
    assert (cell.probability, cell.consequence, cell.count, cell.level) == (3, 4, 2, "medium")
    body = response.content.decode()
    assert "<caption>" in body and 'scope="row"' in body and 'scope="col"' in body


def test_opportunities_get_their_own_matrix(stavanger: Municipality, login: Login) -> None:
    _add(stavanger, "Gjenbruk i Sandnes", 4, 4, kind="opportunity")
    response = login("leser").get(_url(the_project(stavanger).pk))
    kinds = [(matrix.kind, matrix.total) for matrix in response.context["matrices"]]
    assert kinds == [("risk", 0), ("opportunity", 1)]


def test_a_reader_is_not_offered_to_add_or_change(stavanger: Municipality, login: Login) -> None:
    found = risk(stavanger)
    body = login("leser").get(_url(found.initiative_id)).content.decode()
    assert _url(found.initiative_id, "ny/") not in body
    assert f"/prosjekter/usikkerheter/{found.pk}/endre/" not in body
    assert f"/prosjekter/usikkerheter/{found.pk}/historikk/" in body


def test_the_project_leader_adds_a_risk(stavanger: Municipality, login: Login) -> None:
    initiative = the_project(stavanger)
    response = login("prosjektleder").post(
        _url(initiative.pk, "ny/"), _form(owner=str(user("eier").pk))
    )
    assert response.status_code == 302
    assert response["Location"] == _url(initiative.pk)
    created = Risk.objects.get(initiative=initiative)
    assert (created.score, created.owner, created.measures) == (20, user("eier"), "DPIA før pilot.")


def test_the_new_opportunity_button_preselects_the_kind(
    stavanger: Municipality, login: Login
) -> None:
    response = login("prosjektleder").get(
        _url(the_project(stavanger).pk, "ny/") + "?kind=opportunity"
    )
    assert response.context["form"]["kind"].value() == "opportunity"


def _refused(login: Login, stavanger: Municipality, **fields: Any) -> Any:
    initiative = the_project(stavanger)
    before = projects_state()
    response = login("prosjektleder").post(_url(initiative.pk, "ny/"), _form(**fields))
    assert response.status_code == 400
    assert projects_state() == before
    return response


def test_a_probability_of_6_answers_400_with_the_reason(
    stavanger: Municipality, login: Login
) -> None:
    response = _refused(login, stavanger, probability="6")
    assert response.context["form"].errors["probability"] == [
        _("Enter a whole number from 1 to 5.")
    ]


def test_a_consequence_of_0_answers_400(stavanger: Municipality, login: Login) -> None:
    response = _refused(login, stavanger, consequence="0")
    assert "consequence" in response.context["form"].errors


def test_text_for_the_probability_answers_400(stavanger: Municipality, login: Login) -> None:
    response = _refused(login, stavanger, probability="høy")
    assert response.context["form"].errors["probability"] == [
        _("Enter a whole number from 1 to 5.")
    ]
    assert 'id="error-summary"' in response.content.decode()


def test_an_owner_from_another_municipality_answers_400(
    stavanger: Municipality, login: Login
) -> None:
    response = _refused(login, stavanger, owner=str(user("bergen-admin").pk))
    assert "owner" in response.context["form"].errors


def test_a_change_shows_in_the_history(stavanger: Municipality, login: Login) -> None:
    found = risk(stavanger)
    response = login("eier").post(
        f"/prosjekter/usikkerheter/{found.pk}/endre/",
        _form(title=found.title, probability="1", consequence="4", status="closed"),
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.probability, found.status) == (1, "closed")
    history = login("leser").get(f"/prosjekter/usikkerheter/{found.pk}/historikk/")
    changes = {
        change.field: (change.old, change.new) for change in history.context["entries"][0].changes
    }
    assert changes["Status"] == (_("Open"), _("Closed"))
    assert history.context["entries"][0].who == "Øyvind Tjelta"


def test_the_register_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Login
) -> None:
    client = login("leser")
    path = _url(the_project(stavanger).pk) + "?show=all"
    risk(stavanger)
    few = count_queries(client, path)
    for number in range(10):
        found = _add(
            stavanger, f"Risiko {number}", number % 5 + 1, 5 - number % 5, owner=user("eier")
        )
        if number % 3 == 0:
            risk_update(
                actor=None,
                risk=found,
                kind="opportunity",
                title=found.title,
                description="",
                probability=found.probability,
                consequence=found.consequence,
                owner=found.owner,
                measures="",
                status="closed" if number % 2 else "handling",
            )
    assert count_queries(client, path) == few
