"""Smartby's process: light, non-linear, with criteria a project must meet and two levels
of its own."""

from __future__ import annotations

from decimal import Decimal

from helhet.methodology.models import Decider, DocumentType
from helhet.methodology.seed.specs import (
    OPERATION_CHECKS,
    OWN,
    Check,
    Doc,
    LevelSpec,
    MethodSpec,
    PhaseSpec,
)

SMARTBY_SMALL = LevelSpec(
    "mindre",
    "Mindre prosjekt",
    "Smartby-sjefen har mandat til å sette i gang mindre prosjekter. Samme grenser som «Liten»: "
    "inntil 1,3 mill. kr, 6 måneder og risiko høyst 2 av 5.",
    Decimal("1300000"),
    6,
    2,
)
SMARTBY_LARGE = LevelSpec(
    "storre",
    "Større prosjekt",
    "Større prosjekter må til politisk behandling; direktøren for Innbygger- og "
    "samfunnskontakt avgjør.",
    None,
    None,
    None,
)
SB_ALL = (SMARTBY_SMALL.code, SMARTBY_LARGE.code)

SMARTBY = MethodSpec(
    name="Smartbyprosessen",
    # Audit §5.3.1: the criteria, the building blocks («Ingen skam å snu») and the four
    # non-linear phases; the project is handed over to the service area that will operate it.
    description=(
        "Smartbys egen, lette metode. Høy grad av involvering av ansatte og innbyggere, bevisst "
        "bruk av metoder og verktøy, tidlig prototyping og testing – og ingen skam å snu. De fire "
        "fasene er ikke lineære; lykkes piloten, overleveres prosjektet til fagområdet som skal "
        "drifte løsningen."
    ),
    origin="Smartby, Stavanger kommune",
    is_linear=False,
    levels=[SMARTBY_SMALL, SMARTBY_LARGE],
    # Audit §5.3.1: all three must be present for a project to be a Smartby project.
    criteria=[
        (
            "Teknologi",
            "Løsningene tar i bruk moderne teknologi for å forenkle og forbedre.",
        ),
        (
            "Samarbeid",
            "Prosjektet innebærer samarbeid på tvers av kommuner, næringsliv, organisasjoner "
            "og akademia.",
        ),
        (
            "Innbyggerinvolvering",
            "Prosjektet tar utgangspunkt i innbyggernes og brukernes behov, og involverer dem "
            "i utviklingen av løsninger.",
        ),
    ],
    phases=[
        PhaseSpec(
            "Innsiktsarbeid",
            "Forstå behovet sammen med fagområdet som eier prosjektet, med brukerinvolvering.",
            "SB1",
            "Klassifisert som Smartby-prosjekt",
            "Prosjektet har alle tre Smartby-kriteriene, og går videre til å definere "
            "mulighetsrommet.",
            checks=[
                # The three criteria are said when the project is classed as Smartby (see
                # SMARTBY.criteria); the decision checks what was said.
                Check(
                    "Prosjektet oppfyller alle tre Smartby-kriteriene, slik klassifiseringen "
                    "beskriver.",
                    OWN,
                    SB_ALL,
                ),
                # Audit §5.3.2: involve the future owner from the start.
                Check("Avdelingen som skal eie løsningen, er med fra start.", OWN, SB_ALL),
            ],
            # Audit §5.3.1: «skal oppstart avtales og prosjektavtale lages».
            docs=[Doc(DocumentType.OTHER, "Prosjektavtale", SB_ALL)],
            decider=Decider.LEADER,
            decider_title="Smartby-sjefen",
        ),
        PhaseSpec(
            "Definere mulighetsrom",
            "Utforske mulige løsninger, validert gjennom testing, prototyping og "
            "brukerinvolvering.",
            "SB2",
            "Mulighetsrommet er definert",
            "Prosjektet går videre til å utarbeide løsningsforslag – eller tilbake til innsikt.",
            checks=[
                Check("Hypotesene er testet med brukerne.", OWN, SB_ALL),
            ],
            decider=Decider.LEADER,
            decider_title="Smartby-sjefen",
        ),
        PhaseSpec(
            "Utarbeide løsningsforslag",
            "Prototype og løsningsforslag, testet med brukerne.",
            "SB3",
            "Godkjenne pilot",
            "Beslutning om å gjennomføre en pilot. Større prosjekter må til politisk behandling.",
            checks=[
                Check("Løsningen er prototypet og testet med brukerne.", OWN, SB_ALL),
                Check("Finansieringen av piloten er avklart.", OWN, SB_ALL),
                Check("Prosjektet er politisk behandlet.", OWN, (SMARTBY_LARGE.code,)),
            ],
            # Audit §5.3.2: larger projects go to political treatment; audit §5.3.2: Smartby partly
            # uses KS's framework for benefits realisation.
            docs=[
                Doc(
                    DocumentType.BENEFITS_PLAN,
                    "Gevinstrealiseringsplan",
                    (SMARTBY_LARGE.code,),
                )
            ],
        ),
        PhaseSpec(
            "Gjennomføre pilot",
            "Piloten prøves ut og evalueres. Prosjekter man ser ikke vil lykkes, avvikles.",
            "SB4",
            "Overlevere til fagområdet",
            "Porten til drift: piloten har lyktes, og fagområdet som skal drifte løsningen, tar "
            "den over.",
            checks=[
                Check("Piloten er evaluert: videreføres eller avvikles.", OWN, SB_ALL),
                *[Check(c.text, c.source, SB_ALL) for c in OPERATION_CHECKS],
            ],
            # Audit §5.3.4: Kvikktest Lervig led to templates for midway and final reports.
            docs=[
                Doc(DocumentType.FINAL_REPORT, "Sluttrapport", SB_ALL),
                Doc(DocumentType.HANDOVER, "Overlevering til fagområdet", SB_ALL),
            ],
            is_operation_gate=True,
        ),
    ],
)
