"""Digdir's Prosjektveiviseren as Stavanger runs it: six phases with formalised decision points."""

from __future__ import annotations

from helhet.methodology.models import DocumentType
from helhet.methodology.seed.specs import (
    ALL,
    DIGDIR,
    LARGE,
    M_L,
    MEDIUM,
    OPERATION_CHECKS,
    OWN,
    SMALL,
    Check,
    Doc,
    L,
    MethodSpec,
    PhaseSpec,
)

PROSJEKTVEIVISEREN = MethodSpec(
    name="Prosjektveiviseren",
    # Audit §5.2.1: six phases with formalised decision points, based on PRINCE2 (footnote 56),
    # mandatory in Innovasjon og støttetjenester (audit §5.2.1) since summer 2020 (audit §5.2.2);
    # audit §5.2.2: chapters may be marked «ikke relevant».
    description=(
        "Digitaliseringsdirektoratets anbefalte metodeverk for digitaliseringsprosjekter i "
        "offentlig sektor, basert på PRINCE2. Seks faser med formaliserte "
        "beslutningspunkter; ved hvert beslutningspunkt godkjenner "
        "virksomhetsledelsen/prosjekteieren overgang fra en fase til den neste. Dokumentmalene "
        "er obligatoriske, men kapitler som ikke er relevante kan merkes «ikke relevant»."
    ),
    origin="Digdir Prosjektveiviseren",
    is_linear=True,
    levels=[SMALL, MEDIUM, LARGE],
    phases=[
        PhaseSpec(
            "Idé",
            "Linjeorganisasjonens prosess for å identifisere, registrere, kategorisere og "
            "prioritere behov, problemer eller idéer som skal utredes videre i en konseptfase.",
            "BP1",
            "Godkjenne mandat for konseptfasen",
            "Virksomhetsledelsen/prosjekteieren godkjenner mandatet, og konseptfasen kan starte.",
            checks=[
                Check("Behovet eller problemet som skal løses, er beskrevet.", DIGDIR, ALL),
                Check(
                    "Mandatet gir føringer og rammer for konseptfasen: ressurser, tid og kostnad.",
                    DIGDIR,
                    ALL,
                ),
                Check(
                    "Avdelingslederen/direktøren som eier behovet, har kvalitetssikret og godkjent "
                    "mandatet.",
                    DIGDIR,
                    M_L,
                ),
                Check(
                    "Erfaringer fra tidligere konseptfaser og prosjekter er hentet inn.",
                    DIGDIR,
                    M_L,
                ),
                # Audit §5.2.3: the choice of projects is seen against the municipality's goals.
                Check(
                    "Tiltaket er registrert i porteføljen og knyttet til kommunens mål.", OWN, ALL
                ),
            ],
            docs=[Doc(DocumentType.MANDATE, "Mandat for konseptfasen", ALL)],
        ),
        PhaseSpec(
            "Konsept",
            "Linjeorganisasjonen avklarer hva behovet egentlig er, hvilke gevinster det kan gi, og "
            "velger den beste tilnærmingen (konseptet). Nullalternativet skal alltid beskrives.",
            "BP2",
            "Godkjenne oppstart av planleggingsfasen",
            "Prosjekteieren beslutter å sette i gang planleggingen av prosjektet.",
            checks=[
                # Audit §5.2.1: «Nullalternativet ... skal alltid beskrives.»
                Check(
                    "Nullalternativet – dagens situasjon og forventet utvikling uten nye tiltak – "
                    "er beskrevet.",
                    DIGDIR,
                    ALL,
                ),
                Check("Flere konsepter er vurdert, og det beste er valgt.", DIGDIR, M_L),
                Check("Forventede gevinster er beskrevet.", DIGDIR, ALL),
                # Audit §5.2.4: four dimensions of benefits.
                Check(
                    "Gevinstene er vurdert langs kommunens fire dimensjoner: økonomi, kvalitet, "
                    "informasjonssikkerhet, og klima og miljø.",
                    OWN,
                    M_L,
                ),
                Check(
                    "Det er avklart om tiltaket behandler personopplysninger, og om ROS-analyse og "
                    "DPIA trengs.",
                    OWN,
                    ALL,
                ),
            ],
            docs=[
                Doc(DocumentType.PROJECT_JUSTIFICATION, "Prosjektbegrunnelse", M_L),
                Doc(DocumentType.PROJECT_PROPOSAL, "Prosjektforslag", ALL),
                Doc(DocumentType.PHASE_PLAN, "Faseplan for planleggingsfasen", (L,)),
            ],
        ),
        PhaseSpec(
            "Planlegge",
            "Prosjektet etableres, målene forankres, og det lages en plan for hvordan prosjektet "
            "skal styres, før virksomhetsledelsen forplikter seg til en betydelig investering.",
            "BP3",
            "Godkjenne gjennomføring",
            "Prosjekteieren beslutter å gå til gjennomføring og signerer styringsdokumentet.",
            checks=[
                Check("Styringsdokumentet er komplett og signert av prosjekteieren.", DIGDIR, M_L),
                Check("Finansieringen av prosjektet er avklart.", DIGDIR, ALL),
                Check("Faseplanen for gjennomføringsfasen er klar.", DIGDIR, (L,)),
                # Audit §5.2.4: every project must have a benefits realisation plan.
                Check(
                    "Gevinstrealiseringsplanen har gevinsteier i linjen, indikator, nullpunkt og "
                    "mål.",
                    OWN,
                    ALL,
                ),
                # Audit §5.2.3: a project board with the stakeholders, monthly progress
                # meetings.
                Check(
                    "Prosjektstyret er satt sammen med de viktigste interessentene, og "
                    "progresjonsmøter er avtalt (som hovedregel månedlig).",
                    OWN,
                    M_L,
                ),
            ],
            docs=[
                Doc(DocumentType.STEERING_DOCUMENT, "Styringsdokument", M_L),
                Doc(DocumentType.BENEFITS_PLAN, "Gevinstrealiseringsplan", ALL),
                Doc(DocumentType.PHASE_PLAN, "Faseplan for gjennomføringsfasen", (L,)),
            ],
        ),
        PhaseSpec(
            "Gjennomføre",
            "Resultatene skapes og leveres, som oftest gjennom delfaser etter planene i "
            "styringsdokumentet.",
            "BP-G",
            "Godkjenne overgang til avslutning",
            "Kommunens eget beslutningspunkt: prosjekteieren godtar leveransene, og prosjektet "
            "går over i avslutningsfasen.",
            checks=[
                Check("Leveransene er ferdige og godtatt av mottakeren i linjen.", DIGDIR, ALL),
                Check("Plan for overleveringen til linjen er klar.", DIGDIR, M_L),
            ],
            docs=[Doc(DocumentType.PHASE_PLAN, "Faseplan for avslutningsfasen", (L,))],
        ),
        PhaseSpec(
            "Avslutte",
            "En strukturert og formell avslutning av prosjektet, og en god overlevering til "
            "linjen: produktansvaret overføres, og prosjektet oppløses.",
            "BP-A",
            "Godkjenne avslutning og overlevering til drift",
            "Porten til drift: prosjekteieren godkjenner sluttrapporten og overleveringen, og "
            "ansvaret går over til linjen.",
            checks=[
                *OPERATION_CHECKS,
                Check(
                    "Sluttrapporten er godkjent, og erfaringene er delt med resten av kommunen.",
                    DIGDIR,
                    ALL,
                ),
            ],
            docs=[Doc(DocumentType.FINAL_REPORT, "Sluttrapport", ALL)],
            is_operation_gate=True,
        ),
        PhaseSpec(
            "Realisere",
            "Linjen realiserer gevinstene ved å ta i bruk prosjektets produkter: opplæring, nye "
            "arbeidsprosesser og løpende forbedring.",
            "BP-R",
            "Avslutte gevinstrealiseringen",
            "Gevinsteieren og prosjekteieren slår fast at gevinstene er realisert, eller hvorfor "
            "ikke.",
            checks=[
                Check("Gevinstene er målt mot målene i gevinstrealiseringsplanen.", OWN, ALL),
                Check("Konseptevalueringsrapporten er laget.", DIGDIR, (L,)),
            ],
            docs=[Doc(DocumentType.OTHER, "Konseptevalueringsrapport", (L,))],
        ),
    ],
)
