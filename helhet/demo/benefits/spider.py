"""Spider's plan: table 5, the benefit analysis (5196-5221)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helhet.demo.benefits.shapes import (
    BEING_REALISED,
    DIRECT,
    ECONOMY,
    EFFICIENCY,
    INDIRECT,
    QUALITATIVE,
    QUALITY,
    QUALITY_CATEGORY,
    DemoBenefit,
    DemoIndicator,
    DemoPlan,
)

SPIDER_SOURCE = "Gevinstanalysen i evalueringsrapporten (revisjonens tabell 5)."
SPIDER_QUALITATIVE = [
    "Rett kompetanse på oppdrag",
    "Brukere får færre ansatte å forholde seg til",
    "Brukere får flere besøk av primær- og sekundærkontakt",
    "Ansatte har fått mer forutsigbare arbeidslister og trenger ikke selv prioritere "
    "rekkefølgen på oppdragene",
]

SPIDER = DemoPlan(
    initiative="Spider",
    writer="prosjektleder",
    responsible="eier",
    owner="gevinsteier",
    benefits=(
        *(
            DemoBenefit(
                title=title,
                description=SPIDER_SOURCE,
                dimension=QUALITY,
                category=QUALITY_CATEGORY,
                kind=QUALITATIVE,
                status=BEING_REALISED,
            )
            for title in SPIDER_QUALITATIVE
        ),
        DemoBenefit(
            title="Ansatte bruker mindre tid i bil/til kjøring",
            description=SPIDER_SOURCE,
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            realisation_method="Frigjort tid.",
        ),
        DemoBenefit(
            title=(
                "Reduserte kostnader til kjøring mellom oppdrag ved å redusere kjørelengde per "
                "oppdrag"
            ),
            description=SPIDER_SOURCE,
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=DIRECT,
            realisation_method="Sparte kostnader.",
        ),
        # No owner and no responsible line manager yet, so no one measures it: "halved" is the
        # audit's word, the indicator counts the work as a percentage of what it was.
        DemoBenefit(
            title="Halvert arbeid knyttet til å lage og oppdatere arbeidslister",
            description=SPIDER_SOURCE,
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            realisation_method="Frigjort tid.",
            owned=False,
            indicators=(
                DemoIndicator(
                    name="Arbeid med arbeidslister, andel av før",
                    unit="percent",
                    baseline=Decimal(100),
                    baseline_date=date(2017, 5, 1),
                    target=Decimal(50),
                    target_date=date(2019, 5, 31),
                    frequency="half_yearly",
                ),
            ),
        ),
    ),
)
