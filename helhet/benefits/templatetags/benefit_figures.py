"""Template tags for the follow-up of benefits on pages whose views need not know about it:
``{% indicator_figures indicator as figures %}`` (achievement, trend, whether a measurement is
due; no query when the indicator's measurements and benefit are prefetched, as
``benefits_plan`` does) and ``{% may_record benefit as can_record %}`` (whether the person
looking records the benefit's measurements; no query when its owners are prefetched) and
``{% may_confirm measurement as can_confirm %}`` (whether they confirm a project leader's
measurement)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from helhet.benefits.access import confirmation_refusal, may_record_measurement
from helhet.benefits.figures import MeasurementState, Trend
from helhet.benefits.models import Benefit, Indicator, Measurement
from helhet.benefits.selectors.follow_up import IndicatorFigures
from helhet.benefits.selectors.follow_up import indicator_figures as figures_of

register = template.Library()

STATE_COLORS = {
    MeasurementState.OVERDUE: "danger",
    MeasurementState.DUE: "warning",
    MeasurementState.NOT_DUE: "success",
    MeasurementState.ENDED: "neutral",
}
TREND_COLORS = {Trend.IMPROVING: "success", Trend.WORSENING: "danger", Trend.UNCHANGED: "neutral"}


@register.simple_tag
def indicator_figures(indicator: Indicator) -> IndicatorFigures:
    return figures_of(indicator, today=timezone.localdate())


@register.simple_tag(takes_context=True)
def may_record(context: dict[str, Any], benefit: Benefit) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and may_record_measurement(user, benefit)
    )


@register.simple_tag(takes_context=True)
def may_confirm(context: dict[str, Any], measurement: Measurement) -> bool:
    """Whether the person looking confirms the measurement (the project leader's, awaiting
    confirmation; see ``helhet.benefits.access.confirmation_refusal``)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(
        user is not None
        and user.is_authenticated
        and measurement.awaits_confirmation
        and confirmation_refusal(user, measurement) is None
    )


@register.filter
def state_color(state: str) -> str:
    """Designsystemet's colour for a measurement state (always shown with its words too)."""
    return STATE_COLORS.get(MeasurementState(state), "neutral") if state else "neutral"


@register.filter
def trend_color(trend: str | None) -> str:
    return TREND_COLORS.get(Trend(trend), "neutral") if trend else "neutral"
