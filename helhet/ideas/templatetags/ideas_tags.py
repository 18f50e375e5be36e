"""Ideas shown on pages of the modules below: the ideas an initiative came from."""

from django import template
from django.db.models import QuerySet

from helhet.ideas.models import Idea
from helhet.portfolio.models import Initiative

register = template.Library()


@register.simple_tag
def initiative_ideas(initiative: Initiative) -> QuerySet[Idea]:
    """The ideas merged into the initiative or promoted to it, oldest first (one query)."""
    return initiative.ideas.select_related("submitted_by").order_by("submitted_at", "pk")
