"""Status reports in Stavanger's demo portfolio. Their ratings and comments restate what the 2022
audit says about the initiative (the comment by each gives the audit's line numbers); they are
dated a number of days before the demo is loaded, so the overview stays meaningful whenever it
is. Created in this order."""

from __future__ import annotations

from dataclasses import dataclass

from helhet.portfolio.models import Rating

GREEN, YELLOW, RED = Rating.GREEN, Rating.YELLOW, Rating.RED


@dataclass(frozen=True)
class DemoReport:
    """A status report on the initiative named ``initiative`` by the user ``author``:
    ``ratings`` maps each of progress, economy, quality, risk and benefits to a rating and a
    comment."""

    initiative: str
    days_ago: int
    author: str
    ratings: dict[str, tuple[Rating, str]]
    summary: str


STAVANGER_REPORTS: tuple[DemoReport, ...] = (
    # Medisindispensere: 5024-5074, 5083-5115, 5838-5842.
    DemoReport(
        "Medisindispensere",
        70,
        "prosjektleder",
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
    ),
    DemoReport(
        "Medisindispensere",
        9,
        "prosjektleder",
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
    ),
    # Spider (paused): 5164-5259.
    DemoReport(
        "Spider",
        95,
        "prosjektleder",
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
    ),
    # RPA: 3921, 3945-3969, 4010-4112, 4163-4185. The latest report is over a month old.
    DemoReport(
        "RPA",
        48,
        "portefolje",
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
    ),
    # Datasjø: 2681-2683, 2735-2747, 5540-5544, 5566-5570.
    DemoReport(
        "Datasjø",
        14,
        "portefolje",
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
    ),
    # MinSide: 3866-3870, 5455-5469, 5544-5548.
    DemoReport(
        "MinSide",
        21,
        "portefolje",
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
    ),
    # Kvikktest Øyriket: 4786-4840.
    DemoReport(
        "Kvikktest Øyriket",
        6,
        "portefolje",
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
    ),
    # Kvikktest Lervig (completed): the final report, 4712-4770.
    DemoReport(
        "Kvikktest Lervig",
        700,
        "ingrid.loland",
        {
            "progress": (GREEN, "Fem tester gjennomført i Lervig park fra juni til desember."),
            "economy": (GREEN, "Hver test fikk inntil 300 000 kroner."),
            "quality": (GREEN, "Ga maler for halvveisrapport og sluttrapport."),
            "risk": (
                YELLOW,
                "Metodikken utfordrer budsjettstrukturen; kommunen har ikke vurdert å kjøpe noen "
                "av løsningene som ble testet.",
            ),
            "benefits": (
                GREEN,
                "Bedre kunnskapsgrunnlag for nye uteområder, og lavere risiko i framtidige "
                "anskaffelser.",
            ),
        },
        "Kvikktesten betegnes som en suksess. Neste gang involveres innbyggerne tidligere.",
    ),
    # DigiBarnevern: 2064-2068, 2432-2438.
    DemoReport(
        "DigiBarnevern",
        12,
        "espen.rasmussen",
        {
            "progress": (
                GREEN,
                "Samarbeidet med Bufdir, KS og de andre kommunene går som planlagt.",
            ),
            "economy": (GREEN, "Inngangsbilletten er finansiert av digitaliseringsfondet."),
            "quality": (GREEN, ""),
            "risk": (YELLOW, "Framdriften avhenger av den nasjonale leveransen."),
            "benefits": (GREEN, "Raskere og bedre hjelp til barn og unge som trenger det."),
        },
        "Stavanger deltar i det nasjonale samarbeidet om DigiBarnevern.",
    ),
    # Felles kommunal journal: 1975-1979, 2017-2019, 2410-2418.
    DemoReport(
        "Felles kommunal journal",
        25,
        "eier",
        {
            "progress": (GREEN, ""),
            "economy": (GREEN, ""),
            "quality": (GREEN, "Stat og kommune er likeverdige parter i prosjektet."),
            "risk": (
                YELLOW,
                "Et stort nasjonalt prosjekt med mange parter; kommunens egen innføring må "
                "planlegges i god tid.",
            ),
            "benefits": (GREEN, ""),
        },
        "Kommunedirektøren i Stavanger leder styringsgruppen.",
    ),
    # Smarte gatesluker: 5590-5600, 6367-6385. The latest report is over a month old.
    DemoReport(
        "Smarte gatesluker",
        41,
        "ingrid.loland",
        {
            "progress": (GREEN, "Sensorene rapporterer sand- og slamnivået i gateslukene."),
            "economy": (GREEN, "Store kostnadsbesparelser ventes fra færre manuelle kontroller."),
            "quality": (GREEN, "Bedre responstid og optimaliserte kjøreruter."),
            "risk": (
                RED,
                "Sensorene krever operasjonell drift, og det er uklart hvem som skal eie den. "
                "Saken er meldt til porteføljekontoret.",
            ),
            "benefits": (GREEN, "Spart tid er lettere å regne på enn i større prosjekter."),
        },
        "Gevinstene er tydelige, men driften av sensorene har ikke et naturlig hjem.",
    ),
    # Droneprosjektet: 4384-4393, 4451-4453.
    DemoReport(
        "Droneprosjektet",
        18,
        "ingrid.loland",
        {
            "progress": (GREEN, ""),
            "economy": (GREEN, "EU-prosjekt over tre år."),
            "quality": (GREEN, ""),
            "risk": (
                YELLOW,
                "Et utforskende prosjekt uten naturlig hjem i kommunen; Smartby har tatt det på "
                "seg.",
            ),
            "benefits": (YELLOW, "Bruk av droner til akuttmedisin er ennå på forsøksstadiet."),
        },
        "Byene fra seks land utforsker droner i by- og bynære områder til akuttmedisinsk bruk.",
    ),
    # AI4Cities: 3878-3892.
    DemoReport(
        "AI4Cities",
        27,
        "kristin.hovland",
        {
            "progress": (GREEN, ""),
            "economy": (GREEN, "EU-finansiert."),
            "quality": (GREEN, ""),
            "risk": (GREEN, ""),
            "benefits": (
                YELLOW,
                "Klimagevinsten skal bidra til målet om å kutte 80 prosent av "
                "klimagassutslippene innen 2030, men er ikke målt ennå.",
            ),
        },
        "Stavanger er én av seks byer som tester løsninger basert på kunstig intelligens.",
    ),
    # Aktiv kommune: 2440-2450.
    DemoReport(
        "Aktiv kommune",
        8,
        "kristin.hovland",
        {
            "progress": (GREEN, "14 kommuner tilbyr nå tjenesten."),
            "economy": (GREEN, ""),
            "quality": (GREEN, ""),
            "risk": (GREEN, ""),
            "benefits": (
                GREEN,
                "Data fra Aktiv kommune i datasjøen styrer ventilasjon og varme etter bruk.",
            ),
        },
        "Stavanger drifter og forvalter løsningen for alle kommunene som bruker den.",
    ),
    # Omstilling 2025: 5663-5679.
    DemoReport(
        "Omstilling 2025",
        16,
        "portefolje",
        {
            "progress": (
                YELLOW,
                "Programmet går videre etter 2025; flere prosjekter er ennå ikke knyttet til det.",
            ),
            "economy": (GREEN, ""),
            "quality": (GREEN, ""),
            "risk": (
                YELLOW,
                "Gevinster som tas ut i linjen må følges opp i budsjettet, ellers forsvinner de.",
            ),
            "benefits": (YELLOW, "Gevinstrealisering er løftet fram som et sentralt fokusområde."),
        },
        "Programkontoret bistår linjen med å hente ut gevinster.",
    ),
    # Optimalisering av SvarUt: 2894-2898, 3848-3892.
    DemoReport(
        "Optimalisering av SvarUt",
        4,
        "kristin.hovland",
        {
            "progress": (GREEN, "Prosjektet er i gang."),
            "economy": (GREEN, "Reduserte portoutgifter."),
            "quality": (GREEN, "Sikker digital kanal i stedet for brev i postkassen."),
            "risk": (GREEN, ""),
            "benefits": (GREEN, "Mindre bruk av budbil gir også en klimagevinst."),
        },
        "Brev sendt via SvarUt økte fra 48 688 i 2018 til 107 556 året etter.",
    ),
    # FIKS-plattformen og KS MinSide: 2420-2430.
    DemoReport(
        "FIKS-plattformen og KS MinSide",
        20,
        "kristin.hovland",
        {
            "progress": (GREEN, ""),
            "economy": (GREEN, ""),
            "quality": (GREEN, ""),
            "risk": (GREEN, ""),
            "benefits": (GREEN, ""),
        },
        "Flere tjenester utvikles i KS MinSide sammen med KS, Bergen, Kristiansand, Bærum og "
        "Digi Vestland.",
    ),
)
