"""Probable overlaps: two active initiatives in different departments that look like the same
work, for the portfolio office to judge (related, merged, or not an overlap; remembered in
``learning.Overlap`` and not listed again).

Alike as the similarity finder counts it (``helhet.learning.similarity``: shared words, folded,
two each; shared themes, two each), but stricter: listed from OVERLAP_FROM (three words, or
two words and a theme). A word or theme that more than a twentieth of the active initiatives
use (and more than three) says nothing of what two of them share: it is left out, as the
common words are and the municipality's own name ("Stavanger" in half its texts); so is one
that MOST_SHARING of them use, which also keeps the pairs to compare few in a large portfolio."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from helhet.learning.models import Overlap
from helhet.learning.similarity import (
    INITIATIVE_TEXT,
    MIN_WORD,
    STOP_WORDS,
    THEME_WEIGHT,
    WORD_WEIGHT,
    stem,
)
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.models import Initiative, InitiativeStatus

OVERLAP_FROM = 6
TOO_COMMON = 0.05
# Nor does a word forty active initiatives use: without this ceiling a portfolio of 10,000 would
# compare the 125,000 pairs of each word five hundred of them use.
MOST_SHARING = 40
# In a small portfolio a word three initiatives share may still be what they share.
FEWEST_SHARING = 3
SHOWN = 50
# Every word of a long need, not only the twelve longest: two texts about the same work share
# their ordinary words too.
_WORD = re.compile(r"\w+")


@dataclass
class ProbableOverlap:
    """Two active initiatives in different departments, and why they look alike."""

    first: Initiative
    second: Initiative
    words: list[str]
    themes: list[str]

    @property
    def score(self) -> int:
        return WORD_WEIGHT * len(self.words) + THEME_WEIGHT * len(self.themes)


def departments_of(municipality_id: int) -> dict[int, int]:
    """Each unit's department: the nearest unit at or above it that is a department (a service
    area or the top of the tree when there is none). One query."""
    units = {
        pk: (parent, kind)
        for pk, parent, kind in OrgUnit.objects.filter(municipality_id=municipality_id).values_list(
            "pk", "parent_id", "kind"
        )
    }
    found: dict[int, int] = {}
    for pk in units:
        current: int | None = pk
        while current is not None:
            parent, kind = units[current]
            if kind == UnitKind.DEPARTMENT or parent is None:
                break
            current = parent
        found[pk] = current if current is not None else pk
    return found


def _stems(text: str) -> dict[str, str]:
    """The stems of every word of ``text`` that may say what it is about, each with the word as
    written (the shortest form, to show)."""
    words = {word for word in _WORD.findall(text.casefold()) if len(word) >= MIN_WORD}
    found: dict[str, str] = {}
    for word in sorted(words - STOP_WORDS, key=lambda word: (len(word), word)):
        if not word.isdigit():
            found.setdefault(stem(word), word)
    return found


def _stem_set(text: str, stem_of: dict[str, str]) -> set[str]:
    """The stems ``_stems`` finds in ``text``, without the words as written. ``stem_of``
    remembers each word's stem ("" for a word that says nothing) across texts: a portfolio's
    texts share most of their words."""
    words = set(_WORD.findall(text.casefold()))
    for word in [word for word in words if word not in stem_of]:
        meaningful = len(word) >= MIN_WORD and word not in STOP_WORDS and not word.isdigit()
        stem_of[word] = stem(word) if meaningful else ""
    found = set(map(stem_of.__getitem__, words))
    found.discard("")
    return found


def probable_overlaps(municipality_id: int, *, shown: int = SHOWN) -> list[ProbableOverlap]:
    """The likest pairs of active initiatives in different departments not yet judged, at most
    ``shown``, the likest first. Five queries (the active initiatives' texts, their themes, the
    units, the verdicts, the initiatives shown); the comparing is done in memory, word by word,
    over plain rows: only the initiatives shown become model objects."""
    active = Initiative.objects.filter(
        municipality_id=municipality_id, status=InitiativeStatus.ACTIVE
    )
    rows = list(active.values_list("pk", "owning_unit_id", *INITIATIVE_TEXT))
    if len(rows) < 2:
        return []
    unit_of = {row[0]: row[1] for row in rows}
    # The municipality's own name says nothing of what two of its initiatives share.
    own_name = Municipality.objects.filter(pk=municipality_id).values_list("name", flat=True)
    stem_of: dict[str, str] = dict.fromkeys(_WORD.findall(" ".join(own_name).casefold()), "")
    stems = {row[0]: _stem_set(" ".join(text or "" for text in row[2:]), stem_of) for row in rows}
    themes: dict[int, set[str]] = defaultdict(set)
    for pk, name in Initiative.tags.through.objects.filter(
        initiative__in=active.values("pk")
    ).values_list("initiative_id", "tag__name"):
        themes[pk].add(name)
    limit = min(max(FEWEST_SHARING, int(len(rows) * TOO_COMMON)), MOST_SHARING)
    carried = Counter(name for names in themes.values() for name in names)
    common_themes = {name for name, count in carried.items() if count > limit}
    for names in themes.values():
        names -= common_themes
    index: dict[str, list[int]] = defaultdict(list)
    for pk, words_of_one in stems.items():
        for word in words_of_one:
            index[word].append(pk)
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    for word, pks in index.items():
        if len(pks) > limit:
            continue
        for two in combinations(sorted(pks), 2):
            shared[two].append(word)
    departments = departments_of(municipality_id)
    judged = set(
        Overlap.objects.filter(municipality_id=municipality_id).values_list("first_id", "second_id")
    )
    scored: list[tuple[int, int, int, list[str]]] = []
    for (first, second), words in shared.items():
        if (first, second) in judged:
            continue
        if departments[unit_of[first]] == departments[unit_of[second]]:
            continue
        score = WORD_WEIGHT * len(words) + THEME_WEIGHT * len(themes[first] & themes[second])
        if score >= OVERLAP_FROM:
            scored.append((score, first, second, words))
    scored.sort(key=lambda pair: (-pair[0], -pair[2], -pair[1]))
    scored = scored[:shown]
    shown_pks = {pk for _, first, second, _ in scored for pk in (first, second)}
    by_pk = (
        Initiative.objects.select_related("owning_unit")
        .only(
            *INITIATIVE_TEXT,
            "municipality_id",
            "kind",
            "project_owner_id",
            "project_leader_id",
            "owning_unit__name",
            "owning_unit__kind",
        )
        .in_bulk(shown_pks)
    )
    written = {
        pk: _stems(" ".join(getattr(row, name) or "" for name in INITIATIVE_TEXT))
        for pk, row in by_pk.items()
    }
    return [
        ProbableOverlap(
            by_pk[first],
            by_pk[second],
            sorted(written[first][word] for word in words),
            sorted(themes[first] & themes[second]),
        )
        for _, first, second, words in scored
    ]


def verdicts(municipality_id: int) -> list[Overlap]:
    """The portfolio office's verdicts, newest first (one query)."""
    return list(
        Overlap.objects.filter(municipality_id=municipality_id)
        .select_related("first", "second", "judged_by")
        .order_by("-judged_at", "-pk")
    )


def overlap_people(first: Initiative, second: Initiative) -> list[int | None]:
    """The owners and leaders of the two initiatives (for the segregation of duties)."""
    return [
        first.project_owner_id,
        first.project_leader_id,
        second.project_owner_id,
        second.project_leader_id,
    ]
