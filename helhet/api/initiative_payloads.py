"""What a client sends to register or change an initiative, and how its ids and usernames become
the objects the portfolio services take (each looked up in the token's municipality only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema

from helhet.api.errors import InvalidRequest
from helhet.api.lookups import (
    object_by_id,
    objects_by_id,
    people_by_username,
    person_by_username,
)
from helhet.api.schemas import Day, Id, Money, Username, WholeNumber, text
from helhet.core.text import max_length_of
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import FundingSource, Initiative, InitiativeKind, StrategicGoal, Tag
from helhet.portfolio.services import FundingLine


class FundingIn(Schema):
    source: str = text(
        FundingSource,
        "source",
        ...,
        description="own_budget, digitalisation_fund, innovasjon_norge, eu, state_grant, other",
    )
    amount: Money = Field(description="NOK")
    note: str = text(FundingSource, "note")


TagName = Annotated[str, Field(max_length=max_length_of(Tag, "name"))]


class InitiativeIn(Schema):
    """A new initiative: name, kind and owning unit are required; the rest can come later.
    People are given by username, units, goals and the programme by id."""

    name: str = text(Initiative, "name", ...)
    kind: str = text(Initiative, "kind", ..., description="idea, project, programme, activity")
    owning_unit: Id
    short_description: str = text(Initiative, "short_description")
    need: str = text(Initiative, "need")
    programme: Id | None = None
    project_owner: Username | None = None
    project_leader: Username | None = None
    contacts: list[Username] = Field(default_factory=list)
    participating_units: list[Id] = Field(default_factory=list)
    planned_start: Day | None = None
    planned_end: Day | None = None
    actual_start: Day | None = None
    actual_end: Day | None = None
    status: str = text(Initiative, "status", "active")
    stop_reason: str = text(Initiative, "stop_reason")
    estimated_cost: Money | None = None
    actual_cost: Money | None = None
    funding: list[FundingIn] = Field(default_factory=list)
    goals: list[Id] = Field(default_factory=list)
    tags: list[TagName] = Field(default_factory=list)
    processes_personal_data: bool = False
    ros_status: str = text(Initiative, "ros_status")
    ros_date: Day | None = None
    dpia_status: str = text(Initiative, "dpia_status")
    dpia_date: Day | None = None
    dpa_status: str = text(Initiative, "dpa_status")
    dpa_date: Day | None = None


class InitiativePatch(Schema):
    """The fields to change, and the ``version`` the change starts from. Fields left out stay
    as they are."""

    version: WholeNumber
    name: str | None = text(Initiative, "name", None)
    kind: str | None = text(Initiative, "kind", None)
    owning_unit: Id | None = None
    short_description: str | None = text(Initiative, "short_description", None)
    need: str | None = text(Initiative, "need", None)
    programme: Id | None = None
    project_owner: Username | None = None
    project_leader: Username | None = None
    contacts: list[Username] | None = None
    participating_units: list[Id] | None = None
    planned_start: Day | None = None
    planned_end: Day | None = None
    actual_start: Day | None = None
    actual_end: Day | None = None
    status: str | None = text(Initiative, "status", None)
    stop_reason: str | None = text(Initiative, "stop_reason", None)
    estimated_cost: Money | None = None
    actual_cost: Money | None = None
    funding: list[FundingIn] | None = None
    goals: list[Id] | None = None
    tags: list[TagName] | None = None
    processes_personal_data: bool | None = None
    ros_status: str | None = text(Initiative, "ros_status", None)
    ros_date: Day | None = None
    dpia_status: str | None = text(Initiative, "dpia_status", None)
    dpia_date: Day | None = None
    dpa_status: str | None = text(Initiative, "dpa_status", None)
    dpa_date: Day | None = None


# Fields that may be left out but not set to null; text fields where null means empty.
REQUIRED_FIELDS = ("name", "kind", "status", "owning_unit")
TEXT_FIELDS = (
    "short_description",
    "need",
    "stop_reason",
    "ros_status",
    "dpia_status",
    "dpa_status",
)


@dataclass
class ResolvedPayload:
    """A payload as the services take it. ``tags`` and ``funding`` are None when not given."""

    fields: dict[str, Any]
    m2m: dict[str, Sequence[Any]]
    tags: list[str] | None
    funding: list[FundingLine] | None


def _lookups(
    municipality: Municipality,
) -> tuple[dict[str, Callable[[Any], Any]], dict[str, Callable[[list[Any]], list[Any]]]]:
    """How each field naming one object, and each naming many, is looked up."""
    units = OrgUnit.objects.for_municipality(municipality)
    programmes = Initiative.objects.for_municipality(municipality).filter(
        kind=InitiativeKind.PROGRAMME
    )
    goals = StrategicGoal.objects.filter(municipality=municipality)
    unknown_unit = _("Choose a unit in your municipality.")
    single: dict[str, Callable[[Any], Any]] = {
        "owning_unit": lambda pk: object_by_id(units, pk, "owning_unit", unknown_unit),
        "programme": lambda pk: object_by_id(
            programmes, pk, "programme", _("Choose a programme in the same municipality.")
        ),
        "project_owner": lambda name: person_by_username(municipality, name, "project_owner"),
        "project_leader": lambda name: person_by_username(municipality, name, "project_leader"),
    }
    many: dict[str, Callable[[list[Any]], list[Any]]] = {
        "participating_units": lambda pks: objects_by_id(
            units, pks, "participating_units", unknown_unit
        ),
        "goals": lambda pks: objects_by_id(
            goals, pks, "goals", _("Choose strategic goals of your municipality.")
        ),
        "contacts": lambda names: people_by_username(municipality, names, "contacts"),
    }
    return single, many


def resolve_payload(municipality: Municipality, data: dict[str, Any]) -> ResolvedPayload:
    """Turn the request's ids and usernames into the objects the services take, each looked up
    in the municipality only, and report every unknown one at once."""
    single, many = _lookups(municipality)
    errors: dict[str, list[str]] = {}
    fields: dict[str, Any] = {}
    m2m: dict[str, Sequence[Any]] = {}
    for name, value in data.items():
        if name in ("funding", "tags", "version"):
            continue
        try:
            if value is None and name in REQUIRED_FIELDS:
                raise InvalidRequest({name: [_("This field cannot be empty.")]})
            if name in single:
                fields[name] = None if value is None else single[name](value)
            elif name in many:
                m2m[name] = many[name](value or [])
            elif value is None and name in TEXT_FIELDS:
                fields[name] = ""
            elif value is None and name == "processes_personal_data":
                fields[name] = False
            else:
                fields[name] = value
        except InvalidRequest as invalid:
            errors.update(invalid.errors)
    if errors:
        raise InvalidRequest(errors)
    return ResolvedPayload(fields, m2m, _tags(data), _funding(data))


def _tags(data: dict[str, Any]) -> list[str] | None:
    return list(data["tags"] or []) if "tags" in data else None


def _funding(data: dict[str, Any]) -> list[FundingLine] | None:
    if "funding" not in data:
        return None
    return [
        FundingLine(line["source"], line["amount"], line.get("note", ""))
        for line in data["funding"] or []
    ]
