"""People's load: who takes part in many of the (filtered) initiatives, as project owner,
project leader or contact, and the initiatives of one person for the start page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Lower, RowNumber

from helhet.accounts.models import Membership, User
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative
from helhet.portfolio.selectors.names import NAMES_SHOWN, InitiativeRef, first_names


@dataclass
class PersonLoad:
    user: User
    unit: OrgUnit | None
    count: int
    initiatives: list[InitiativeRef]

    @property
    def more(self) -> int:
        return self.count - len(self.initiatives)


def people_with_many_initiatives(
    *, municipality: Municipality, initiatives: QuerySet[Initiative], threshold: int
) -> list[PersonLoad]:
    """The people who take part in more than ``threshold`` of the initiatives as project owner,
    project leader or contact (counted once per initiative), the busiest first, each with the
    first NAMES_SHOWN initiatives by name. A fixed number of queries."""
    ids = initiatives.order_by().values("pk")
    heavy = _people_load(initiatives, ids, threshold)
    if not heavy:
        return []
    names = _people_names(initiatives, ids, list(heavy))
    memberships = {
        m.user_id: m
        for m in Membership.objects.filter(
            municipality=municipality, user_id__in=heavy
        ).select_related("unit")
    }
    people = [
        PersonLoad(
            user=user,
            unit=membership.unit if (membership := memberships.get(user.pk)) else None,
            count=heavy[user.pk],
            initiatives=names.get(user.pk, []),
        )
        for user in User.objects.filter(pk__in=heavy)
    ]
    people.sort(key=lambda p: (-p.count, (p.user.get_full_name() or p.user.username).lower()))
    return people


def _people_load(
    initiatives: QuerySet[Initiative], ids: QuerySet[Any], threshold: int
) -> dict[int, int]:
    """{user pk: number of initiatives they take part in} for those above ``threshold``. A
    person counts once per initiative whether project owner, project leader or contact: the
    three counts below are of disjoint (person, initiative) pairs, each made by the database."""
    base = initiatives.order_by()
    totals: dict[int, int] = {}
    for user_id, n in (
        base.filter(project_owner_id__isnull=False)
        .values_list("project_owner_id")
        .annotate(n=Count("pk"))
    ):
        totals[user_id] = totals.get(user_id, 0) + n
    leaders = base.filter(project_leader_id__isnull=False).filter(
        Q(project_owner_id__isnull=True) | ~Q(project_owner_id=F("project_leader_id"))
    )
    for user_id, n in leaders.values_list("project_leader_id").annotate(n=Count("pk")):
        totals[user_id] = totals.get(user_id, 0) + n
    contacts = (
        Initiative.contacts.through.objects.filter(initiative_id__in=ids)
        .filter(
            Q(initiative__project_owner_id__isnull=True)
            | ~Q(initiative__project_owner_id=F("user_id"))
        )
        .filter(
            Q(initiative__project_leader_id__isnull=True)
            | ~Q(initiative__project_leader_id=F("user_id"))
        )
    )
    for user_id, n in contacts.order_by().values_list("user_id").annotate(n=Count("pk")):
        totals[user_id] = totals.get(user_id, 0) + n
    return {user_id: n for user_id, n in totals.items() if n > threshold}


def _people_names(
    initiatives: QuerySet[Initiative], ids: QuerySet[Any], people: Iterable[int]
) -> dict[int, list[InitiativeRef]]:
    """The first initiatives by name that each of ``people`` takes part in (three queries)."""
    found: dict[int, list[InitiativeRef]] = {}
    order = [Lower("name").asc(), F("pk").asc()]
    # Ranked over the bare initiatives: the filtered queryset's joins and annotations would be
    # computed for every row before the ranks are filtered.
    plain = Initiative.objects.filter(pk__in=ids)
    for role in ("project_owner_id", "project_leader_id"):
        ranked = (
            plain.filter(**{f"{role}__in": people})
            .annotate(rank=Window(RowNumber(), partition_by=[F(role)], order_by=order))
            .filter(rank__lte=NAMES_SHOWN)
            .values_list(role, "pk", "name")
        )
        for user_id, pk, name in ranked:
            found.setdefault(user_id, []).append(InitiativeRef(pk, name))
    through: QuerySet[Any] = Initiative.contacts.through.objects.filter(
        initiative_id__in=ids, user_id__in=people
    )
    contacts = (
        through.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("user_id")],
                order_by=[Lower("initiative__name").asc(), F("initiative_id").asc()],
            )
        )
        .filter(rank__lte=NAMES_SHOWN)
        .values_list("user_id", "initiative_id", "initiative__name")
    )
    for user_id, pk, name in contacts:
        found.setdefault(user_id, []).append(InitiativeRef(pk, name))
    return {user_id: first_names(refs) for user_id, refs in found.items()}


def initiatives_of_person(*, membership: Membership, limit: int = 10) -> list[Initiative]:
    """The initiatives in the member's municipality that they own, lead or are contact for,
    by name (for the start page's "my initiatives")."""
    user_id = membership.user_id
    mine = Initiative.objects.for_municipality(membership.municipality).filter(
        Q(project_owner_id=user_id) | Q(project_leader_id=user_id) | Q(contacts=user_id)
    )
    return list(mine.distinct().select_related("owning_unit").order_by("name")[:limit])
