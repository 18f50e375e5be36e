"""The shape of a method as data, and what the shipped methods share: the three levels (Liten,
Middels, Stor) with their thresholds, and the checkpoints of the gate into operation."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from helhet.methodology.models import ChecklistSource, Decider

DIGDIR = ChecklistSource.DIGDIR
OWN = ChecklistSource.OWN


@dataclass(frozen=True)
class LevelSpec:
    code: str
    name: str
    description: str
    max_cost: Decimal | None
    max_duration_months: int | None
    max_risk: int | None
    allows_combined_roles: bool = False


@dataclass(frozen=True)
class Check:
    text: str
    source: str
    levels: tuple[str, ...]


@dataclass(frozen=True)
class Doc:
    document_type: str
    name: str
    levels: tuple[str, ...]
    may_be_not_relevant: bool = True


@dataclass(frozen=True)
class PhaseSpec:
    name: str
    description: str
    decision_code: str
    decision_name: str
    decision_description: str
    checks: list[Check] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    is_operation_gate: bool = False
    decider: str = Decider.PROJECT_OWNER
    decider_title: str = ""


@dataclass(frozen=True)
class MethodSpec:
    name: str
    description: str
    origin: str
    is_linear: bool
    levels: list[LevelSpec]
    phases: list[PhaseSpec]
    criteria: list[tuple[str, str]] = field(default_factory=list)


SMALL = LevelSpec(
    "liten",
    "Liten",
    "Kostnad inntil 1,3 mill. kr (nasjonal terskelverdi for anskaffelser, ekskl. mva.), varighet "
    "inntil 6 måneder og samlet risiko høyst 2 av 5. Få dokumenter og sjekkpunkter.",
    Decimal("1300000"),
    6,
    2,
)
MEDIUM = LevelSpec(
    "middels",
    "Middels",
    "Kostnad inntil 10 mill. kr, varighet inntil 18 måneder og samlet risiko høyst 3 av 5.",
    Decimal("10000000"),
    18,
    3,
)
LARGE = LevelSpec(
    "stor",
    "Stor",
    "Over middels på kostnad, varighet eller risiko. Hele metoden, med faseplaner og "
    "prosjektstyre.",
    None,
    None,
    None,
)
S, M, L = SMALL.code, MEDIUM.code, LARGE.code
ALL = (S, M, L)
M_L = (M, L)

# The gate into operation asks the same everywhere: "Det nye har ikke et naturlig hjem", nobody
# owns operation of the new technology (audit §6.2.3).
OPERATION_CHECKS = [
    Check("Driftsansvarlig enhet og person er utpekt.", OWN, ALL),
    Check("Dato for overlevering til drift er avtalt.", OWN, ALL),
    Check("Gevinsteier i linjen er utpekt for realiseringen av gevinstene.", OWN, ALL),
]
