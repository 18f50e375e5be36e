"""Who may assess and who may decide an application: ``helhet.accounts.duties`` asked with the
application's people. Services enforce these; pages and the API ask the same functions, so a
page offers a form exactly when the service would let it through."""

from __future__ import annotations

from django.utils.translation import gettext as _

from helhet.accounts.duties import refusal_to_assess_application, refusal_to_decide_application
from helhet.accounts.models import User
from helhet.fund.models import FINAL_STATUSES, Application, ApplicationStatus

OPEN_FOR_DECISION = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.DEFERRED})


def state_refusal(application: Application) -> str | None:
    """Why the application cannot be assessed or decided now: it is not submitted yet, or it
    is decided for good (granted, rejected or withdrawn). A deferred one may be decided again."""
    if application.status == ApplicationStatus.DRAFT:
        return _("The application is not submitted yet.")
    if application.status in FINAL_STATUSES:
        return _(
            "The application is already decided (%(status)s). A decision is final: a new "
            "application is needed to ask again."
        ) % {"status": application.get_status_display().lower()}
    return None


def assessment_refusal(actor: User, application: Application) -> str | None:
    """Why ``actor`` may not assess ``application`` (role, their own application or initiative),
    or None."""
    initiative = application.initiative
    return refusal_to_assess_application(
        actor,
        municipality_id=application.municipality_id,
        applicant_ids=(application.created_by_id, application.submitted_by_id),
        owner_id=initiative.project_owner_id,
        leader_id=initiative.project_leader_id,
    )


def decision_refusal(actor: User, application: Application) -> str | None:
    """Why ``actor`` may not decide ``application``: not the decider the fund names (or, when
    it names none, not a leader), the applicant, the initiative's owner or leader, or the one
    who assessed it. None when they may."""
    initiative = application.initiative
    return refusal_to_decide_application(
        actor,
        municipality_id=application.municipality_id,
        named_decider_id=application.fund.decider_id,
        applicant_ids=(application.created_by_id, application.submitted_by_id),
        owner_id=initiative.project_owner_id,
        leader_id=initiative.project_leader_id,
        assessed_by_id=application.assessed_by_id,
    )
