"""Helpers for the initiative and goal tests: a snapshot of the portfolio for "nothing changed",
and the edit form's POST data for an initiative as it is saved now."""

from typing import Any

from helhet.portfolio.models import (
    FundingSource,
    Initiative,
    InitiativeLink,
    InitiativeRelation,
    StatusReport,
    StrategicGoal,
    Tag,
)
from tests.conftest import table_rows


def portfolio_state() -> dict[str, Any]:
    """Everything a request could change in the portfolio, history included."""
    models: list[Any] = [
        Initiative,
        FundingSource,
        InitiativeRelation,
        InitiativeLink,
        StatusReport,
        StrategicGoal,
        Tag,
    ]
    state: dict[str, Any] = {model.__name__: table_rows(model) for model in models}
    for through in (
        Initiative.participating_units.through,
        Initiative.goals.through,
        Initiative.tags.through,
        Initiative.contacts.through,
    ):
        state[through.__name__] = table_rows(through)
    state["history"] = [model.history.count() for model in models if hasattr(model, "history")]
    return state


def edit_form(initiative: Initiative, **changes: Any) -> dict[str, Any]:
    """The edit form as the page fills it in for ``initiative``, with ``changes`` on top."""
    initiative.refresh_from_db()
    data: dict[str, Any] = {
        "name": initiative.name,
        "kind": initiative.kind,
        "short_description": initiative.short_description,
        "need": initiative.need,
        "owning_unit": str(initiative.owning_unit_id),
        "participating_units": [
            str(pk) for pk in initiative.participating_units.values_list("pk", flat=True)
        ],
        "programme": str(initiative.programme_id or ""),
        "project_owner": str(initiative.project_owner_id or ""),
        "project_leader": str(initiative.project_leader_id or ""),
        "contacts": [str(pk) for pk in initiative.contacts.values_list("pk", flat=True)],
        "status": initiative.status,
        "stop_reason": initiative.stop_reason,
        "planned_start": initiative.planned_start.isoformat() if initiative.planned_start else "",
        "planned_end": initiative.planned_end.isoformat() if initiative.planned_end else "",
        "actual_start": initiative.actual_start.isoformat() if initiative.actual_start else "",
        "actual_end": initiative.actual_end.isoformat() if initiative.actual_end else "",
        "estimated_cost": str(initiative.estimated_cost or ""),
        "actual_cost": str(initiative.actual_cost or ""),
        "goals": [str(pk) for pk in initiative.goals.values_list("pk", flat=True)],
        "tags": ", ".join(initiative.tags.values_list("name", flat=True)),
        "ros_status": initiative.ros_status,
        "ros_date": "",
        "dpia_status": initiative.dpia_status,
        "dpia_date": "",
        "dpa_status": initiative.dpa_status,
        "dpa_date": "",
        "version": str(initiative.version),
        "funding-TOTAL_FORMS": "3",
        "funding-INITIAL_FORMS": "0",
        "funding-MIN_NUM_FORMS": "0",
        "funding-MAX_NUM_FORMS": "20",
    }
    sources = list(initiative.funding_sources.all())
    for index, source in enumerate(sources):
        data[f"funding-{index}-source"] = source.source
        data[f"funding-{index}-amount"] = str(source.amount)
        data[f"funding-{index}-note"] = source.note
    data["funding-TOTAL_FORMS"] = str(len(sources) + 3)
    if initiative.processes_personal_data:
        data["processes_personal_data"] = "on"
    data.update(changes)
    return data
