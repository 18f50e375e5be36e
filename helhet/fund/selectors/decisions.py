"""The decisions on an application, oldest first, with who made them."""

from __future__ import annotations

from django.db.models import QuerySet

from helhet.fund.models import Application, ApplicationDecision


def application_decisions(application: Application) -> QuerySet[ApplicationDecision]:
    """Every decision on the application (deferrals, then the final one), oldest first."""
    return (
        ApplicationDecision.objects.filter(application=application)
        .select_related("decided_by")
        .order_by("decided_at", "pk")
    )
