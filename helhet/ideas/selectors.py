"""Reads across the ideas: which criteria set screens an idea, the ideas and initiatives that
look like a new idea, and the lists of ideas (all, sortable; a person's own)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.core.folding import Folded
from helhet.ideas.models import CriteriaSet, Idea, IdeaQuestion, IdeaStatus
from helhet.learning.similarity import (
    ENOUGH,
    Likeness,
    Query,
    similar_initiatives,
    similar_lessons,
)
from helhet.organization.models import OrgUnit

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

MAX_CANDIDATES = 200
SHOWN = 5


@dataclass
class Similar:
    ideas: list[Likeness]
    initiatives: list[Likeness]
    lessons: list[Likeness] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.ideas or self.initiatives or self.lessons)


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


def _ranked_ideas(
    rows: QuerySet[Idea], words: list[str], service_id: int | None, unit_id: int | None
) -> list[Likeness]:
    found = []
    for row in rows:
        text = " ".join(getattr(row, name) or "" for name in IDEA_TEXT).casefold()
        likeness = Likeness(
            item=row,
            words=[word for word in words if word in text],
            same_service=service_id is not None and row.service_id == service_id,
            same_unit=unit_id is not None and row.unit_id == unit_id,
        )
        if likeness.rank >= ENOUGH:
            found.append(likeness)
    found.sort(key=lambda likeness: (-likeness.rank, -likeness.item.pk))
    return found[:SHOWN]


IDEA_TEXT = ("title", "problem", "solution")


def similar_to(
    *,
    municipality_id: int,
    text: str,
    unit_id: int | None = None,
    service_id: int | None = None,
    exclude_idea_id: int | None = None,
) -> Similar:
    """The ideas and initiatives of the municipality most like ``text`` (a title, problem and
    solution), the same unit and the same service, and the lessons like it: at most five of
    each, the likest first, each with why. The initiatives and lessons come from the one
    similarity finder (``helhet.learning.similarity``, the same weights); the ideas are ranked
    here (at most 200 candidates). A handful of queries, whatever the size of the portfolio."""
    query = Query(
        municipality_id=municipality_id, text=text, unit_id=unit_id, service_id=service_id
    )
    words = query.words
    if not words and service_id is None:
        return Similar([], [])
    idea_match = _words_q(words, IDEA_TEXT)
    if service_id is not None:
        idea_match |= Q(service_id=service_id)
    ideas = Idea.objects.alias(**_folded(IDEA_TEXT)).filter(
        idea_match, municipality_id=municipality_id
    )
    if exclude_idea_id is not None:
        ideas = ideas.exclude(pk=exclude_idea_id)
    initiatives = similar_initiatives(query)
    return Similar(
        ideas=_ranked_ideas(
            ideas.select_related("unit").order_by("-pk")[:MAX_CANDIDATES],
            words,
            service_id,
            unit_id,
        ),
        initiatives=initiatives,
        lessons=similar_lessons(query, initiatives),
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
