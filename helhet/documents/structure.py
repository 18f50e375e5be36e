"""The structured form of each document type: the headings a project fills in, after Digdir's
Prosjektveiviseren templates (mandate for the concept phase, project justification, project
proposal, benefits realisation plan, steering document, phase plan, final report) and, for the
light method and the handover, a page of the same kind. The keys are stored in each version's
content, so a key is never renamed; a heading may be reworded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from helhet.methodology.models import DocumentType

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Heading:
    key: str
    label: StrOrPromise
    help_text: StrOrPromise = ""
    rows: int = 5


_RISKS = Heading("risks", _("Risks"), _("The main risks and what is done about them."))

STRUCTURE: dict[str, list[Heading]] = {
    DocumentType.MANDATE: [
        Heading(
            "background",
            _("Background and problem"),
            _("Why the concept phase is needed: the situation today and the problem or need."),
        ),
        Heading("goal", _("Goal"), _("What the concept phase shall achieve.")),
        Heading("scope", _("Scope and limits"), _("What is included and what is not.")),
        Heading("deliverables", _("Deliverables"), _("What the concept phase delivers.")),
        Heading(
            "organisation",
            _("Organisation"),
            _("Project owner, who leads the work and who takes part."),
        ),
        Heading("cost_frame", _("Cost frame"), _("Hours and money the concept phase may use."), 3),
        Heading("time_frame", _("Time frame"), _("Start, end and milestones."), 3),
        _RISKS,
    ],
    DocumentType.PROJECT_JUSTIFICATION: [
        Heading("background", _("Background and need")),
        Heading(
            "goals",
            _("Goals"),
            _("The societal goal and the effect goals the project shall contribute to."),
        ),
        Heading(
            "alternatives",
            _("Alternatives considered"),
            _("Including the zero alternative: to go on as today."),
        ),
        Heading("recommendation", _("Recommended alternative and why")),
        Heading("benefits", _("Benefits"), _("The benefits expected, for whom.")),
        Heading("costs", _("Costs"), _("Investment and running costs."), 3),
        _RISKS,
    ],
    DocumentType.PROJECT_PROPOSAL: [
        Heading("goals", _("Goals"), _("Effect goals and result goals.")),
        Heading("scope", _("Scope and limits")),
        Heading("deliverables", _("Deliverables")),
        Heading("approach", _("Approach"), _("How the project will work, phase by phase.")),
        Heading("organisation", _("Organisation")),
        Heading("budget", _("Resources and budget"), rows=3),
        Heading("schedule", _("Time plan and milestones"), rows=3),
        _RISKS,
    ],
    DocumentType.BENEFITS_PLAN: [
        Heading("benefits", _("Benefits"), _("Each benefit the project shall realise.")),
        Heading(
            "indicators",
            _("Indicators"),
            _("How each benefit is measured: the indicator, today's value and the target."),
        ),
        Heading("owners", _("Benefits owners"), _("Who in the line owns each benefit."), 3),
        Heading("dates", _("Dates"), _("When each benefit is to be measured and realised."), 3),
        Heading(
            "measures",
            _("Measures to realise the benefits"),
            _("What the line must change so the benefits are realised."),
        ),
    ],
    DocumentType.STEERING_DOCUMENT: [
        Heading("goals", _("Goals"), _("Effect goals and result goals.")),
        Heading("scope", _("Scope and limits")),
        Heading("deliverables", _("Deliverables")),
        Heading(
            "organisation",
            _("Organisation and roles"),
            _("Project owner, project board, project leader and team."),
        ),
        Heading("schedule", _("Plan and milestones"), rows=3),
        Heading("budget", _("Budget"), rows=3),
        Heading("quality", _("Quality and acceptance"), _("How deliverables are accepted."), 3),
        _RISKS,
        Heading(
            "owner_approval",
            _("The project owner's approval"),
            _("The project owner's name and the date the owner signed the steering document."),
            2,
        ),
    ],
    DocumentType.PHASE_PLAN: [
        Heading("goals", _("Goals of the phase")),
        Heading("deliverables", _("Deliverables")),
        Heading("activities", _("Activities and milestones")),
        Heading("resources", _("Resources and budget"), rows=3),
        _RISKS,
    ],
    DocumentType.FINAL_REPORT: [
        Heading("results", _("Results against goals"), _("What was delivered, against the goals.")),
        Heading("cost", _("Cost"), _("Budget against what was used."), 3),
        Heading("schedule", _("Time"), _("Plan against what happened."), 3),
        Heading("lessons", _("Lessons learned"), _("What others in the municipality can learn.")),
        Heading(
            "handover",
            _("Handover to operation"),
            _("Who runs the solution now, and what was handed over."),
        ),
        Heading("open_points", _("Open points"), rows=3),
    ],
    DocumentType.ONE_PAGE: [
        Heading("problem", _("Problem or need")),
        Heading("idea", _("Idea and what we will do")),
        Heading("who", _("Who takes part"), rows=3),
        Heading("effort", _("Effort and cost"), rows=3),
        Heading("success", _("How we know it worked"), rows=3),
        Heading("handover", _("Who takes it over"), rows=3),
    ],
    DocumentType.HANDOVER: [
        Heading("solution", _("What is handed over")),
        Heading(
            "operations_owner",
            _("Operations owner"),
            _("The unit and the person responsible for operation."),
            3,
        ),
        Heading("handover_date", _("Handover date"), rows=2),
        Heading("documentation", _("Documentation and training")),
        Heading("support", _("Support and maintenance"), rows=3),
        Heading("benefits_owner", _("Benefits owner"), _("Who follows up the benefits."), 2),
        Heading("open_points", _("Open points"), rows=3),
    ],
    DocumentType.OTHER: [
        Heading("content", _("Content"), rows=12),
    ],
}


def headings(document_type: str) -> list[Heading]:
    """The headings of ``document_type``'s form (a single text for an unknown type)."""
    return STRUCTURE.get(document_type, STRUCTURE[DocumentType.OTHER])
