"""A light method for small improvement work: idea, delivery and handover."""

from __future__ import annotations

from decimal import Decimal

from helhet.methodology.models import DocumentType
from helhet.methodology.seed.specs import (
    OPERATION_CHECKS,
    OWN,
    Check,
    Doc,
    LevelSpec,
    MethodSpec,
    PhaseSpec,
)

LIGHT_LEVEL = LevelSpec(
    "liten",
    "Liten",
    "For små forbedringer: inntil 1,3 mill. kr, 6 måneder og risiko høyst 2 av 5. Større tiltak "
    "passer ikke i denne metoden.",
    Decimal("1300000"),
    6,
    2,
    # Small improvements are often led and owned by one person in the line.
    allows_combined_roles=True,
)

LIGHT = MethodSpec(
    name="Lett metode for små forbedringer",
    # Audit §5.5.2: «et rammeverk som er enkelt, presist og tilpasset ulike behov».
    description=(
        "For små forbedringer: idé, gjennomføring og overlevering, med én side dokumentasjon. "
        "Svarer på ønsket om et rammeverk som er enkelt, presist og tilpasset ulike behov."
    ),
    origin="Helhet (kommunens egen)",
    is_linear=True,
    levels=[LIGHT_LEVEL],
    phases=[
        PhaseSpec(
            "Idé",
            "Beskriv behovet, forbedringen og hvem som har nytte av den, på én side.",
            "L1",
            "Godkjenne oppstart",
            "Prosjekteieren godkjenner énsidesbeskrivelsen.",
            checks=[
                Check("Behovet og forbedringen er beskrevet på én side.", OWN, ("liten",)),
                Check("Hvem som har nytte av forbedringen, er beskrevet.", OWN, ("liten",)),
            ],
            docs=[Doc(DocumentType.ONE_PAGE, "Énsidesbeskrivelse", ("liten",), False)],
        ),
        PhaseSpec(
            "Gjennomføre",
            "Gjør forbedringen.",
            "L2",
            "Klar til overlevering",
            "Prosjekteieren godtar forbedringen.",
            checks=[Check("Forbedringen er testet med brukerne.", OWN, ("liten",))],
        ),
        PhaseSpec(
            "Overlevere",
            "Forbedringen overleveres til linjen som skal drifte den.",
            "L3",
            "Godkjenne overlevering",
            "Porten til drift: linjen tar over forbedringen.",
            checks=[Check(c.text, c.source, ("liten",)) for c in OPERATION_CHECKS],
            is_operation_gate=True,
        ),
    ],
)
