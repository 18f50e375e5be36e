"""Changing a method by way of a draft (helhet/methodology/editing/): the draft is a complete
and independent copy, publishing makes it current, published versions never change, and projects
keep the version they started on."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.methodology.access import get_draft_for_user, get_draft_part_for_user
from helhet.methodology.editing.checklists import (
    checklist_item_create,
    checklist_item_delete,
    checklist_item_update,
    document_requirement_create,
    document_requirement_delete,
    document_requirement_update,
)
from helhet.methodology.editing.drafts import (
    method_create,
    method_update,
    method_version_discard,
    method_version_draft_create,
    method_version_publish,
)
from helhet.methodology.editing.levels import (
    criterion_create,
    criterion_delete,
    criterion_update,
    level_create,
    level_delete,
    level_move,
    level_update,
)
from helhet.methodology.editing.phases import phase_create, phase_delete, phase_move, phase_update
from helhet.methodology.models import (
    ChecklistItem,
    ChecklistSource,
    Decider,
    DecisionPoint,
    DocumentRequirement,
    DocumentType,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality
from helhet.projects.selectors.gates import project_status
from tests.conftest import membership_of
from tests.projects.matrix_projects import project


def _method(municipality: Municipality, name: str = "Prosjektveiviseren") -> Method:
    return Method.objects.get(municipality=municipality, name=name)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _outline(version: MethodVersion) -> dict[str, Any]:
    """Everything a version holds, without ids: two versions with the same outline say the same."""

    def codes(levels: Any) -> list[str]:
        return sorted(level.code for level in levels.all())

    return {
        "levels": [
            (
                lv.position,
                lv.code,
                lv.name,
                lv.description,
                lv.max_cost,
                lv.max_duration_months,
                lv.max_risk,
            )
            for lv in version.levels.order_by("position")
        ],
        "criteria": [(c.position, c.name, c.description) for c in version.criteria.all()],
        "phases": [
            (
                phase.position,
                phase.name,
                phase.description,
                phase.is_operation_gate,
                [
                    (
                        point.code,
                        point.name,
                        point.decider,
                        point.decider_person_id,
                        point.decider_title,
                        point.description,
                        [
                            (item.position, item.text, item.source, codes(item.levels))
                            for item in point.checklist.all()
                        ],
                    )
                    for point in phase.decision_points.all()
                ],
                [
                    (
                        doc.position,
                        doc.document_type,
                        doc.name,
                        doc.may_be_not_relevant,
                        codes(doc.levels),
                    )
                    for doc in phase.document_requirements.all()
                ],
            )
            for phase in version.phases.order_by("position")
        ],
    }


def _phase(version: MethodVersion, name: str) -> Phase:
    return version.phases.get(name=name)


def _phase_fields(**fields: Any) -> dict[str, Any]:
    return {
        "name": "Forankre",
        "description": "",
        "is_operation_gate": False,
        "decision_code": "BP0",
        "decision_name": "Forankring godkjent",
        "decider": Decider.PROJECT_OWNER,
        "decider_person": None,
        "decider_title": "",
        "decision_description": "",
        **fields,
    }


# --- The draft ---------------------------------------------------------------------------------


def test_a_draft_is_a_complete_copy_of_the_current_version(stavanger: Municipality) -> None:
    for name in ("Prosjektveiviseren", "Smartbyprosessen"):
        method = _method(stavanger, name)
        current = method.versions.get(is_current=True)

        draft = method_version_draft_create(actor=_user("portefolje"), method=method)

        assert draft.number == current.number + 1
        assert draft.published_at is None and not draft.is_current
        assert _outline(draft) == _outline(current)


def test_the_copy_shares_no_row_with_the_current_version(stavanger: Municipality) -> None:
    current = _method(stavanger).versions.get(is_current=True)
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    assert not set(draft.levels.values_list("pk", flat=True)) & set(
        current.levels.values_list("pk", flat=True)
    )
    for item in ChecklistItem.objects.filter(decision_point__phase__version=draft):
        assert {level.version_id for level in item.levels.all()} <= {draft.pk}
    for doc in DocumentRequirement.objects.filter(phase__version=draft):
        assert {level.version_id for level in doc.levels.all()} <= {draft.pk}


def test_changing_the_draft_leaves_the_current_version_as_it_was(stavanger: Municipality) -> None:
    current = _method(stavanger).versions.get(is_current=True)
    before = _outline(current)
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    concept = _phase(draft, "Konsept")
    actor = _user("portefolje")

    checklist_item_create(
        actor=actor,
        phase=concept,
        text="Arkitekturrådet har vurdert løsningen.",
        source=ChecklistSource.OWN,
        levels=list(draft.levels.all()),
    )
    phase_update(actor=actor, phase=concept, **_phase_fields(name="Utrede"))
    level_delete(actor=actor, level=draft.levels.get(code="middels"))
    phase_delete(actor=actor, phase=_phase(draft, "Realisere"))

    assert _outline(current) == before


def test_a_method_has_at_most_one_draft(stavanger: Municipality) -> None:
    first = method_version_draft_create(actor=None, method=_method(stavanger))
    second = method_version_draft_create(actor=None, method=_method(stavanger))
    assert first == second
    assert _method(stavanger).versions.filter(published_at__isnull=True).count() == 1


def test_discarding_the_draft_deletes_it_and_keeps_the_published_version(
    stavanger: Municipality,
) -> None:
    method = _method(stavanger)
    before = _outline(method.versions.get(is_current=True))
    draft = method_version_draft_create(actor=None, method=method)

    method_version_discard(actor=_user("portefolje"), version=draft)

    assert list(method.versions.values_list("number", flat=True)) == [1]
    assert _outline(method.versions.get(is_current=True)) == before
    assert not Phase.objects.filter(version_id=draft.pk).exists()


# --- Publishing --------------------------------------------------------------------------------


def test_publishing_makes_the_draft_current_and_keeps_the_old_version(
    stavanger: Municipality,
) -> None:
    method = _method(stavanger)
    old = method.versions.get(is_current=True)
    draft = method_version_draft_create(actor=None, method=method)

    method_version_publish(actor=_user("portefolje"), version=draft)

    draft.refresh_from_db()
    old.refresh_from_db()
    assert draft.is_current and draft.published_at is not None
    assert not old.is_current and old.published_at is not None
    assert method.versions.count() == 2


def test_a_project_keeps_its_version_and_a_new_project_starts_on_the_new_one(
    stavanger: Municipality,
) -> None:
    running = project(stavanger, "Trygghetsalarm")
    method = _method(stavanger)
    draft = method_version_draft_create(actor=None, method=method)
    idea = _phase(draft, "Idé")
    phase_update(actor=None, phase=idea, **_phase_fields(name="Idé og behov", decision_code="BP1"))
    checklist_item_create(
        actor=None,
        phase=idea,
        text="Behovet er beskrevet av tjenesten selv.",
        source=ChecklistSource.OWN,
        levels=list(draft.levels.all()),
    )
    method_version_publish(actor=None, version=draft)

    status = project_status(running)
    assert status.run is not None and status.run.version.number == 1
    assert status.phases[0].phase.name == "Idé"
    assert "Behovet er beskrevet av tjenesten selv." not in [i.text for i in status.checklist]

    newcomer = project(stavanger, "Digital postkasse")
    status = project_status(newcomer)
    assert status.run is not None and status.run.version.number == 2
    assert status.phases[0].phase.name == "Idé og behov"
    assert "Behovet er beskrevet av tjenesten selv." in [i.text for i in status.checklist]


def test_publishing_needs_a_level_and_a_phase(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    for phase in list(draft.phases.all()):
        phase_delete(actor=None, phase=phase)
    for level in list(draft.levels.all()):
        level_delete(actor=None, level=level)

    with pytest.raises(ValidationError) as refused:
        method_version_publish(actor=None, version=draft)

    assert refused.value.messages == [_("Add at least one level."), _("Add at least one phase.")]
    draft.refresh_from_db()
    assert draft.published_at is None and not draft.is_current


def test_publishing_needs_a_decision_point_in_every_phase(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    DecisionPoint.objects.filter(phase__version=draft, code="BP2").delete()

    with pytest.raises(ValidationError) as refused:
        method_version_publish(actor=None, version=draft)

    assert refused.value.messages == [
        _("The phase “%(phase)s” has no decision point.") % {"phase": "Konsept"}
    ]


def test_a_published_version_is_not_published_again(stavanger: Municipality) -> None:
    current = _method(stavanger).versions.get(is_current=True)
    with pytest.raises(ValidationError):
        method_version_publish(actor=None, version=current)


# --- Published versions never change ----------------------------------------------------------


def _changes(version: MethodVersion) -> dict[str, Callable[[], object]]:
    """Every service that changes a part of ``version``."""
    level = version.levels.order_by("position").first()
    phase = version.phases.order_by("position").first()
    item = ChecklistItem.objects.filter(decision_point__phase__version=version).first()
    doc = DocumentRequirement.objects.filter(phase__version=version).first()
    criterion = version.criteria.first()
    assert level and phase and item and doc and criterion
    levels = [level]
    return {
        "level_add": lambda: level_create(actor=None, version=version, code="mini", name="Mini"),
        "level_update": lambda: level_update(actor=None, level=level, code=level.code, name="X"),
        "level_move": lambda: level_move(actor=None, level=level, direction="down"),
        "level_remove": lambda: level_delete(actor=None, level=level),
        "criterion_add": lambda: criterion_create(actor=None, version=version, name="X"),
        "criterion_update": lambda: criterion_update(actor=None, criterion=criterion, name="X"),
        "criterion_remove": lambda: criterion_delete(actor=None, criterion=criterion),
        "phase_add": lambda: phase_create(actor=None, version=version, **_phase_fields()),
        "phase_update": lambda: phase_update(actor=None, phase=phase, **_phase_fields()),
        "phase_move": lambda: phase_move(actor=None, phase=phase, direction="down"),
        "phase_remove": lambda: phase_delete(actor=None, phase=phase),
        "checklist_item_add": lambda: checklist_item_create(
            actor=None, phase=phase, text="X", source=ChecklistSource.OWN, levels=levels
        ),
        "checklist_item_update": lambda: checklist_item_update(
            actor=None, item=item, text="X", source=ChecklistSource.OWN, levels=levels
        ),
        "checklist_item_remove": lambda: checklist_item_delete(actor=None, item=item),
        "document_requirement_add": lambda: document_requirement_create(
            actor=None, phase=phase, document_type=DocumentType.OTHER, name="X", levels=levels
        ),
        "document_requirement_update": lambda: document_requirement_update(
            actor=None, requirement=doc, document_type=DocumentType.OTHER, name="X", levels=levels
        ),
        "document_requirement_remove": lambda: document_requirement_delete(
            actor=None, requirement=doc
        ),
        "method_version_discard": lambda: method_version_discard(actor=None, version=version),
    }


SERVICE_NAMES = [
    "level_add",
    "level_update",
    "level_move",
    "level_remove",
    "criterion_add",
    "criterion_update",
    "criterion_remove",
    "phase_add",
    "phase_update",
    "phase_move",
    "phase_remove",
    "checklist_item_add",
    "checklist_item_update",
    "checklist_item_remove",
    "document_requirement_add",
    "document_requirement_update",
    "document_requirement_remove",
    "method_version_discard",
]


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_a_published_version_refuses_every_change(service: str, stavanger: Municipality) -> None:
    published = _method(stavanger, "Smartbyprosessen").versions.get(is_current=True)
    changes = _changes(published)
    assert set(changes) == set(SERVICE_NAMES)
    before = _outline(published)

    with pytest.raises(ValidationError) as refused:
        changes[service]()

    assert refused.value.messages[0].startswith(
        _(
            "Version %(number)s is published and cannot be changed. Make a new draft of the "
            "method to change it."
        ).split("%(number)s")[0]
    )
    assert _outline(published) == before


# --- Rules for the parts -----------------------------------------------------------------------


def test_a_named_decider_must_be_named(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    with pytest.raises(ValidationError) as refused:
        phase_create(actor=None, version=draft, **_phase_fields(decider=Decider.PERSON))
    assert "decider_person" in refused.value.message_dict


def test_a_named_decider_must_be_a_member_of_the_municipality(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    with pytest.raises(ValidationError) as refused:
        phase_create(
            actor=None,
            version=draft,
            **_phase_fields(decider=Decider.PERSON, decider_person=_user("bergen-admin")),
        )
    assert "decider_person" in refused.value.message_dict
    assert not draft.phases.filter(name="Forankre").exists()


@pytest.mark.parametrize("username", ["leser", "admin", "prosjektleder", "gevinsteier"])
def test_a_named_decider_must_have_a_role_that_decides_at_gates(
    username: str, stavanger: Municipality
) -> None:
    """Segregation of duties (issue 12, item 1): a reader, say, is named to decide nothing."""
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    with pytest.raises(ValidationError) as refused:
        phase_create(
            actor=None,
            version=draft,
            **_phase_fields(decider=Decider.PERSON, decider_person=_user(username)),
        )
    assert "decider_person" in refused.value.message_dict
    assert not draft.phases.filter(name="Forankre").exists()


def test_the_level_says_whether_one_person_may_lead_and_decide(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    level = draft.levels.order_by("position").first()
    assert level is not None
    changed = level_update(
        actor=None,
        level=level,
        code=level.code,
        name=level.name,
        allows_combined_roles=True,
    )
    assert changed.allows_combined_roles


def test_a_named_person_decides_the_new_phase(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    phase = phase_create(
        actor=None,
        version=draft,
        **_phase_fields(
            decider=Decider.PERSON, decider_person=_user("direktor"), decider_title="Smartby-sjefen"
        ),
    )
    point = phase.decision_points.get()
    assert phase.position == draft.phases.count()
    assert (point.code, point.decider_person, point.decider_title) == (
        "BP0",
        _user("direktor"),
        "Smartby-sjefen",
    )


def test_a_checkpoint_takes_only_the_drafts_levels(stavanger: Municipality) -> None:
    method = _method(stavanger)
    old_level = method.versions.get(is_current=True).levels.first()
    draft = method_version_draft_create(actor=None, method=method)
    assert old_level is not None
    with pytest.raises(ValidationError) as refused:
        checklist_item_create(
            actor=None,
            phase=_phase(draft, "Konsept"),
            text="X",
            source=ChecklistSource.OWN,
            levels=[old_level],
        )
    assert "levels" in refused.value.message_dict


def test_two_levels_of_a_draft_cannot_share_a_code(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    with pytest.raises(ValidationError) as refused:
        level_create(actor=None, version=draft, code="liten", name="Mini")
    assert "code" in refused.value.message_dict


def test_a_level_limit_keeps_within_the_scale(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    with pytest.raises(ValidationError) as refused:
        level_create(actor=None, version=draft, code="mini", name="Mini", max_risk=7)
    assert "max_risk" in refused.value.message_dict


def test_moving_a_phase_swaps_it_with_its_neighbour(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    phase_move(actor=None, phase=_phase(draft, "Konsept"), direction="up")
    phase_move(actor=None, phase=_phase(draft, "Konsept"), direction="up")  # first: stays
    names = list(draft.phases.order_by("position").values_list("name", flat=True))
    assert names[:3] == ["Konsept", "Idé", "Planlegge"]


def test_removing_a_phase_closes_the_gap(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    phase_delete(actor=None, phase=_phase(draft, "Konsept"))
    positions = list(draft.phases.order_by("position").values_list("position", "name"))
    assert positions[:2] == [(1, "Idé"), (2, "Planlegge")]
    assert positions[-1][0] == len(positions)


def test_moving_a_level_changes_which_is_suggested_first(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    level_move(actor=None, level=draft.levels.get(code="stor"), direction="up")
    assert list(draft.levels.order_by("position").values_list("code", flat=True)) == [
        "liten",
        "stor",
        "middels",
    ]


# --- New methods -------------------------------------------------------------------------------


def test_a_new_method_starts_with_a_draft_that_can_be_published(stavanger: Municipality) -> None:
    draft = method_create(actor=_user("portefolje"), municipality=stavanger, name="Tjenestedesign")
    assert draft.method.name == "Tjenestedesign"
    assert (draft.number, draft.published_at) == (1, None)
    assert draft.levels.count() == 1
    assert DecisionPoint.objects.filter(phase__version=draft).count() == 1

    method_version_publish(actor=None, version=draft)
    draft.refresh_from_db()
    assert draft.is_current


def test_a_new_method_can_start_as_a_copy_of_another(stavanger: Municipality) -> None:
    source = _method(stavanger, "Smartbyprosessen")
    draft = method_create(
        actor=None, municipality=stavanger, name="Smartby for skoler", copy_from=source
    )
    assert _outline(draft) == _outline(source.versions.get(is_current=True))


def test_a_new_method_needs_a_name_of_its_own(stavanger: Municipality) -> None:
    with pytest.raises(ValidationError) as refused:
        method_create(actor=None, municipality=stavanger, name="Prosjektveiviseren")
    assert "name" in refused.value.message_dict


def test_a_method_cannot_be_copied_from_another_municipality(
    stavanger: Municipality, bergen: Municipality
) -> None:
    with pytest.raises(ValidationError):
        method_create(actor=None, municipality=stavanger, name="Kopi", copy_from=_method(bergen))
    assert not Method.objects.filter(name="Kopi").exists()


def test_the_methods_name_and_course_change_directly(stavanger: Municipality) -> None:
    method = method_update(
        actor=_user("portefolje"),
        method=_method(stavanger, "Smartbyprosessen"),
        name="Smartbyprosessen 2.0",
        description="Ny beskrivelse",
        is_linear=False,
        origin="Smartby",
    )
    assert method.history.first().history_user == _user("portefolje")
    assert Method.objects.get(pk=method.pk).name == "Smartbyprosessen 2.0"


# --- History -----------------------------------------------------------------------------------


def test_the_history_names_who_changed_a_checkpoint_and_its_levels(
    stavanger: Municipality,
) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    actor = _user("portefolje")
    item = checklist_item_create(
        actor=actor,
        phase=_phase(draft, "Konsept"),
        text="Arkitekturrådet har vurdert løsningen.",
        source=ChecklistSource.OWN,
        levels=[draft.levels.get(code="stor")],
    )
    records = list(item.history.order_by("history_id"))
    assert {record.history_user for record in records} == {actor}
    assert [row.level_id for row in records[-1].levels.all()] == [draft.levels.get(code="stor").pk]


def test_publishing_is_recorded_with_who_published(stavanger: Municipality) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    method_version_publish(actor=_user("admin"), version=draft)
    assert draft.history.first().history_user == _user("admin")


# --- Access ------------------------------------------------------------------------------------


def test_another_municipalitys_draft_is_not_found(
    stavanger: Municipality, bergen: Municipality
) -> None:
    draft = method_version_draft_create(actor=None, method=_method(stavanger))
    level = draft.levels.first()
    assert level is not None
    with pytest.raises(Http404):
        get_draft_for_user(membership_of("bergen-admin"), draft.pk)
    with pytest.raises(Http404):
        get_draft_part_for_user(membership_of("bergen-admin"), Level, level.pk)


def test_a_published_versions_parts_are_not_found_for_editing(stavanger: Municipality) -> None:
    current = _method(stavanger).versions.get(is_current=True)
    phase = current.phases.first()
    assert phase is not None
    with pytest.raises(Http404):
        get_draft_for_user(membership_of("portefolje"), current.pk)
    with pytest.raises(Http404):
        get_draft_part_for_user(membership_of("portefolje"), Phase, phase.pk)
