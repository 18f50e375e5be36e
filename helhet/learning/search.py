"""Searching the lessons register: PostgreSQL's Norwegian full-text search, ranked, in
production; on SQLite a fallback that finds every word of the query in the lesson's words, case
aside (also æ, ø and å, which SQLite's own LIKE does not fold).

The words are kept on the lesson by the lesson services (``search_text``, and on PostgreSQL
``search_vector`` with its GIN index): derived, rebuilt by ``refresh_search``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from helhet.learning.models import Lesson

CONFIG = "norwegian"
# Longer queries are cut: nobody types more into a search box, and the database's work grows
# with every word.
MAX_QUERY = 200
MAX_WORDS = 8
# A search ranks at most this many matches, the newest: ranking every lesson that holds a common
# word (half the register of a large municipality) costs the database a read of every one for
# each page, and nobody reads past the first pages of such a list. The list says so and asks
# for another word or a filter (``more_than_ranked``).
MAX_RANKED = 1000


def words_of(*parts: str) -> str:
    """What a lesson is searched by: its texts joined, in lower case."""
    return "\n".join(part.strip() for part in parts if part and part.strip()).lower()


def search_text_of(
    *,
    title: str,
    what_happened: str,
    learned: str,
    advice: str,
    themes: Iterable[str],
    initiative_name: str = "",
    unit_name: str = "",
    phase_name: str = "",
) -> str:
    return words_of(
        title,
        what_happened,
        learned,
        advice,
        " ".join(themes),
        initiative_name,
        unit_name,
        phase_name,
    )


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def refresh_search(lesson_ids: Sequence[int] | None = None) -> None:
    """On PostgreSQL, compute the full-text vector of these lessons (all when None) from their
    words; elsewhere nothing to do."""
    if not uses_full_text():
        return
    lessons = (
        Lesson.objects.all() if lesson_ids is None else Lesson.objects.filter(pk__in=lesson_ids)
    )
    lessons.update(search_vector=SearchVector("search_text", config=CONFIG))


def _query_words(query: str) -> list[str]:
    return query[:MAX_QUERY].lower().split()[:MAX_WORDS]


def _matching(lessons: QuerySet[Lesson], words: list[str]) -> QuerySet[Lesson]:
    if uses_full_text():
        found = SearchQuery(" ".join(words), config=CONFIG, search_type="websearch")
        return lessons.filter(search_vector=found)
    for word in words:
        lessons = lessons.filter(search_text__contains=word)
    return lessons


def search(lessons: QuerySet[Lesson], query: str) -> QuerySet[Lesson]:
    """The lessons that match ``query``, best first (``rank``, higher is better; newest first
    among equals); of more than MAX_RANKED matches, the newest MAX_RANKED. An empty query leaves
    the lessons as they are."""
    words = _query_words(query)
    if not words:
        return lessons
    newest = _matching(lessons, words).order_by("-written_at", "-pk").values("pk")[:MAX_RANKED]
    lessons = lessons.filter(pk__in=newest)
    if uses_full_text():
        found = SearchQuery(" ".join(words), config=CONFIG, search_type="websearch")
        return lessons.annotate(rank=SearchRank(F("search_vector"), found)).order_by(
            "-rank", "-written_at", "-pk"
        )
    # Without ranking from the database: a lesson whose title holds the first word comes first.
    return lessons.annotate(
        rank=Case(
            When(title__icontains=words[0], then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("-rank", "-written_at", "-pk")


def more_than_ranked(lessons: QuerySet[Lesson], query: str) -> bool:
    """Whether more lessons match ``query`` than a search ranks (MAX_RANKED): one query that
    stops at the first match past them."""
    words = _query_words(query)
    if not words:
        return False
    matching = _matching(lessons, words).order_by("-written_at", "-pk")
    return matching[MAX_RANKED : MAX_RANKED + 1].exists()
