"""Before you start: the initiatives and lessons most like an initiative or an idea, and who did
them, so that a department asks the one that has done it before instead of starting over.

One finder for the whole of Helhet (the initiative page, the gate page, the ideas' submit and
screening pages, the overlaps list and the API). What counts as alike, and how much:

- a significant word shared (four letters or more, not a common word), in the name, short
  description or need of an initiative, or the title and text of a lesson: 2 each;
- the same service (a planned step of the service catalogue names both), or for a lesson,
  coming from one of the similar initiatives: 3;
- a theme (tag) in common: 2 each;
- the same owning unit: 1; the same method: 1.

Shown from 3: two shared words, a word and a theme, or the same service; never one word alone
(too often chance), nor the same unit or method alone (says nothing of what the work is about).

Words are folded: case does not count, and æ, ø, å match ae, oe/o, aa (names typed on an
English keyboard); a long word matches its other endings ("sensorer" finds "sensor"). The
initiatives' folded words are kept by the database (``helhet.core.words``), the lessons' by the
lessons register (``helhet.learning.search``, Norwegian full text on PostgreSQL). The matching
and the ranking run in the database, in one query per list, whatever the size of the
portfolio."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.folding import fold_spelling
from helhet.core.words import MentionsAny, MentionsWeighted
from helhet.learning.models import Lesson
from helhet.learning.search import CONFIG as SEARCH_CONFIG
from helhet.learning.search import uses_full_text
from helhet.organization.models import OrgUnit
from helhet.portfolio.models import Initiative

# Words too common to say two texts are about the same thing.
_COMMON = """
alle andre annen at av bare ble blir bli da de dem den denne der dere det dette disse du eller
en er et etter for fordi fra får gjør gjøre han har hva hvem hvor hvordan i ikke inn jeg kan
kommer kunne man med mer mange men mot må ned noe noen nye når og også om opp oss på sin skal
slik som så til under ut uten var ved vi vil være vært the and with bruke brukes nesten ingen
vite lenge gjennom hele blant egen eget mye bedre enklere
"""
# Words every municipal text has, which say nothing of what the work is about.
_MUNICIPAL = """
kommune kommunen kommunens innbyggere innbyggerne ansatte ansattes bruker brukere brukerne
tjeneste tjenesten tjenester digital digitalt digitale løsning løsningen problem problemet
prosjekt prosjektet tiltak tiltaket arbeid arbeidet generert testdata ytelsesmåling
"""
STOP_WORDS = frozenset(_COMMON.split()) | frozenset(_MUNICIPAL.split())
MIN_WORD = 4
MAX_WORDS = 12
# A lesson found by its words shares two of the query's PAIRED_WORDS longest.
PAIRED_WORDS = 8
SHOWN = 5
WORD_WEIGHT, SERVICE_WEIGHT, THEME_WEIGHT, UNIT_WEIGHT, METHOD_WEIGHT = 2, 3, 2, 1, 1
ENOUGH = 3

INITIATIVE_TEXT = ("name", "short_description", "need")
LESSON_TEXT = ("title", "what_happened", "learned", "advice")

STEM_FROM = 7


def significant_words(text: str) -> list[str]:
    """The text's words that may say what it is about: four letters or more, not a stop word,
    casefolded; the longest first, at most twelve."""
    words = {word for word in re.findall(r"\w+", text.casefold()) if len(word) >= MIN_WORD}
    words = {word for word in words if not word.isdigit()} - STOP_WORDS
    return sorted(words, key=lambda word: (-len(word), word))[:MAX_WORDS]


def stem(word: str) -> str:
    """The folded beginning of ``word`` that its other forms share ("sensorer" and "sensor",
    "dispensere" and "dispenser"): a long word loses its last two letters."""
    folded = fold_spelling(word)
    return folded[:-2] if len(folded) >= STEM_FROM else folded


def _word_score(words: Sequence[str]) -> Any:
    """WORD_WEIGHT for each word an initiative's texts mention (an expression: one, however
    many words, which Django builds and compiles in a fraction of the time of a Case per
    word)."""
    return MentionsWeighted("text_words", [stem(word) for word in words], WORD_WEIGHT)


def shares(words: Iterable[str], text: str) -> list[str]:
    """The words of ``words`` that ``text`` mentions, folded, as the database counts them."""
    folded = fold_spelling(text)
    return [word for word in words if re.search(rf"(?<!\w){re.escape(stem(word))}", folded)]


@dataclass
class Likeness:
    """An initiative, lesson or idea like the one at hand, and why: the words they share, the
    same service, the same unit, the themes and the method in common."""

    item: Any
    words: list[str]
    same_service: bool = False
    same_unit: bool = False
    themes: list[str] = field(default_factory=list)
    same_method: bool = False
    of_similar: bool = False  # a lesson from one of the similar initiatives
    rank: int = field(init=False)

    def __post_init__(self) -> None:
        self.rank = (
            WORD_WEIGHT * len(self.words)
            + SERVICE_WEIGHT * self.same_service
            + THEME_WEIGHT * len(self.themes)
            + UNIT_WEIGHT * self.same_unit
            + METHOD_WEIGHT * self.same_method
            + SERVICE_WEIGHT * self.of_similar
        )

    @property
    def reasons(self) -> list[str]:
        found = []
        if self.words:
            found.append(_("same words: %(words)s") % {"words": ", ".join(self.words)})
        if self.same_service:
            found.append(_("same service"))
        if self.themes:
            found.append(_("same themes: %(themes)s") % {"themes": ", ".join(self.themes)})
        if self.same_unit:
            found.append(_("same unit"))
        if self.same_method:
            found.append(_("same method"))
        if self.of_similar:
            found.append(_("from a similar initiative"))
        return found


@dataclass(frozen=True)
class Query:
    """What to compare with: the text (name, description, need; or an idea's title, problem and
    solution), and where known the unit, service, themes and method. ``exclude`` leaves out an
    initiative (the one at hand)."""

    municipality_id: int
    text: str
    unit_id: int | None = None
    service_id: int | None = None
    tag_ids: tuple[int, ...] = ()
    method_id: int | None = None
    exclude: int | None = None

    @property
    def words(self) -> list[str]:
        return significant_words(self.text)


def query_for_initiative(initiative: Initiative) -> Query:
    """What the finder compares with for an initiative: its texts, owning unit, themes, the
    method it runs on and the first service a planned step names (three small queries)."""
    method_id = (
        Initiative.objects.filter(pk=initiative.pk)
        .values_list("method_run__version__method_id", flat=True)
        .first()
    )
    service_id = (
        initiative.service_steps.order_by("pk").values_list("service_id", flat=True).first()
    )
    return Query(
        municipality_id=initiative.municipality_id,
        text=" ".join(getattr(initiative, name) or "" for name in INITIATIVE_TEXT),
        unit_id=initiative.owning_unit_id,
        service_id=service_id,
        tag_ids=tuple(initiative.tags.values_list("pk", flat=True)),
        method_id=method_id,
        exclude=initiative.pk,
    )


def _ranked_initiatives(query: Query, words: list[str], shown: int) -> list[dict[str, Any]]:
    """The ``shown`` best-scoring initiatives as narrow rows (pk, score and its parts), the
    likest first. Ranked over the few columns a score needs, without joining the initiatives'
    people or grouping whole rows: thousands of candidates sort in memory."""
    rows = Initiative.objects.filter(municipality_id=query.municipality_id)
    if query.exclude is not None:
        rows = rows.exclude(pk=query.exclude)
    none = Value(0)
    on_service: Any = none
    if query.service_id is not None:
        # Through the reverse name, so that learning needs no import of the service catalogue.
        stepped = Initiative.objects.filter(
            pk=OuterRef("pk"), service_steps__service_id=query.service_id
        )
        on_service = Case(When(Exists(stepped), then=Value(1)), default=none)
    shared_themes: Any = none
    if query.tag_ids:
        # A count per candidate through the tag links' index, so no row is grouped.
        shared_themes = Coalesce(
            Subquery(
                Initiative.tags.through.objects.filter(  # type: ignore[misc]
                    initiative_id=OuterRef("pk"), tag_id__in=query.tag_ids
                )
                .values("initiative_id")
                .annotate(shared=Count("tag_id", distinct=True))
                .values("shared"),
                output_field=IntegerField(),
            ),
            none,
        )
    same_method: Any = none
    if query.method_id is not None:
        same_method = Case(
            When(method_run__version__method_id=query.method_id, then=Value(1)), default=none
        )
    same_unit: Any = none
    if query.unit_id is not None:
        same_unit = Case(When(owning_unit_id=query.unit_id, then=Value(1)), default=none)
    # Only initiatives that can be alike are ranked: those that mention a word, are on the
    # service or share a theme (a score of ENOUGH needs one of these), tested on the row itself
    # so that the database checks the cheap conditions before it scores.
    candidates = Q(pk__in=[])
    if words:
        candidates |= Q(MentionsAny("text_words", [stem(word) for word in words]))
    if query.service_id is not None:
        candidates |= Q(Exists(stepped))
    if query.tag_ids:
        candidates |= Q(
            Exists(
                Initiative.tags.through.objects.filter(
                    initiative_id=OuterRef("pk"), tag_id__in=query.tag_ids
                )
            )
        )
    rows = rows.filter(candidates)
    return list(
        rows.annotate(
            on_service=on_service,
            shared_themes=shared_themes,
            same_method=same_method,
            same_unit=same_unit,
        )
        .annotate(
            score=_word_score(words)
            + SERVICE_WEIGHT * F("on_service")
            + THEME_WEIGHT * F("shared_themes")
            + METHOD_WEIGHT * F("same_method")
            + UNIT_WEIGHT * F("same_unit")
        )
        .filter(score__gte=ENOUGH)
        .order_by("-score", "-pk")
        .values("pk", "on_service", "same_method", "same_unit")[:shown]
    )


def similar_initiatives(query: Query, *, shown: int = SHOWN) -> list[Likeness]:
    """The municipality's initiatives most like ``query``, at most ``shown``, the likest first
    (then the newest), each with why and its people (leader, owner, contacts). Four queries,
    whatever the size of the portfolio: the ranking, the ranked initiatives with their people,
    their themes, their contacts."""
    words = query.words
    if not words and query.service_id is None and not query.tag_ids:
        return []
    ranked = _ranked_initiatives(query, words, shown)
    if not ranked:
        return []
    by_pk = Initiative.objects.select_related(
        "owning_unit", "project_owner", "project_leader"
    ).in_bulk([row["pk"] for row in ranked])
    themes = _themes_of(Initiative.tags.through, "initiative_id", list(by_pk))
    wanted = set(query.tag_ids)
    contacts: dict[int, list[User]] = {pk: [] for pk in by_pk}
    for link in Initiative.contacts.through.objects.filter(
        initiative_id__in=contacts
    ).select_related("user"):
        contacts[link.initiative_id].append(link.user)
    likes = []
    for found in ranked:
        row = by_pk[found["pk"]]
        text = " ".join(getattr(row, name) or "" for name in INITIATIVE_TEXT)
        row.people = _people(row, contacts[row.pk])  # type: ignore[attr-defined]
        likes.append(
            Likeness(
                item=row,
                words=shares(words, text),
                same_service=bool(found["on_service"]),
                same_unit=bool(found["same_unit"]),
                themes=[name for pk, name in themes.get(row.pk, []) if pk in wanted],
                same_method=bool(found["same_method"]),
            )
        )
    return likes


def _themes_of(through: Any, key: str, pks: list[int]) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = {}
    for owner, tag_id, name in through.objects.filter(**{f"{key}__in": pks}).values_list(
        key, "tag_id", "tag__name"
    ):
        found.setdefault(owner, []).append((tag_id, name))
    return found


def _people(row: Initiative, contacts: list[User]) -> list[User]:
    """The people to ask about an initiative: its project leader, owner and contacts, once
    each, in that order."""
    people: list[User] = []
    for person in (row.project_leader, row.project_owner, *contacts):
        if person is not None and person not in people:
            people.append(person)
    return people


def _lesson_mentions(word: str) -> Q:
    """A lesson's words mention ``word``: the register's Norwegian full-text vector on
    PostgreSQL (so "dispenserne" finds "dispenser"), its lower-case words elsewhere."""
    if uses_full_text():
        return Q(search_vector=SearchQuery(word, config=SEARCH_CONFIG, search_type="plain"))
    return Q(search_text__contains=word.lower())


def _tsquery_term(word: str) -> str:
    """``word`` (letters, digits and underscores: see ``significant_words``) as to_tsquery
    reads it as plainto_tsquery would: the parts an underscore separates, each required."""
    parts = [part for part in word.split("_") if part]
    return f"({' & '.join(parts)})" if len(parts) > 1 else "".join(parts)


def _two_of(words: Sequence[str]) -> Q:
    """A lesson mentions two of ``words`` at least (one search on PostgreSQL)."""
    pairs = list(combinations(words, 2))
    if not pairs:
        return Q(pk__in=[])
    if uses_full_text():
        # One to_tsquery of "(a & b) | (a & c) | …": the same question as a plainto_tsquery
        # per word combined pair by pair, but one parameter instead of an expression of 56
        # parts, which cost Django more to build and compile than the database to answer (a
        # third of the similar lessons' time on an initiative's page).
        terms = {word: _tsquery_term(word) for word in words}
        # A word of underscores only has no lexeme: its pair is the other word alone, as
        # plainto_tsquery's empty query left it.
        found = " | ".join(
            f"({' & '.join(term for term in (terms[one], terms[other]) if term)})"
            for one, other in pairs
            if terms[one] or terms[other]
        )
        if not found:
            return Q(pk__in=[])
        return Q(search_vector=SearchQuery(found, config=SEARCH_CONFIG, search_type="raw"))
    matched = Q(pk__in=[])
    for one, other in pairs:
        matched |= _lesson_mentions(one) & _lesson_mentions(other)
    return matched


def similar_lessons(
    query: Query, initiatives: Sequence[Likeness] = (), *, shown: int = SHOWN
) -> list[Likeness]:
    """The lessons most like ``query``: the words they share (WORD_WEIGHT each; two of the
    PAIRED_WORDS longest at least for a lesson found by its words), coming from one of the
    similar ``initiatives`` (SERVICE_WEIGHT: as strong as the same service), the same unit; at
    most ``shown``, the likest first. Lessons of the initiative at hand are left out (its own
    page shows them). One query, through the lessons register's search index."""
    words = query.words
    from_similar = [like.item.pk for like in initiatives]
    if not words and not from_similar:
        return []
    rows = Lesson.objects.filter(municipality_id=query.municipality_id)
    if query.exclude is not None:
        rows = rows.exclude(initiative_id=query.exclude)
    score: Any = Case(
        When(initiative_id__in=from_similar, then=Value(SERVICE_WEIGHT)), default=Value(0)
    )
    for word in words:
        score = score + Case(
            When(_lesson_mentions(word), then=Value(WORD_WEIGHT)), default=Value(0)
        )
    # Found by words, a lesson shares two of them at least: the index then finds few lessons
    # to rank, however many mention one common word. Two of the eight longest words: the index
    # answers the 28 pairs of eight in a tenth of the time of the 66 pairs of twelve.
    candidates = Q(initiative_id__in=from_similar) | _two_of(words[:PAIRED_WORDS])
    if query.unit_id is not None:
        score = score + Case(When(unit_id=query.unit_id, then=Value(UNIT_WEIGHT)), default=Value(0))
    found = list(
        rows.filter(candidates)
        .annotate(score=score)
        .filter(score__gte=ENOUGH)
        .select_related("initiative", "unit", "author")
        .defer("search_text", "search_vector")
        .order_by("-score", "-written_at", "-pk")[:shown]
    )
    return [
        Likeness(
            item=row,
            words=shares(words, " ".join(getattr(row, name) for name in LESSON_TEXT)),
            same_unit=query.unit_id is not None and row.unit_id == query.unit_id,
            of_similar=row.initiative_id in from_similar,
        )
        for row in found
    ]


@dataclass
class Asked:
    """Someone who has done something similar: a unit, and the people there to ask."""

    unit: OrgUnit
    people: list[User]
    initiatives: list[Initiative]


@dataclass
class SimilarWork:
    """What the finder found: initiatives and lessons like the one at hand, and who did them."""

    initiatives: list[Likeness]
    lessons: list[Likeness]

    def __bool__(self) -> bool:
        return bool(self.initiatives or self.lessons)

    @property
    def who(self) -> list[Asked]:
        """The units (and their people) behind the similar initiatives and lessons, the unit of
        the likest first, each once."""
        found: dict[int, Asked] = {}
        for like in self.initiatives:
            row = like.item
            asked = found.setdefault(row.owning_unit_id, Asked(row.owning_unit, [], []))
            asked.initiatives.append(row)
            for person in row.people:
                if person not in asked.people:
                    asked.people.append(person)
        for like in self.lessons:
            lesson = like.item
            if lesson.unit is None:
                continue
            asked = found.setdefault(lesson.unit_id, Asked(lesson.unit, [], []))
            if lesson.author is not None and lesson.author not in asked.people:
                asked.people.append(lesson.author)
        return list(found.values())


def similar_work(query: Query, *, shown: int = SHOWN) -> SimilarWork:
    """The initiatives and lessons most like ``query`` (see ``similar_initiatives`` and
    ``similar_lessons``), four queries in all."""
    initiatives = similar_initiatives(query, shown=shown)
    return SimilarWork(
        initiatives=initiatives, lessons=similar_lessons(query, initiatives, shown=shown)
    )


def similar_to_initiative(initiative: Initiative, *, shown: int = SHOWN) -> SimilarWork:
    """The initiatives and lessons like ``initiative``, itself and its own lessons left out."""
    return similar_work(query_for_initiative(initiative), shown=shown)
