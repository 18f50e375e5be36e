"""The ideas' pages and API in the role and tenancy matrices (see tests/matrix.py), asked about
an idea the reader submitted (so the portfolio office may screen it), its attachment and a
question to the reader, and the municipality's default criteria set."""

from __future__ import annotations

from helhet.accounts.roles import Capability, Role
from helhet.ideas.models import CriteriaSet, Idea, IdeaAttachment, IdeaQuestion
from helhet.ideas.services.ideas import idea_question_ask
from helhet.organization.models import Municipality
from tests.conftest import unit_named
from tests.documents import files
from tests.ideas.helpers import person, submit
from tests.matrix import Target, View

TITLE = "Digital innsjekk på legevakten"


def _idea(stavanger: Municipality) -> Idea:
    found = Idea.objects.filter(municipality=stavanger, title=TITLE).first()
    return found or submit(stavanger, attachments=[files.upload("skisse.pdf", files.pdf())])


def _idea_pk(stavanger: Municipality) -> int:
    return _idea(stavanger).pk


def _attachment_pk(stavanger: Municipality) -> int:
    return IdeaAttachment.objects.get(idea=_idea(stavanger)).pk


def _question(stavanger: Municipality) -> IdeaQuestion:
    idea = _idea(stavanger)
    return idea.questions.first() or idea_question_ask(
        actor=person("portefolje"), idea=idea, question="Hvor mange gjelder det?"
    )


def _question_pk(stavanger: Municipality) -> int:
    return _question(stavanger).pk


def _default_set(stavanger: Municipality) -> CriteriaSet:
    return CriteriaSet.objects.get(municipality=stavanger, unit=None)


def _default_set_pk(stavanger: Municipality) -> int:
    return _default_set(stavanger).pk


def _criterion_pk(stavanger: Municipality) -> int:
    criterion = _default_set(stavanger).criteria.first()
    assert criterion is not None
    return criterion.pk


def _new_idea(stavanger: Municipality) -> dict[str, str]:
    return {
        "title": "Felles kalender for idrettshallene",
        "problem": "Lag og foreninger ringer rundt for å finne ledig haltid.",
        "unit": str(unit_named(stavanger, "Kultur").pk),
        "action": "submit",
    }


def _scores(stavanger: Municipality) -> dict[str, str]:
    pks = _default_set(stavanger).criteria.values_list("pk", flat=True)
    return {f"criterion_{pk}": "4" for pk in pks}


def _question_form(stavanger: Municipality) -> dict[str, str]:
    return {"question": "Har legevakten prøvd en kø-lapp-løsning?"}


def _park(stavanger: Municipality) -> dict[str, str]:
    return {"decision": "park", "reason": "Venter på ny legevaktløsning."}


def _promote(stavanger: Municipality) -> dict[str, str]:
    unit = unit_named(stavanger, "Stavanger legevakt")
    return {"name": "Digital innsjekk", "kind": "idea", "owning_unit": str(unit.pk)}


def _answer(stavanger: Municipality) -> dict[str, str]:
    return {"answer": "Nei, ikke ennå."}


def _new_set(stavanger: Municipality) -> dict[str, str]:
    return {"name": "Smartbykriterier", "unit": str(unit_named(stavanger, "Smartby").pk)}


def _criterion_form(stavanger: Municipality) -> dict[str, str]:
    return {"name": "Klimanytte", "description": "Kutter det utslipp?", "weight": "2"}


SCREEN = (Capability.SCREEN_IDEAS,)
ROLE_VIEWS = [
    View("ideas:list", (Capability.SUBMIT_IDEAS,)),
    View("ideas:submit", (Capability.SUBMIT_IDEAS,), None, _new_idea, "/ideer/"),
    View("ideas:mine", (Capability.SUBMIT_IDEAS,)),
    View("ideas:detail", (Capability.SUBMIT_IDEAS,), _idea_pk),
    View("ideas:history", (Capability.VIEW_HISTORY,), _idea_pk),
    View("ideas:attachment", (Capability.SUBMIT_IDEAS,), _attachment_pk),
    View("ideas:screen", SCREEN, _idea_pk, _scores, "/ideer/"),
    View("ideas:question", SCREEN, _idea_pk, _question_form, "/ideer/"),
    View("ideas:decide", SCREEN, _idea_pk, _park, "/ideer/"),
    View("ideas:promote", SCREEN, _idea_pk, _promote, "/portefolje/"),
    # Only the one who submitted the idea (here the reader) answers its questions.
    View(
        "ideas:answer",
        (Capability.SUBMIT_IDEAS,),
        _question_pk,
        _answer,
        "/ideer/",
        allowed_roles=frozenset({Role.READER.value}),
    ),
    View("ideas:criteria", SCREEN),
    View("ideas:criteria_set_create", SCREEN, None, _new_set, "/ideer/kriterier/"),
    View("ideas:criterion_add", SCREEN, _default_set_pk, _criterion_form, "/ideer/kriterier/"),
    View("ideas:criterion_edit", SCREEN, _criterion_pk, _criterion_form, "/ideer/kriterier/"),
]


def _idea_target(stavanger: Municipality) -> Target:
    return Target(_idea_pk(stavanger), TITLE, {**_scores(stavanger), **_park(stavanger)})


def _screen_target(stavanger: Municipality) -> Target:
    return Target(
        _idea_pk(stavanger),
        TITLE,
        {**_scores(stavanger), **_park(stavanger), **_promote(stavanger)},
        viewer="portefolje",
    )


def _attachment_target(stavanger: Municipality) -> Target:
    return Target(_attachment_pk(stavanger), "skisse.pdf")


def _answer_target(stavanger: Municipality) -> Target:
    question = _question(stavanger)
    return Target(question.pk, question.question, _answer(stavanger), viewer="leser")


def _set_target(stavanger: Municipality) -> Target:
    criteria_set = _default_set(stavanger)
    return Target(
        criteria_set.pk, "Nytte for innbyggerne", _criterion_form(stavanger), viewer="portefolje"
    )


def _criterion_target(stavanger: Municipality) -> Target:
    return Target(
        _criterion_pk(stavanger),
        "Nytte for innbyggerne",
        _criterion_form(stavanger),
        viewer="portefolje",
    )


TENANCY_HTML = {
    "ideas:detail": _idea_target,
    "ideas:history": _idea_target,
    "ideas:attachment": _attachment_target,
    "ideas:screen": _screen_target,
    "ideas:question": _screen_target,
    "ideas:decide": _screen_target,
    "ideas:promote": _screen_target,
    "ideas:answer": _answer_target,
    "ideas:criterion_add": _set_target,
    "ideas:criterion_edit": _criterion_target,
}


def _api_idea(stavanger: Municipality) -> Target:
    criteria = _default_set(stavanger).criteria.values_list("pk", flat=True)
    post = {
        "scores": [{"criterion_id": pk, "score": 3} for pk in criteria],
        "question": "Bergen var her",
        "decision": "park",
    }
    return Target(_idea_pk(stavanger), TITLE, post, kwarg="idea_id")


TENANCY_API = {
    "api-v1:idea_read": _api_idea,
    "api-v1:idea_score": _api_idea,
    "api-v1:question_create": _api_idea,
    "api-v1:idea_decide": _api_idea,
}
