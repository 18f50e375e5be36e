"""Letter case folded the same on every database, æ, ø and å included.

SQLite's ``lower()``, ``LIKE`` and ``icontains`` fold only ASCII letters, so on SQLite "Øvre" and
"øvre", or "Ærlig" and "ærlig", would neither match each other nor sort together, where
PostgreSQL (``lower()`` under a UTF-8 locale) folds them. :class:`Folded` is ``lower()`` on
PostgreSQL and, on SQLite, a function every connection registers (``HELHET_FOLD``, Python's
``str.lower``). Sort and match text a person wrote through it; never compare ``Lower`` or
``icontains`` against Norwegian words."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Func

SQLITE_FUNCTION = "HELHET_FOLD"


def fold(text: str | None) -> str | None:
    """The text in lower case, as PostgreSQL's ``lower()`` writes it (None stays None)."""
    return None if text is None else text.lower()


class Folded(Func):
    """A text expression in lower case, also for letters beyond ASCII on SQLite."""

    function = "LOWER"
    arity = 1
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)


def register_sqlite_fold(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Give a new SQLite connection HELHET_FOLD (connected to ``connection_created``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
