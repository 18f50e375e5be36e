"""Submitting an idea, asking and answering questions about it, screening it on the criteria, and
deciding what becomes of it: rejected, parked, merged into an initiative or promoted to one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.duties import may, refusal_to_screen_idea
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.core.history import save_with_history
from helhet.documents import uploads
from helhet.ideas.models import (
    CriteriaSet,
    Idea,
    IdeaAttachment,
    IdeaQuestion,
    IdeaScore,
    IdeaStatus,
    ScreeningCriterion,
    weighted_score,
)
from helhet.ideas.selectors import criteria_set_for_unit
from helhet.maturity.models import Service
from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create

# At most this many files come with one idea.
MAX_ATTACHMENTS = 5
PROMOTABLE_KINDS = (InitiativeKind.IDEA, InitiativeKind.PROJECT)


def _check_files(files: Sequence[UploadedFile]) -> list[uploads.FileKind]:
    """Each file's kind by the documents' upload check; every refusal at once on ``attachments``."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS}}
        )
    kinds, problems = [], []
    for file in files:
        try:
            kinds.append(uploads.check_upload(file))
        except ValidationError as refused:
            problems.extend(refused.message_dict.get("file", refused.messages))
    if problems:
        raise ValidationError({"attachments": problems})
    return kinds


def _store_files(
    actor: User, idea: Idea, files: Sequence[UploadedFile], kinds: list[uploads.FileKind]
) -> None:
    """Store the files under random names and list them on the idea; if anything fails, the
    files already stored are removed again (the rows go with the transaction)."""
    stored: list[str] = []
    try:
        for file, kind in zip(files, kinds, strict=True):
            saved = uploads.store(file)
            stored.append(saved.stored_name)
            IdeaAttachment.objects.create(
                municipality_id=idea.municipality_id,
                idea=idea,
                stored_name=saved.stored_name,
                name=uploads.clean_name(file.name or ""),
                file_type=kind.code,
                size=saved.size,
                sha256=saved.sha256,
                uploaded_by=actor,
            )
    except BaseException:
        for name in stored:
            uploads.discard(name)
        raise


def _same_municipality(municipality: Municipality, unit: OrgUnit, service: Service | None) -> None:
    errors = {}
    if unit.municipality_id != municipality.pk:
        errors["unit"] = _("Choose a unit in your municipality.")
    if service is not None and service.municipality_id != municipality.pk:
        errors["service"] = _("Choose a service in your municipality.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def idea_submit(
    *,
    actor: User,
    municipality: Municipality,
    title: str,
    problem: str,
    unit: OrgUnit,
    who_has_it: str = "",
    solution: str = "",
    service: Service | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> Idea:
    """Submit an idea: anyone in the municipality, every role (PermissionDenied without one).
    A title, the problem and the unit are required; who has it, a solution, the service and up
    to five attachments (checked by content, see ``documents.uploads.check_upload``) are
    optional. Nothing is written, and no file kept, if anything is refused."""
    if not may(actor, municipality.pk, Capability.SUBMIT_IDEAS):
        raise PermissionDenied(_("Your role does not submit ideas."))
    _same_municipality(municipality, unit, service)
    kinds = _check_files(attachments)
    idea = Idea(
        municipality=municipality,
        title=title.strip(),
        problem=problem.strip(),
        who_has_it=who_has_it.strip(),
        solution=solution.strip(),
        unit=unit,
        service=service,
        submitted_by=actor,
    )
    idea.full_clean(exclude=["municipality", "unit", "service", "submitted_by"])
    save_with_history(idea, actor=actor)
    _store_files(actor, idea, attachments, kinds)
    return idea


def _screener_or_refuse(actor: User, idea: Idea) -> None:
    refusal = refusal_to_screen_idea(
        actor, municipality_id=idea.municipality_id, submitted_by_id=idea.submitted_by_id
    )
    if refusal is not None:
        raise PermissionDenied(refusal)


def _locked_open(idea: Idea) -> Idea:
    """The idea's row, locked until the transaction ends, so two screeners cannot decide it at
    once; refused when it has been decided for good already."""
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if not locked.is_open:
        raise ValidationError(
            _("The idea is already %(status)s; it cannot be screened or decided again.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


@transaction.atomic
def idea_question_ask(*, actor: User, idea: Idea, question: str) -> IdeaQuestion:
    """Ask the one who submitted the idea a question (the portfolio office, not the submitter;
    only while the idea is open). They see it on the idea and under "My ideas"."""
    _screener_or_refuse(actor, idea)
    locked = _locked_open(idea)
    asked = IdeaQuestion(
        municipality_id=locked.municipality_id,
        idea=locked,
        question=question.strip(),
        asked_by=actor,
    )
    asked.full_clean(exclude=["municipality", "idea", "asked_by"])
    save_with_history(asked, actor=actor)
    return asked


@transaction.atomic
def idea_question_answer(*, actor: User, question: IdeaQuestion, answer: str) -> IdeaQuestion:
    """The submitter answers a question about their idea (PermissionDenied for anyone else). A
    new answer replaces the old one; the history keeps both."""
    if question.idea.submitted_by_id != actor.pk:
        raise PermissionDenied(_("Only the one who submitted the idea answers its questions."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write your answer.")})
    question.answer, question.answered_at = answer.strip(), timezone.now()
    question.full_clean(exclude=["municipality", "idea", "asked_by"])
    save_with_history(question, actor=actor, update_fields=["answer", "answered_at"])
    return question


def _criteria_for(idea: Idea) -> tuple[CriteriaSet, list[ScreeningCriterion]]:
    criteria_set = idea.criteria_set or criteria_set_for_unit(idea.unit)
    if criteria_set is None:
        raise ValidationError(
            _("No screening criteria are set up. Set them up on the criteria page first.")
        )
    return criteria_set, list(criteria_set.criteria.all())


@transaction.atomic
def idea_score(*, actor: User, idea: Idea, scores: dict[int, int]) -> Idea:
    """Score the idea 1-5 on every criterion of its set (the set of its unit, or of the nearest
    unit above it that has one, else the municipality's; an idea once scored keeps its set), by
    the portfolio office and not the submitter. The weighted score Σ w·s / Σ w (two decimals)
    is kept on the idea for sorting; a submitted idea becomes "being screened". Scoring again
    replaces the scores (the history keeps the old ones). Refused, writing nothing, when a
    criterion is left out or a score is outside 1-5."""
    _screener_or_refuse(actor, idea)
    locked = _locked_open(idea)
    locked.unit = idea.unit
    criteria_set, criteria = _criteria_for(locked)
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            errors[f"criterion_{criterion.pk}"] = _("Give a score from 1 to 5.")
        elif not 1 <= value <= 5:
            errors[f"criterion_{criterion.pk}"] = _("The score is from 1 to 5.")
    if set(scores) - {criterion.pk for criterion in criteria}:
        errors["__all__"] = _("Score only the criteria of the idea's set.")
    if errors:
        raise ValidationError(errors)
    existing = {score.criterion_id: score for score in locked.scores.all()}
    for criterion in criteria:
        score = existing.get(criterion.pk) or IdeaScore(
            municipality_id=locked.municipality_id, idea=locked, criterion=criterion
        )
        if score.score != scores[criterion.pk]:
            score.score = scores[criterion.pk]
            save_with_history(score, actor=actor)
    locked.criteria_set = criteria_set
    locked.score = weighted_score([(c.weight, scores[c.pk]) for c in criteria])
    locked.screened_by, locked.screened_at = actor, timezone.now()
    started = locked.status == IdeaStatus.SUBMITTED
    if started:
        locked.status = IdeaStatus.SCREENING
    save_with_history(locked, actor=actor)
    if started:
        _tell_submitter(actor, locked)
    return locked


def _tell_submitter(actor: User, idea: Idea) -> None:
    """The one who submitted the idea is told its new status, with the reason when one is
    given (never the screener themselves)."""
    text: list[texts.Message] = [
        texts.gettext(
            "Your idea “%(title)s” is now: %(status)s.",
            title=idea.title,
            status=texts.choice(idea, "status"),
        )
    ]
    if idea.decision_reason:
        text += [" ", texts.gettext("The reason: %(reason)s", reason=idea.decision_reason)]
    notification_send(
        recipients=[idea.submitted_by],
        actor=actor,
        municipality=idea.municipality,
        kind=Kind.IDEA_STATUS,
        text=text,
        link=reverse("ideas:detail", args=[idea.pk]),
    )


def _decide(actor: User, idea: Idea, status: str, reason: str, **fields: Any) -> Idea:
    idea.status, idea.decision_reason = status, reason.strip()
    idea.decided_by, idea.decided_at = actor, timezone.now()
    for name, value in fields.items():
        setattr(idea, name, value)
    save_with_history(idea, actor=actor)
    _tell_submitter(actor, idea)
    return idea


@transaction.atomic
def idea_reject(*, actor: User, idea: Idea, reason: str) -> Idea:
    """Reject the idea, with the reason the submitter will read (required), by the portfolio
    office and not the submitter, while the idea is open (also when parked)."""
    _screener_or_refuse(actor, idea)
    locked = _locked_open(idea)
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the idea is rejected. The one who submitted it reads it.")}
        )
    return _decide(actor, locked, IdeaStatus.REJECTED, reason)


@transaction.atomic
def idea_park(*, actor: User, idea: Idea, reason: str = "") -> Idea:
    """Park the idea for later (a reason is optional, and shown to the submitter). A parked
    idea may be screened and decided again."""
    _screener_or_refuse(actor, idea)
    locked = _locked_open(idea)
    if locked.status == IdeaStatus.PARKED:
        raise ValidationError(_("The idea is parked already."))
    return _decide(actor, locked, IdeaStatus.PARKED, reason)


def _initiative_or_refuse(idea: Idea, initiative: Initiative | None) -> Initiative:
    if initiative is None or initiative.municipality_id != idea.municipality_id:
        raise ValidationError({"initiative": _("Choose an initiative in your municipality.")})
    return initiative


@transaction.atomic
def idea_merge(*, actor: User, idea: Idea, initiative: Initiative | None, reason: str = "") -> Idea:
    """Merge the idea into an existing initiative of the municipality, which carries it on:
    the idea names the initiative, and the initiative's page lists the idea."""
    _screener_or_refuse(actor, idea)
    locked = _locked_open(idea)
    target = _initiative_or_refuse(locked, initiative)
    return _decide(actor, locked, IdeaStatus.MERGED, reason, initiative=target)


@transaction.atomic
def idea_promote(
    *,
    actor: User,
    idea: Idea,
    kind: str,
    name: str,
    owning_unit: OrgUnit,
    reason: str = "",
) -> Initiative:
    """Promote the idea to a new initiative of kind idea or project in the portfolio, registered
    by the screener (``portfolio.services.initiative_create``: its rules and name check apply),
    with the idea's text as its short description and need. The idea names the initiative and
    the initiative's page lists the idea, so each leads to the other. Nothing is written if the
    initiative is refused (a name taken, say)."""
    _screener_or_refuse(actor, idea)
    locked = _locked_open(idea)
    if kind not in PROMOTABLE_KINDS:
        raise ValidationError({"kind": _("Promote the idea to an idea or a project.")})
    if owning_unit.municipality_id != locked.municipality_id:
        raise ValidationError({"owning_unit": _("Choose a unit in your municipality.")})
    need = locked.problem
    if locked.who_has_it:
        need = f"{need}\n\n{_('Who has the problem')}: {locked.who_has_it}"
    initiative = initiative_create(
        actor=actor,
        municipality=locked.municipality,
        name=name,
        kind=kind,
        owning_unit=owning_unit,
        short_description=(locked.solution or locked.title)[:5000],
        need=need[:10000],
    )
    _decide(actor, locked, IdeaStatus.PROMOTED, reason, initiative=initiative)
    return initiative
