"""The medicine dispensers' plan: table 4 exactly as the audit gives it, the quality benefits,
the time in the medicine room and the video visits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helhet.demo.benefits.shapes import (
    BEING_REALISED,
    CLIMATE,
    DEMO,
    DIRECT,
    ECONOMY,
    EFFICIENCY,
    END_OF_NEXT_YEAR,
    INDIRECT,
    QUALITATIVE,
    QUALITY,
    QUALITY_CATEGORY,
    DaysAgo,
    DemoBenefit,
    DemoCut,
    DemoIndicator,
    DemoMeasurement,
    DemoPlan,
)

FINAL_REPORT = date(2017, 12, 31)  # the dispensers' operating phase ended in December 2017


TABLE_4 = "Sluttrapporten (revisjonens tabell 4)."

# Rollout continues (5006, 5089-5115); the date it should be realised by is not in the audit.
DISPENSERS = DemoPlan(
    initiative="Medisindispensere",
    writer="prosjektleder",
    responsible="eier",
    owner="gevinsteier",
    benefits=(
        # Table 4 (5010-5022): visits a day 69 -> 31,5, yearly cost 3 085 163 -> 1 471 399, a
        # saving of 1 613 764 a year. Rent of the dispensers is not included (footnote 66,
        # 5072-5074).
        DemoBenefit(
            title="Færre hjemmebesøk",
            description=(
                "Den store gevinsten er redusert mengde hjemmebesøk: oppdrag per dag gikk fra 69 "
                "til 31,5, og årskostnaden fra 3 085 163 kr til 1 471 399 kr (sluttrapporten, "
                "utregnet for 33 brukere). Leie av dispenserne er ikke med i utregningen; "
                "leieprisen i prosjektperioden halverer gevinsten."
            ),
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=DIRECT,
            planned_amount=Decimal(1613764),
            preconditions=(
                "Brukeren får multidose og er egnet for medisindispenser. Hjemmetjenestene "
                "foreslår aktuelle brukere og følger opp bruken."
            ),
            realisation_method=(
                "Færre besøk gir rom for flere brukere med samme bemanning. En del av gevinsten "
                "tas ut som rammekutt i hjemmebaserte tjenester (demoeksempel)."
            ),
            due=END_OF_NEXT_YEAR,
            indicators=(
                DemoIndicator(
                    name="Årskostnad hjemmebesøk",
                    unit="nok",
                    baseline=Decimal(3085163),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal(1471399),
                    target_date=FINAL_REPORT,
                    frequency="yearly",
                    measures_amount=True,
                    measurements=(
                        DemoMeasurement(FINAL_REPORT, "1471399", TABLE_4),
                        # The latest status report: some home-care services still visit users
                        # suited for a dispenser (demoeksempel figures). Measured four months
                        # ago: not due yet.
                        DemoMeasurement(
                            DaysAgo(120),
                            "1650000",
                            "Demoeksempel: noen hjemmetjenester reiser fortsatt hjem med "
                            "medisiner til brukere som er egnet for medisindispenser.",
                        ),
                    ),
                ),
                DemoIndicator(
                    name="Oppdrag per dag",
                    unit="count",
                    baseline=Decimal(69),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal("31.5"),
                    target_date=FINAL_REPORT,
                    frequency="quarterly",
                    measurements=(
                        DemoMeasurement(FINAL_REPORT, "31.5", TABLE_4),
                        # Quarterly, last measured 80 days ago: due within the next fortnight.
                        DemoMeasurement(DaysAgo(80), "34", DEMO),
                    ),
                ),
            ),
            # Table 4 exactly as the audit gives it: 33 users (5024), per day. The unit costs
            # are the table's daily costs divided by its visits: 8 452,5 / 69 = 122,5 and
            # 4 032 / 31,5 = 128. The stated per-user figures divide by 30, not 33, and
            # 4 032 x 365 is 1 471 680, not 1 471 399: the plan shows both.
            calculation={
                "quantity_label": "Oppdrag",
                "period": "day",
                "days_per_year": 365,
                "users": 33,
                "before_quantity": Decimal(69),
                "after_quantity": Decimal("31.5"),
                "before_unit_cost": Decimal("122.5"),
                "after_unit_cost": Decimal(128),
                "stated_before_daily": Decimal("8452.5"),
                "stated_after_daily": Decimal(4032),
                "stated_before_yearly": Decimal(3085163),
                "stated_after_yearly": Decimal(1471399),
                "stated_before_per_user": Decimal(102839),
                "stated_after_per_user": Decimal(49047),
                "source": "Sluttrapporten (revisjonens tabell 4)",
            },
            # The whole planned saving cut from this budget year while the benefit is still
            # being realised and has realised less: the risk the audit warns of, citing KS
            # (demoeksempel).
            cuts=(
                DemoCut(
                    unit="Hjemmebaserte tjenester",
                    amount=Decimal(1613764),
                    comment=(
                        "Demoeksempel: hele den planlagte gevinsten er tatt ut av rammen fra i "
                        "år, før den er realisert."
                    ),
                ),
            ),
        ),
        # Quality benefits: 5046-5060.
        DemoBenefit(
            title="Færre feilmedisineringer",
            description=(
                "Kvalitetsgevinster: færre feilmedisineringer, stabil medisinering og økt "
                "autonomi for brukeren. Brukerne opplever det som trygt å vite at medisinen "
                "kommer akkurat når den skal, og slipper mange besøk og mye ventetid."
            ),
            dimension=QUALITY,
            category=QUALITY_CATEGORY,
            kind=QUALITATIVE,
            due=END_OF_NEXT_YEAR,
            status=BEING_REALISED,
        ),
        # Time in the medicine room: about 50 hours a month at Hundvåg and Storhaug
        # (5034-5038), 600 hours a year.
        DemoBenefit(
            title="Tid på medisinrommet",
            description=(
                "Hundvåg og Storhaug hjemmebaserte tjenester rapporterte at tiden sykepleiere "
                "brukte på medisinrommet ble redusert med omtrent 50 timer per måned. De "
                "medisinrelaterte rapporteringene i morgenrapporten ble mer enn halvert."
            ),
            dimension=ECONOMY,
            category=EFFICIENCY,
            kind=INDIRECT,
            planned_amount=Decimal(600),
            realisation_method="Frigjort tid brukes til flere besøk på samme tid.",
            due=END_OF_NEXT_YEAR,
            indicators=(
                DemoIndicator(
                    name="Frigjort tid på medisinrommet",
                    unit="hours",
                    baseline=Decimal(0),
                    baseline_date=date(2017, 1, 1),
                    target=Decimal(600),
                    target_date=FINAL_REPORT,
                    frequency="yearly",
                    measures_amount=True,
                    measurements=(
                        DemoMeasurement(
                            FINAL_REPORT, "600", "Om lag 50 timer per måned (sluttrapporten)."
                        ),
                        DemoMeasurement(DaysAgo(45), "600", DEMO),
                    ),
                ),
            ),
        ),
        # Video visits: 5601-5609. The audit gives them to E-helse og velferdsteknologi without
        # naming a project; the dispensers are the department's welfare-technology project
        # whose need is fewer home visits and less driving, so the benefit is planned there.
        # The audit gives no period for the 20-30 hours: the lower figure is planned.
        DemoBenefit(
            title="Spart kjøretid med digitalt tilsyn",
            description=(
                "Ved å erstatte 42 fysiske tilsyn med video ble 20–30 timer kjøretid spart. "
                "Summen av spart tid kan utgjøre en stilling, men tiden er vanskelig å «finne "
                "igjen»: det er alltid oppgaver å fylle den med."
            ),
            dimension=CLIMATE,
            category=EFFICIENCY,
            kind=INDIRECT,
            planned_amount=Decimal(20),
            realisation_method="Flere tilsyn på samme tid, og mindre kjøring.",
            due=END_OF_NEXT_YEAR,
            indicators=(
                DemoIndicator(
                    name="Fysiske tilsyn erstattet med video",
                    unit="count",
                    baseline=Decimal(0),
                    baseline_date=DaysAgo(150),
                    target=Decimal(42),
                    target_date=END_OF_NEXT_YEAR,
                    frequency="half_yearly",
                    measurements=(
                        DemoMeasurement(DaysAgo(30), "42", "42 tilsyn, 20–30 timer kjøretid."),
                    ),
                ),
            ),
        ),
    ),
)
