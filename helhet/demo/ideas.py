"""Stavanger's idea intake for the demo: ideas from staff in different units at every status
(submitted, asked about, being screened, parked, rejected, merged into an initiative and promoted
to a new one), and Smartby's own three criteria (technology, collaboration across sectors,
citizen involvement: the audit's test of a Smartby project) beside the municipality's default
set. Built through the ideas' services, as the staff and the portfolio office would; the ideas
are examples, not from the audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from helhet.accounts.models import User
from helhet.ideas.models import Idea
from helhet.ideas.selectors import criteria_set_for_unit
from helhet.ideas.services import criteria as criteria_services
from helhet.ideas.services import ideas as services
from helhet.maturity.models import Service
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeKind

SCREENER = "portefolje"
SMARTBY_CRITERIA = (
    ("Teknologi", "Tar idéen i bruk teknologi på en ny måte?", 1),
    ("Samarbeid på tvers", "Samarbeider flere sektorer, virksomheter eller partnere?", 1),
    ("Innbyggerinvolvering", "Er innbyggerne med på å finne og prøve ut løsningen?", 1),
)


@dataclass(frozen=True)
class DemoIdea:
    by: str
    unit: str
    title: str
    problem: str
    who_has_it: str = ""
    solution: str = ""
    service: str = ""
    days_ago: int = 10
    scores: tuple[int, ...] = ()
    question: str = ""
    answer: str = ""
    # What the portfolio office decided: "", "park", "reject", "merge:<initiative>" or
    # "promote:<kind>:<name>".
    decision: str = ""
    reason: str = ""
    attachments: tuple[str, ...] = field(default=())


IDEAS = (
    DemoIdea(
        by="gevinsteier",
        unit="Hundvåg hjemmebaserte tjenester",
        title="Nøkkelfri adgang for hjemmetjenesten",
        problem="Ansatte bruker mye tid på å hente, levere og kvittere for nøkler til brukernes "
        "hjem, og nøkler blir borte.",
        who_has_it="Ansatte i hjemmetjenesten og brukerne som venter på dem",
        solution="Digitale lås som åpnes med mobilen, med logg over hvem som var inne når.",
        days_ago=3,
    ),
    DemoIdea(
        by="leser",
        unit="Politisk sekretariat",
        title="Politiske saker som lydfil",
        problem="Saksdokumentene er lange, og noen folkevalgte og innbyggere leser dem dårlig.",
        who_has_it="Folkevalgte og innbyggere med lesevansker eller nedsatt syn",
        solution="Opplesning av saksframlegg med talesyntese, publisert sammen med saken.",
        days_ago=6,
        question="Vet du om noen i sekretariatet har prøvd talesyntese i dag?",
    ),
    DemoIdea(
        by="prosjektleder",
        unit="Skole",
        title="Felles innlogging for elevene i alle skolesystemer",
        problem="Elevene på barnetrinnet har mange brukernavn og passord, og lærerne bruker "
        "starten av timene på å hjelpe dem inn.",
        who_has_it="Elever og lærere på barnetrinnet",
        solution="Feide-innlogging i alle læringsressurser skolen kjøper.",
        days_ago=21,
        scores=(4, 5, 4, 3, 3),
        question="Hvor mange av læringsressursene støtter Feide i dag?",
        answer="Omtrent to av tre. Resten må kreves i neste anskaffelse.",
    ),
    DemoIdea(
        by="eier",
        unit="Innbyggerservice",
        title="Chatbot for spørsmål om byggesøknad",
        problem="Servicetorget får mange like spørsmål om hva som mangler i en byggesøknad.",
        who_has_it="Søkere og saksbehandlerne i byggesak",
        solution="En chatbot på nettsiden som svarer på de vanligste spørsmålene.",
        service="Byggesøknad",
        days_ago=35,
        scores=(4, 4, 3, 3, 2),
    ),
    DemoIdea(
        by="ingrid.loland",
        unit="Smartby",
        title="Sensorer for fyllingsgrad i søppeldunker i sentrum",
        problem="Dunkene i sentrum tømmes etter fast rute: noen renner over, andre er nesten tomme.",
        who_has_it="Park og vei, renovasjonen og alle som ferdes i sentrum",
        solution="Sensorer i dunkene og tømming når de er fulle; innbyggerne melder fra i appen.",
        days_ago=40,
        scores=(5, 4, 3),
    ),
    DemoIdea(
        by="leser",
        unit="Kultur",
        title="Utlån av idrettsutstyr på nett",
        problem="Lag og skoler vet ikke hvilket utstyr kommunen kan låne ut, og utlån skjer på "
        "telefon.",
        who_has_it="Lag, foreninger og skoler",
        days_ago=60,
        decision="park",
        reason="Tas opp igjen når den nye bookingløsningen for kommunale lokaler er på plass.",
    ),
    DemoIdea(
        by="gevinsteier",
        unit="Park og vei",
        title="Egen app for å melde feil på veilys",
        problem="Innbyggere vet ikke hvor de skal melde fra om gatelys som ikke virker.",
        days_ago=75,
        decision="reject",
        reason="Feil på veilys meldes allerede i kommunens felles tjeneste for å melde fra om "
        "feil. Vi gjør den heller lettere å finne enn å lage en ny app.",
    ),
    DemoIdea(
        by="prosjektleder",
        unit="E-helse og velferdsteknologi",
        title="Varsel til pårørende når medisin ikke er tatt",
        problem="Pårørende får ikke vite når dispenseren varsler om en dose som ikke er tatt.",
        who_has_it="Brukere med medisindispenser og pårørende",
        days_ago=90,
        scores=(4, 3, 4, 4, 3),
        decision="merge:Medisindispensere",
        reason="Tas inn som et ønske i prosjektet Medisindispensere.",
    ),
    DemoIdea(
        by="eier",
        unit="Stavanger legevakt",
        title="Digital innsjekk på legevakten",
        problem="Pasientene står i kø ved skranken for å registrere seg, også når de er "
        "smittsomme.",
        who_has_it="Pasienter og ansatte i skranken",
        solution="Innsjekk på egen mobil eller en skjerm i venterommet.",
        days_ago=120,
        scores=(5, 4, 4, 3, 4),
        decision=f"promote:{InitiativeKind.IDEA}:Digital innsjekk på legevakten",
        reason="Løftet til porteføljen som idé; konseptfasen avklarer sammenhengen med "
        "Legevaktprosjektet.",
    ),
)


def _smartby_criteria(stavanger: Municipality, screener: User) -> None:
    smartby = OrgUnit.objects.get(municipality=stavanger, name="Smartby")
    own = criteria_services.criteria_set_create(
        actor=screener, municipality=stavanger, name="Smartbys kriterier", unit=smartby
    )
    for name, description, weight in SMARTBY_CRITERIA:
        criteria_services.criterion_add(
            actor=screener, criteria_set=own, name=name, description=description, weight=weight
        )


def _screen(demo: DemoIdea, idea: Idea, screener: User, units: dict[str, OrgUnit]) -> None:
    if demo.question:
        question = services.idea_question_ask(actor=screener, idea=idea, question=demo.question)
        if demo.answer and idea.submitted_by is not None:
            services.idea_question_answer(
                actor=idea.submitted_by, question=question, answer=demo.answer
            )
    if demo.scores:
        criteria_set = criteria_set_for_unit(idea.unit)
        assert criteria_set is not None
        pks = criteria_set.criteria.values_list("pk", flat=True)
        services.idea_score(
            actor=screener, idea=idea, scores=dict(zip(pks, demo.scores, strict=True))
        )
        idea.refresh_from_db()
    kind, _sep, rest = demo.decision.partition(":")
    if kind == "park":
        services.idea_park(actor=screener, idea=idea, reason=demo.reason)
    elif kind == "reject":
        services.idea_reject(actor=screener, idea=idea, reason=demo.reason)
    elif kind == "merge":
        initiative = Initiative.objects.get(municipality=idea.municipality, name=rest)
        services.idea_merge(actor=screener, idea=idea, initiative=initiative, reason=demo.reason)
    elif kind == "promote":
        initiative_kind, _sep, name = rest.partition(":")
        services.idea_promote(
            actor=screener,
            idea=idea,
            kind=initiative_kind,
            name=name,
            owning_unit=units[demo.unit],
            reason=demo.reason,
        )


def build_ideas_demo(stavanger: Municipality) -> list[Idea]:
    """The Smartby criteria set and the demo's ideas, each screened as far as its status says,
    dated over the last four months."""
    screener = User.objects.get(username=SCREENER)
    _smartby_criteria(stavanger, screener)
    units = {unit.name: unit for unit in OrgUnit.objects.filter(municipality=stavanger)}
    services_by_name = {s.name: s for s in Service.objects.filter(municipality=stavanger)}
    people = {
        user.username: user for user in User.objects.filter(memberships__municipality=stavanger)
    }
    now = timezone.now()
    made = []
    for demo in IDEAS:
        idea = services.idea_submit(
            actor=people[demo.by],
            municipality=stavanger,
            title=demo.title,
            problem=demo.problem,
            who_has_it=demo.who_has_it,
            solution=demo.solution,
            unit=units[demo.unit],
            service=services_by_name.get(demo.service),
        )
        # When it came in: the demo's ideas arrived over months, not all at once.
        Idea.objects.filter(pk=idea.pk).update(submitted_at=now - timedelta(days=demo.days_ago))
        idea.refresh_from_db()
        _screen(demo, idea, screener, units)
        made.append(idea)
    return made
