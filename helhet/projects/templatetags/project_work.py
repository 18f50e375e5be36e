"""``{% project_work initiative as counts %}``: the counts the project work menu shows, for
pages whose views do not know about the project's board, risks and log."""

from django import template

from helhet.portfolio.models import Initiative
from helhet.projects.selectors.counts import ProjectWorkCounts, project_work_counts

register = template.Library()


@register.simple_tag
def project_work(initiative: Initiative) -> ProjectWorkCounts:
    return project_work_counts(initiative)
