"""Similar work shown on pages of the modules below (the initiative page, the gate page): the
initiatives and lessons like an initiative, and who did them (helhet.learning.similarity)."""

from django import template

from helhet.learning.similarity import SimilarWork, similar_to_initiative
from helhet.portfolio.models import Initiative

register = template.Library()


@register.simple_tag
def similar_work_for(initiative: Initiative) -> SimilarWork:
    """The initiatives and lessons like ``initiative`` (a handful of queries)."""
    return similar_to_initiative(initiative)
