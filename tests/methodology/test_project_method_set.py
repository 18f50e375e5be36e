"""Enrolling an initiative on a method: at the first phase of the version chosen, at a level of
that version; changeable only until the first decision."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.models import DecisionRequest, ProjectMethod
from helhet.methodology.services import decision_make, project_method_set
from helhet.organization.models import Municipality
from tests.methodology.matrix_projects import current, level, project

pytestmark = pytest.mark.django_db


def test_enrolling_puts_the_project_at_the_first_phase(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    version = current(stavanger)
    run = project_method_set(
        actor=User.objects.get(username="prosjektleder"),
        initiative=initiative,
        version=version,
        level=level(version, "middels"),
    )
    assert run.current_phase.name == "Idé"
    assert run.level.code == "middels"
    assert ProjectMethod.objects.get(initiative=initiative) == run
    assert run.history.latest().history_user.username == "prosjektleder"


def test_a_level_of_another_method_is_refused(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    smartby = current(stavanger, "Smartbyprosessen")
    with pytest.raises(ValidationError) as refused:
        project_method_set(
            actor=None, initiative=initiative, version=current(stavanger), level=level(smartby)
        )
    assert "level" in refused.value.message_dict
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()


def test_another_municipalitys_method_is_refused(
    stavanger: Municipality, bergen: Municipality
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    theirs = current(bergen)
    with pytest.raises(ValidationError) as refused:
        project_method_set(actor=None, initiative=initiative, version=theirs, level=level(theirs))
    assert "version" in refused.value.message_dict
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()


def test_the_method_can_be_changed_before_the_first_decision(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    smartby = current(stavanger, "Smartbyprosessen")
    run = project_method_set(
        actor=None, initiative=initiative, version=smartby, level=level(smartby)
    )
    assert run.current_phase.name == "Innsiktsarbeid"
    assert ProjectMethod.objects.filter(initiative=initiative).count() == 1


def test_the_method_cannot_be_changed_after_a_decision(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision_make(
        actor=User.objects.get(username="eier"),
        request=DecisionRequest.objects.get(initiative=initiative),
        outcome="approved",
    )
    smartby = current(stavanger, "Smartbyprosessen")
    with pytest.raises(ValidationError) as refused:
        project_method_set(actor=None, initiative=initiative, version=smartby, level=level(smartby))
    assert refused.value.messages == [
        _("The method cannot be changed after the first decision has been made.")
    ]
    assert ProjectMethod.objects.get(initiative=initiative).current_phase.name == "Konsept"


def test_a_new_version_of_the_method_leaves_the_running_project_on_its_own(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm")
    old = current(stavanger)
    old.is_current = False
    old.save()
    new = old.method.versions.create(municipality=stavanger, number=2, is_current=True)
    assert ProjectMethod.objects.get(initiative=initiative).version == old
    assert new.project_methods.count() == 0
