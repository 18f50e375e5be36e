"""Template tags for pages of other modules that show a piece of the digital-first-choice plan
without their views knowing about it: ``{% initiative_steps initiative as steps %}`` (the
services and levels an initiative is meant to lift) and ``{% service_plan service as levels %}``
(a service's levels, its answer at each and the steps planned). One or two queries each."""

from __future__ import annotations

from django import template
from django.utils import timezone

from helhet.maturity.models import PlannedStep, Service
from helhet.maturity.selectors.plan import ServiceLevel, initiative_planned_steps, service_levels
from helhet.portfolio.models import Initiative

register = template.Library()


@register.simple_tag
def initiative_steps(initiative: Initiative) -> list[PlannedStep]:
    return initiative_planned_steps(initiative)


@register.simple_tag
def service_plan(service: Service) -> list[ServiceLevel]:
    return service_levels(service, timezone.localdate())
