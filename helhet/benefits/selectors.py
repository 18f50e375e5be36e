"""Reads of an initiative's benefits realisation plan."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, Indicator
from helhet.portfolio.models import Initiative


def benefits_plan(initiative: Initiative) -> QuerySet[Benefit]:
    """The initiative's benefits, each with its responsible line manager, owners and indicators,
    in a fixed number of queries however many there are. Benefits without indicators are
    included."""
    return (
        Benefit.objects.filter(initiative=initiative)
        .select_related("responsible")
        .prefetch_related(
            Prefetch("owners", queryset=User.objects.order_by("first_name", "last_name")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("name", "pk")),
        )
        .order_by("due_date", "title", "pk")
    )
