"""Reads across the ideas: which criteria set screens an idea, the ideas and initiatives that
look like a new idea, and the lists of ideas (all, sortable; a person's own)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.core.folding import Folded
from helhet.ideas.models import CriteriaSet, Idea, IdeaQuestion, IdeaStatus
from helhet.organization.models import OrgUnit
from helhet.portfolio.models import Initiative

# --- Which criteria screen an idea ---------------------------------------------------------------


def criteria_set_for_unit(unit: OrgUnit) -> CriteriaSet | None:
    """The set for ``unit``, else for the nearest unit above it that has one, else the
    municipality's default set (None when it has none). Two queries: the sets, the unit tree."""
    sets = {
        criteria_set.unit_id: criteria_set
        for criteria_set in CriteriaSet.objects.filter(municipality_id=unit.municipality_id)
    }
    if len(sets) > 1:
        parents = dict(
            OrgUnit.objects.filter(municipality_id=unit.municipality_id).values_list(
                "pk", "parent_id"
            )
        )
        current: int | None = unit.pk
        while current is not None:
            if current in sets:
                return sets[current]
            current = parents.get(current)
    return sets.get(None)


# --- Similar ideas and initiatives ----------------------------------------------------------------

# Words too common to say two texts are about the same thing.
_COMMON = """
alle andre annen at av bare ble blir bli da de dem den denne der dere det dette disse du eller
en er et etter for fordi fra får gjør gjøre han har hva hvem hvor hvordan i ikke inn jeg kan
kommer kunne man med mer mange men mot må ned noe noen nye når og også om opp oss på sin skal
slik som så til under ut uten var ved vi vil være vært the and with bruke brukes nesten ingen
vite lenge gjennom hele blant egen eget mye bedre enklere
"""
# Words every municipal text has, which say nothing of what an idea is about.
_MUNICIPAL = """
kommune kommunen kommunens innbyggere innbyggerne ansatte ansattes bruker brukere brukerne
tjeneste tjenesten tjenester digital digitalt digitale løsning løsningen problem problemet
"""
STOP_WORDS = frozenset(_COMMON.split()) | frozenset(_MUNICIPAL.split())
MIN_WORD = 4
MAX_WORDS = 12
MAX_CANDIDATES = 200
SHOWN = 5
# What counts: a shared word 2 each, the same service 3, the same unit 1; shown from 3: two
# shared words, one and the same unit, or the same service. One word alone is too often
# chance, and the same unit alone says nothing of what the idea is about.
WORD_WEIGHT, SERVICE_WEIGHT, UNIT_WEIGHT, ENOUGH = 2, 3, 1, 3


def significant_words(text: str) -> list[str]:
    """The text's words that may say what it is about: four letters or more, not a stop word,
    casefolded; the longest first, at most twelve."""
    words = {word for word in re.findall(r"\w+", text.casefold()) if len(word) >= MIN_WORD}
    words -= STOP_WORDS
    return sorted(words, key=lambda word: (-len(word), word))[:MAX_WORDS]


@dataclass
class Likeness:
    """An idea or initiative like the one being written, and why: the words they share, the
    same service, the same unit."""

    item: Any
    words: list[str]
    same_service: bool
    same_unit: bool
    rank: int = field(init=False)

    def __post_init__(self) -> None:
        self.rank = (
            WORD_WEIGHT * len(self.words)
            + SERVICE_WEIGHT * self.same_service
            + UNIT_WEIGHT * self.same_unit
        )

    @property
    def reasons(self) -> list[str]:
        found = []
        if self.words:
            found.append(_("same words: %(words)s") % {"words": ", ".join(self.words)})
        if self.same_service:
            found.append(_("same service"))
        if self.same_unit:
            found.append(_("same unit"))
        return found


@dataclass
class Similar:
    ideas: list[Likeness]
    initiatives: list[Likeness]

    def __bool__(self) -> bool:
        return bool(self.ideas or self.initiatives)


def _folded(fields: tuple[str, ...]) -> dict[str, Folded]:
    """The text fields in lower case, æ, ø and å too on SQLite, as ``folded_<field>``."""
    return {f"folded_{name}": Folded(name) for name in fields}


def _words_q(words: list[str], fields: tuple[str, ...]) -> Q:
    """Any of the (casefolded) words in any of the fields, matched against ``_folded``: so
    "Øvre" in a title is found by "øvre" on SQLite as on PostgreSQL."""
    found = Q(pk__in=[])
    for word in words:
        for name in fields:
            found |= Q(**{f"folded_{name}__contains": word})
    return found


def _ranked(
    rows: QuerySet[Any],
    text_fields: tuple[str, ...],
    words: list[str],
    unit_of: str,
    service_of: Any,
    unit_id: int | None,
) -> list[Likeness]:
    found = []
    for row in rows:
        text = " ".join(getattr(row, name) or "" for name in text_fields).casefold()
        shared = [word for word in words if word in text]
        likeness = Likeness(
            item=row,
            words=shared,
            same_service=service_of(row),
            same_unit=unit_id is not None and getattr(row, unit_of) == unit_id,
        )
        if likeness.rank >= ENOUGH:
            found.append(likeness)
    found.sort(key=lambda likeness: (-likeness.rank, -likeness.item.pk))
    return found[:SHOWN]


IDEA_TEXT = ("title", "problem", "solution")
INITIATIVE_TEXT = ("name", "short_description", "need")


def similar_to(
    *,
    municipality_id: int,
    text: str,
    unit_id: int | None = None,
    service_id: int | None = None,
    exclude_idea_id: int | None = None,
) -> Similar:
    """The ideas and initiatives of the municipality most like ``text`` (a title, problem and
    solution), the same unit and the same service (an initiative is on the service when a
    planned step of the service names it): at most five of each, the likest first, each with
    why. Two queries, whatever the size of the portfolio (at most 200 candidates each)."""
    words = significant_words(text)
    if not words and service_id is None:
        return Similar([], [])
    idea_match = _words_q(words, IDEA_TEXT)
    initiative_match = _words_q(words, INITIATIVE_TEXT)
    if service_id is not None:
        idea_match |= Q(service_id=service_id)
        initiative_match |= Q(service_steps__service_id=service_id)
    ideas = Idea.objects.alias(**_folded(IDEA_TEXT)).filter(
        idea_match, municipality_id=municipality_id
    )
    if exclude_idea_id is not None:
        ideas = ideas.exclude(pk=exclude_idea_id)
    initiatives = (
        Initiative.objects.alias(**_folded(INITIATIVE_TEXT))
        .filter(initiative_match, municipality_id=municipality_id)
        .select_related("owning_unit")
    )
    if service_id is not None:
        # Grouped per initiative: the join through the service's steps adds no duplicates.
        initiatives = initiatives.annotate(
            on_service=Count("service_steps", filter=Q(service_steps__service_id=service_id))
        )
    return Similar(
        ideas=_ranked(
            ideas.select_related("unit").order_by("-pk")[:MAX_CANDIDATES],
            IDEA_TEXT,
            words,
            "unit_id",
            lambda idea: service_id is not None and idea.service_id == service_id,
            unit_id,
        ),
        initiatives=_ranked(
            initiatives.order_by("-pk")[:MAX_CANDIDATES],
            INITIATIVE_TEXT,
            words,
            "owning_unit_id",
            lambda initiative: service_id is not None and bool(initiative.on_service),
            unit_id,
        ),
    )


def similar_to_idea(idea: Idea) -> Similar:
    """The ideas and initiatives like this idea (see ``similar_to``), itself left out."""
    return similar_to(
        municipality_id=idea.municipality_id,
        text=" ".join((idea.title, idea.problem, idea.solution)),
        unit_id=idea.unit_id,
        service_id=idea.service_id,
        exclude_idea_id=idea.pk,
    )


# --- Lists of ideas -------------------------------------------------------------------------------

# The list's sort keys, as the query string names them; a minus in front sorts the other way.
SORTS = {
    "submitted": ("submitted_at", "pk"),
    # Titles and unit names sort with their case folded, æ, ø and å too (helhet.core.folding).
    "title": ("folded_title", "pk"),
    "status": ("status", "-submitted_at"),
    "unit": ("folded_unit", "-submitted_at"),
    "score": (F("score").asc(nulls_last=True), "-submitted_at"),
}
DEFAULT_SORT = "-submitted"


def _descending(order: tuple[Any, ...]) -> list[Any]:
    flipped: list[Any] = []
    for key in order:
        if isinstance(key, str):
            flipped.append(key[1:] if key.startswith("-") else f"-{key}")
        else:
            flipped.append(F("score").desc(nulls_last=True))
    return flipped


def ideas_listed(
    membership: Membership,
    *,
    status: str = "",
    unit_id: int | None = None,
    sort: str = DEFAULT_SORT,
) -> QuerySet[Idea]:
    """The municipality's ideas, filtered by status and unit (the unit and those under it are
    not gathered: the unit the idea names), sorted by ``sort`` (a key of SORTS, a minus in
    front for descending). One query for the page, whatever its length."""
    rows = (
        Idea.objects.filter(municipality_id=membership.municipality_id)
        .alias(folded_title=Folded("title"), folded_unit=Folded("unit__name"))
        .select_related("unit", "submitted_by", "initiative")
    )
    if status:
        rows = rows.filter(status=status)
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    key = sort.removeprefix("-")
    order = SORTS.get(key, SORTS["submitted"])
    descending = sort.startswith("-") if key in SORTS else True
    return rows.order_by(*(_descending(order) if descending else order))


def my_ideas(membership: Membership) -> QuerySet[Idea]:
    """The ideas the member submitted, newest first, with their questions (unanswered ones
    count: the page asks for answers first)."""
    return (
        Idea.objects.filter(
            municipality_id=membership.municipality_id, submitted_by_id=membership.user_id
        )
        .select_related("unit", "initiative", "decided_by")
        .annotate(unanswered=Count("questions", filter=Q(questions__answered_at__isnull=True)))
        .order_by("-submitted_at", "-pk")
    )


@dataclass
class IdeasWaiting:
    """What waits for the member among the ideas: questions about their own ideas, and (for
    the portfolio office) submitted ideas of others not yet screened."""

    questions: int
    to_screen: int

    def __bool__(self) -> bool:
        return bool(self.questions or self.to_screen)


def ideas_waiting(membership: Membership) -> IdeasWaiting:
    """Two counts for the start page, one query each (the second only for the portfolio
    office)."""
    questions = IdeaQuestion.objects.filter(
        municipality_id=membership.municipality_id,
        idea__submitted_by_id=membership.user_id,
        answered_at__isnull=True,
    ).count()
    to_screen = 0
    if membership.can(Capability.SCREEN_IDEAS):
        to_screen = (
            Idea.objects.filter(
                municipality_id=membership.municipality_id, status=IdeaStatus.SUBMITTED
            )
            .exclude(submitted_by_id=membership.user_id)
            .count()
        )
    return IdeasWaiting(questions=questions, to_screen=to_screen)
