"""The portfolio office screens an idea: scores it on the criteria beside the similar ideas and
initiatives, asks the submitter a question, decides (reject, park, merge) or promotes it to an
initiative. Each a page of its own; the idea's page links to them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.ideas.access import get_idea_to_screen
from helhet.ideas.forms import Decision, DecisionForm, PromoteForm, QuestionForm, ScoreForm
from helhet.ideas.models import Idea
from helhet.ideas.selectors import criteria_set_for_unit, similar_to_idea
from helhet.ideas.services import ideas as services


def _closed(request: MemberRequest, idea: Idea) -> HttpResponse | None:
    """Back to the idea, saying why, when it has been decided for good already."""
    if idea.is_open:
        return None
    messages.info(
        request,
        _("The idea is %(status)s; it is not screened again.")
        % {"status": idea.get_status_display().lower()},
    )
    return redirect("ideas:detail", idea.pk)


def _render(
    request: MemberRequest, template: str, idea: Idea, form: Any, **extra: Any
) -> HttpResponse:
    return render(
        request,
        template,
        {"idea": idea, "form": form, **extra},
        status=400 if form.is_bound else 200,
    )


# Any member reaches the view, so that another municipality's idea is "not found" before "not
# allowed"; get_idea_to_screen refuses (403) all but the portfolio office, and the submitter.
@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def idea_screen(request: MemberRequest, pk: int) -> HttpResponse:
    """Score the idea 1-5 on each criterion of its set, with the similar ideas and initiatives
    beside it."""
    idea = get_idea_to_screen(request.membership, pk)
    if (closed := _closed(request, idea)) is not None:
        return closed
    criteria_set = idea.criteria_set or criteria_set_for_unit(idea.unit)
    criteria = list(criteria_set.criteria.all()) if criteria_set else []
    if request.method == "POST":
        form = ScoreForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                scored = services.idea_score(actor=request.user, idea=idea, scores=form.scores())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The idea is scored: %(score)s of 5.") % {"score": scored.score},
                )
                return redirect("ideas:detail", idea.pk)
    else:
        existing = {score.criterion_id: score.score for score in idea.scores.all()}
        form = ScoreForm(
            initial={f"criterion_{pk}": value for pk, value in existing.items()},
            criteria=criteria,
        )
    return _render(
        request,
        "ideas/idea_screen.html",
        idea,
        form,
        criteria_set=criteria_set,
        similar=similar_to_idea(idea),
    )


@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def idea_question(request: MemberRequest, pk: int) -> HttpResponse:
    """Ask the one who submitted the idea a question."""
    idea = get_idea_to_screen(request.membership, pk)
    if (closed := _closed(request, idea)) is not None:
        return closed
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.idea_question_ask(
                    actor=request.user, idea=idea, question=form.cleaned_data["question"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The question is sent. %(name)s sees it under My ideas.")
                    % {"name": idea.submitted_by or _("The submitter")},
                )
                return redirect("ideas:detail", idea.pk)
    else:
        form = QuestionForm()
    return _render(request, "ideas/idea_question.html", idea, form)


DECIDED = {
    Decision.REJECT: _("The idea is rejected. The one who submitted it sees why."),
    Decision.PARK: _("The idea is parked. It may be taken up again later."),
    Decision.MERGE: _("The idea is merged into %(initiative)s."),
}


@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def idea_decide(request: MemberRequest, pk: int) -> HttpResponse:
    """Reject the idea (with reason), park it, or merge it into an existing initiative."""
    idea = get_idea_to_screen(request.membership, pk)
    if (closed := _closed(request, idea)) is not None:
        return closed
    municipality = request.membership.municipality
    if request.method == "POST":
        form = DecisionForm(request.POST, municipality=municipality)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == Decision.REJECT:
                    services.idea_reject(actor=request.user, idea=idea, reason=data["reason"])
                elif data["decision"] == Decision.PARK:
                    services.idea_park(actor=request.user, idea=idea, reason=data["reason"])
                else:
                    services.idea_merge(
                        actor=request.user,
                        idea=idea,
                        initiative=data["initiative"],
                        reason=data["reason"],
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = str(DECIDED[data["decision"]])
                if data["decision"] == Decision.MERGE:
                    message = message % {"initiative": data["initiative"].name}
                messages.success(request, message)
                return redirect("ideas:detail", idea.pk)
    else:
        form = DecisionForm(municipality=municipality)
    return _render(request, "ideas/idea_decide.html", idea, form, similar=similar_to_idea(idea))


@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def idea_promote(request: MemberRequest, pk: int) -> HttpResponse:
    """Promote the idea to a new initiative (an idea or a project) in the portfolio."""
    idea = get_idea_to_screen(request.membership, pk)
    if (closed := _closed(request, idea)) is not None:
        return closed
    municipality = request.membership.municipality
    if request.method == "POST":
        form = PromoteForm(request.POST, municipality=municipality)
        if form.is_valid():
            try:
                initiative = services.idea_promote(
                    actor=request.user, idea=idea, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The idea is promoted to the initiative “%(name)s”. Fill in the rest there.")
                    % {"name": initiative.name},
                )
                return redirect("portfolio:initiative_detail", initiative.pk)
    else:
        form = PromoteForm(
            initial={"name": idea.title, "owning_unit": idea.unit_id, "kind": "idea"},
            municipality=municipality,
        )
    return _render(request, "ideas/idea_promote.html", idea, form)
