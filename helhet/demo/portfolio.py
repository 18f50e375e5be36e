"""Demo portfolio: Stavanger's strategic goals and digitalisation initiatives as the 2022 audit
(Rogaland Revisjon, ``seed/000_2f3fe3e17b51d0d8.txt``) describes them, and a small Bergen.

Every fact set here is taken from the audit; the comment by each record gives the audit's line
numbers. Where the audit gives no figure, date or unit, the field is left empty, except:

* an initiative must have an owning unit; where the audit names none, the comment says so and the
  unit chosen is the nearest one the audit ties the work to;
* the audit gives some dates only as a month, a season or "slutten av" a year. Such a start is the
  first day of the period (spring 1 March, autumn 1 September, "slutten av" a year 1 December) and
  such an end the last day of it; the comment quotes the audit's wording.

Status reports are dated relative to now, so the overview stays meaningful whenever the demo is
loaded. Their ratings and comments restate what the audit says about the initiative.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    AssessmentStatus,
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeKind,
    InitiativeLink,
    InitiativeRelation,
    InitiativeStatus,
    Rating,
    RelationKind,
    StatusReport,
    StrategicGoal,
    Tag,
)

M = TypeVar("M", bound=models.Model)

PROJECT, PROGRAMME, ACTIVITY = (
    InitiativeKind.PROJECT,
    InitiativeKind.PROGRAMME,
    InitiativeKind.ACTIVITY,
)
ACTIVE, PAUSED, COMPLETED = (
    InitiativeStatus.ACTIVE,
    InitiativeStatus.PAUSED,
    InitiativeStatus.COMPLETED,
)
GREEN, YELLOW, RED = Rating.GREEN, Rating.YELLOW, Rating.RED

STAVANGER_TAGS = [
    "automatisering",
    "datadrevet",
    "Digi Rogaland",
    "digitaliseringsfondet",
    "e-helse",
    "EU",
    "fellesløsning",
    "gevinstrealisering",
    "KS",
    "kvikktest",
    "klima",
    "RPA",
    "selvbetjening",
    "sensorer",
    "smartby",
    "velferdsteknologi",
]


def _save(obj: M) -> M:
    """Validate like a form would (field rules, clean(), constraints), then save."""
    obj.full_clean()
    obj.save()
    return obj


def _unit(municipality: Municipality, name: str) -> OrgUnit:
    return OrgUnit.objects.get(municipality=municipality, name=name)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _days_ago(days: int) -> datetime:
    """Ten o'clock Oslo time, the given number of days before today."""
    moment = timezone.localtime() - timedelta(days=days)
    return moment.replace(hour=10, minute=0, second=0, microsecond=0)


def _goal(
    municipality: Municipality,
    parent: StrategicGoal | None,
    level: GoalLevel,
    kind: GoalKind,
    name: str,
    position: int,
    description: str = "",
) -> StrategicGoal:
    return _save(
        StrategicGoal(
            municipality=municipality,
            parent=parent,
            level=level,
            kind=kind,
            name=name,
            position=position,
            description=description,
        )
    )


def _initiative(
    municipality: Municipality,
    *,
    participating: Sequence[OrgUnit] = (),
    goals: Sequence[StrategicGoal] = (),
    tags: Sequence[Tag] = (),
    contacts: Sequence[User] = (),
    **fields: Any,
) -> Initiative:
    initiative = _save(Initiative(municipality=municipality, **fields))
    initiative.participating_units.set(participating)
    initiative.goals.set(goals)
    initiative.tags.set(tags)
    initiative.contacts.set(contacts)
    return initiative


def _relation(source: Initiative, target: Initiative, kind: RelationKind) -> None:
    _save(
        InitiativeRelation(
            municipality=source.municipality, source=source, target=target, kind=kind
        )
    )


def _report(
    initiative: Initiative,
    days_ago: int,
    author: User,
    ratings: dict[str, tuple[Rating, str]],
    summary: str,
) -> None:
    """``ratings`` maps each of progress, economy, quality, risk and benefits to a rating and
    a comment."""
    fields: dict[str, Any] = {}
    for aspect, (rating, comment) in ratings.items():
        fields[aspect] = rating
        fields[f"{aspect}_comment"] = comment
    _save(
        StatusReport(
            municipality=initiative.municipality,
            initiative=initiative,
            reported_at=_days_ago(days_ago),
            author=author,
            summary=summary,
            **fields,
        )
    )


@transaction.atomic
def build_portfolio_demo(stavanger: Municipality, bergen: Municipality) -> None:
    """Create the demo portfolio. Assumes ``build_demo`` has made both municipalities with their
    units and users, and that neither has a portfolio yet."""
    goals = _build_stavanger_goals(stavanger)
    _build_stavanger_initiatives(stavanger, goals)
    _build_bergen_initiatives(bergen)


def _build_stavanger_goals(m: Municipality) -> dict[str, StrategicGoal]:
    municipal, regional, national = GoalLevel.MUNICIPAL, GoalLevel.REGIONAL, GoalLevel.NATIONAL
    strategy, goal, focus, purpose = (
        GoalKind.STRATEGY,
        GoalKind.GOAL,
        GoalKind.FOCUS_AREA,
        GoalKind.PURPOSE,
    )
    g: dict[str, StrategicGoal] = {}

    # Digitaliseringsstrategi 2014-2029: 960, 1504-1593; vedtatt politisk: 1916-1918.
    g["strategi"] = _goal(
        m,
        None,
        municipal,
        strategy,
        "Digitaliseringsstrategi 2014-2029",
        10,
        "Stavanger kommunes digitaliseringsstrategi, i stor grad i tråd med de nasjonale "
        "digitaliseringsstrategiene. Vedtatt politisk.",
    )
    # The three goals: 1035-1037, 1510-1537.
    g["førstevalg"] = _goal(
        m,
        g["strategi"],
        municipal,
        goal,
        "Digitalt førstevalg",
        10,
        "Å gi innbyggerne, næringsliv og ansatte et reelt digitalt førstevalg. Kommunen skal "
        "utvikle tjenester som gir alle brukere et digitalt førstevalg – internt og eksternt.",
    )
    g["åpenhet"] = _goal(
        m,
        g["strategi"],
        municipal,
        goal,
        "Større åpenhet og økt tilgjengelighet",
        20,
        "Digitale kanaler skal være tilgjengelige for alle. Informasjon må være forståelig, og "
        "de digitale tjenestene skal være enkle å ta i bruk.",
    )
    g["effektivitet"] = _goal(
        m,
        g["strategi"],
        municipal,
        goal,
        "Bedre tjenester, høyere produktivitet og mer effektiv ressursbruk",
        30,
        "Digitale verktøy skal bidra til bedre tjenester, høyere produktivitet og mer effektiv "
        "ressursbruk. Tjenesteproduksjon skal være basert på digitale verktøy.",
    )
    # The five focus areas: 1539-1587.
    g["dialog"] = _goal(
        m,
        g["strategi"],
        municipal,
        focus,
        "Digital dialog og innbyggerservice",
        40,
        "Brukerens behov skal settes i sentrum, med brukervennlige selvbetjeningsløsninger som "
        "er integrert og automatisert mot bakenforliggende fagsystemer og prosesser.",
    )
    g["arbeidsflyt"] = _goal(
        m,
        g["strategi"],
        municipal,
        focus,
        "Digital arbeidsflyt",
        50,
        "Automatiserte prosesser der tjenesteområdene henger sammen; IKT-systemer og "
        "tilhørende arbeidsprosesser er kartlagt.",
    )
    g["kompetanse"] = _goal(
        m,
        g["strategi"],
        municipal,
        focus,
        "Kompetanse",
        60,
        "Nødvendig kompetanse og kapasitet til å bruke og utnytte IKT-løsninger, se nye "
        "muligheter og gjennomføre endringsprosesser.",
    )
    g["personvern"] = _goal(
        m,
        g["strategi"],
        municipal,
        focus,
        "Personvern og informasjonssikkerhet",
        70,
        "God informasjonssikkerhet og god internkontroll skal sikre at kommunen behandler "
        "personopplysninger lovlig, sikkert og forsvarlig.",
    )
    g["arkitektur"] = _goal(
        m,
        g["strategi"],
        municipal,
        focus,
        "Arkitektur og standardisering",
        80,
        "De interne systemene skal kommunisere seg imellom. Bruk nasjonale standarder og "
        "felleskomponenter, og legg til rette for regionale løsninger der felles løsninger "
        "ikke finnes.",
    )
    # Handlingsplan for velferdsteknologi: 1660-1682 (a "søyle" under the strategy, 1618-1620,
    # following its guidance, 1680-1682); vedtatt politisk: 1916-1918.
    g["velferdsteknologi"] = _goal(
        m,
        g["strategi"],
        municipal,
        strategy,
        "Handlingsplan for velferdsteknologi 2018-2022",
        90,
        "Delmål og tiltak for å ta i bruk teknologi som forbedrer de mest sentrale og "
        "ressurskrevende helse- og velferdstjenestene. Følger føringene i kommunens "
        "digitaliserings- og IKT-strategi.",
    )
    g["selvstendige"] = _goal(
        m,
        g["velferdsteknologi"],
        municipal,
        goal,
        "Flere brukere blir selvstendige, trygge og aktive",
        10,
    )
    # Veikart for Smartbyen Stavanger: 1360-1374, 1631-1656. The purposes: 1348-1358, where the
    # audit gives them as the purpose of the Smartby work.
    g["veikart"] = _goal(
        m,
        None,
        municipal,
        strategy,
        "Veikart for Smartbyen Stavanger",
        20,
        "Rammeverk for arbeidet med å utvikle Stavanger til en smartby, vedtatt av bystyret i "
        "2016. Ikke en kommunal plan, men et veikart med mål og satsingsområder.",
    )
    for position, name in enumerate(
        [
            "Styrke evnen til å håndtere de store samfunnsutfordringene",
            "Utvikle bedre og mer effektive tjenester til innbyggerne",
            "Bidra til nye næringsvirksomheter og nye arbeidsplasser",
            "Redusere klimagassutslipp og bidra til en mer bærekraftig samfunnsutvikling",
        ],
        start=1,
    ):
        g[f"smartby{position}"] = _goal(m, g["veikart"], municipal, purpose, name, position * 10)
    # Regional: Digi Rogaland, 1370, 2482-2496; "egen strategi", 2514; "Strategi for Digi
    # Rogaland", 6982.
    g["digirogaland"] = _goal(
        m,
        None,
        regional,
        strategy,
        "Strategi for Digi Rogaland",
        30,
        "Digi Rogaland er et interkommunalt samarbeid mellom alle kommunene i Rogaland, "
        "etablert i 2017. Ambisjonen er at innbyggerne skal oppleve at kommunenes digitale "
        "løsninger er like på tvers av kommunegrensene.",
    )
    # National: 884-886, 990-1008, 1039-1043.
    g["nasjonal"] = _goal(
        m,
        None,
        national,
        strategy,
        "Én digital offentlig sektor. Digitaliseringsstrategi for offentlig sektor 2019-2025",
        40,
        "Kommunal- og moderniseringsdepartementets strategi. Framhever blant annet at data er "
        "en ressurs som kan utnyttes bedre, og at digitalisering skal gi bedre tjenester og "
        "mer effektiv ressursbruk.",
    )
    return g


def _build_stavanger_initiatives(m: Municipality, g: dict[str, StrategicGoal]) -> None:
    def u(name: str) -> OrgUnit:
        return _unit(m, name)

    tag = {name: _save(Tag(municipality=m, name=name)) for name in STAVANGER_TAGS}
    owner, leader, office = _user("eier"), _user("prosjektleder"), _user("portefolje")

    # RPA. 278-280, 2571-2585, 2798-2965 (background and earlier robotisation), 3906-4210,
    # 5793-5799, 5813-5817. Started "våren 2021" (3925); note that 2583-2585 says the work was
    # organised as a project during 2020. Participating units: Næringsavdelingen and its group
    # with IT and innbyggerservice (4125-4171). Byarkivet also takes part (3971-4121) but is not
    # in the demo organisation.
    rpa = _initiative(
        m,
        kind=PROJECT,
        name="RPA",
        short_description=(
            "Robotisert prosessautomatisering (RPA) av enkle, regelstyrte og repetitive "
            "arbeidsoppgaver. Etter en pilot og et tidligere prosjekt ble arbeidet organisert "
            "som prosjekt på nytt for å gi økt trykk og fortsatt fokus på potensialet i RPA."
        ),
        need=(
            "Bedre fokus, styring og kontroll av RPA-aktivitetene, uavhengig av hvem som er "
            "RPA-leder, og en robust metode for å finne og prioritere prosesser å automatisere. "
            "Virksomheter og avdelinger trenger effektivisering og forenkling gjennom målrettet "
            "RPA-arbeid."
        ),
        owning_unit=u("Innovasjon og digitalisering"),
        status=ACTIVE,
        actual_start=date(2021, 3, 1),
        participating=[u("Næring"), u("IT-avdelingen"), u("Innbyggerservice")],
        goals=[g["førstevalg"], g["effektivitet"], g["arbeidsflyt"]],
        tags=[tag["RPA"], tag["automatisering"], tag["datadrevet"]],
        contacts=[office],
    )

    # Datasjø. 1022, 1245-1249, 2300-2303, 2571-2585, 2589-2747, 5540-5544. Prosjekteier
    # Innovasjon og støttetjenester (2649-2651); initiated by IT (2637-2639); Arkitektur og
    # utvikling manages datasjø (1245-1249); joint work with E-helse, Innovasjon og
    # digitalisering and Smartby on datasjø (2300-2303). Personal data: the common GDPR
    # framework for personal data in datasjøer (2739-2747). Links: 2698, 2771.
    datasjo = _initiative(
        m,
        kind=PROJECT,
        name="Datasjø",
        short_description=(
            "Felles datasjø der data fra fagsystemer og nye datakilder (sensorer mm.) samles, "
            "slik at de kan deles, gjenbrukes og analyseres. Stavanger drifter og forvalter "
            "datasjøen som en stordriftsløsning for kommunene i Rogaland; hver kommune eier "
            "sine data og styrer hvem som skal ha tilgang. Eksempler: styring av ventilasjon og "
            "varme etter bruk av lokalene, sensordata for vann og avløp, flomvarsling for Digi "
            "Rogaland."
        ),
        need=(
            "Kommunen hadde flere lukkede fagsystemer med begrenset deling av informasjon, og "
            "har ikke hatt mulighet til å finne de verdifulle sammenhengene i dataene den "
            "allerede samler inn."
        ),
        owning_unit=u("Innovasjon og støttetjenester"),
        status=ACTIVE,
        processes_personal_data=True,
        participating=[
            u("Arkitektur og utvikling"),
            u("Innovasjon og digitalisering"),
            u("Smartby"),
            u("E-helse og velferdsteknologi"),
        ],
        goals=[g["åpenhet"], g["effektivitet"], g["digirogaland"], g["nasjonal"]],
        tags=[tag["datadrevet"], tag["Digi Rogaland"]],
        contacts=[office],
    )
    for title, url in [
        ("Kortfilm om datasjø", "https://www.youtube.com/watch?v=iSmpDMXeWuU"),
        ("Digi Rogaland om datasjøen", "https://digirogaland.no/datasjoen/"),
    ]:
        _save(InitiativeLink(municipality=m, initiative=datasjo, title=title, url=url))

    # MinSide (the municipality's own). 2473-2475, 3771-3773, 3858-3870, 5455-5469, 5544-5548.
    # Owning unit: the audit does not name it; it is one of Innovasjon og støttetjenester's
    # projects (3771-3773, 3860) where Innovasjon og digitalisering and Smartby both take part
    # (5455-5469). Innbygger- og samfunnskontakt's director sits on the project board
    # (3771-3773). Personal data: innbyggere log in and see their own property (3860-3866).
    minside = _initiative(
        m,
        kind=PROJECT,
        name="MinSide",
        short_description=(
            "Internt prosjekt for å bygge digitale tjenester og innsynsløsninger inn i "
            "kommunens nettsider. Innbyggere kan logge inn og finne informasjon om egen "
            "eiendom, og selv styre hvor ofte de vil ha faktura for de kommunale avgiftene."
        ),
        need=(
            "Ny selvbetjeningsfunksjonalitet for innbyggerne (kvalitetsgevinst). "
            "Gevinstarbeidet har kartlagt hvor mange timer arkivtjenestene kan spare på å "
            "slippe manuell skanning av papirer."
        ),
        owning_unit=u("Innovasjon og digitalisering"),
        status=ACTIVE,
        processes_personal_data=True,
        participating=[u("Smartby"), u("Innbygger- og samfunnskontakt")],
        goals=[g["førstevalg"], g["dialog"]],
        tags=[tag["selvbetjening"]],
        contacts=[office],
    )

    # FIKS-plattformen og KS MinSide. 2420-2430; IT holds the system responsibility for
    # fellesløsninger such as FIKS (1824-1830).
    fiks = _initiative(
        m,
        kind=ACTIVITY,
        name="FIKS-plattformen og KS MinSide",
        short_description=(
            "FIKS-plattformen er en felles kommunal arkitektur som blant annet gjør det mulig å "
            "kommunisere på tvers av forvaltningsnivå. KS MinSide er en komponent i "
            "FIKS-plattformen der innbyggere, næringsliv og organisasjoner får tilgang til ulike "
            "tjenester. Stavanger samarbeider med KS, Bergen, Kristiansand, Bærum og Digi "
            "Vestland om å utvikle flere tjenester i portalen."
        ),
        owning_unit=u("IT-avdelingen"),
        status=ACTIVE,
        goals=[g["arkitektur"]],
        tags=[tag["fellesløsning"], tag["KS"]],
    )
    # The local MinSide is set up beside KS MinSide ("også", 2473).
    _relation(minside, fiks, RelationKind.OVERLAPS)

    # Mitt Stavanger. 4218-4230, 4405-4565. Park og vei was prosjekteier (4551-4555); Smartby and
    # IT took part (4421, 4490-4492). "fra slutten av 2016 til slutten av 2019" (4437).
    # Innovasjon Norge support (4413): the audit gives no amount. Personal data: data on the
    # innbyggers' activity, innbyggerkort and personal data rules (4462, 4474-4476).
    _initiative(
        m,
        kind=PROJECT,
        name="Mitt Stavanger",
        short_description=(
            "Utviklingsprosjekt mellom kommunen og Bolder Technology AS, med finansiell støtte "
            "fra Innovasjon Norge: en innbyggerplattform/app med personlig tilpasset innhold og "
            "en kobling mellom digitale og fysiske møteplasser. En turtjeneste og en digital "
            "møteplass skulle testes. Appen ble lansert i en begrenset versjon høsten 2019. "
            "Prosjektet nådde ikke så langt som ønsket: det var vanskelig å skape engasjement "
            "og å få testet løsningen på ekte brukere."
        ),
        need=(
            "Bevisstgjøre innbyggerne på verdien av egne data, og gi et verktøy for økt "
            "aktivitet og bedre folkehelse."
        ),
        owning_unit=u("Park og vei"),
        status=COMPLETED,
        actual_start=date(2016, 12, 1),
        actual_end=date(2019, 12, 31),
        processes_personal_data=True,
        participating=[u("Smartby"), u("IT-avdelingen")],
        goals=[g["smartby2"], g["smartby3"]],
        tags=[tag["smartby"]],
    )

    # Kvikktest Lervig. 4218-4230, 4569-4780, 4830-4836, 5817-5819. Testing June to December
    # 2020 (4636-4638); the dates are the test period. Core team from Smartby and Innovasjon og
    # digitalisering, extended team Park og vei, Anskaffelser, Bymiljø og utbygging (4640-4646).
    # 15 applicants, five chosen, up to NOK 300,000 per test (4630-4634): no total cost or
    # funding source is given, so the cost fields stay empty.
    lervig = _initiative(
        m,
        kind=PROJECT,
        name="Kvikktest Lervig",
        short_description=(
            "Stavangers første kvikktest: et seks måneders eksperiment i Lervig park og området "
            "rundt, med åpen konkurranse. 15 søkte, fem ble valgt ut, og hver test ble støttet "
            "med inntil 300 000 kroner. Løsningene varierte fra fysiske installasjoner og "
            "koordinerte aktiviteter til digitale møteplasser og spill. Nordic Edge AS var "
            "partner. Prosjektet betegnes som en suksess, og ga maler for halvveisrapport og "
            "sluttrapport."
        ),
        need=(
            "Skape attraktive samlingspunkter hele året, utearealer som oppleves som trygge av "
            "alle brukergrupper, og engasjere beboere, brukere, ansatte og besøkende i løsninger "
            "som stimulerer til samhandling."
        ),
        owning_unit=u("Smartby"),
        status=COMPLETED,
        actual_start=date(2020, 6, 1),
        actual_end=date(2020, 12, 31),
        participating=[
            u("Innovasjon og digitalisering"),
            u("Park og vei"),
            u("Anskaffelser"),
            u("Bymiljø og utbygging"),
        ],
        goals=[g["smartby3"]],
        tags=[tag["smartby"], tag["kvikktest"]],
    )

    # Kvikktest Øyriket. 4784-4840. Being started "per starten av mai 2021" (4786): no start
    # date given. Builds on Lervig's final report (4784, 4802-4818).
    oyriket = _initiative(
        m,
        kind=PROJECT,
        name="Kvikktest Øyriket",
        short_description=(
            "Ny kvikktest der fem bedrifter utfordres til å teste løsninger som kan gjøre "
            "øyriket til en enda bedre turistdestinasjon. Tettere samarbeid med Nordic Edge "
            "underveis; bedriftene oppfordres til å jobbe sammen med brukerne."
        ),
        need=(
            "Næringsavdelingen spilte inn øyriket som tema. Timingen ble vurdert som essensiell "
            "fordi mange ventes å legge opp til Norgesferie under koronapandemien."
        ),
        owning_unit=u("Smartby"),
        status=ACTIVE,
        goals=[g["smartby3"]],
        tags=[tag["smartby"], tag["kvikktest"]],
    )
    _relation(oyriket, lervig, RelationKind.DEPENDS_ON)

    # Legevaktprosjektet. 1849-1863, 1873-1877, 1907, 3787-3795. Helse og velferd is prosjekteier
    # (the demo "eier" is Direktør helse og velferd); the project leader comes from the
    # digitalisation department (3789-3791), so the demo "prosjektleder" (E-helse) is not set.
    # Deliberately has no status report.
    _initiative(
        m,
        kind=PROJECT,
        name="Legevaktprosjektet",
        short_description=(
            "Et organisasjonsutviklingsprosjekt der digitalisering er en av delleveransene. "
            "Helse og velferd er prosjekteier, og digitaliseringsavdelingen har prosjektlederen. "
            "I forbindelse med prosjektet skal E-helse overta systemansvaret."
        ),
        need=(
            "IT-løsningene som er spesifikke for legevakten krever fagnærhet: for legevakten, "
            "som mottar akutt syke pasienter, kan en feil være kritisk for pasientsikkerheten."
        ),
        owning_unit=u("Stavanger legevakt"),
        project_owner=owner,
        status=ACTIVE,
        processes_personal_data=True,
        participating=[u("E-helse og velferdsteknologi"), u("Innovasjon og digitalisering")],
        tags=[tag["e-helse"]],
    )

    # Medisindispensere. 2868-2872, 4848-4858, 4884-4886 (ROS-analyse and databehandleravtale
    # received, no dates), 4948-5115, 5838-5842, 6184-6190, 6272-6274. Implementation January to
    # June 2017, operation July to December 2017 (4964-4966); rollout continues (5006, 5089-5115).
    # Participating: 4952-4954, 4966-4976.
    dispensers = _initiative(
        m,
        kind=PROJECT,
        name="Medisindispensere",
        short_description=(
            "Elektronisk medisineringsassistanse: en multidosedispenser hjemme hos brukeren gir "
            "påminnelser og varsler hjemmetjenesten hvis medisin blir glemt. Besluttet høsten "
            "2016; intensjonsavtale med Evondos om leie av 55 dispensere. Implementering "
            "januar–juni 2017 og driftsfase juli–desember 2017, først i Hundvåg og Storhaug "
            "hjemmebaserte tjenester. Måltall: 40 prosent av aktuelle brukere."
        ),
        need=(
            "Færre hjemmebesøk og mindre kjøring for å gi medisiner, færre feilmedisineringer, "
            "stabil medisinering og økt autonomi for brukeren. Helsedirektoratets "
            "velferdsteknologiprogram anbefalte elektronisk medisineringsassistanse fordi det "
            "gir dokumentert gevinst."
        ),
        owning_unit=u("E-helse og velferdsteknologi"),
        project_owner=owner,
        project_leader=leader,
        status=ACTIVE,
        actual_start=date(2017, 1, 1),
        processes_personal_data=True,
        ros_status=AssessmentStatus.DONE,
        dpa_status=AssessmentStatus.DONE,
        participating=[
            u("Hjemmebaserte tjenester"),
            u("Hundvåg hjemmebaserte tjenester"),
            u("Storhaug hjemmebaserte tjenester"),
            u("IT-avdelingen"),
        ],
        goals=[g["selvstendige"], g["effektivitet"]],
        tags=[tag["velferdsteknologi"]],
    )

    # Spider. 4848-4858, 4884-4888 (risikovurdering received, no date), 5119-5259, 5813-5817.
    # Trial from May 2017 at Hundvåg and Storhaug (5150); proposed rollout to all home-care units
    # January to May 2019 (5227-5229), taken as the planned end; Hillevåg and Hinna from autumn
    # 2019, the rest postponed because of corona (5235-5237), hence paused. Project group:
    # 5143-5145.
    spider = _initiative(
        m,
        kind=PROJECT,
        name="Spider",
        short_description=(
            "System for optimering av hjemmesykepleiens arbeidslister med kjøreruter, integrert "
            "med journal- og turnussystemet. Utprøving i Hundvåg og Storhaug hjemmebaserte "
            "tjenester fra mai 2017; fungerte tilfredsstillende fra juni 2018. Hillevåg og Hinna "
            "startet høsten 2019. Innføringen i de øvrige hjemmebaserte tjenestene er utsatt på "
            "grunn av korona."
        ),
        need=(
            "Arbeidslistene ble laget og oppdatert manuelt, en svært kompleks og tidkrevende "
            "oppgave som må ta hensyn til kompetansebehov, primær- og sekundærkontakt, tidspunkt "
            "for besøk og oppdrag som krever mer enn én ansatt."
        ),
        owning_unit=u("E-helse og velferdsteknologi"),
        project_owner=owner,
        project_leader=leader,
        status=PAUSED,
        actual_start=date(2017, 5, 1),
        planned_end=date(2019, 5, 31),
        processes_personal_data=True,
        ros_status=AssessmentStatus.DONE,
        participating=[
            u("Hundvåg hjemmebaserte tjenester"),
            u("Storhaug hjemmebaserte tjenester"),
            u("Hillevåg hjemmebaserte tjenester"),
            u("Hinna hjemmebaserte tjenester"),
            u("IT-avdelingen"),
        ],
        goals=[g["effektivitet"]],
        tags=[tag["e-helse"]],
    )

    # DigiBarnevern. 2064-2068 (the fund paid the "inngangsbilletten"; no amount, so no
    # FundingSource), 2432-2438. Owning unit: not named in the audit; Innovasjon og
    # digitalisering is responsible for implementing national systems (1293-1295).
    _initiative(
        m,
        kind=PROJECT,
        name="DigiBarnevern",
        short_description=(
            "Samarbeid mellom Bufdir, KS, Trondheim, Oslo, Bergen, Kristiansand, Bærum, Asker og "
            "Stavanger. Digitaliseringsfondet har finansiert kommunens «inngangsbillett» til "
            "DigiBarnevern."
        ),
        need=(
            "Øke kvaliteten i det kommunale barnevernet i Norge og sikre raskere og bedre hjelp "
            "til barn og unge som trenger det."
        ),
        owning_unit=u("Innovasjon og digitalisering"),
        status=ACTIVE,
        processes_personal_data=True,
        goals=[g["arkitektur"]],
        tags=[tag["fellesløsning"], tag["KS"], tag["digitaliseringsfondet"]],
        contacts=[office],
    )

    # Felles kommunal journal. 1975-1979, 2017-2019, 2410-2418. Owning unit: not named; E-helse
    # og velferdsteknologi implements the national e-health solutions (2102-2106).
    _initiative(
        m,
        kind=PROJECT,
        name="Felles kommunal journal",
        short_description=(
            "Felles prosjekt der stat og kommune er likeverdige parter. Helse- og "
            "omsorgsdepartementet, KS og kommunene Bergen, Oslo, Kristiansand, Bærum, Bodø, "
            "Vinje og Stavanger deltar. Kommunedirektøren i Stavanger leder styringsgruppen."
        ),
        need=(
            "En felles kommunal pasientjournal og løsninger som knytter helse-Norge bedre sammen."
        ),
        owning_unit=u("E-helse og velferdsteknologi"),
        status=ACTIVE,
        processes_personal_data=True,
        goals=[g["arkitektur"]],
        tags=[tag["e-helse"], tag["fellesløsning"], tag["KS"]],
    )

    # Optimalisering av SvarUt. 2404-2406, 2470-2472, 2894-2898, 3222-3229, 3848-3892, 3918-3920.
    # "Innovasjon og støttetjenester er i gang med et prosjekt" (3850-3852).
    _initiative(
        m,
        kind=PROJECT,
        name="Optimalisering av SvarUt",
        short_description=(
            "Prosjekt for å optimalisere nytten av KS sin SvarUt-løsning, en felles løsning for "
            "å formidle digital post fra kommunale sakarkiv og fagsystemer til innbyggere og "
            "næringsliv. Brev sendt via SvarUt økte fra 48 688 i 2018 til 107 556 året etter."
        ),
        need=(
            "Mulige gevinster: reduserte portoutgifter, raskere forsendelser, økt "
            "informasjonssikkerhet gjennom en sikker digital kanal i stedet for brev i "
            "postkassen, og redusert bruk av budbil."
        ),
        owning_unit=u("Innovasjon og støttetjenester"),
        status=ACTIVE,
        goals=[g["førstevalg"], g["effektivitet"], g["personvern"]],
        tags=[tag["fellesløsning"], tag["KS"]],
        contacts=[office],
    )

    # Smarte gatesluker. 5590-5600 (Smartby's example), 6367-6385 (operations without a home).
    _initiative(
        m,
        kind=PROJECT,
        name="Smarte gatesluker",
        short_description=(
            "Sensorer i gateslukene rapporterer når sand- og slamnivået går over en gitt "
            "grense, slik at kommunen kan rense sluken før det blir oversvømmelse."
        ),
        need=(
            "Gateslukene måtte tidligere kontrolleres manuelt. Gevinster: spart tid, bedre "
            "responstid, optimaliserte kjøreruter for vedlikehold og store kostnadsbesparelser. "
            "Sensorene krever operasjonell drift, og det er uklart hvem som skal eie den."
        ),
        owning_unit=u("Smartby"),
        status=ACTIVE,
        goals=[g["smartby2"]],
        tags=[tag["smartby"], tag["sensorer"]],
    )

    # Droneprosjektet. 4384-4393, 4451-4453. EU project: no amount given.
    _initiative(
        m,
        kind=PROJECT,
        name="Droneprosjektet",
        short_description=(
            "Et treårig EU-prosjekt med byer fra seks land, som skal utforske bruken av droner i "
            "by- og bynære områder til akuttmedisinsk bruk. Et utforskende prosjekt uten "
            "naturlig hjem i kommunen, som Smartby har tatt på seg."
        ),
        owning_unit=u("Smartby"),
        status=ACTIVE,
        tags=[tag["smartby"], tag["EU"]],
    )

    # AI4Cities. 3878-3892. Owning unit: not named in the audit; it is cited among Innovasjon og
    # støttetjenester's climate benefits (3844-3892). EU-funded: no amount given.
    _initiative(
        m,
        kind=PROJECT,
        name="AI4Cities",
        short_description=(
            "EU-finansiert prosjekt der Stavanger er én av seks byer. Teknologiske nyvinninger "
            "basert på kunstig intelligens skal bidra til å redusere CO2-utslipp."
        ),
        owning_unit=u("Innovasjon og digitalisering"),
        status=ACTIVE,
        goals=[g["smartby4"]],
        tags=[tag["EU"], tag["klima"]],
    )

    # Aktiv kommune. 2440-2450, 2669-2675, 2884-2888. Owning unit: not named; Stavanger runs and
    # manages the solution (2448-2450), and Systemforvaltning holds the operation and management
    # of the applications (1269-1273).
    _initiative(
        m,
        kind=ACTIVITY,
        name="Aktiv kommune",
        short_description=(
            "Digital tjeneste for leie og utlån av kommunens lokaler, anlegg, uteområder og "
            "utstyr. Utviklet i samarbeid med tre andre kommuner; nå tilbyr 14 kommuner "
            "tjenesten. Stavanger kommune har ansvaret for drift og forvaltning. Med data fra "
            "Aktiv kommune i datasjøen kan kommunen styre ventilasjon og varme etter når "
            "lokalene brukes."
        ),
        owning_unit=u("Systemforvaltning"),
        status=ACTIVE,
        goals=[g["førstevalg"], g["dialog"]],
        tags=[tag["selvbetjening"]],
    )

    # Omstilling 2025. 378-382, 533-535, 1948-1961, 5663-5679, 6055, 6097-6101. The programme
    # office was in place 1 September 2021 (5677), used as the start. Owning unit: not named
    # (a programme of the municipal director); the stab that holds the portfolio and method
    # (1222-1228) stands in. The audit names no project that belongs to it.
    _initiative(
        m,
        kind=PROGRAMME,
        name="Omstilling 2025",
        short_description=(
            "Program for hvordan kommunen skal bruke sine ressurser til det beste for "
            "innbyggerne, også i framtiden. Programmet skal bestå av en samling prosjekter som "
            "alle skal bidra til gevinster i virksomheter, avdelinger og/eller på overordnet "
            "nivå, og skal bistå linjen med å hente ut gevinster. Gevinstrealisering er løftet "
            "fram som et sentralt fokusområde."
        ),
        need=(
            "Varige endringer i arbeidsmåter for å ta ut gevinster som realiseres i andre og "
            "nye aktiviteter, med særlig oppmerksomhet på arbeidsprosesser, tjenestekvalitet, "
            "styrende dokumentasjon og økonomi."
        ),
        owning_unit=u("Stab innovasjon og støttetjenester"),
        status=ACTIVE,
        actual_start=date(2021, 9, 1),
        goals=[g["effektivitet"]],
        tags=[tag["gevinstrealisering"]],
        contacts=[office],
    )

    # Status reports. Medisindispensere: 5024-5074, 5083-5115, 5838-5842.
    _report(
        dispensers,
        70,
        leader,
        {
            "progress": (
                YELLOW,
                "Noen hjemmebaserte tjenester når måltallet på 40 prosent, andre gjør det ikke.",
            ),
            "economy": (
                GREEN,
                "Leieprisen halverte gevinsten i prosjektperioden; ny kontrakt ventes å gi "
                "betydelig lavere leiepris.",
            ),
            "quality": (
                GREEN,
                "Færre feilmedisineringer og stabil medisinering. Brukerne slipper mange besøk.",
            ),
            "risk": (
                YELLOW,
                "Bruken reduseres dersom avdelingen ikke følger opp og minner helse- og "
                "velferdskontorene på det.",
            ),
            "benefits": (
                YELLOW,
                "Hjemmebesøkene er i snitt halvert for brukerne i sluttrapporten, men den "
                "sparte tiden er vanskelig å finne igjen på bunnlinjen.",
            ),
        },
        "Bruken av medisindispensere øker, men varierer mellom de hjemmebaserte tjenestene.",
    )
    _report(
        dispensers,
        9,
        leader,
        {
            "progress": (
                YELLOW,
                "Enkelte hjemmebaserte tjenester har over dobbelt så mange dispensere i bruk "
                "som tilsvarende tjeneste i en annen sone.",
            ),
            "economy": (GREEN, ""),
            "quality": (GREEN, ""),
            "risk": (
                YELLOW,
                "Uten oppfølging fra E-helse og velferdsteknologi faller bruken. De "
                "hjemmebaserte tjenestene foreslår nå selv aktuelle brukere.",
            ),
            "benefits": (
                YELLOW,
                "Noen hjemmetjenester reiser fortsatt hjem med medisiner til brukere som er "
                "egnet for medisindispenser.",
            ),
        },
        "Vi følger opp tjenestene som ligger under måltallet: gjennomgang av brukerlister, og "
        "kurs eller oppfølgingssamtaler fra leverandøren.",
    )
    # Spider (paused): 5164-5259.
    _report(
        spider,
        95,
        leader,
        {
            "progress": (
                RED,
                "Innføringen i de øvrige hjemmebaserte tjenestene er utsatt på grunn av korona.",
            ),
            "economy": (GREEN, ""),
            "quality": (
                YELLOW,
                "Kjørelistene gir mer struktur; det er utfordrende å få noen ansatte til å følge "
                "rekkefølgen på listen.",
            ),
            "risk": (
                YELLOW,
                "Videre innføring krever god plan, forankring, superbrukere ved hver tjeneste og "
                "grundig opplæring.",
            ),
            "benefits": (
                GREEN,
                "Halvert arbeid med å lage og oppdatere arbeidslister, og mindre tid i bil.",
            ),
        },
        "Spider er i bruk i Hundvåg, Storhaug, Hillevåg og Hinna. Videre utrulling er på vent.",
    )
    # RPA: 3921, 3945-3969, 4010-4112, 4163-4185. The latest report is over a month old.
    _report(
        rpa,
        48,
        office,
        {
            "progress": (
                GREEN,
                "Byarkivet og Næringsavdelingen er med; arbeidsgruppene møtes ukentlig eller "
                "annenhver uke.",
            ),
            "economy": (GREEN, ""),
            "quality": (GREEN, "Samarbeidet på tvers beskrives som godt og bryter ned siloer."),
            "risk": (
                YELLOW,
                "Ansatte kan frykte å bli overflødige. RPA-arbeidet er sårbart når det hviler på "
                "én RPA-ansvarlig.",
            ),
            "benefits": (
                YELLOW,
                "Byarkivet anslår 8 og 4 digitale årsverk; gevinstene i Næringsavdelingen er "
                "ikke dokumentert.",
            ),
        },
        "Flere prosesser er robotisert. Gevinstene må dokumenteres bedre.",
    )
    # Datasjø: 2681-2683, 2735-2747, 5540-5544, 5566-5570.
    _report(
        datasjo,
        14,
        office,
        {
            "progress": (GREEN, ""),
            "economy": (GREEN, "Det økonomiske gevinstpotensialet er kvantifisert."),
            "quality": (GREEN, ""),
            "risk": (
                YELLOW,
                "Felles GDPR-rammeverk for datasjøer er under etablering sammen med andre "
                "kommuner.",
            ),
            "benefits": (YELLOW, "Det er ikke laget planer for oppfølging av gevinstene i linjen."),
        },
        "Datasjøen er tatt i bruk i flere konkrete tilfeller, blant annet flomvarsling for Digi "
        "Rogaland.",
    )
    # MinSide: 3866-3870, 5455-5469, 5544-5548.
    _report(
        minside,
        21,
        office,
        {
            "progress": (
                YELLOW,
                "Innovasjon og digitalisering og Smartby prioriterer ulikt; det gir nyttige "
                "diskusjoner, men kan sinke utviklingen.",
            ),
            "economy": (GREEN, "Prosjektet gir ikke nødvendigvis en økonomisk gevinst."),
            "quality": (GREEN, "Ny selvbetjeningsfunksjonalitet for innbyggerne."),
            "risk": (YELLOW, "Fare for å bli låst i prosesser mellom avdelingene."),
            "benefits": (
                GREEN,
                "Timer arkivtjenestene kan spare på manuell skanning er kartlagt.",
            ),
        },
        "Smartby og Innovasjon og digitalisering utfyller hverandre i MinSide, så lenge en er "
        "bevisst på fallgruvene.",
    )
    # Kvikktest Øyriket: 4786-4840.
    _report(
        oyriket,
        6,
        office,
        {
            "progress": (GREEN, "Fem bedrifter utfordres til å teste løsninger."),
            "economy": (GREEN, ""),
            "quality": (
                YELLOW,
                "Innbyggerne er ikke involvert i forkant; bedriftene oppfordres til å jobbe med "
                "brukerne.",
            ),
            "risk": (GREEN, ""),
            "benefits": (
                GREEN,
                "Gevinstene, som antall besøkende og økt omsetning, er lettere å måle enn i "
                "Lervig.",
            ),
        },
        "Kvikktesten er i gang, med tettere oppfølging fra Nordic Edge enn i Lervig.",
    )


def _build_bergen_initiatives(m: Municipality) -> None:
    """Bergen only proves that each municipality sees its own portfolio. The first two records
    restate what the audit says about Bergen (436-440, 1772-1786, 6574-6576), though the audit
    names no Bergen unit for them; the third is a plain placeholder with no facts."""
    demo = _save(Tag(municipality=m, name="demoeksempel"))
    digital = _unit(m, "Digitaliseringsavdelingen")
    home_care = _unit(m, "Etat for hjemmebaserte tjenester")

    _initiative(
        m,
        kind=ACTIVITY,
        name="Porteføljestyring av digitaliseringstiltak",
        short_description=(
            "Demoeksempel. Bergen kommune har en samlet portefølje med oversikt over alle "
            "planlagte og igangsatte digitaliseringsprosjekter og -tiltak i hele kommunen."
        ),
        need=(
            "Informasjon om pågående og kommende prosjekter, å se helheten i satsingen, og å "
            "sikre at tiltakene er i tråd med digitaliseringsstrategien. Gir også bedre kontroll "
            "på personvern og informasjonssikkerhet."
        ),
        owning_unit=digital,
        status=ACTIVE,
        tags=[demo],
    )
    _initiative(
        m,
        kind=ACTIVITY,
        name="Endringsagenter",
        short_description=(
            "Demoeksempel. Bergen har satset på å styrke og utvikle «endringsagenter» på "
            "driftsenhetene der omstillingsprosesser gjennomføres."
        ),
        owning_unit=digital,
        status=ACTIVE,
        tags=[demo],
    )
    _initiative(
        m,
        kind=PROJECT,
        name="Velferdsteknologi i hjemmetjenesten (demoeksempel)",
        short_description=(
            "Demoeksempel uten opplysninger fra revisjonen. Viser at Bergens portefølje holdes "
            "adskilt fra Stavangers."
        ),
        owning_unit=home_care,
        status=ACTIVE,
        tags=[demo],
    )
