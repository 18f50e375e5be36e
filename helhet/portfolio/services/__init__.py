"""Every change to the portfolio goes through here: validated, atomic, recorded in history. By
sub-domain: ``initiatives`` (register, change, delete), ``initiative_parts`` (the units, goals,
people, tags and funding an initiative is set with), ``bulk`` (the spreadsheet import),
``relations`` (relations between initiatives, document links), ``status_reports``, ``goals`` and
``saved_views``. Every service is importable from the package."""

from helhet.portfolio.services.bulk import BulkCreateError, NewInitiative, initiative_bulk_create
from helhet.portfolio.services.goals import goal_create, goal_delete, goal_update
from helhet.portfolio.services.initiative_parts import M2M_FIELDS, FundingLine
from helhet.portfolio.services.initiatives import (
    INITIATIVE_FIELDS,
    ConcurrentEditError,
    initiative_create,
    initiative_delete,
    initiative_update,
)
from helhet.portfolio.services.relations import (
    link_create,
    link_delete,
    relation_add,
    relation_remove,
)
from helhet.portfolio.services.saved_views import saved_view_create, saved_view_delete
from helhet.portfolio.services.status_reports import status_report_create

__all__ = [
    "INITIATIVE_FIELDS",
    "M2M_FIELDS",
    "BulkCreateError",
    "ConcurrentEditError",
    "FundingLine",
    "NewInitiative",
    "goal_create",
    "goal_delete",
    "goal_update",
    "initiative_bulk_create",
    "initiative_create",
    "initiative_delete",
    "initiative_update",
    "link_create",
    "link_delete",
    "relation_add",
    "relation_remove",
    "saved_view_create",
    "saved_view_delete",
    "status_report_create",
]
