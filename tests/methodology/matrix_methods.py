"""The methods pages in the role and tenancy matrices (see tests/matrix.py).

Reading a method and any published version is open to every role that sees the portfolio;
changing one, by way of a draft, only to those who manage methods (administrator and portfolio
office). The pages that change a part of a method are asked about the parts of a draft of
Smartby's process, made once per test (Smartby's has criteria as well as levels, phases,
checklists and documents)."""

from typing import TypeVar

from django.db.models import QuerySet

from helhet.accounts.roles import Capability
from helhet.methodology.editing.drafts import method_version_draft_create
from helhet.methodology.models import (
    ChecklistItem,
    Criterion,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality
from tests.matrix import Target, View

DRAFTED = "Smartbyprosessen"


def _prosjektveiviseren_pk(stavanger: Municipality) -> int:
    return Method.objects.get(municipality=stavanger, name="Prosjektveiviseren").pk


def _prosjektveiviseren(stavanger: Municipality) -> Target:
    # The tell-tale is a checkpoint only Stavanger's copy could show to Bergen: the method's own
    # name exists in Bergen too.
    return Target(_prosjektveiviseren_pk(stavanger), "Godkjenne mandat for konseptfasen")


def _current(stavanger: Municipality) -> MethodVersion:
    return MethodVersion.objects.get(
        method__municipality=stavanger, method__name="Prosjektveiviseren", is_current=True
    )


def draft(stavanger: Municipality, name: str = DRAFTED) -> MethodVersion:
    """The draft of the Stavanger method ``name``, made on first asking."""
    method = Method.objects.get(municipality=stavanger, name=name)
    return method_version_draft_create(actor=None, method=method)


Part = TypeVar("Part", Level, Phase, Criterion, ChecklistItem, DocumentRequirement)


def _first(queryset: QuerySet[Part]) -> Part:
    found = queryset.first()
    assert found is not None
    return found


def _level(stavanger: Municipality) -> Level:
    return _first(Level.objects.filter(version=draft(stavanger)).order_by("position"))


def _phase(stavanger: Municipality) -> Phase:
    return _first(Phase.objects.filter(version=draft(stavanger)).order_by("position"))


def _criterion(stavanger: Municipality) -> Criterion:
    return _first(Criterion.objects.filter(version=draft(stavanger)).order_by("position"))


def _item(stavanger: Municipality) -> ChecklistItem:
    return _first(
        ChecklistItem.objects.filter(decision_point__phase__version=draft(stavanger)).order_by(
            "decision_point__phase__position", "position"
        )
    )


def _requirement(stavanger: Municipality) -> DocumentRequirement:
    return _first(
        DocumentRequirement.objects.filter(phase__version=draft(stavanger)).order_by(
            "phase__position", "position"
        )
    )


# What Bergen would post, if a view let it through.
POST = {
    "name": "Bergen var her",
    "code": "bergen",
    "text": "Bergen var her",
    "source": "Kommunens egen",
    "document_type": "other",
    "decision_code": "BV",
    "decision_name": "Bergen var her",
    "decider": "project_owner",
    "is_linear": "on",
}


def _draft_target(stavanger: Municipality) -> Target:
    version = draft(stavanger)
    return Target(version.pk, f"{DRAFTED}, versjon {version.number}", POST)


MANAGE = (Capability.MANAGE_METHODS,)

ROLE_VIEWS = [
    View("methodology:method_list", (Capability.VIEW_PORTFOLIO,)),
    View("methodology:method_detail", (Capability.VIEW_PORTFOLIO,), _prosjektveiviseren_pk),
    View("methodology:version_detail", (Capability.VIEW_PORTFOLIO,), lambda s: _current(s).pk),
    View("methodology:method_create", MANAGE),
    View("methodology:method_edit", MANAGE, _prosjektveiviseren_pk),
    View("methodology:method_draft", MANAGE, _prosjektveiviseren_pk),
    View("methodology:version_edit", MANAGE, lambda s: draft(s).pk),
    View("methodology:version_publish", MANAGE, lambda s: draft(s).pk),
    View("methodology:version_discard", MANAGE, lambda s: draft(s).pk),
    View("methodology:level_add", MANAGE, lambda s: draft(s).pk),
    View("methodology:criterion_add", MANAGE, lambda s: draft(s).pk),
    View("methodology:phase_add", MANAGE, lambda s: draft(s).pk),
    View("methodology:level_edit", MANAGE, lambda s: _level(s).pk),
    View("methodology:criterion_edit", MANAGE, lambda s: _criterion(s).pk),
    View("methodology:phase_edit", MANAGE, lambda s: _phase(s).pk),
    View("methodology:checklist_item_add", MANAGE, lambda s: _phase(s).pk),
    View("methodology:document_requirement_add", MANAGE, lambda s: _phase(s).pk),
    View("methodology:checklist_item_edit", MANAGE, lambda s: _item(s).pk),
    View("methodology:document_requirement_edit", MANAGE, lambda s: _requirement(s).pk),
]


TENANCY_HTML = {
    "methodology:method_detail": _prosjektveiviseren,
    "methodology:method_edit": lambda s: Target(
        _prosjektveiviseren_pk(s), "Godkjenne mandat for konseptfasen", POST
    ),
    "methodology:method_draft": _prosjektveiviseren,
    "methodology:version_detail": lambda s: Target(
        _current(s).pk, "Godkjenne mandat for konseptfasen"
    ),
    "methodology:version_edit": _draft_target,
    "methodology:version_publish": _draft_target,
    "methodology:version_discard": _draft_target,
    "methodology:level_add": _draft_target,
    "methodology:criterion_add": _draft_target,
    "methodology:phase_add": _draft_target,
    "methodology:level_edit": lambda s: Target(_level(s).pk, _level(s).name, POST),
    "methodology:criterion_edit": lambda s: Target(_criterion(s).pk, _criterion(s).name, POST),
    "methodology:phase_edit": lambda s: Target(_phase(s).pk, _phase(s).name, POST),
    "methodology:checklist_item_add": lambda s: Target(_phase(s).pk, _phase(s).name, POST),
    "methodology:document_requirement_add": lambda s: Target(_phase(s).pk, _phase(s).name, POST),
    "methodology:checklist_item_edit": lambda s: Target(_item(s).pk, _item(s).text, POST),
    "methodology:document_requirement_edit": lambda s: Target(
        _requirement(s).pk, _requirement(s).name, POST
    ),
}
