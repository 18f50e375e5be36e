"""Demo projects on their methods, for Stavanger's demo portfolio: where each stands, the documents
its gates needed, the decisions made (dated as the audit tells the story), what waits now, and a
project board, uncertainties and a log with lessons. Built through the services, as a user would,
after the portfolio demo (``helhet.demo.portfolio``).

The projects are data (``PROJECTS``); the functions below only walk them through the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from helhet.accounts.models import User
from helhet.documents.models import DocumentVersion
from helhet.documents.selectors import required_documents
from helhet.documents.services import (
    document_version_create,
    project_document_open,
)
from helhet.documents.structure import headings
from helhet.learning.services.lessons import lesson_from_log_entry
from helhet.methodology.models import (
    Decision,
    DecisionRequest,
    Method,
    MethodVersion,
    ProjectMethod,
)
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.models import BoardRole, LogEntry, LogKind, RiskKind, RiskStatus
from helhet.projects.services.board import board_member_add
from helhet.projects.services.enrolment import project_method_set
from helhet.projects.services.gates import decision_make, decision_request_create
from helhet.projects.services.log import log_entry_create
from helhet.projects.services.risks import risk_create

# A day in the story: a date, or so many days before today.
Day = date | int
# A person in the story: "leader" or "owner" of the initiative, or a demo user's username.
Person = str


@dataclass(frozen=True)
class Gate:
    """A request for the decision ending the current phase, and the decision if made yet."""

    asked: Day
    decided: Day | None
    decider: Person
    outcome: str = "approved"
    comment: str = ""
    # Who asks: as a rule the project leader (the owner where there is none). Never the decider:
    # the one who asks for a decision does not make it (helhet.accounts.duties).
    asker: Person = "leader"


@dataclass(frozen=True)
class BoardSeat:
    person: Person
    role: str
    note: str = ""


@dataclass(frozen=True)
class Uncertainty:
    title: str
    probability: int
    consequence: int
    owner: Person
    kind: str = RiskKind.RISK
    description: str = ""
    measures: str = ""
    status: str = RiskStatus.OPEN


@dataclass(frozen=True)
class Entry:
    """A project log entry, written by ``author``; with ``lesson``, marked as a lesson."""

    author: Person
    kind: str
    title: str
    occurred_on: Day
    description: str = ""
    consequence: str = ""
    lesson: str = ""


@dataclass(frozen=True)
class DemoProject:
    initiative: str
    method: str
    level: str
    risk: int
    criteria: dict[str, str] = field(default_factory=dict)
    gates: list[Gate] = field(default_factory=list)
    # Write the documents the phase it stands in requires (none of its gates asked yet).
    documents_written: bool = False
    board: list[BoardSeat] = field(default_factory=list)
    uncertainties: list[Uncertainty] = field(default_factory=list)
    log: list[Entry] = field(default_factory=list)


PROJECTS = [
    # The medicine dispensers (audit §5.4.2): decided autumn 2016, implemented January
    # to June 2017, in operation from July 2017; the handover to operation waits for its owner.
    DemoProject(
        initiative="Medisindispensere",
        method="Implementering av velferdsteknologi",
        level="middels",
        risk=3,
        gates=[
            Gate(asked=date(2016, 9, 1), decided=date(2016, 9, 20), decider="eier"),
            Gate(asked=date(2016, 11, 15), decided=date(2016, 12, 1), decider="eier"),
            Gate(
                asked=date(2017, 6, 1),
                decided=date(2017, 6, 20),
                decider="eier",
                outcome="approved_with_conditions",
                comment=(
                    "Innføres i Hundvåg og Storhaug først; resten av hjemmetjenesten etter "
                    "evaluering."
                ),
            ),
            Gate(asked=12, decided=None, decider="eier"),
        ],
        board=[
            BoardSeat("owner", BoardRole.PROJECT_OWNER),
            BoardSeat("leader", BoardRole.PROJECT_LEADER),
            BoardSeat(
                "gevinsteier",
                BoardRole.BENEFITS_OWNER,
                "Hjemmebaserte tjenester: tar ut gevinsten i færre besøk.",
            ),
        ],
        uncertainties=[
            Uncertainty(
                title="Gevinsten tas ikke ut i budsjettet",
                description="Frigjort tid i hjemmetjenesten forsvinner i andre oppgaver.",
                probability=4,
                consequence=4,
                owner="gevinsteier",
                measures="Gevinstrealiseringsplan med gevinsteier i linjen; måling hvert halvår.",
            ),
            Uncertainty(
                title="Brukere faller fra dispenseren",
                probability=2,
                consequence=3,
                owner="leader",
                measures="Oppfølging av brukerne de første ukene.",
                status=RiskStatus.HANDLING,
            ),
            Uncertainty(
                kind=RiskKind.OPPORTUNITY,
                title="Flere brukere enn måltallet på 40 prosent",
                probability=3,
                consequence=3,
                owner="owner",
            ),
        ],
        log=[
            Entry(
                author="leader",
                kind=LogKind.DEVIATION,
                title="Tallene i gevinstberegningen stemmer ikke med hverandre",
                description="Kostnad per dag og per år gir ikke samme sum for 33 brukere.",
                occurred_on=date(2018, 3, 1),
                consequence="Gevinsten kan ikke følges opp før beregningen er rettet.",
                lesson="Regn gevinsten fra inndataene og kontroller summene før beslutningen.",
            ),
        ],
    ),
    # Kvikktest Øyriket (audit §5.3.4): classed as Smartby, waiting for the Smartby
    # chief's first decision for longer than a month.
    DemoProject(
        initiative="Kvikktest Øyriket",
        method="Smartbyprosessen",
        level="mindre",
        risk=2,
        criteria={
            "Teknologi": "Fem bedrifter tester digitale løsninger for besøkende i øyriket.",
            "Samarbeid": "Med Nordic Edge, næringsavdelingen og bedriftene.",
            "Innbyggerinvolvering": "Bedriftene tester løsningene sammen med brukerne.",
        },
        gates=[Gate(asked=40, decided=None, decider="direktor")],
    ),
    # Legevaktprosjektet: a large Prosjektveiviseren project whose mandate was approved with
    # conditions, then sent back at BP2. Its leader, from the digitalisation department, asks.
    DemoProject(
        initiative="Legevaktprosjektet",
        method="Prosjektveiviseren",
        level="stor",
        risk=4,
        gates=[
            Gate(
                asked=200,
                decided=180,
                decider="eier",
                outcome="approved_with_conditions",
                comment="E-helse skal overta systemansvaret; avklar driften i konseptfasen.",
            ),
            Gate(
                asked=60,
                decided=45,
                decider="eier",
                outcome="sent_back",
                comment="Konseptrapporten mangler hvem som drifter løsningene etter prosjektet.",
            ),
        ],
        log=[
            Entry(
                author="owner",
                kind=LogKind.CHANGE_REQUEST,
                title="E-helse overtar systemansvaret",
                occurred_on=30,
                consequence="Driftsavtale med IT og E-helse før BP2.",
            ),
        ],
    ),
    # A small improvement on the light method, its one page being written.
    DemoProject(
        initiative="Optimalisering av SvarUt",
        method="Lett metode for små forbedringer",
        level="liten",
        risk=1,
        documents_written=True,
    ),
]


def build_projects_demo(stavanger: Municipality) -> None:
    """Four of Stavanger's demo initiatives on four methods, at different gates."""
    initiatives = {i.name: i for i in Initiative.objects.filter(municipality=stavanger)}
    today = timezone.localdate()
    for project in PROJECTS:
        _build(initiatives[project.initiative], project, today)


def _build(initiative: Initiative, project: DemoProject, today: date) -> None:
    _enrol(initiative, project)
    for gate in project.gates:
        _gate(initiative, gate, today)
    if project.documents_written:
        _fill_documents(initiative)
    for seat in project.board:
        board_member_add(
            actor=_person(initiative, "leader"),
            initiative=initiative,
            person=_person(initiative, seat.person),
            role=seat.role,
            note=seat.note,
        )
    for uncertainty in project.uncertainties:
        _uncertainty(initiative, uncertainty, _person(initiative, "leader"))
    for entry in project.log:
        _entry(initiative, entry, today)


def _person(initiative: Initiative, who: Person) -> User:
    roles = {"leader": initiative.project_leader, "owner": initiative.project_owner}
    if who not in roles:
        return User.objects.get(username=who)
    person = roles[who]
    assert person is not None, f"{initiative.name} has no project {who}"
    return person


def _day(day: Day, today: date) -> date:
    return day if isinstance(day, date) else today - timedelta(days=day)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _version(municipality: Municipality, method: str) -> MethodVersion:
    return MethodVersion.objects.get(
        method=Method.objects.get(municipality=municipality, name=method), is_current=True
    )


def _enrol(initiative: Initiative, project: DemoProject) -> ProjectMethod:
    version = _version(initiative.municipality, project.method)
    answers = {c.pk: project.criteria[c.name] for c in version.criteria.all()}
    return project_method_set(
        actor=initiative.project_leader or initiative.project_owner,
        initiative=initiative,
        version=version,
        level=version.levels.get(code=project.level),
        risk=project.risk,
        criteria=answers,
    )


def _fill_documents(initiative: Initiative, written: date | None = None) -> None:
    """Give each document the current phase requires a version written in the app (on
    ``written``), drawn from the initiative's own description."""
    run = ProjectMethod.objects.get(initiative=initiative)
    actor = initiative.project_leader or initiative.project_owner
    for row in required_documents(run):
        if not row.is_missing:
            continue
        document = project_document_open(
            actor=actor, initiative=initiative, requirement=row.requirement
        )
        keys = [heading.key for heading in headings(row.requirement.document_type)]
        texts = [initiative.need, initiative.short_description]
        content = {key: text for key, text in zip(keys, texts, strict=False) if text}
        version = document_version_create(actor=actor, document=document, content=content)
        if written is not None:
            DocumentVersion.objects.filter(pk=version.pk).update(created_at=_at(written))


def _gate(initiative: Initiative, gate: Gate, today: date) -> None:
    """Ask for the decision ending the current phase and, if decided, decide it; the dates are
    moved to when the audit tells it happened."""
    asked = _day(gate.asked, today)
    _fill_documents(initiative, written=asked - timedelta(days=7))
    asker = (
        initiative.project_leader or initiative.project_owner
        if gate.asker == "leader"
        else _person(initiative, gate.asker)
    )
    request = decision_request_create(actor=asker, initiative=initiative)
    DecisionRequest.objects.filter(pk=request.pk).update(requested_at=_at(asked))
    if gate.decided is None:
        return
    decided = _day(gate.decided, today)
    decision = decision_make(
        actor=User.objects.get(username=gate.decider),
        request=request,
        outcome=gate.outcome,
        comment=gate.comment,
    )
    Decision.objects.filter(pk=decision.pk).update(decided_at=_at(decided))
    LogEntry.objects.filter(decision=decision).update(occurred_on=decided)


def _uncertainty(initiative: Initiative, uncertainty: Uncertainty, actor: User) -> None:
    risk_create(
        actor=actor,
        initiative=initiative,
        kind=uncertainty.kind,
        title=uncertainty.title,
        description=uncertainty.description,
        probability=uncertainty.probability,
        consequence=uncertainty.consequence,
        owner=_person(initiative, uncertainty.owner),
        measures=uncertainty.measures,
        status=uncertainty.status,
    )


def _entry(initiative: Initiative, entry: Entry, today: date) -> None:
    author = _person(initiative, entry.author)
    written = log_entry_create(
        actor=author,
        initiative=initiative,
        kind=entry.kind,
        title=entry.title,
        description=entry.description,
        occurred_on=_day(entry.occurred_on, today),
        consequence=entry.consequence,
    )
    if entry.lesson:
        lesson_from_log_entry(actor=author, entry=written, learned=entry.lesson)
