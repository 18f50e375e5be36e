"""step_create, step_update and step_delete: what they accept, what they refuse (with a message
on the field), and that history records who."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from helhet.maturity.models import PlannedStep, StepStatus
from helhet.maturity.services.steps import step_create, step_delete, step_update
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.maturity.plan_helpers import import_audit, initiative, service, step, user


def _refused(field: str, **fields: object) -> None:
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        step_create(actor=None, **fields)  # type: ignore[arg-type]
    assert field in refused.value.message_dict
    assert database_state() == before


def test_step_create_records_the_step_and_who_planned_it(stavanger: Municipality) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")

    created = step_create(
        actor=user("portefolje"),
        service=service(stavanger, "Byggesøknad"),
        level=2,
        description="  Koble eByggeSak til Public 360 ",
        initiative=carrier,
        responsible=user("prosjektleder"),
        due_date=date(2025, 6, 30),
    )

    assert (created.municipality, created.description, created.status) == (
        stavanger,
        "Koble eByggeSak til Public 360",
        StepStatus.PLANNED,
    )
    assert created.history.get().history_user == user("portefolje")


def test_step_create_refuses_a_level_outside_1_to_3(stavanger: Municipality) -> None:
    import_audit(stavanger)

    _refused("level", service=service(stavanger, "Byggesøknad"), level=4, description="Noe")


def test_step_create_refuses_an_empty_description(stavanger: Municipality) -> None:
    import_audit(stavanger)

    _refused("description", service=service(stavanger, "Byggesøknad"), level=2, description="  ")


def test_step_create_refuses_another_municipalitys_initiative(
    stavanger: Municipality, bergen: Municipality
) -> None:
    import_audit(stavanger)

    _refused(
        "initiative",
        service=service(stavanger, "Byggesøknad"),
        level=2,
        description="Noe",
        initiative=initiative(bergen, "Bergens byggesak"),
    )


def test_step_create_refuses_both_an_initiative_and_needs_initiative(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)

    _refused(
        "needs_initiative",
        service=service(stavanger, "Byggesøknad"),
        level=2,
        description="Noe",
        initiative=initiative(stavanger, "Byggesak i eByggeSak"),
        needs_initiative=True,
    )


def test_step_create_refuses_a_responsible_who_is_not_a_member(stavanger: Municipality) -> None:
    import_audit(stavanger)

    _refused(
        "responsible",
        service=service(stavanger, "Byggesøknad"),
        level=2,
        description="Noe",
        responsible=user("bergen-admin"),
    )


def test_step_create_refuses_an_unknown_status(stavanger: Municipality) -> None:
    import_audit(stavanger)

    _refused(
        "status",
        service=service(stavanger, "Byggesøknad"),
        level=2,
        description="Noe",
        status="forgotten",
    )


def test_step_update_changes_the_step(stavanger: Municipality) -> None:
    import_audit(stavanger)
    planned = step(service(stavanger, "Byggesøknad"), 2, needs_initiative=True)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")

    step_update(
        actor=user("admin"),
        step=planned,
        level=2,
        description="Koble eByggeSak til Public 360",
        initiative=carrier,
        needs_initiative=False,
        responsible=None,
        due_date=None,
        status=StepStatus.IN_PROGRESS,
    )

    planned.refresh_from_db()
    assert (planned.initiative, planned.needs_initiative, planned.status) == (
        carrier,
        False,
        StepStatus.IN_PROGRESS,
    )


def test_step_update_refuses_both_and_changes_nothing(stavanger: Municipality) -> None:
    import_audit(stavanger)
    planned = step(service(stavanger, "Byggesøknad"), 2, needs_initiative=True)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    before = database_state()

    with pytest.raises(ValidationError):
        step_update(
            actor=None,
            step=planned,
            level=2,
            description="Noe",
            initiative=carrier,
            needs_initiative=True,
            responsible=None,
            due_date=None,
            status=StepStatus.PLANNED,
        )

    assert database_state() == before


def test_step_delete_removes_the_step_and_history_says_who(stavanger: Municipality) -> None:
    import_audit(stavanger)
    planned = step(service(stavanger, "Byggesøknad"), 2, needs_initiative=True)
    pk = planned.pk

    step_delete(actor=user("portefolje"), step=planned)

    assert not PlannedStep.objects.filter(pk=pk).exists()
    assert PlannedStep.history.filter(id=pk).latest("history_date").history_user == user(
        "portefolje"
    )
