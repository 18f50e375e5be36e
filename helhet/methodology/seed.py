"""The methods Helhet ships with, as editable data: Digdir's Prosjektveiviseren, Smartby's
process, the E-helse process for implementing welfare technology (after KS), and a light method for
small improvement work. ``seed_methods`` gives a municipality version 1 of each, the current one.

Facts come from the 2022 audit of Stavanger's digitalisation work (``seed/000_2f3fe3e17b51d0d8.txt``
in the shared folder); the comments give its line numbers. Checklist items are marked "Digdir" where
they restate Prosjektveiviseren's published guidance in our words, and "Kommunens egen" where the
checkpoint is the municipality's (from the audit, or Helhet's own proposal for the audit's wish for
levels, lines 5505-5519).

The levels and their thresholds are Helhet's proposal, written out in each level's description so a
portfolio office can see, and change, what they rest on:

* Liten: cost up to 1.3 million kr (the national threshold for procurement, excl. VAT, under which a
  purchase needs no announcement in Doffin), up to 6 months (the medicine dispensers'
  implementation phase, January-June 2017, line 4964), risk at most 2 of 5.
* Middels: up to 10 million kr, up to 18 months, risk at most 3.
* Stor: everything above; no limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from helhet.methodology.models import (
    ChecklistItem,
    ChecklistSource,
    Criterion,
    Decider,
    DecisionPoint,
    DocumentRequirement,
    DocumentType,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality

ModelT = TypeVar("ModelT", bound=models.Model)

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
# owns operation of the new technology (lines 6365-6383).
OPERATION_CHECKS = [
    Check("Driftsansvarlig enhet og person er utpekt.", OWN, ALL),
    Check("Dato for overlevering til drift er avtalt.", OWN, ALL),
    Check("Gevinsteier i linjen er utpekt for realiseringen av gevinstene.", OWN, ALL),
]

PROSJEKTVEIVISEREN = MethodSpec(
    name="Prosjektveiviseren",
    # Lines 3548-3560: six phases with formalised decision points, based on PRINCE2 (footnote 56),
    # mandatory in Innovasjon og støttetjenester (line 3552) since summer 2020 (line 3651); lines
    # 3683-3685: chapters may be marked
    # «ikke relevant».
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
                # Lines 3797-3799: the choice of projects is seen against the municipality's goals.
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
                # Lines 3596-3598: «Nullalternativet ... skal alltid beskrives.»
                Check(
                    "Nullalternativet – dagens situasjon og forventet utvikling uten nye tiltak – "
                    "er beskrevet.",
                    DIGDIR,
                    ALL,
                ),
                Check("Flere konsepter er vurdert, og det beste er valgt.", DIGDIR, M_L),
                Check("Forventede gevinster er beskrevet.", DIGDIR, ALL),
                # Lines 3844-3880: four dimensions of benefits.
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
                # Line 3817: every project must have a benefits realisation plan.
                Check(
                    "Gevinstrealiseringsplanen har gevinsteier i linjen, indikator, nullpunkt og "
                    "mål.",
                    OWN,
                    ALL,
                ),
                # Lines 3766-3768: a project board with the stakeholders, monthly progress
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
    # Lines 4240-4293: the criteria, the building blocks (4271: «Ingen skam å snu») and the four
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
    # Lines 4238-4252: all three must be present for a project to be a Smartby project.
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
                # Lines 4374-4376: involve the future owner from the start.
                Check("Avdelingen som skal eie løsningen, er med fra start.", OWN, SB_ALL),
            ],
            # Lines 4332-4334: «skal oppstart avtales og prosjektavtale lages».
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
            # Lines 4340-4346: larger projects go to political treatment; line 4362: Smartby partly
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
            # Lines 4754-4758: Kvikktest Lervig led to templates for midway and final reports.
            docs=[
                Doc(DocumentType.FINAL_REPORT, "Sluttrapport", SB_ALL),
                Doc(DocumentType.HANDOVER, "Overlevering til fagområdet", SB_ALL),
            ],
            is_operation_gate=True,
        ),
    ],
)

EHELSE = MethodSpec(
    name="Implementering av velferdsteknologi",
    # Lines 4864-4878: a locally adapted process based on KS's framework; lines 4925-4929: the
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
                # Lines 4933-4938: the action plan's matrix of solutions to try or scale up.
                Check(
                    "Løsningen står i handlingsplanens tiltaksmatrise, med ansvarlig og tidspunkt.",
                    OWN,
                    ALL,
                ),
                # Lines 5509-5511: national assessments need not be repeated.
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
                # Lines 4938-4944: shown in advance to give better services and savings.
                Check(
                    "Det er vist på forhånd at løsningen gir bedre tjenester for brukerne og "
                    "økonomisk innsparing.",
                    OWN,
                    ALL,
                ),
                # Footnote 63 (line 4884): ROS analysis and data processing agreement.
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
                # Lines 5304-5308: listen to and involve the employees.
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
                # Lines 5495-5503: use drops unless someone follows it up after handover.
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

LIGHT_LEVEL = LevelSpec(
    "liten",
    "Liten",
    "For små forbedringer: inntil 1,3 mill. kr, 6 måneder og risiko høyst 2 av 5. Større tiltak "
    "passer ikke i denne metoden.",
    Decimal("1300000"),
    6,
    2,
)

LIGHT = MethodSpec(
    name="Lett metode for små forbedringer",
    # Lines 5505-5519: «et rammeverk som er enkelt, presist og tilpasset ulike behov».
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

METHODS = [PROSJEKTVEIVISEREN, SMARTBY, EHELSE, LIGHT]


def _bulk(model: type[ModelT], objects: list[ModelT]) -> list[ModelT]:
    """Insert the rows and their history records in a few queries: the demo is built for every
    test, so seeding must stay cheap."""
    return bulk_create_with_history(objects, model)


def _levels_with_history(
    model: type[ChecklistItem] | type[DocumentRequirement],
    owners: list[Any],
    levels: list[list[Level]],
) -> None:
    """Set each owner's levels, and record them in the owner's first history record as
    ``levels.set()`` would have."""
    through: Any = model.levels.through
    rows = through.objects.bulk_create(
        [
            through(**{f"{model._meta.model_name}_id": owner.pk, "level_id": level.pk})
            for owner, chosen in zip(owners, levels, strict=True)
            for level in chosen
        ]
    )
    owner_field = f"{model._meta.model_name}_id"
    history_ids = dict(
        model.history.filter(id__in=[owner.pk for owner in owners]).values_list("id", "history_id")
    )
    historical = apps.get_model("methodology", f"Historical{model.__name__}_levels")
    historical.objects.bulk_create(
        [
            historical(
                id=row.pk,
                **{owner_field: getattr(row, owner_field), "level_id": row.level_id},
                history_id=history_ids[getattr(row, owner_field)],
            )
            for row in rows
        ]
    )


def _create(municipality: Municipality, specs: list[MethodSpec]) -> list[Method]:
    """All the methods at once, table by table."""
    methods = _bulk(
        Method,
        [
            Method(
                municipality=municipality,
                name=spec.name,
                description=spec.description,
                is_linear=spec.is_linear,
                origin=spec.origin,
            )
            for spec in specs
        ],
    )
    versions = _bulk(
        MethodVersion,
        [
            MethodVersion(
                municipality=municipality,
                method=method,
                number=1,
                is_current=True,
                published_at=timezone.now(),
            )
            for method in methods
        ],
    )
    level_objects = _bulk(
        Level,
        [
            Level(
                municipality=municipality,
                version=version,
                position=position,
                code=level.code,
                name=level.name,
                description=level.description,
                max_cost=level.max_cost,
                max_duration_months=level.max_duration_months,
                max_risk=level.max_risk,
            )
            for spec, version in zip(specs, versions, strict=True)
            for position, level in enumerate(spec.levels, start=1)
        ],
    )
    levels = {(level.version_id, level.code): level for level in level_objects}
    _bulk(
        Criterion,
        [
            Criterion(
                municipality=municipality,
                version=version,
                position=position,
                name=name,
                description=description,
            )
            for spec, version in zip(specs, versions, strict=True)
            for position, (name, description) in enumerate(spec.criteria, start=1)
        ],
    )
    phase_specs = [
        (version, position, phase_spec)
        for spec, version in zip(specs, versions, strict=True)
        for position, phase_spec in enumerate(spec.phases, start=1)
    ]
    phases = _bulk(
        Phase,
        [
            Phase(
                municipality=municipality,
                version=version,
                position=position,
                name=phase_spec.name,
                description=phase_spec.description,
                is_operation_gate=phase_spec.is_operation_gate,
            )
            for version, position, phase_spec in phase_specs
        ],
    )
    points = _bulk(
        DecisionPoint,
        [
            DecisionPoint(
                municipality=municipality,
                phase=phase,
                code=phase_spec.decision_code,
                name=phase_spec.decision_name,
                decider=phase_spec.decider,
                decider_title=phase_spec.decider_title,
                description=phase_spec.decision_description,
            )
            for phase, (_version, _position, phase_spec) in zip(phases, phase_specs, strict=True)
        ],
    )
    checks = [
        (point, position, check)
        for point, (_version, _position, phase_spec) in zip(points, phase_specs, strict=True)
        for position, check in enumerate(phase_spec.checks, start=1)
    ]
    items = _bulk(
        ChecklistItem,
        [
            ChecklistItem(
                municipality=municipality,
                decision_point=point,
                position=position,
                text=check.text,
                source=check.source,
            )
            for point, position, check in checks
        ],
    )
    _levels_with_history(
        ChecklistItem,
        items,
        [
            [levels[(point.phase.version_id, code)] for code in check.levels]
            for point, _position, check in checks
        ],
    )
    docs = [
        (phase, position, doc)
        for phase, (_version, _position, phase_spec) in zip(phases, phase_specs, strict=True)
        for position, doc in enumerate(phase_spec.docs, start=1)
    ]
    requirements = _bulk(
        DocumentRequirement,
        [
            DocumentRequirement(
                municipality=municipality,
                phase=phase,
                position=position,
                document_type=doc.document_type,
                name=doc.name,
                may_be_not_relevant=doc.may_be_not_relevant,
            )
            for phase, position, doc in docs
        ],
    )
    _levels_with_history(
        DocumentRequirement,
        requirements,
        [
            [levels[(phase.version_id, code)] for code in doc.levels]
            for phase, _position, doc in docs
        ],
    )
    return methods


@transaction.atomic
def seed_methods(municipality: Municipality) -> list[Method]:
    """Give the municipality the four methods Helhet ships with, each at version 1 (current).
    Does nothing, and returns an empty list, if the municipality already has a method: its own
    edits are never overwritten."""
    if Method.objects.filter(municipality=municipality).exists():
        return []
    return _create(municipality, METHODS)
