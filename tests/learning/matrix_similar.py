"""Similar work, probable overlaps and help across departments in the role and tenancy matrices
(see tests/matrix.py). The help requests go from Hundvåg hjemmebaserte tjenester to E-helse og
velferdsteknologi, whose only demo member is the project leader: they alone answer them. The
overlap is two initiatives in different departments that nobody in the portfolio office owns."""

from __future__ import annotations

from typing import Any

from helhet.accounts.models import User
from helhet.accounts.roles import Capability, Role
from helhet.learning.models import HelpRequest, HelpStatus
from helhet.learning.services.help import help_request_answer, help_request_ask
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.conftest import unit_named
from tests.matrix import Target, View

ASKED = "Hjelp til gevinstkartlegging"
ACCEPTED = "Hjelp til implementering av medisindispensere"
ANSWERERS = frozenset({Role.PROJECT_LEADER.value})


def _person(username: str) -> User:
    return User.objects.get(username=username)


def _request(stavanger: Municipality, title: str) -> HelpRequest:
    found = HelpRequest.objects.filter(municipality=stavanger, title=title).first()
    if found is not None:
        return found
    asked = help_request_ask(
        actor=_person("gevinsteier"),
        municipality=stavanger,
        from_unit=unit_named(stavanger, "Hundvåg hjemmebaserte tjenester"),
        to_unit=unit_named(stavanger, "E-helse og velferdsteknologi"),
        kind="implementation",
        title=title,
        description="Vi trenger hjelp til å gå gjennom brukerlistene.",
    )
    if title == ACCEPTED:
        asked = help_request_answer(
            actor=_person("prosjektleder"), request=asked, accept=True, answer="To dager i uka."
        )
    return asked


def _asked_pk(stavanger: Municipality) -> int:
    return _request(stavanger, ASKED).pk


def _accepted_pk(stavanger: Municipality) -> int:
    request = _request(stavanger, ACCEPTED)
    assert request.status == HelpStatus.ACCEPTED
    return request.pk


def _initiative(stavanger: Municipality, name: str, unit: str) -> Initiative:
    found = Initiative.objects.filter(municipality=stavanger, name=name).first()
    return found or initiative_create(
        actor=None,
        municipality=stavanger,
        name=name,
        kind=InitiativeKind.PROJECT,
        owning_unit=unit_named(stavanger, unit),
        short_description="Sensorer som måler fyllingsgrad i søppeldunker og varsler tømming.",
    )


def _initiative_pk(stavanger: Municipality) -> int:
    return _initiative(stavanger, "Smarte søppeldunker", "Smartby").pk


def _ask(stavanger: Municipality) -> dict[str, Any]:
    return {
        "from_unit": str(unit_named(stavanger, "Hundvåg hjemmebaserte tjenester").pk),
        "to_unit": str(unit_named(stavanger, "Innovasjon og digitalisering").pk),
        "kind": "method",
        "title": "Hjelp med prosjektveiviseren",
        "description": "Vi skal starte et prosjekt og kan lite om metoden.",
    }


def _accept(stavanger: Municipality) -> dict[str, Any]:
    return {"decision": "accept", "answer": "Vi kommer på tirsdag.", "planned_for": ""}


def _close(stavanger: Municipality) -> dict[str, Any]:
    return {"outcome": "Brukerlistene er gått gjennom."}


def _judge(stavanger: Municipality) -> dict[str, Any]:
    first = _initiative(stavanger, "Smarte søppeldunker", "Smartby")
    second = _initiative(stavanger, "Søppeldunker med sensorer", "Park og vei")
    return {"first": first.pk, "second": second.pk, "verdict": "related", "note": ""}


VIEW = (Capability.VIEW_LESSONS,)
ANSWER = (Capability.ANSWER_HELP_REQUESTS,)
ROLE_VIEWS = [
    View("learning:similar", VIEW, _initiative_pk),
    View("learning:overlaps", (Capability.JUDGE_OVERLAPS,)),
    View(
        "learning:overlap_judge",
        (Capability.JUDGE_OVERLAPS,),
        None,
        _judge,
        "/laering/overlapp/",
    ),
    View("learning:help_requests", VIEW),
    View("learning:help_ask", (Capability.ASK_FOR_HELP,), None, _ask, "/laering/hjelp/"),
    View("learning:help_request", VIEW, _asked_pk),
    View("learning:help_history", (Capability.VIEW_HISTORY,), _asked_pk),
    View(
        "learning:help_answer",
        ANSWER,
        _asked_pk,
        _accept,
        "/laering/hjelp/",
        allowed_roles=ANSWERERS,
    ),
    View(
        "learning:help_close",
        ANSWER,
        _accepted_pk,
        _close,
        "/laering/hjelp/",
        allowed_roles=ANSWERERS,
    ),
]


def _asked_target(stavanger: Municipality) -> Target:
    return Target(_asked_pk(stavanger), ASKED, _accept(stavanger))


def _answer_target(stavanger: Municipality) -> Target:
    return Target(_asked_pk(stavanger), ASKED, _accept(stavanger), viewer="prosjektleder")


def _close_target(stavanger: Municipality) -> Target:
    return Target(_accepted_pk(stavanger), ACCEPTED, _close(stavanger), viewer="prosjektleder")


def _initiative_target(stavanger: Municipality) -> Target:
    return Target(_initiative_pk(stavanger), "Smarte søppeldunker")


TENANCY_HTML = {
    "learning:similar": _initiative_target,
    "learning:help_request": _asked_target,
    "learning:help_history": _asked_target,
    "learning:help_answer": _answer_target,
    "learning:help_close": _close_target,
}


def _api_initiative(stavanger: Municipality) -> Target:
    return Target(_initiative_pk(stavanger), "Smarte søppeldunker", kwarg="initiative_id")


def _api_request(stavanger: Municipality) -> Target:
    return Target(
        _asked_pk(stavanger),
        ASKED,
        {"accept": True, "answer": "Bergen var her", "outcome": "Bergen var her"},
        kwarg="request_id",
    )


TENANCY_API = {
    "api-v1:similar_read": _api_initiative,
    "api-v1:help_request_read": _api_request,
    "api-v1:help_request_answer": _api_request,
    "api-v1:help_request_close": _api_request,
}
