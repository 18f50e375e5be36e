"""``seed_methods``: the four methods Helhet ships with, in the demo and in a fresh install."""

from io import StringIO

import pytest
from django.core.management import call_command

from helhet.accounts.models import User
from helhet.methodology.models import (
    ChecklistItem,
    ChecklistSource,
    Decider,
    DecisionPoint,
    DocumentRequirement,
    DocumentType,
    Method,
    MethodVersion,
    Phase,
)
from helhet.methodology.seed import seed_methods
from helhet.organization.models import Municipality


def _current(municipality: Municipality, name: str) -> MethodVersion:
    return MethodVersion.objects.get(municipality=municipality, method__name=name, is_current=True)


def _phase_names(version: MethodVersion) -> list[str]:
    return list(version.phases.order_by("position").values_list("name", flat=True))


def test_the_demo_gives_both_municipalities_the_four_methods(
    stavanger: Municipality, bergen: Municipality
) -> None:
    expected = {
        "Prosjektveiviseren",
        "Smartbyprosessen",
        "Implementering av velferdsteknologi",
        "Lett metode for små forbedringer",
    }
    for municipality in (stavanger, bergen):
        names = set(Method.objects.filter(municipality=municipality).values_list("name", flat=True))
        assert names == expected


def test_each_method_starts_at_version_1_as_the_current_version(stavanger: Municipality) -> None:
    versions = MethodVersion.objects.filter(municipality=stavanger)
    assert sorted(versions.values_list("number", "is_current")) == [(1, True)] * 4


def test_prosjektveiviseren_has_six_phases_with_bp1_to_bp3(stavanger: Municipality) -> None:
    version = _current(stavanger, "Prosjektveiviseren")
    assert _phase_names(version) == [
        "Idé",
        "Konsept",
        "Planlegge",
        "Gjennomføre",
        "Avslutte",
        "Realisere",
    ]
    codes = list(
        DecisionPoint.objects.filter(phase__version=version)
        .order_by("phase__position")
        .values_list("phase__name", "code")
    )
    assert codes[:3] == [("Idé", "BP1"), ("Konsept", "BP2"), ("Planlegge", "BP3")]
    assert version.method.is_linear


def test_bp3_is_where_the_owner_signs_the_steering_document(stavanger: Municipality) -> None:
    point = DecisionPoint.objects.get(
        phase__version=_current(stavanger, "Prosjektveiviseren"), code="BP3"
    )
    assert "styringsdokumentet" in point.description
    assert point.decider == Decider.PROJECT_OWNER


def test_prosjektveiviseren_requires_stavangers_mandatory_documents(
    stavanger: Municipality,
) -> None:
    version = _current(stavanger, "Prosjektveiviseren")
    types = set(
        DocumentRequirement.objects.filter(phase__version=version).values_list(
            "document_type", flat=True
        )
    )
    assert {
        DocumentType.MANDATE,
        DocumentType.PROJECT_JUSTIFICATION,
        DocumentType.PROJECT_PROPOSAL,
        DocumentType.BENEFITS_PLAN,
        DocumentType.STEERING_DOCUMENT,
        DocumentType.PHASE_PLAN,
        DocumentType.FINAL_REPORT,
    } <= types
    mandate = DocumentRequirement.objects.get(
        phase__version=version, document_type=DocumentType.MANDATE
    )
    assert mandate.phase.name == "Idé"
    assert mandate.may_be_not_relevant


def test_every_project_needs_a_benefits_realisation_plan_at_every_level(
    stavanger: Municipality,
) -> None:
    version = _current(stavanger, "Prosjektveiviseren")
    plan = DocumentRequirement.objects.get(
        phase__version=version, document_type=DocumentType.BENEFITS_PLAN
    )
    assert set(plan.levels.all()) == set(version.levels.all())


def test_smartby_is_non_linear_with_four_phases(stavanger: Municipality) -> None:
    version = _current(stavanger, "Smartbyprosessen")
    assert not version.method.is_linear
    assert _phase_names(version) == [
        "Innsiktsarbeid",
        "Definere mulighetsrom",
        "Utarbeide løsningsforslag",
        "Gjennomføre pilot",
    ]


def test_smartby_has_its_three_criteria(stavanger: Municipality) -> None:
    version = _current(stavanger, "Smartbyprosessen")
    names = [criterion.name for criterion in version.criteria.all()]
    assert names == ["Teknologi", "Samarbeid", "Innbyggerinvolvering"]


def test_smartbys_chief_makes_its_first_decision(stavanger: Municipality) -> None:
    first = DecisionPoint.objects.get(
        phase__version=_current(stavanger, "Smartbyprosessen"), phase__position=1
    )
    assert (first.decider, first.decider_label) == (Decider.LEADER, "Smartby-sjefen")
    assert any("Smartby-kriteriene" in item.text for item in first.checklist.all())


def test_e_helse_has_the_five_phases_of_the_ks_based_process(stavanger: Municipality) -> None:
    assert _phase_names(_current(stavanger, "Implementering av velferdsteknologi")) == [
        "Før du starter",
        "Innsikt og idé",
        "Utvikling, utprøving og evaluering",
        "Overgang til drift",
        "Ny praksis",
    ]


def test_the_light_method_has_three_phases_and_one_page_of_documentation(
    stavanger: Municipality,
) -> None:
    version = _current(stavanger, "Lett metode for små forbedringer")
    assert _phase_names(version) == ["Idé", "Gjennomføre", "Overlevere"]
    documents = DocumentRequirement.objects.filter(phase__version=version)
    assert list(documents.values_list("document_type", flat=True)) == [DocumentType.ONE_PAGE]


def test_each_method_has_exactly_one_gate_into_operation(stavanger: Municipality) -> None:
    gates = dict(
        Phase.objects.filter(municipality=stavanger, is_operation_gate=True).values_list(
            "version__method__name", "name"
        )
    )
    assert gates == {
        "Prosjektveiviseren": "Avslutte",
        "Smartbyprosessen": "Gjennomføre pilot",
        "Implementering av velferdsteknologi": "Overgang til drift",
        "Lett metode for små forbedringer": "Overlevere",
    }
    assert Phase.objects.filter(municipality=stavanger, is_operation_gate=True).count() == 4


def test_the_gate_into_operation_asks_for_an_operations_owner(stavanger: Municipality) -> None:
    for phase in Phase.objects.filter(municipality=stavanger, is_operation_gate=True):
        texts = ChecklistItem.objects.filter(decision_point__phase=phase).values_list(
            "text", flat=True
        )
        assert any("Driftsansvarlig" in text for text in texts), phase.version.method.name


def test_checkpoints_say_whether_they_are_digdirs_or_the_municipalitys_own(
    stavanger: Municipality,
) -> None:
    version = _current(stavanger, "Prosjektveiviseren")
    sources = set(
        ChecklistItem.objects.filter(decision_point__phase__version=version).values_list(
            "source", flat=True
        )
    )
    assert sources == {ChecklistSource.DIGDIR, ChecklistSource.OWN}
    others = ChecklistItem.objects.filter(municipality=stavanger).exclude(
        decision_point__phase__version=version
    )
    assert set(others.values_list("source", flat=True)) == {ChecklistSource.OWN}


def test_every_phase_ends_in_a_decision_point_with_a_checklist(stavanger: Municipality) -> None:
    for phase in Phase.objects.filter(municipality=stavanger):
        points = list(phase.decision_points.all())
        assert len(points) == 1, phase
        assert points[0].checklist.exists(), phase


def test_seeding_again_changes_nothing(stavanger: Municipality) -> None:
    before = {
        model.__name__: model.objects.count()
        for model in (Method, MethodVersion, Phase, DecisionPoint, ChecklistItem)
    }

    assert seed_methods(stavanger) == []

    after = {
        model.__name__: model.objects.count()
        for model in (Method, MethodVersion, Phase, DecisionPoint, ChecklistItem)
    }
    assert after == before


def test_seeding_leaves_a_municipalitys_own_edits_alone(stavanger: Municipality) -> None:
    Method.objects.filter(municipality=stavanger).exclude(name="Prosjektveiviseren").delete()

    seed_methods(stavanger)

    assert list(Method.objects.filter(municipality=stavanger).values_list("name", flat=True)) == [
        "Prosjektveiviseren"
    ]


@pytest.mark.django_db
def test_a_fresh_install_gets_the_methods_with_its_first_municipality() -> None:
    User.objects.create_user(username="drift", password="Driftspassord-42")

    call_command(
        "create_municipality",
        "Sandnes kommune",
        "sandnes",
        "964965137",
        "--admin",
        "drift",
        stdout=StringIO(),
    )

    sandnes = Municipality.objects.get(slug="sandnes")
    assert Method.objects.filter(municipality=sandnes).count() == 4
    assert MethodVersion.objects.filter(municipality=sandnes, is_current=True).count() == 4


def test_the_seeded_levels_are_in_the_history_of_each_checklist_item(
    stavanger: Municipality,
) -> None:
    item = ChecklistItem.objects.filter(municipality=stavanger).first()
    assert item is not None
    first = item.history.earliest()
    recorded = {row.level_id for row in first.levels.all()}
    assert recorded == set(item.levels.values_list("pk", flat=True))
    assert recorded
