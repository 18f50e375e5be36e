"""The risk register: probability and consequence from 1 to 5 (the form, the service and the
database each refuse anything else), an owner who works in the municipality, and a history of
every change; a closed one stays, with the date it was closed."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.organization.models import Municipality
from helhet.projects.models import Risk
from helhet.projects.services.risks import risk_create, risk_update
from tests.projects.projectwork import projects_state, risk, the_project, user

pytestmark = pytest.mark.django_db


def _create(stavanger: Municipality, **fields: Any) -> Risk:
    values: dict[str, Any] = {
        "title": "Ansatte tar ikke i bruk alarmene",
        "probability": 2,
        "consequence": 5,
        **fields,
    }
    return risk_create(actor=user("prosjektleder"), initiative=the_project(stavanger), **values)


def test_a_risk_gets_its_score_and_is_open(stavanger: Municipality) -> None:
    created = _create(stavanger, owner=user("gevinsteier"))
    assert (created.kind, created.score, created.level, created.status) == (
        "risk",
        10,
        "medium",
        "open",
    )
    assert created.identified_on == timezone.localdate()
    assert created.closed_on is None
    assert created.history.get().history_user == user("prosjektleder")


def test_an_opportunity_is_registered_the_same_way(stavanger: Municipality) -> None:
    created = _create(stavanger, kind="opportunity", probability=4, consequence=4)
    assert (created.kind, created.score, created.level) == ("opportunity", 16, "high")


@pytest.mark.parametrize(
    ("field", "value"),
    [("probability", 0), ("probability", 6), ("consequence", 0), ("consequence", 6)],
)
def test_a_value_outside_1_to_5_is_refused(stavanger: Municipality, field: str, value: int) -> None:
    the_project(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        _create(stavanger, **{field: value})
    assert refused.value.message_dict == {field: [_("Choose a value from 1 to 5.")]}
    assert projects_state() == before


def test_text_in_a_number_field_is_refused(stavanger: Municipality) -> None:
    the_project(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        _create(stavanger, probability="høy")
    assert list(refused.value.message_dict) == ["probability"]
    assert projects_state() == before


@pytest.mark.parametrize(("probability", "consequence"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_the_database_refuses_a_value_outside_1_to_5(
    stavanger: Municipality, probability: int, consequence: int
) -> None:
    initiative = the_project(stavanger)
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.create(
            municipality=stavanger,
            initiative=initiative,
            title="Utenfor skalaen",
            probability=probability,
            consequence=consequence,
        )


def test_the_database_refuses_a_closed_risk_without_a_date(stavanger: Municipality) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.create(
            municipality=stavanger,
            initiative=the_project(stavanger),
            title="Lukket uten dato",
            probability=1,
            consequence=1,
            status="closed",
        )


def test_an_owner_from_another_municipality_is_refused(stavanger: Municipality) -> None:
    the_project(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        _create(stavanger, owner=user("bergen-admin"))
    assert refused.value.message_dict == {
        "owner": [_("Choose a person who works in the municipality.")]
    }
    assert projects_state() == before


def test_an_empty_title_is_refused(stavanger: Municipality) -> None:
    the_project(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        _create(stavanger, title="   ")
    assert list(refused.value.message_dict) == ["title"]
    assert projects_state() == before


@pytest.mark.parametrize("username", ["leser", "direktor", "gevinsteier"])
def test_someone_who_may_not_change_the_initiative_is_refused(
    stavanger: Municipality, username: str
) -> None:
    initiative = the_project(stavanger)
    before = projects_state()
    with pytest.raises(PermissionDenied):
        risk_create(
            actor=user(username), initiative=initiative, title="Nei", probability=1, consequence=1
        )
    assert projects_state() == before


def _update(found: Risk, **fields: Any) -> Risk:
    values: dict[str, Any] = {
        "kind": found.kind,
        "title": found.title,
        "description": found.description,
        "probability": found.probability,
        "consequence": found.consequence,
        "owner": found.owner,
        "measures": found.measures,
        "status": found.status,
        **fields,
    }
    return risk_update(actor=user("eier"), risk=found, **values)


def test_a_change_is_kept_in_the_history(stavanger: Municipality) -> None:
    found = risk(stavanger)
    _update(found, probability=5, measures="Ny leverandør er varslet.")
    found.refresh_from_db()
    assert (found.probability, found.score) == (5, 20)
    newest, first = found.history.order_by("-history_date")[:2]
    assert (newest.probability, newest.history_user) == (5, user("eier"))
    assert first.probability == 3


def test_closing_sets_the_date_and_keeps_the_risk(stavanger: Municipality) -> None:
    found = _update(risk(stavanger), status="closed")
    assert found.closed_on == timezone.localdate()
    assert Risk.objects.filter(pk=found.pk, status="closed").exists()


def test_reopening_clears_the_date(stavanger: Municipality) -> None:
    found = _update(risk(stavanger), status="closed")
    found = _update(found, status="handling")
    assert (found.status, found.closed_on) == ("handling", None)


def test_a_change_outside_1_to_5_changes_nothing(stavanger: Municipality) -> None:
    found = risk(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError):
        _update(found, consequence=9)
    assert projects_state() == before
