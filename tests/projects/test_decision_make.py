"""Deciding a request: only the one the decision point names decides; the phase moves only by
approval, one phase at a time in a linear method and to any phase in Smartby's; the gate into
operation needs its four facts; "stopped" stops the initiative."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.models import Decision, DecisionRequest, Phase, ProjectMethod
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.models import LogEntry
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.conftest import unit_named
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _pending(initiative: Initiative) -> DecisionRequest:
    return DecisionRequest.objects.get(initiative=initiative, status="pending")


def _phase(initiative: Initiative) -> str:
    return ProjectMethod.objects.get(initiative=initiative).current_phase.name


def _approve(initiative: Initiative, to_phase: Phase | None = None, by: str = "eier") -> Decision:
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    return decision_make(
        actor=_user(by), request=_pending(initiative), outcome="approved", to_phase=to_phase
    )


def test_approval_moves_the_project_to_the_next_phase(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision = decision_make(
        actor=_user("eier"), request=_pending(initiative), outcome="approved", comment="Godt."
    )
    assert _phase(initiative) == "Konsept"
    assert decision.to_phase is not None
    assert (decision.from_phase.name, decision.to_phase.name) == ("Idé", "Konsept")
    assert decision.decided_by == _user("eier")
    assert decision.request.status == "decided"


@pytest.mark.parametrize("username", ["prosjektleder", "leser", "portefolje", "admin"])
def test_only_the_project_owner_decides(username: str, stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user(username), request=_pending(initiative), outcome="approved")
    assert refused.value.messages == [
        _("You cannot make this decision. It is made by: %(decider)s.")
        % {"decider": _("The project owner")}
    ]
    assert _phase(initiative) == "Idé"
    assert not Decision.objects.exists()


def test_without_a_project_owner_nobody_decides(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", owner=None, pending=True)
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user("eier"), request=_pending(initiative), outcome="approved")
    assert refused.value.messages == [_("The initiative has no project owner who can decide.")]
    assert not Decision.objects.exists()


def test_a_linear_method_cannot_skip_a_phase(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    run = ProjectMethod.objects.get(initiative=initiative)
    later = run.version.phases.get(name="Gjennomføre")
    with pytest.raises(ValidationError) as refused:
        decision_make(
            actor=_user("eier"), request=_pending(initiative), outcome="approved", to_phase=later
        )
    assert "to_phase" in refused.value.message_dict
    assert _phase(initiative) == "Idé"
    assert not Decision.objects.exists()


def test_smartby_moves_back_to_an_earlier_phase(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Bydelsdata", method="Smartbyprosessen")
    # Smartby's chief (a leader) makes the first two decisions, the project owner the third.
    _approve(initiative, by="direktor")
    _approve(initiative, by="direktor")
    assert _phase(initiative) == "Utarbeide løsningsforslag"
    first = Phase.objects.get(
        version=ProjectMethod.objects.get(initiative=initiative).version, position=1
    )
    decision = _approve(initiative, to_phase=first)
    assert _phase(initiative) == "Innsiktsarbeid"
    assert decision.to_phase is not None
    assert decision.from_phase.name == "Utarbeide løsningsforslag"
    assert decision.to_phase.name == "Innsiktsarbeid"
    assert Decision.objects.filter(request__initiative=initiative).count() == 3


def test_sent_back_keeps_the_phase(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision = decision_make(
        actor=_user("eier"),
        request=_pending(initiative),
        outcome="sent_back",
        comment="Mangler gevinstanslag.",
    )
    assert _phase(initiative) == "Idé"
    assert decision.to_phase is None
    # A new request may be made after a sent-back decision.
    fill_required_documents(initiative)
    assert decision_request_create(actor=None, initiative=initiative).status == "pending"


def test_stopped_stops_the_initiative_with_the_reason(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision_make(
        actor=_user("eier"),
        request=_pending(initiative),
        outcome="stopped",
        comment="Løses av nasjonal løsning.",
    )
    initiative.refresh_from_db()
    assert initiative.status == "stopped"
    assert initiative.stop_reason == "Løses av nasjonal løsning."
    assert initiative.history.latest().history_user == _user("eier")
    assert _phase(initiative) == "Idé"


def test_stopping_needs_a_reason(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user("eier"), request=_pending(initiative), outcome="stopped")
    assert "comment" in refused.value.message_dict
    initiative.refresh_from_db()
    assert initiative.status == "active"
    assert not Decision.objects.exists()


def _at_the_gate(stavanger: Municipality) -> Initiative:
    initiative = project(stavanger, "Ny rutine", method="Lett metode for små forbedringer")
    _approve(initiative)
    _approve(initiative)
    assert ProjectMethod.objects.get(initiative=initiative).current_phase.is_operation_gate
    fill_required_documents(initiative)
    decision_request_create(actor=None, initiative=initiative)
    return initiative


def test_the_gate_into_operation_is_refused_without_its_four_facts(
    stavanger: Municipality,
) -> None:
    initiative = _at_the_gate(stavanger)
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user("eier"), request=_pending(initiative), outcome="approved")
    message = refused.value.messages[0]
    for missing in (
        _("the unit responsible for operation"),
        _("the person responsible for operation"),
        _("the handover date"),
        _("the benefits owner"),
    ):
        assert missing in message
    assert _pending(initiative).status == "pending"
    assert Decision.objects.filter(request__initiative=initiative).count() == 2


def test_the_gate_refuses_a_person_from_another_municipality(stavanger: Municipality) -> None:
    initiative = _at_the_gate(stavanger)
    with pytest.raises(ValidationError) as refused:
        decision_make(
            actor=_user("eier"),
            request=_pending(initiative),
            outcome="approved",
            operations_unit=unit_named(stavanger, "Systemforvaltning"),
            operations_person=_user("bergen-admin"),
            handover_date=date(2027, 3, 1),
            benefits_owner=_user("gevinsteier"),
        )
    assert _("the person responsible for operation") in refused.value.messages[0]
    assert _("the benefits owner") not in refused.value.messages[0]


def test_the_gate_with_its_four_facts_passes_and_completes_the_method(
    stavanger: Municipality,
) -> None:
    initiative = _at_the_gate(stavanger)
    decision = decision_make(
        actor=_user("eier"),
        request=_pending(initiative),
        outcome="approved_with_conditions",
        comment="Opplæring før overlevering.",
        operations_unit=unit_named(stavanger, "Systemforvaltning"),
        operations_person=_user("admin"),
        handover_date=date(2027, 3, 1),
        benefits_owner=_user("gevinsteier"),
    )
    run = ProjectMethod.objects.get(initiative=initiative)
    assert decision.completes_method
    assert run.completed_at is not None
    assert run.current_phase.name == "Overlevere"
    assert decision.operations_unit == unit_named(stavanger, "Systemforvaltning")
    assert decision.benefits_owner == _user("gevinsteier")
    with pytest.raises(ValidationError):
        decision_request_create(actor=None, initiative=initiative)


def test_a_decided_request_cannot_be_decided_again(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    request = _pending(initiative)
    decision_make(actor=_user("eier"), request=request, outcome="approved")
    with pytest.raises(ValidationError):
        decision_make(actor=_user("eier"), request=request, outcome="approved")
    assert _phase(initiative) == "Konsept"


def test_a_decision_is_written_to_the_project_log(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision = decision_make(
        actor=_user("eier"), request=_pending(initiative), outcome="approved", comment="Godt."
    )
    entry = LogEntry.objects.get(initiative=initiative)
    assert entry.kind == "decision"
    assert entry.decision == decision
    assert entry.title.startswith("BP1")
    assert entry.author == _user("eier")


def test_sending_back_needs_a_reason(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    with pytest.raises(ValidationError) as refused:
        decision_make(actor=_user("eier"), request=_pending(initiative), outcome="sent_back")
    assert refused.value.message_dict["comment"] == [
        _("Say why the project is sent back and what it must do before it asks again.")
    ]
    assert _pending(initiative).status == "pending"
    assert not Decision.objects.exists()
