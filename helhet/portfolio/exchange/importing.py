"""Writing a checked file: its new initiatives created and its changed ones changed, all or
nothing, each with the importer in its history."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.exchange.checking import CHANGED, NEW, ImportRow
from helhet.portfolio.exchange.problems import Problem
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import (
    BulkCreateError,
    ConcurrentEditError,
    NewInitiative,
    initiative_bulk_create,
    initiative_update,
)


class ImportFailed(Exception):
    """The database refused a row after all (someone registered the same name or saved the same
    initiative in between, say). Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@transaction.atomic
def import_rows(
    *, actor: User | None, municipality: Municipality, rows: Sequence[ImportRow]
) -> list[Initiative]:
    """Change every changed row's initiative through initiative_update (from the version the
    check saw, or the file's: never over a newer save) and create every new row's initiative
    through initiative_bulk_create, with one history record each naming ``actor``, all in one
    transaction; unchanged rows write nothing. If one row is refused, nothing is written and
    ImportFailed says which. Returns the initiatives changed and created."""
    changed = [_change(actor, row) for row in rows if row.action == CHANGED]
    new = [row for row in rows if row.action == NEW]
    try:
        created = initiative_bulk_create(
            actor=actor,
            municipality=municipality,
            initiatives=[
                NewInitiative(
                    name=row.name,
                    kind=row.kind,
                    owning_unit=row.owning_unit,
                    fields=row.fields,
                    m2m=row.m2m,
                    tags=row.tags,
                )
                for row in new
            ],
        )
    except BulkCreateError as error:
        row_number = new[error.index].row
        raise ImportFailed([Problem(message, row_number) for message in error.messages]) from error
    return [*changed, *created]


def _change(actor: User | None, row: ImportRow) -> Initiative:
    assert row.initiative is not None
    try:
        return initiative_update(
            actor=actor,
            initiative=row.initiative,
            expected_version=row.version,
            fields=row.fields,
            m2m=row.m2m,
            tags=row.tags if row.tags_changed else None,
        )
    except ConcurrentEditError as error:
        message = _(
            "Someone saved the initiative after the file was checked. Nothing was imported: "
            "upload the file again to see what it would change now."
        )
        raise ImportFailed([Problem(message, row.row)]) from error
    except ValidationError as error:
        raise ImportFailed([Problem(message, row.row) for message in error.messages]) from error
