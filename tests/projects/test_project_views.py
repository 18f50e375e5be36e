"""A project's method pages: choosing the method with a suggested level, where the project
stands, asking for a decision, deciding, the decision log and the decisions waiting list."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.models import Decision, DecisionRequest, ProjectMethod
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.conftest import count_queries, unit_named
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import current, level, project

Login = Callable[[str], Client]


def _approve(initiative: Initiative, by: str = "eier") -> None:
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    decision_make(
        actor=User.objects.get(username=by),
        request=DecisionRequest.objects.get(initiative=initiative, status="pending"),
        outcome="approved",
    )


def _phase(initiative: Initiative) -> str:
    return ProjectMethod.objects.get(initiative=initiative).current_phase.name


def test_the_choose_page_suggests_a_level_from_cost_and_duration(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(
        stavanger,
        "Trygghetsalarm",
        method=None,
        estimated_cost=Decimal("5000000"),
        planned_start=date(2027, 1, 1),
        planned_end=date(2027, 12, 31),
    )
    response = login("prosjektleder").get(f"/prosjekter/{initiative.pk}/velg-metode/")
    assert response.status_code == 200
    suggested = {version.method.name: lvl for version, lvl in response.context["suggestions"]}
    assert suggested["Prosjektveiviseren"].code == "middels"
    assert response.context["months"] == 12
    form = response.context["form"]
    version, suggested_level = response.context["suggested"]
    assert form.initial == {"version": version.pk, "level": suggested_level.pk}
    assert f'<option value="{suggested_level.pk}" selected>' in response.content.decode()
    offered = [value for value, _ in form.fields["level"].choices if value]
    assert offered == list(version.levels.values_list("pk", flat=True))


def test_the_suggested_method_is_the_one_the_owning_units_projects_run_on(
    stavanger: Municipality, login: Login
) -> None:
    smartby = unit_named(stavanger, "Smartby")
    other = project(stavanger, "Kvikktest Hundvåg", method="Smartbyprosessen")
    initiative = project(stavanger, "Sensorer i sentrum", method=None)
    Initiative.objects.filter(pk__in=[other.pk, initiative.pk]).update(owning_unit=smartby)
    response = login("prosjektleder").get(f"/prosjekter/{initiative.pk}/velg-metode/")
    version, _level = response.context["suggested"]
    assert version.method.name == "Smartbyprosessen"
    assert response.context["form"].initial["version"] == version.pk


def test_asking_for_another_method_shows_its_levels_with_the_suggested_one_chosen(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None, estimated_cost=Decimal(5000000))
    version = current(stavanger)
    client = login("prosjektleder")
    response = client.get(f"/prosjekter/{initiative.pk}/velg-metode/?version={version.pk}")
    assert response.context["form"].initial["level"] == level(version, "middels").pk
    response = client.post(
        f"/prosjekter/{initiative.pk}/velg-metode/", {"version": version.pk, "show_levels": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["level"] == level(version, "middels").pk
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()


def test_the_project_leader_chooses_the_method(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    version = current(stavanger)
    response = login("prosjektleder").post(
        f"/prosjekter/{initiative.pk}/velg-metode/",
        {"version": version.pk, "level": level(version, "stor").pk},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/prosjekter/{initiative.pk}/"
    run = ProjectMethod.objects.get(initiative=initiative)
    assert (run.version, run.level.code, run.current_phase.name) == (version, "stor", "Idé")


def test_a_level_of_another_method_answers_400_and_changes_nothing(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    smartby = current(stavanger, "Smartbyprosessen")
    response = login("prosjektleder").post(
        f"/prosjekter/{initiative.pk}/velg-metode/",
        {"version": current(stavanger).pk, "level": level(smartby).pk},
    )
    assert response.status_code == 400
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()
    # The form comes back with the chosen method's suggested level in place of the other one.
    form = response.context["form"]
    assert form.data["level"] == str(level(current(stavanger)).pk)
    assert "level" in form.errors


def test_someone_who_may_not_change_the_initiative_cannot_choose(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", owner=None, leader=None, method=None)
    version = current(stavanger)
    response = login("prosjektleder").post(
        f"/prosjekter/{initiative.pk}/velg-metode/",
        {"version": version.pk, "level": level(version).pk},
    )
    assert response.status_code == 403
    assert not ProjectMethod.objects.exists()


def test_the_project_page_marks_the_current_phase_and_lists_what_the_decision_needs(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    _approve(initiative)
    response = login("leser").get(f"/prosjekter/{initiative.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('aria-current="step"') == 1
    steps = [step for step in response.context["status"].phases if step.is_current]
    assert [step.phase.name for step in steps] == ["Konsept"]
    status = response.context["status"]
    assert status.decision_point.code == "BP2"
    assert status.documents, "the concept phase requires documents at level Liten"
    for requirement in status.documents:
        assert requirement.name in body
    assert 'id="ask-form"' not in body  # a reader may not ask


def test_the_project_leader_asks_for_a_decision(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    fill_required_documents(initiative)
    response = login("prosjektleder").post(
        f"/prosjekter/{initiative.pk}/be-om-beslutning/", {"note": "Mandatet er klart."}
    )
    assert response.status_code == 302
    request = DecisionRequest.objects.get(initiative=initiative)
    assert (request.status, request.decision_point.code, request.note) == (
        "pending",
        "BP1",
        "Mandatet er klart.",
    )


def test_asking_twice_answers_400(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    response = login("prosjektleder").post(f"/prosjekter/{initiative.pk}/be-om-beslutning/")
    assert response.status_code == 400
    assert _("A decision request is already waiting for this project.") in (
        response.content.decode()
    )
    assert DecisionRequest.objects.filter(initiative=initiative).count() == 1


def test_only_the_project_owner_sees_the_decision_form(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    path = f"/prosjekter/{initiative.pk}/"
    assert 'id="decision-form"' in login("eier").get(path).content.decode()
    assert 'id="decision-form"' not in login("prosjektleder").get(path).content.decode()
    assert 'id="pending-request"' in login("prosjektleder").get(path).content.decode()


@pytest.mark.parametrize("username", ["prosjektleder", "leser", "portefolje", "admin"])
def test_others_than_the_project_owner_may_not_decide(
    username: str, stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    response = login(username).post(
        f"/prosjekter/{initiative.pk}/beslutt/", {"outcome": "approved"}
    )
    assert response.status_code == 403
    assert _phase(initiative) == "Idé"
    assert not Decision.objects.exists()


def test_the_project_owner_decides_and_the_log_shows_it(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    client = login("eier")
    response = client.post(
        f"/prosjekter/{initiative.pk}/beslutt/",
        {"outcome": "approved_with_conditions", "comment": "Involver personvernombudet."},
    )
    assert response.status_code == 302
    assert _phase(initiative) == "Konsept"
    body = login("leser").get(f"/prosjekter/{initiative.pk}/").content.decode()
    owner = User.objects.get(username="eier")
    assert 'id="decision-log"' in body
    assert str(owner) in body
    assert _("Approved with conditions") in body
    assert "Idé → Konsept" in body
    assert "Involver personvernombudet." in body


def test_an_invalid_decision_answers_400_and_changes_nothing(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    response = login("eier").post(
        f"/prosjekter/{initiative.pk}/beslutt/", {"outcome": "stopped", "comment": ""}
    )
    assert response.status_code == 400
    initiative.refresh_from_db()
    assert initiative.status == "active"
    assert not Decision.objects.exists()


def test_the_gate_into_operation_asks_for_its_facts_in_the_form(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Ny rutine", method="Lett metode for små forbedringer")
    _approve(initiative)
    _approve(initiative)
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    client = login("eier")
    path = f"/prosjekter/{initiative.pk}/beslutt/"
    assert 'id="operation-gate"' in client.get(path).content.decode()
    refused = client.post(path, {"outcome": "approved"})
    assert refused.status_code == 400
    assert _("Write the handover date.") in refused.content.decode()
    accepted = client.post(
        path,
        {
            "outcome": "approved",
            "operations_unit": unit_named(stavanger, "Systemforvaltning").pk,
            "operations_person": User.objects.get(username="admin").pk,
            "handover_date": "2027-03-01",
            "benefits_owner": User.objects.get(username="gevinsteier").pk,
        },
    )
    assert accepted.status_code == 302
    assert ProjectMethod.objects.get(initiative=initiative).completed_at is not None


def test_smartby_offers_any_other_phase(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Bydelsdata", method="Smartbyprosessen")
    # Smartby's chief, a leader, makes the decisions at its first two gates.
    _approve(initiative, by="direktor")
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    client = login("direktor")
    form = client.get(f"/prosjekter/{initiative.pk}/").context["decision_form"]
    names = [phase.name for phase in form.fields["to_phase"].queryset]
    assert len(names) == 3
    first = ProjectMethod.objects.get(initiative=initiative).version.phases.get(position=1)
    response = client.post(
        f"/prosjekter/{initiative.pk}/beslutt/",
        {"outcome": "approved", "to_phase": first.pk},
    )
    assert response.status_code == 302
    assert _phase(initiative) == "Innsiktsarbeid"


def test_another_municipalitys_project_is_not_found(stavanger: Municipality, login: Login) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    client = login("bergen-admin")
    for suffix in ("", "velg-metode/", "be-om-beslutning/", "beslutt/"):
        assert client.get(f"/prosjekter/{initiative.pk}/{suffix}").status_code == 404


def test_the_decisions_waiting_list_shows_only_the_owners_requests(
    stavanger: Municipality, login: Login
) -> None:
    mine = project(stavanger, "Trygghetsalarm", pending=True)
    project(stavanger, "Digital postkasse", owner="direktor", pending=True)
    project(stavanger, "Bydelsdata")
    response = login("eier").get("/prosjekter/beslutninger/")
    assert [request.initiative for request in response.context["waiting"]] == [mine]
    assert "Digital postkasse" not in response.content.decode()
    assert login("prosjektleder").get("/prosjekter/beslutninger/").context["waiting"] == []


def test_the_decisions_waiting_list_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Login
) -> None:
    client = login("eier")
    project(stavanger, "Prosjekt 0", pending=True)
    few = count_queries(client, "/prosjekter/beslutninger/")
    for number in range(1, 6):
        project(stavanger, f"Prosjekt {number}", pending=True)
    assert len(client.get("/prosjekter/beslutninger/").context["waiting"]) == 6
    assert count_queries(client, "/prosjekter/beslutninger/") == few


def test_the_project_page_makes_a_fixed_number_of_queries(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method="Smartbyprosessen")
    # A reader decides nothing, so the page is the same but for the growing decision log.
    client = login("leser")
    path = f"/prosjekter/{initiative.pk}/"
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    first = ProjectMethod.objects.get(initiative=initiative).version.phases.get(position=1)
    # Decisions by Smartby's chief that leave the project where it began, at the first gate:
    # one decision when counted first, five when counted again.
    few = 0
    for outcome, to_phase in (
        ("sent_back", None),
        ("approved", None),
        ("sent_back", None),
        ("approved", first),
        ("sent_back", None),
    ):
        decision_make(
            actor=User.objects.get(username="direktor"),
            request=DecisionRequest.objects.get(initiative=initiative, status="pending"),
            outcome=outcome,
            comment="Mer innsikt.",
            to_phase=to_phase,
        )
        fill_required_documents(initiative)
        decision_request_create(actor=None, initiative=initiative)
        few = few or count_queries(client, path)
    assert len(client.get(path).context["status"].decisions) == 5
    assert count_queries(client, path) == few


def test_the_initiative_page_shows_the_method_and_phase(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    body = login("leser").get(f"/portefolje/tiltak/{initiative.pk}/").content.decode()
    assert f'href="/prosjekter/{initiative.pk}/"' in body
    assert "Prosjektveiviseren" in body


def test_the_initiative_page_offers_to_choose_a_method_to_those_who_may(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    link = f'href="/prosjekter/{initiative.pk}/velg-metode/"'
    assert (
        link in login("prosjektleder").get(f"/portefolje/tiltak/{initiative.pk}/").content.decode()
    )
    assert link not in login("leser").get(f"/portefolje/tiltak/{initiative.pk}/").content.decode()


def test_sending_back_without_a_reason_answers_400_with_the_message(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    response = login("eier").post(f"/prosjekter/{initiative.pk}/beslutt/", {"outcome": "sent_back"})
    assert response.status_code == 400
    assert (
        _("Say why the project is sent back and what it must do before it asks again.")
        in response.content.decode()
    )
    assert not Decision.objects.exists()


def test_ask_for_decision_is_disabled_and_lists_the_missing_documents(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    status_documents = login("prosjektleder").get(f"/prosjekter/{initiative.pk}/")
    body = status_documents.content.decode()
    missing = status_documents.context["status"].missing_documents
    assert missing, "the first phase requires documents at level Liten"
    assert 'id="ask-form"' not in body
    assert 'id="ask-disabled"' in body
    assert "disabled" in body.split('id="ask-disabled"')[1].split(">")[0]
    listed = body.split('id="missing-documents"')[1].split("</ul>")[0]
    for requirement in missing:
        assert requirement.name in listed
    fill_required_documents(initiative)
    body = login("prosjektleder").get(f"/prosjekter/{initiative.pk}/").content.decode()
    assert 'id="ask-form"' in body
    assert 'id="ask-disabled"' not in body


def _operation_gate_page(stavanger: Municipality, login: Login) -> tuple[Client, str]:
    initiative = project(stavanger, "Ny rutine", method="Lett metode for små forbedringer")
    _approve(initiative)
    _approve(initiative)
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    return login("eier"), f"/prosjekter/{initiative.pk}/beslutt/"


def test_the_handover_fields_are_marked_required(stavanger: Municipality, login: Login) -> None:
    client, path = _operation_gate_page(stavanger, login)
    fieldset = client.get(path).content.decode().split('id="operation-gate"')[1]
    fieldset = fieldset.split("</fieldset>")[0]
    assert _("optional") not in fieldset
    assert fieldset.count('aria-required="true"') == 4


def test_the_handover_fields_are_enforced_each_with_its_message(
    stavanger: Municipality, login: Login
) -> None:
    client, path = _operation_gate_page(stavanger, login)
    refused = client.post(path, {"outcome": "approved"})
    assert refused.status_code == 400
    form = refused.context["decision_form"]
    assert set(form.errors) >= {
        "operations_unit",
        "operations_person",
        "handover_date",
        "benefits_owner",
    }
    # Sending back needs none of them.
    sent_back = client.post(path, {"outcome": "sent_back", "comment": "Mangler driftsavtale."})
    assert sent_back.status_code == 302


def test_the_decision_log_says_decided_by_in_the_past_tense(
    stavanger: Municipality, login: Login
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    _approve(initiative)
    body = login("leser").get(f"/prosjekter/{initiative.pk}/").content.decode()
    log = body.split('id="decision-log"')[1].split("</thead>")[0]
    upcoming = body.split('id="next-decision"')[1].split("</section>")[0]
    assert "Besluttet av" in log
    assert "Besluttes av" not in log
    assert "Besluttes av" in upcoming
