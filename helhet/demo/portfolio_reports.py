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
)
