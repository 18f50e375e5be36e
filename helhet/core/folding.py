"""Folding people's text so that what means the same compares the same: the one home for it.

- ``fold_case``: letter case only, the same on every database, æ, ø and å included (names that
  sort and match as written: "Øvre" and "øvre").
- ``fold_spelling``: case, and æ, ø, å as a, o, a with the English-keyboard spellings aa, ae, oe
  folded alike ("Påminnelser", "PAAMINNELSER", "paminnelser"): how the similarity finder
  compares words, as the database's folded words do (``helhet.core.words``).


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


# (from, to) in the order the database applies them: the two-letter spellings first.
SPELLING_PAIRS = (("aa", "a"), ("ae", "a"), ("oe", "o"), ("æ", "a"), ("ø", "o"), ("å", "a"))


def fold_case(text: str | None) -> str | None:
    """The text in lower case, as PostgreSQL's ``lower()`` writes it (None stays None)."""
    return None if text is None else text.lower()


def fold_spelling(text: str) -> str:
    """``text`` as the database folds words: lower case, æøå (and aa, ae, oe) as a, o, a."""
    text = text.lower()
    for before, after in SPELLING_PAIRS:
        text = text.replace(before, after)
    return text


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
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold_case, deterministic=True)
