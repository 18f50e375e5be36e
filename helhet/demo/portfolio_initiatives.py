"""Stavanger's and Bergen's demo initiatives, as the 2022 audit describes them (see
``helhet.demo.portfolio``); the comment by each record gives the audit's line numbers. Units are
named as in the demo organisation, people by username, goals by their key in
``helhet.demo.portfolio_goals``. Created in this order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helhet.portfolio.models import AssessmentStatus, InitiativeKind, InitiativeStatus, RelationKind

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


@dataclass(frozen=True)
class DemoInitiative:
    """An initiative: its fields (a field left empty is not set), the names of its participating
    units, goal keys, tags, contacts' usernames, and its document links (title, address)."""

    kind: InitiativeKind
    name: str
    owning_unit: str
    status: InitiativeStatus
    short_description: str = ""
    need: str = ""
    project_owner: str = ""
    project_leader: str = ""
    actual_start: date | None = None
    actual_end: date | None = None
    planned_end: date | None = None
    processes_personal_data: bool = False
    ros_status: AssessmentStatus | None = None
    dpa_status: AssessmentStatus | None = None
    participating: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()


STAVANGER_TAGS = (
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
)

STAVANGER_INITIATIVES: tuple[DemoInitiative, ...] = (
    # RPA. 278-280, 2571-2585, 2798-2965 (background and earlier robotisation), 3906-4210,
    # 5793-5799, 5813-5817. Started "våren 2021" (3925); note that 2583-2585 says the work was
    # organised as a project during 2020. Participating units: Næringsavdelingen and its group
    # with IT and innbyggerservice (4125-4171). Byarkivet also takes part (3971-4121) but is not
    # in the demo organisation.
    DemoInitiative(
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
        owning_unit="Innovasjon og digitalisering",
        status=ACTIVE,
        actual_start=date(2021, 3, 1),
        participating=("Næring", "IT-avdelingen", "Innbyggerservice"),
        goals=("førstevalg", "effektivitet", "arbeidsflyt"),
        tags=("RPA", "automatisering", "datadrevet"),
        contacts=("portefolje",),
    ),
    # Datasjø. 1022, 1245-1249, 2300-2303, 2571-2585, 2589-2747, 5540-5544. Prosjekteier
    # Innovasjon og støttetjenester (2649-2651); initiated by IT (2637-2639); Arkitektur og
    # utvikling manages datasjø (1245-1249); joint work with E-helse, Innovasjon og
    # digitalisering and Smartby on datasjø (2300-2303). Personal data: the common GDPR
    # framework for personal data in datasjøer (2739-2747). Links: 2698, 2771.
    DemoInitiative(
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
        owning_unit="Innovasjon og støttetjenester",
        status=ACTIVE,
        processes_personal_data=True,
        participating=(
            "Arkitektur og utvikling",
            "Innovasjon og digitalisering",
            "Smartby",
            "E-helse og velferdsteknologi",
        ),
        goals=("åpenhet", "effektivitet", "digirogaland", "nasjonal"),
        tags=("datadrevet", "Digi Rogaland"),
        contacts=("portefolje",),
        links=(
            ("Kortfilm om datasjø", "https://www.youtube.com/watch?v=iSmpDMXeWuU"),
            ("Digi Rogaland om datasjøen", "https://digirogaland.no/datasjoen/"),
        ),
    ),
    # MinSide (the municipality's own). 2473-2475, 3771-3773, 3858-3870, 5455-5469, 5544-5548.
    # Owning unit: the audit does not name it; it is one of Innovasjon og støttetjenester's
    # projects (3771-3773, 3860) where Innovasjon og digitalisering and Smartby both take part
    # (5455-5469). Innbygger- og samfunnskontakt's director sits on the project board
    # (3771-3773). Personal data: innbyggere log in and see their own property (3860-3866).
    DemoInitiative(
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
        owning_unit="Innovasjon og digitalisering",
        status=ACTIVE,
        processes_personal_data=True,
        participating=("Smartby", "Innbygger- og samfunnskontakt"),
        goals=("førstevalg", "dialog"),
        tags=("selvbetjening",),
        contacts=("portefolje",),
    ),
    # FIKS-plattformen og KS MinSide. 2420-2430; IT holds the system responsibility for
    # fellesløsninger such as FIKS (1824-1830).
    DemoInitiative(
        kind=ACTIVITY,
        name="FIKS-plattformen og KS MinSide",
        short_description=(
            "FIKS-plattformen er en felles kommunal arkitektur som blant annet gjør det mulig å "
            "kommunisere på tvers av forvaltningsnivå. KS MinSide er en komponent i "
            "FIKS-plattformen der innbyggere, næringsliv og organisasjoner får tilgang til ulike "
            "tjenester. Stavanger samarbeider med KS, Bergen, Kristiansand, Bærum og Digi "
            "Vestland om å utvikle flere tjenester i portalen."
        ),
        owning_unit="IT-avdelingen",
        status=ACTIVE,
        goals=("arkitektur",),
        tags=("fellesløsning", "KS"),
    ),
    # Mitt Stavanger. 4218-4230, 4405-4565. Park og vei was prosjekteier (4551-4555); Smartby and
    # IT took part (4421, 4490-4492). "fra slutten av 2016 til slutten av 2019" (4437).
    # Innovasjon Norge support (4413): the audit gives no amount. Personal data: data on the
    # innbyggers' activity, innbyggerkort and personal data rules (4462, 4474-4476).
    DemoInitiative(
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
        owning_unit="Park og vei",
        status=COMPLETED,
        actual_start=date(2016, 12, 1),
        actual_end=date(2019, 12, 31),
        processes_personal_data=True,
        participating=("Smartby", "IT-avdelingen"),
        goals=("smartby2", "smartby3"),
        tags=("smartby",),
    ),
    # Kvikktest Lervig. 4218-4230, 4569-4780, 4830-4836, 5817-5819. Testing June to December
    # 2020 (4636-4638); the dates are the test period. Core team from Smartby and Innovasjon og
    # digitalisering, extended team Park og vei, Anskaffelser, Bymiljø og utbygging (4640-4646).
    # 15 applicants, five chosen, up to NOK 300,000 per test (4630-4634): no total cost or
    # funding source is given; the costs are examples (helhet.demo.portfolio_examples).
    DemoInitiative(
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
        owning_unit="Smartby",
        status=COMPLETED,
        actual_start=date(2020, 6, 1),
        actual_end=date(2020, 12, 31),
        participating=(
            "Innovasjon og digitalisering",
            "Park og vei",
            "Anskaffelser",
            "Bymiljø og utbygging",
        ),
        goals=("smartby3",),
        tags=("smartby", "kvikktest"),
    ),
    # Kvikktest Øyriket. 4784-4840. Being started "per starten av mai 2021" (4786): no start
    # date given. Builds on Lervig's final report (4784, 4802-4818).
    DemoInitiative(
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
        owning_unit="Smartby",
        status=ACTIVE,
        goals=("smartby3",),
        tags=("smartby", "kvikktest"),
    ),
    # Legevaktprosjektet. 1849-1863, 1873-1877, 1907, 3787-3795. Helse og velferd is prosjekteier
    # (the demo "eier" is Direktør helse og velferd); the project leader comes from the
    # digitalisation department (3789-3791), so the demo "prosjektleder" (E-helse) is not set
    # (the leader is an example colleague in Innovasjon og digitalisering).
    # Deliberately has no status report.
    DemoInitiative(
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
        owning_unit="Stavanger legevakt",
        project_owner="eier",
        status=ACTIVE,
        processes_personal_data=True,
        participating=("E-helse og velferdsteknologi", "Innovasjon og digitalisering"),
        tags=("e-helse",),
    ),
    # Medisindispensere. 2868-2872, 4848-4858, 4884-4886 (ROS-analyse and databehandleravtale
    # received, no dates), 4948-5115, 5838-5842, 6184-6190, 6272-6274. Implementation January to
    # June 2017, operation July to December 2017 (4964-4966); rollout continues (5006, 5089-5115).
    # Participating: 4952-4954, 4966-4976.
    DemoInitiative(
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
        owning_unit="E-helse og velferdsteknologi",
        project_owner="eier",
        project_leader="prosjektleder",
        status=ACTIVE,
        actual_start=date(2017, 1, 1),
        processes_personal_data=True,
        ros_status=AssessmentStatus.DONE,
        dpa_status=AssessmentStatus.DONE,
        participating=(
            "Hjemmebaserte tjenester",
            "Hundvåg hjemmebaserte tjenester",
            "Storhaug hjemmebaserte tjenester",
            "IT-avdelingen",
        ),
        goals=("selvstendige", "effektivitet"),
        tags=("velferdsteknologi",),
    ),
    # Spider. 4848-4858, 4884-4888 (risikovurdering received, no date), 5119-5259, 5813-5817.
    # Trial from May 2017 at Hundvåg and Storhaug (5150); proposed rollout to all home-care units
    # January to May 2019 (5227-5229), taken as the planned end; Hillevåg and Hinna from autumn
    # 2019, the rest postponed because of corona (5235-5237), hence paused. Project group:
    # 5143-5145.
    DemoInitiative(
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
        owning_unit="E-helse og velferdsteknologi",
        project_owner="eier",
        project_leader="prosjektleder",
        status=PAUSED,
        actual_start=date(2017, 5, 1),
        planned_end=date(2019, 5, 31),
        processes_personal_data=True,
        ros_status=AssessmentStatus.DONE,
        participating=(
            "Hundvåg hjemmebaserte tjenester",
            "Storhaug hjemmebaserte tjenester",
            "Hillevåg hjemmebaserte tjenester",
            "Hinna hjemmebaserte tjenester",
            "IT-avdelingen",
        ),
        goals=("effektivitet",),
        tags=("e-helse",),
    ),
    # DigiBarnevern. 2064-2068 (the fund paid the "inngangsbilletten"; the audit gives no
    # amount, so the fund line is an example, helhet.demo.portfolio_examples), 2432-2438. Owning unit: not named in the audit; Innovasjon og
    # digitalisering is responsible for implementing national systems (1293-1295).
    DemoInitiative(
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
        owning_unit="Innovasjon og digitalisering",
        status=ACTIVE,
        processes_personal_data=True,
        goals=("arkitektur",),
        tags=("fellesløsning", "KS", "digitaliseringsfondet"),
        contacts=("portefolje",),
    ),
    # Felles kommunal journal. 1975-1979, 2017-2019, 2410-2418. Owning unit: not named; E-helse
    # og velferdsteknologi implements the national e-health solutions (2102-2106).
    DemoInitiative(
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
        owning_unit="E-helse og velferdsteknologi",
        status=ACTIVE,
        processes_personal_data=True,
        goals=("arkitektur",),
        tags=("e-helse", "fellesløsning", "KS"),
    ),
    # Optimalisering av SvarUt. 2404-2406, 2470-2472, 2894-2898, 3222-3229, 3848-3892, 3918-3920.
    # "Innovasjon og støttetjenester er i gang med et prosjekt" (3850-3852).
    DemoInitiative(
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
        owning_unit="Innovasjon og støttetjenester",
        status=ACTIVE,
        goals=("førstevalg", "effektivitet", "personvern"),
        tags=("fellesløsning", "KS"),
        contacts=("portefolje",),
    ),
    # Smarte gatesluker. 5590-5600 (Smartby's example), 6367-6385 (operations without a home).
    DemoInitiative(
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
        owning_unit="Smartby",
        status=ACTIVE,
        goals=("smartby2",),
        tags=("smartby", "sensorer"),
    ),
    # Droneprosjektet. 4384-4393, 4451-4453. EU project: no amount given.
    DemoInitiative(
        kind=PROJECT,
        name="Droneprosjektet",
        short_description=(
            "Et treårig EU-prosjekt med byer fra seks land, som skal utforske bruken av droner i "
            "by- og bynære områder til akuttmedisinsk bruk. Et utforskende prosjekt uten "
            "naturlig hjem i kommunen, som Smartby har tatt på seg."
        ),
        owning_unit="Smartby",
        status=ACTIVE,
        tags=("smartby", "EU"),
    ),
    # AI4Cities. 3878-3892. Owning unit: not named in the audit; it is cited among Innovasjon og
    # støttetjenester's climate benefits (3844-3892). EU-funded: no amount given.
    DemoInitiative(
        kind=PROJECT,
        name="AI4Cities",
        short_description=(
            "EU-finansiert prosjekt der Stavanger er én av seks byer. Teknologiske nyvinninger "
            "basert på kunstig intelligens skal bidra til å redusere CO2-utslipp."
        ),
        owning_unit="Innovasjon og digitalisering",
        status=ACTIVE,
        goals=("smartby4",),
        tags=("EU", "klima"),
    ),
    # Aktiv kommune. 2440-2450, 2669-2675, 2884-2888. Owning unit: not named; Stavanger runs and
    # manages the solution (2448-2450), and Systemforvaltning holds the operation and management
    # of the applications (1269-1273).
    DemoInitiative(
        kind=ACTIVITY,
        name="Aktiv kommune",
        short_description=(
            "Digital tjeneste for leie og utlån av kommunens lokaler, anlegg, uteområder og "
            "utstyr. Utviklet i samarbeid med tre andre kommuner; nå tilbyr 14 kommuner "
            "tjenesten. Stavanger kommune har ansvaret for drift og forvaltning. Med data fra "
            "Aktiv kommune i datasjøen kan kommunen styre ventilasjon og varme etter når "
            "lokalene brukes."
        ),
        owning_unit="Systemforvaltning",
        status=ACTIVE,
        goals=("førstevalg", "dialog"),
        tags=("selvbetjening",),
    ),
    # Trådløst nett på sykehjemmene. 2064-2068: the fund has secured full wireless network access
    # in the nursing homes, a one-off activity. The audit gives no unit, dates or amount; IT runs
    # the network (owning unit), the nursing homes are Helse og velferd's (E-helse takes part).
    DemoInitiative(
        kind=ACTIVITY,
        name="Trådløst nett på sykehjemmene",
        short_description=(
            "Full trådløs nettverkstilgang på sykehjemmene, finansiert av "
            "digitaliseringsfondet som en engangsaktivitet."
        ),
        need=(
            "Velferdsteknologi og digitale arbeidsverktøy på sykehjemmene krever trådløst nett "
            "i alle bygg."
        ),
        owning_unit="IT-avdelingen",
        status=COMPLETED,
        participating=("E-helse og velferdsteknologi",),
        goals=("effektivitet",),
        tags=("digitaliseringsfondet", "velferdsteknologi"),
    ),
    # Omstilling 2025. 378-382, 533-535, 1948-1961, 5663-5679, 6055, 6097-6101. The programme
    # office was in place 1 September 2021 (5677), used as the start. Owning unit: not named
    # (a programme of the municipal director); the stab that holds the portfolio and method
    # (1222-1228) stands in. The audit names no project that belongs to it.
    DemoInitiative(
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
        owning_unit="Stab innovasjon og støttetjenester",
        status=ACTIVE,
        actual_start=date(2021, 9, 1),
        goals=("effektivitet",),
        tags=("gevinstrealisering",),
        contacts=("portefolje",),
    ),
)

# (source, target, kind) by name; each is made as soon as both initiatives exist.
STAVANGER_RELATIONS: tuple[tuple[str, str, RelationKind], ...] = (
    # The local MinSide is set up beside KS MinSide ("også", 2473).
    ("MinSide", "FIKS-plattformen og KS MinSide", RelationKind.OVERLAPS),
    ("Kvikktest Øyriket", "Kvikktest Lervig", RelationKind.DEPENDS_ON),
)

# Bergen only proves that each municipality sees its own portfolio. The first two records restate
# what the audit says about Bergen (436-440, 1772-1786, 6574-6576), though the audit names no
# Bergen unit for them; the third is a plain placeholder with no facts.
BERGEN_TAGS = ("demoeksempel",)
BERGEN_INITIATIVES: tuple[DemoInitiative, ...] = (
    DemoInitiative(
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
        owning_unit="Digitaliseringsavdelingen",
        status=ACTIVE,
        tags=("demoeksempel",),
    ),
    DemoInitiative(
        kind=ACTIVITY,
        name="Endringsagenter",
        short_description=(
            "Demoeksempel. Bergen har satset på å styrke og utvikle «endringsagenter» på "
            "driftsenhetene der omstillingsprosesser gjennomføres."
        ),
        owning_unit="Digitaliseringsavdelingen",
        status=ACTIVE,
        tags=("demoeksempel",),
    ),
    DemoInitiative(
        kind=PROJECT,
        name="Velferdsteknologi i hjemmetjenesten (demoeksempel)",
        short_description=(
            "Demoeksempel uten opplysninger fra revisjonen. Viser at Bergens portefølje holdes "
            "adskilt fra Stavangers."
        ),
        owning_unit="Etat for hjemmebaserte tjenester",
        status=ACTIVE,
        tags=("demoeksempel",),
    ),
)
