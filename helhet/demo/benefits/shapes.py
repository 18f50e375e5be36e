"""How a demo benefits realisation plan is written down: as data the builders make through
the services (``helhet.demo.benefits.build``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from helhet.benefits.models import BenefitStatus

ECONOMY, QUALITY, CLIMATE = "economy", "quality", "climate_environment"
EFFICIENCY, QUALITY_CATEGORY = "efficiency", "quality"
DIRECT, INDIRECT, QUALITATIVE = "direct", "indirect", "qualitative"
BEING_REALISED = BenefitStatus.BEING_REALISED


# --- How a plan is written down ------------------------------------------------------------------


@dataclass(frozen=True)
class DaysAgo:
    """A date relative to the day the demo is loaded."""

    days: int


@dataclass(frozen=True)
class EndOfNextYear:
    """The date a benefit should be realised by where the audit gives none (demoeksempel)."""


END_OF_NEXT_YEAR = EndOfNextYear()

Day = date | DaysAgo | EndOfNextYear


@dataclass(frozen=True)
class DemoMeasurement:
    day: Day
    value: str
    comment: str


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    baseline: Decimal
    baseline_date: Day
    target: Decimal
    target_date: Day
    frequency: str
    measures_amount: bool = False
    measurements: tuple[DemoMeasurement, ...] = ()


@dataclass(frozen=True)
class DemoCut:
    unit: str  # the unit's name
    amount: Decimal
    comment: str


@dataclass(frozen=True)
class DemoBenefit:
    """A benefit as the project leader writes it into the plan. ``owned`` says whether the
    plan's responsible line manager and benefits owner are set; ``marked`` is the status
    the owner sets once it is measured."""

    title: str
    description: str
    dimension: str
    category: str
    kind: str
    planned_amount: Decimal | None = None
    preconditions: str = ""
    realisation_method: str = ""
    due: Day | None = None
    status: str = BenefitStatus.PLANNED
    owned: bool = True
    indicators: tuple[DemoIndicator, ...] = ()
    calculation: dict[str, Any] = field(default_factory=dict)
    cuts: tuple[DemoCut, ...] = ()
    marked: str = ""


@dataclass(frozen=True)
class DemoPlan:
    """An initiative's plan: who writes it, who answers for and owns its benefits."""

    initiative: str
    writer: str  # username of the one who writes the plan
    responsible: str  # username of the responsible line manager
    owner: str  # username of the benefits owner, who measures
    benefits: tuple[DemoBenefit, ...]


DEMO = "Demoeksempel."
