"""The words of a record's texts, folded and kept by the database itself, so that "which records
mention these words" is an index lookup instead of reading every text (Helhet's similarity
finder compares a new initiative with every other in the municipality).

A model declares ``words = folded_words("name", "short_description", "need")``: a generated,
stored column the database keeps in step with the texts on every insert and update (no service,
signal or rebuild keeps it). On PostgreSQL it is a ``tsvector`` of the folded texts (config
``simple``: no stemming, the finder leaves common words out itself), searched with ``@@`` and an
index; on SQLite it is the folded text, searched with LIKE. (Helhet runs on these two.)

Folded: lower case, and æ, ø, å as a, o, a, with the English-keyboard spellings aa, ae, oe
folded the same way, so "påminnelser", "PAAMINNELSER" and "paminnelser" are one word.
``helhet.core.folding.fold_spelling`` does the same in Python."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Func
from django.db.models.sql.compiler import SQLCompiler

from helhet.core.folding import SPELLING_PAIRS

# SQLite's lower() leaves letters outside ASCII as they are.
_SQLITE_UPPER = (("Æ", "æ"), ("Ø", "ø"), ("Å", "å"))


class WordsField(models.TextField):
    """A ``tsvector`` on PostgreSQL, text elsewhere (see the module's docstring)."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        if connection.vendor == "postgresql":
            return "tsvector"
        return super().db_type(connection)


class FoldedWords(Func):
    """The folded words of the given text columns (see the module's docstring)."""

    output_field = WordsField()

    def _folded(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, pairs: Any) -> Any:
        parts: list[str] = []
        params: list[Any] = []
        for expression in self.get_source_expressions():
            sql, part_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(part_params)
        text = " || ' ' || ".join(parts)
        text = f"lower({text})"
        for before, after in pairs:
            text = f"replace({text}, '{before}', '{after}')"
        return text, params

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        text, params = self._folded(compiler, connection, SPELLING_PAIRS)
        return f"to_tsvector('simple'::regconfig, {text})", params

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        text, params = self._folded(compiler, connection, ())
        for before, after in (*_SQLITE_UPPER, *SPELLING_PAIRS):
            text = f"replace({text}, '{before}', '{after}')"
        return text, params


def folded_words(*fields: str) -> models.GeneratedField:
    """The generated column of the folded words of ``fields`` (text columns, never null)."""
    return models.GeneratedField(
        expression=FoldedWords(*(F(name) for name in fields)),
        output_field=WordsField(),
        db_persist=True,
        editable=False,
    )


class Mentions(Func):
    """True when a folded-words column holds a word starting with ``prefix`` (folded, letters
    and digits only): ``words @@ 'prefix:*'`` on PostgreSQL, a LIKE elsewhere."""

    output_field = models.BooleanField()

    def __init__(self, column: str, prefix: str) -> None:
        self.prefix = prefix
        super().__init__(F(column))

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"({sql} @@ to_tsquery('simple'::regconfig, %s))", [*params, f"{self.prefix}:*"]

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"({sql} LIKE %s)", [*params, f"%{self.prefix}%"]


class MentionsAny(Func):
    """True when a folded-words column holds a word starting with any of ``prefixes`` (one
    search on PostgreSQL: ``words @@ 'a:* | b:*'``)."""

    output_field = models.BooleanField()

    def __init__(self, column: str, prefixes: list[str]) -> None:
        self.prefixes = prefixes
        super().__init__(F(column))

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        query = " | ".join(f"{prefix}:*" for prefix in self.prefixes)
        return f"({sql} @@ to_tsquery('simple'::regconfig, %s))", [*params, query]

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        likes = " OR ".join(f"{sql} LIKE %s" for _ in self.prefixes)
        found = [value for prefix in self.prefixes for value in (*params, f"%{prefix}%")]
        return f"({likes})", found


class MentionsWeighted(Func):
    """``weight`` for each of ``prefixes`` a folded-words column holds a word starting with,
    summed (an integer): one SQL expression with a test per prefix, as ``Mentions`` tests
    each, built without an expression object per prefix."""

    output_field = models.IntegerField()

    def __init__(self, column: str, prefixes: list[str], weight: int) -> None:
        self.prefixes = prefixes
        self.weight = weight
        super().__init__(F(column))

    def _sum(self, params: list[Any], test: str, values: list[str]) -> Any:
        if not values:
            return "0", []
        cases = " + ".join(f"(CASE WHEN {test} THEN {int(self.weight)} ELSE 0 END)" for _ in values)
        return f"({cases})", [value for found in values for value in (*params, found)]

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        test = f"({sql} @@ to_tsquery('simple'::regconfig, %s))"
        return self._sum(list(params), test, [f"{prefix}:*" for prefix in self.prefixes])

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        test = f"({sql} LIKE %s)"
        return self._sum(list(params), test, [f"%{prefix}%" for prefix in self.prefixes])
