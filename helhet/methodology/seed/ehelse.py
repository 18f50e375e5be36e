"""The E-helse process for implementing welfare technology (after KS)."""

from __future__ import annotations

from helhet.methodology.models import DocumentType
from helhet.methodology.seed.specs import (
    ALL,
    LARGE,
    M_L,
    MEDIUM,
    OPERATION_CHECKS,
    OWN,
    SMALL,
    Check,
    Doc,
    MethodSpec,
    PhaseSpec,
)

EHELSE = MethodSpec(
    name="Implementering av velferdsteknologi",
    # Audit §5.4.1: a locally adapted process based on KS's framework; audit §5.4.1: the
    # department speaks of «implementering av løsninger» rather than projects.
    description=(
        "E-helse og velferdsteknologis lokalt tilpassede prosess for implementering av "
        "velferdsteknologi, basert på KS sitt rammeverk. Rammene for drift må gå parallelt med "
        "utprøvingen av løsningene."
    ),
    origin="KS: Veikart for tjenesteinnovasjon (Handlingsplan for velferdsteknologi 2018–2022)",
    is_linear=True,
    levels=[SMALL, MEDIUM, LARGE],
    phases=[
        PhaseSpec(
            "Før du starter",
            "Forankring og mandat, med utgangspunkt i de nasjonale anbefalingene og "
            "handlingsplanens tiltaksmatrise.",
            "EH1",
            "Godkjenne oppstart",
            "Prosjekteieren godkjenner mandatet for implementeringen.",
            checks=[
                # Audit §5.4.1: the action plan's matrix of solutions to try or scale up.
                Check(
                    "Løsningen står i handlingsplanens tiltaksmatrise, med ansvarlig og tidspunkt.",
                    OWN,
                    ALL,
                ),
                # Audit §5.5.2: national assessments need not be repeated.
                Check(
                    "Nasjonale vurderinger av løsningen er tatt i bruk, ikke gjort på nytt.",
                    OWN,
                    ALL,
                ),
            ],
            docs=[Doc(DocumentType.MANDATE, "Prosjektmandat", ALL)],
        ),
        PhaseSpec(
            "Innsikt og idé",
            "Behov, interessenter og brukere kartlegges; gevinster og risiko vurderes.",
            "EH2",
            "Godkjenne utprøving",
            "Prosjekteieren beslutter å prøve ut løsningen.",
            checks=[
                # Audit §5.4.1: shown in advance to give better services and savings.
                Check(
                    "Det er vist på forhånd at løsningen gir bedre tjenester for brukerne og "
                    "økonomisk innsparing.",
                    OWN,
                    ALL,
                ),
                # Footnote 63 (audit §5.4.1): ROS analysis and data processing agreement.
                Check("ROS-analyse og databehandleravtale er på plass.", OWN, ALL),
            ],
            docs=[
                Doc(DocumentType.BENEFITS_PLAN, "Gevinstrealiseringsplan", M_L),
                Doc(DocumentType.OTHER, "ROS-analyse", ALL),
            ],
        ),
        PhaseSpec(
            "Utvikling, utprøving og evaluering",
            "Løsningen prøves ut i virksomhetene og evalueres, med opplæring og oppfølging.",
            "EH3",
            "Godkjenne innføring",
            "Prosjekteieren beslutter å innføre løsningen på grunnlag av evalueringen.",
            checks=[
                Check("Utprøvingen er evaluert.", OWN, ALL),
                # Audit §5.5.1: listen to and involve the employees.
                Check("De ansatte er lyttet til og involvert.", OWN, M_L),
            ],
            docs=[Doc(DocumentType.OTHER, "Evalueringsrapport", M_L)],
        ),
        PhaseSpec(
            "Overgang til drift",
            "Løsningen overleveres til virksomheten som skal drifte den; avdelingen skal ikke "
            "selv være et driftsmiljø.",
            "EH4",
            "Godkjenne overlevering til drift",
            "Porten til drift: driften er eid, og ansvaret går over til linjen.",
            checks=[
                *OPERATION_CHECKS,
                # Audit §5.5.2: use drops unless someone follows it up after handover.
                Check("Oppfølgingen av bruken etter innføringen er planlagt.", OWN, ALL),
            ],
            docs=[
                Doc(DocumentType.HANDOVER, "Overlevering til drift", ALL),
                Doc(DocumentType.FINAL_REPORT, "Sluttrapport", M_L),
            ],
            is_operation_gate=True,
        ),
        PhaseSpec(
            "Ny praksis",
            "Løsningen er en del av tjenesten; bruken følges opp per enhet.",
            "EH5",
            "Ny praksis er etablert",
            "Gevinsteieren og prosjekteieren slår fast at løsningen er i varig bruk.",
            checks=[
                Check("Bruken følges opp per enhet.", OWN, ALL),
                Check("Gevinstene er målt mot målene.", OWN, ALL),
            ],
        ),
    ],
)
