"""The RPA plan: the invoice robot Robin and Byarkivet's processes (table 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helhet.benefits.models import BenefitStatus
from helhet.demo.benefits.shapes import (
    DEMO,
    ECONOMY,
    EFFICIENCY,
    END_OF_NEXT_YEAR,
    INDIRECT,
    DaysAgo,
    DemoBenefit,
    DemoIndicator,
    DemoMeasurement,
    DemoPlan,
)

# Byarkivet's estimate in "digital FTE" as hours, at the default hours in one FTE (1 695).
HOURS_PER_FTE = Decimal(1695)


def _byarkivet(
    title: str, description: str, fte: int, frequency: str, measured: DaysAgo, value: str
) -> DemoBenefit:
    """One of Byarkivet's groups of processes, estimated in digital FTE (table 3)."""
    return DemoBenefit(
        title=title,
        description=description,
        dimension=ECONOMY,
        category=EFFICIENCY,
        kind=INDIRECT,
        planned_amount=fte * HOURS_PER_FTE,
        preconditions=(
            "Robotene er ikke selvgående: de estimerte årsverkene må ses sammen med tiden som "
            "går til oppfølging av dem."
        ),
        realisation_method="Frigjort tid til support og veiledning av organisasjonen.",
        due=END_OF_NEXT_YEAR,  # not in the audit (demoeksempel)
        indicators=(
            DemoIndicator(
                name="Digitale årsverk",
                unit="fte",
                baseline=Decimal(0),
                baseline_date=date(2020, 9, 1),
                target=Decimal(fte),
                target_date=END_OF_NEXT_YEAR,
                frequency=frequency,
                measures_amount=True,
                measurements=(DemoMeasurement(measured, value, DEMO),),
            ),
        ),
    )


# The audit names no line manager for Robin or Byarkivet's processes, and neither unit is in the
# demo organisation: the director of Innovasjon og støttetjenester, which holds the RPA project,
# answers for and owns them (demoeksempel).
RPA = DemoPlan(
    initiative="RPA",
    writer="portefolje",
    responsible="direktor",
    owner="direktor",
    benefits=(
        # Robin: 2902-2912. A pilot in the accounts department in 2017; the robot checks
        # 160 000 invoices a year, saving about 2 000 working hours. Realised.
        DemoBenefit(
            title="Robin: automatisk etterkontroll av fakturaer",
            description=(
                "Programvareroboten Robin kontrollerer at hver anvist faktura er reell før den "
                "sendes til utbetaling. Årlig slipper kommunen manuell etterkontroll av 160 000 "
                "fakturaer, som sparer om lag 2 000 arbeidstimer."
            ),
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            planned_amount=Decimal(2000),
            realisation_method="Frigjorte ressurser i regnskapsavdelingen utfører annet arbeid.",
            due=date(2017, 12, 31),
            indicators=(
                DemoIndicator(
                    name="Frigjorte arbeidstimer per år",
                    unit="hours",
                    baseline=Decimal(0),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal(2000),
                    target_date=date(2017, 12, 31),
                    frequency="yearly",
                    measures_amount=True,
                    measurements=(
                        DemoMeasurement(
                            date(2017, 12, 31),
                            "2000",
                            "160 000 fakturaer slipper manuell etterkontroll.",
                        ),
                    ),
                ),
            ),
            marked=BenefitStatus.REALISED,
        ),
        # Byarkivet, table 3 (4010-4096): two groups of processes, estimated at 8 and 4 digital
        # FTE. Byarkivet joined the RPA work early in the autumn of 2020 (3995-3997).
        _byarkivet(
            "Byarkivet: kontinuerlige prosesser i arkivdanningen",
            "Omfordeling av innsynsbegjæringer og påføring av metadata, opprette og avslutte "
            "saker med kvalitetskontroll, og kvalitetskontroll av metadata i e-skjemaløsningen. "
            "Digitale årsverk realiseres hos systemeier (byarkivet); bedre kvalitet i "
            "arkivdanningen, raskere leveranser og frigjort tid til support, veiledning og "
            "dokumentfangst.",
            8,
            "half_yearly",
            DaysAgo(60),  # not due
            "2",
        ),
        _byarkivet(
            "Byarkivet: tidsavgrensede prosesser i arkivbevaringen",
            "Ivareta dokumentasjon fra Greater Stavanger og fra Rennesøy/Finnøy. Digitale "
            "årsverk realiseres hos systemeier (tjenesteområdene) og hos arkivforvalter "
            "(byarkivet); unngår tap av arkiv og rettighetsdokumentasjon.",
            4,
            "quarterly",
            DaysAgo(200),  # overdue: quarterly, last measured over 6 months ago
            "1",
        ),
    ),
)
