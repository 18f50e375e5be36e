"""Enrolling an initiative on a method: at the first phase of the version chosen, at a level of
that version; changeable only until the first decision."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.models import CriterionAnswer, DecisionRequest, MethodVersion, ProjectMethod
from helhet.organization.models import Municipality
from helhet.projects.services.enrolment import project_method_set
from helhet.projects.services.gates import decision_make
from tests.projects.matrix_projects import current, level, project

pytestmark = pytest.mark.django_db


def _all_criteria_met(version: MethodVersion) -> dict[int, str]:
    return {criterion.pk: f"Slik: {criterion.name}." for criterion in version.criteria.all()}


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
        actor=None,
        initiative=initiative,
        version=smartby,
        level=level(smartby),
        criteria=_all_criteria_met(smartby),
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


def test_a_smartby_project_says_how_it_meets_the_three_criteria(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Bydelsdata", method=None)
    smartby = current(stavanger, "Smartbyprosessen")
    run = project_method_set(
        actor=None,
        initiative=initiative,
        version=smartby,
        level=level(smartby),
        criteria=_all_criteria_met(smartby),
    )
    answers = [(a.criterion.name, a.explanation) for a in run.criterion_answers.all()]
    assert answers == [
        ("Teknologi", "Slik: Teknologi."),
        ("Samarbeid", "Slik: Samarbeid."),
        ("Innbyggerinvolvering", "Slik: Innbyggerinvolvering."),
    ]


def test_a_smartby_project_missing_a_criterion_is_refused(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Bydelsdata", method=None)
    smartby = current(stavanger, "Smartbyprosessen")
    criteria = _all_criteria_met(smartby)
    samarbeid = smartby.criteria.get(name="Samarbeid")
    criteria[samarbeid.pk] = "   "
    with pytest.raises(ValidationError) as refused:
        project_method_set(
            actor=None,
            initiative=initiative,
            version=smartby,
            level=level(smartby),
            criteria=criteria,
        )
    assert refused.value.messages == [
        _(
            "A project on %(method)s must say how it meets each of the method's criteria. "
            "Missing: %(criteria)s."
        )
        % {"method": "Smartbyprosessen", "criteria": "Samarbeid"}
    ]
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()
    assert not CriterionAnswer.objects.exists()


def test_leaving_smartby_for_another_method_drops_its_criteria(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Bydelsdata", method="Smartbyprosessen")
    version = current(stavanger)
    run = project_method_set(
        actor=None, initiative=initiative, version=version, level=level(version)
    )
    assert not run.criterion_answers.exists()


def test_the_judged_risk_is_kept_and_must_be_1_to_5(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    version = current(stavanger)
    run = project_method_set(
        actor=None, initiative=initiative, version=version, level=level(version), risk=4
    )
    assert run.risk == 4
    with pytest.raises(ValidationError) as refused:
        project_method_set(
            actor=None, initiative=initiative, version=version, level=level(version), risk=6
        )
    assert refused.value.message_dict == {"risk": [_("The risk is from 1 (low) to 5 (high).")]}
    assert ProjectMethod.objects.get(initiative=initiative).risk == 4


def test_a_draft_or_an_old_version_is_refused(stavanger: Municipality) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    version = current(stavanger)
    version.is_current = False
    version.save()
    with pytest.raises(ValidationError) as refused:
        project_method_set(actor=None, initiative=initiative, version=version, level=level(version))
    assert refused.value.message_dict == {"version": [_("Choose the current version of a method.")]}
    assert not ProjectMethod.objects.filter(initiative=initiative).exists()
