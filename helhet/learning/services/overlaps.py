"""The portfolio office's verdict on a probable overlap: the two initiatives are related, merged
(the one work goes on in one of them), or not an overlap. Remembered, so the pair is not listed
again; atomic, checked, recorded in history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from helhet.accounts.duties import refusal_to_judge_overlap
from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.learning.models import Overlap, OverlapVerdict
from helhet.learning.overlaps import overlap_people
from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send
from helhet.portfolio.models import Initiative, InitiativeRelation, RelationKind
from helhet.portfolio.services.relations import relation_add


@transaction.atomic
def overlap_judge(
    *,
    actor: User | None,
    first: Initiative,
    second: Initiative,
    verdict: str,
    note: str = "",
) -> Overlap:
    """Judge the pair (in either order): by the portfolio office, never by someone who owns or
    leads one of the two (``refusal_to_judge_overlap``; PermissionDenied). Two different
    initiatives of one municipality, judged once. "Related" also relates them in the portfolio
    ("overlaps with"), unless they already are. An overlap found (related or merged) is told to
    the two initiatives' owners and leaders, each with a link to the other initiative."""
    if first.pk > second.pk:
        first, second = second, first
    municipality_id = first.municipality_id
    if actor is not None:
        refusal = refusal_to_judge_overlap(
            actor, municipality_id=municipality_id, people_ids=overlap_people(first, second)
        )
        if refusal is not None:
            raise PermissionDenied(refusal)
    if second.municipality_id != municipality_id or first.pk == second.pk:
        raise ValidationError(_("Choose two different initiatives in your municipality."))
    if verdict not in OverlapVerdict.values:
        raise ValidationError({"verdict": _("Choose related, merged or not an overlap.")})
    if Overlap.objects.filter(first=first, second=second).exists():
        raise ValidationError(_("This pair is already judged."))
    overlap = Overlap(
        municipality_id=municipality_id,
        first=first,
        second=second,
        verdict=verdict,
        note=note.strip(),
        judged_by=actor,
    )
    save_with_history(overlap, actor=actor)
    if (
        verdict == OverlapVerdict.RELATED
        and not InitiativeRelation.objects.filter(
            source__in=(first, second), target__in=(first, second), kind=RelationKind.OVERLAPS
        ).exists()
    ):
        relation_add(actor=actor, source=first, target=second, kind=RelationKind.OVERLAPS)
    if verdict != OverlapVerdict.NOT_OVERLAP:
        _tell_both(actor, overlap)
    return overlap


def _tell_both(actor: User | None, overlap: Overlap) -> None:
    """Each initiative's owner and leader learn which initiative theirs overlaps with."""
    for mine, other in ((overlap.first, overlap.second), (overlap.second, overlap.first)):
        text: list[texts.Message] = [
            texts.gettext(
                "The portfolio office found that %(mine)s overlaps with %(other)s: %(verdict)s.",
                mine=mine.name,
                other=other.name,
                verdict=texts.lower(texts.choice(overlap, "verdict")),
            )
        ]
        if overlap.note:
            text += [" ", overlap.note]
        notification_send(
            recipients=[mine.project_owner, mine.project_leader],
            actor=actor,
            municipality=mine.municipality,
            kind=Kind.OVERLAP_FLAGGED,
            text=text,
            link=reverse("portfolio:initiative_detail", args=[other.pk]),
        )
