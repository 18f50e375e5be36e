"""Creating a checked file's initiatives, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.exchange.checking import ImportRow
from helhet.portfolio.exchange.problems import Problem
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import BulkCreateError, NewInitiative, initiative_bulk_create


class ImportFailed(Exception):
    """The database refused a row after all (someone registered the same name in between, say).
    Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def import_rows(
    *, actor: User | None, municipality: Municipality, rows: Sequence[ImportRow]
) -> list[Initiative]:
    """Create every row's initiative through initiative_bulk_create: the checks
    initiative_create makes, one history record each naming ``actor``, all in one transaction.
    If one row is refused, none is written and ImportFailed says which."""
    try:
        return initiative_bulk_create(
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
                for row in rows
            ],
        )
    except BulkCreateError as error:
        row = rows[error.index].row
        raise ImportFailed([Problem(message, row) for message in error.messages]) from error
