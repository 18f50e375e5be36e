"""Stavanger's strategic goals in the demo portfolio, as the 2022 audit describes them (see
``helhet.demo.portfolio``); the comment by each record gives the audit's line numbers. Created in
this order, each under the goal its ``parent`` key names (None: at the top)."""

from __future__ import annotations

from dataclasses import dataclass

from helhet.portfolio.models import GoalKind, GoalLevel

MUNICIPAL, REGIONAL, NATIONAL = GoalLevel.MUNICIPAL, GoalLevel.REGIONAL, GoalLevel.NATIONAL
STRATEGY, GOAL, FOCUS_AREA, PURPOSE = (
    GoalKind.STRATEGY,
    GoalKind.GOAL,
    GoalKind.FOCUS_AREA,
    GoalKind.PURPOSE,
)


@dataclass(frozen=True)
class DemoGoal:
    """A strategic goal; ``key`` is how the initiatives and other goals refer to it."""

    key: str
    parent: str | None
    level: GoalLevel
    kind: GoalKind
    name: str
    position: int
    description: str = ""


STAVANGER_GOALS: tuple[DemoGoal, ...] = (
    # Digitaliseringsstrategi 2014-2029: 960, 1504-1593; vedtatt politisk: 1916-1918.
    DemoGoal(
        "strategi",
        None,
        MUNICIPAL,
        STRATEGY,
        "Digitaliseringsstrategi 2014-2029",
        10,
        "Stavanger kommunes digitaliseringsstrategi, i stor grad i tråd med de nasjonale "
        "digitaliseringsstrategiene. Vedtatt politisk.",
    ),
    # The three goals: 1035-1037, 1510-1537.
    DemoGoal(
        "førstevalg",
        "strategi",
        MUNICIPAL,
        GOAL,
        "Digitalt førstevalg",
        10,
        "Å gi innbyggerne, næringsliv og ansatte et reelt digitalt førstevalg. Kommunen skal "
        "utvikle tjenester som gir alle brukere et digitalt førstevalg – internt og eksternt.",
    ),
    DemoGoal(
        "åpenhet",
        "strategi",
        MUNICIPAL,
        GOAL,
        "Større åpenhet og økt tilgjengelighet",
        20,
        "Digitale kanaler skal være tilgjengelige for alle. Informasjon må være forståelig, og "
        "de digitale tjenestene skal være enkle å ta i bruk.",
    ),
    DemoGoal(
        "effektivitet",
        "strategi",
        MUNICIPAL,
        GOAL,
        "Bedre tjenester, høyere produktivitet og mer effektiv ressursbruk",
        30,
        "Digitale verktøy skal bidra til bedre tjenester, høyere produktivitet og mer effektiv "
        "ressursbruk. Tjenesteproduksjon skal være basert på digitale verktøy.",
    ),
    # The five focus areas: 1539-1587.
    DemoGoal(
        "dialog",
        "strategi",
        MUNICIPAL,
        FOCUS_AREA,
        "Digital dialog og innbyggerservice",
        40,
        "Brukerens behov skal settes i sentrum, med brukervennlige selvbetjeningsløsninger som "
        "er integrert og automatisert mot bakenforliggende fagsystemer og prosesser.",
    ),
    DemoGoal(
        "arbeidsflyt",
        "strategi",
        MUNICIPAL,
        FOCUS_AREA,
        "Digital arbeidsflyt",
        50,
        "Automatiserte prosesser der tjenesteområdene henger sammen; IKT-systemer og "
        "tilhørende arbeidsprosesser er kartlagt.",
    ),
    DemoGoal(
        "kompetanse",
        "strategi",
        MUNICIPAL,
        FOCUS_AREA,
        "Kompetanse",
        60,
        "Nødvendig kompetanse og kapasitet til å bruke og utnytte IKT-løsninger, se nye "
        "muligheter og gjennomføre endringsprosesser.",
    ),
    DemoGoal(
        "personvern",
        "strategi",
        MUNICIPAL,
        FOCUS_AREA,
        "Personvern og informasjonssikkerhet",
        70,
        "God informasjonssikkerhet og god internkontroll skal sikre at kommunen behandler "
        "personopplysninger lovlig, sikkert og forsvarlig.",
    ),
    DemoGoal(
        "arkitektur",
        "strategi",
        MUNICIPAL,
        FOCUS_AREA,
        "Arkitektur og standardisering",
        80,
        "De interne systemene skal kommunisere seg imellom. Bruk nasjonale standarder og "
        "felleskomponenter, og legg til rette for regionale løsninger der felles løsninger "
        "ikke finnes.",
    ),
    # Handlingsplan for velferdsteknologi: 1660-1682 (a "søyle" under the strategy, 1618-1620,
    # following its guidance, 1680-1682); vedtatt politisk: 1916-1918.
    DemoGoal(
        "velferdsteknologi",
        "strategi",
        MUNICIPAL,
        STRATEGY,
        "Handlingsplan for velferdsteknologi 2018-2022",
        90,
        "Delmål og tiltak for å ta i bruk teknologi som forbedrer de mest sentrale og "
        "ressurskrevende helse- og velferdstjenestene. Følger føringene i kommunens "
        "digitaliserings- og IKT-strategi.",
    ),
    DemoGoal(
        "selvstendige",
        "velferdsteknologi",
        MUNICIPAL,
        GOAL,
        "Flere brukere blir selvstendige, trygge og aktive",
        10,
    ),
    # Veikart for Smartbyen Stavanger: 1360-1374, 1631-1656. The purposes: 1348-1358, where the
    # audit gives them as the purpose of the Smartby work.
    DemoGoal(
        "veikart",
        None,
        MUNICIPAL,
        STRATEGY,
        "Veikart for Smartbyen Stavanger",
        20,
        "Rammeverk for arbeidet med å utvikle Stavanger til en smartby, vedtatt av bystyret i "
        "2016. Ikke en kommunal plan, men et veikart med mål og satsingsområder.",
    ),
    DemoGoal(
        "smartby1",
        "veikart",
        MUNICIPAL,
        PURPOSE,
        "Styrke evnen til å håndtere de store samfunnsutfordringene",
        10,
    ),
    DemoGoal(
        "smartby2",
        "veikart",
        MUNICIPAL,
        PURPOSE,
        "Utvikle bedre og mer effektive tjenester til innbyggerne",
        20,
    ),
    DemoGoal(
        "smartby3",
        "veikart",
        MUNICIPAL,
        PURPOSE,
        "Bidra til nye næringsvirksomheter og nye arbeidsplasser",
        30,
    ),
    DemoGoal(
        "smartby4",
        "veikart",
        MUNICIPAL,
        PURPOSE,
        "Redusere klimagassutslipp og bidra til en mer bærekraftig samfunnsutvikling",
        40,
    ),
    # Regional: Digi Rogaland, 1370, 2482-2496; "egen strategi", 2514; "Strategi for Digi
    # Rogaland", 6982.
    DemoGoal(
        "digirogaland",
        None,
        REGIONAL,
        STRATEGY,
        "Strategi for Digi Rogaland",
        30,
        "Digi Rogaland er et interkommunalt samarbeid mellom alle kommunene i Rogaland, "
        "etablert i 2017. Ambisjonen er at innbyggerne skal oppleve at kommunenes digitale "
        "løsninger er like på tvers av kommunegrensene.",
    ),
    # National: 884-886, 990-1008, 1039-1043.
    DemoGoal(
        "nasjonal",
        None,
        NATIONAL,
        STRATEGY,
        "Én digital offentlig sektor. Digitaliseringsstrategi for offentlig sektor 2019-2025",
        40,
        "Kommunal- og moderniseringsdepartementets strategi. Framhever blant annet at data er "
        "en ressurs som kan utnyttes bedre, og at digitalisering skal gi bedre tjenester og "
        "mer effektiv ressursbruk.",
    ),
)
