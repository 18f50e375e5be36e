"""Demo projects on their methods, for Stavanger's demo portfolio: where each stands, the documents
its gates needed, the decisions made (dated as the audit tells the story), what waits now, and a
project board, uncertainties and a log with lessons. Built through the services, as a user would,
after the portfolio demo (``helhet.demo.portfolio``)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from helhet.accounts.models import User
from helhet.documents.models import DocumentVersion
from helhet.documents.selectors import required_documents
from helhet.documents.services import (
    document_not_relevant_mark,
    document_version_create,
    project_document_open,
)
from helhet.documents.structure import headings
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
from helhet.projects.services.log import log_entry_create, log_entry_mark_lesson
from helhet.projects.services.risks import risk_create


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _version(municipality: Municipality, method: str) -> MethodVersion:
    return MethodVersion.objects.get(
        method=Method.objects.get(municipality=municipality, name=method), is_current=True
    )


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _enrol(
    initiative: Initiative,
    method: str,
    level: str,
    risk: int,
    criteria: dict[str, str] | None = None,
) -> ProjectMethod:
    version = _version(initiative.municipality, method)
    answers = {c.pk: (criteria or {})[c.name] for c in version.criteria.all()}
    return project_method_set(
        actor=initiative.project_leader or initiative.project_owner,
        initiative=initiative,
        version=version,
        level=version.levels.get(code=level),
        risk=risk,
        criteria=answers,
    )


def _fill_documents(
    initiative: Initiative, written: date | None = None, not_relevant: dict[str, str] | None = None
) -> None:
    """Give each document the current phase requires a version written in the app (on
    ``written``), drawn from the initiative's own description, or mark it not relevant with the
    reason given."""
    run = ProjectMethod.objects.get(initiative=initiative)
    actor = initiative.project_leader or initiative.project_owner
    for row in required_documents(run):
        if not row.is_missing:
            continue
        document = project_document_open(
            actor=actor, initiative=initiative, requirement=row.requirement
        )
        reason = (not_relevant or {}).get(row.requirement.name)
        if reason is not None:
            document_not_relevant_mark(actor=actor, document=document, reason=reason)
            continue
        keys = [heading.key for heading in headings(row.requirement.document_type)]
        texts = [initiative.need, initiative.short_description]
        content = {key: text for key, text in zip(keys, texts, strict=False) if text}
        version = document_version_create(actor=actor, document=document, content=content)
        if written is not None:
            DocumentVersion.objects.filter(pk=version.pk).update(created_at=_at(written))


def _gate(
    initiative: Initiative,
    *,
    asked: date,
    decided: date | None,
    decider: str,
    outcome: str = "approved",
    comment: str = "",
    **operation: object,
) -> None:
    """Ask for the decision ending the current phase on ``asked`` and, if ``decided``, decide it
    then; the dates are moved to when the audit tells it happened."""
    _fill_documents(initiative, written=asked - timedelta(days=7))
    request = decision_request_create(
        actor=initiative.project_leader or initiative.project_owner, initiative=initiative
    )
    DecisionRequest.objects.filter(pk=request.pk).update(requested_at=_at(asked))
    if decided is None:
        return
    decision = decision_make(
        actor=_user(decider),
        request=request,
        outcome=outcome,
        comment=comment,
        **operation,  # type: ignore[arg-type]
    )
    Decision.objects.filter(pk=decision.pk).update(decided_at=_at(decided))
    LogEntry.objects.filter(decision=decision).update(occurred_on=decided)


def build_projects_demo(stavanger: Municipality) -> None:
    """Four of Stavanger's demo initiatives on four methods, at different gates."""
    initiatives = {i.name: i for i in Initiative.objects.filter(municipality=stavanger)}
    today = timezone.localdate()
    _dispensers(initiatives["Medisindispensere"], today)
    _oyriket(initiatives["Kvikktest Øyriket"], today)
    _legevakt(initiatives["Legevaktprosjektet"], today)
    _svarut(initiatives["Optimalisering av SvarUt"])


def _dispensers(initiative: Initiative, today: date) -> None:
    """The medicine dispensers (audit lines 4948-5115): decided autumn 2016, implemented January
    to June 2017, in operation from July 2017; the handover to operation waits for its owner."""
    _enrol(initiative, "Implementering av velferdsteknologi", "middels", 3)
    _gate(initiative, asked=date(2016, 9, 1), decided=date(2016, 9, 20), decider="eier")
    _gate(initiative, asked=date(2016, 11, 15), decided=date(2016, 12, 1), decider="eier")
    _gate(
        initiative,
        asked=date(2017, 6, 1),
        decided=date(2017, 6, 20),
        decider="eier",
        outcome="approved_with_conditions",
        comment="Innføres i Hundvåg og Storhaug først; resten av hjemmetjenesten etter evaluering.",
    )
    _gate(initiative, asked=today - timedelta(days=12), decided=None, decider="eier")
    leader, owner = initiative.project_leader, initiative.project_owner
    assert leader is not None and owner is not None
    board_member_add(
        actor=leader, initiative=initiative, person=owner, role=BoardRole.PROJECT_OWNER
    )
    board_member_add(
        actor=leader, initiative=initiative, person=leader, role=BoardRole.PROJECT_LEADER
    )
    board_member_add(
        actor=leader,
        initiative=initiative,
        person=_user("gevinsteier"),
        role=BoardRole.BENEFITS_OWNER,
        note="Hjemmebaserte tjenester: tar ut gevinsten i færre besøk.",
    )
    risk_create(
        actor=leader,
        initiative=initiative,
        title="Gevinsten tas ikke ut i budsjettet",
        description="Frigjort tid i hjemmetjenesten forsvinner i andre oppgaver.",
        probability=4,
        consequence=4,
        owner=_user("gevinsteier"),
        measures="Gevinstrealiseringsplan med gevinsteier i linjen; måling hvert halvår.",
    )
    risk_create(
        actor=leader,
        initiative=initiative,
        title="Brukere faller fra dispenseren",
        probability=2,
        consequence=3,
        owner=leader,
        measures="Oppfølging av brukerne de første ukene.",
        status=RiskStatus.HANDLING,
    )
    risk_create(
        actor=leader,
        initiative=initiative,
        kind=RiskKind.OPPORTUNITY,
        title="Flere brukere enn måltallet på 40 prosent",
        probability=3,
        consequence=3,
        owner=owner,
    )
    deviation = log_entry_create(
        actor=leader,
        initiative=initiative,
        kind=LogKind.DEVIATION,
        title="Tallene i gevinstberegningen stemmer ikke med hverandre",
        description="Kostnad per dag og per år gir ikke samme sum for 33 brukere.",
        occurred_on=date(2018, 3, 1),
        consequence="Gevinsten kan ikke følges opp før beregningen er rettet.",
    )
    log_entry_mark_lesson(
        actor=leader,
        entry=deviation,
        lesson="Regn gevinsten fra inndataene og kontroller summene før beslutningen.",
    )


def _oyriket(initiative: Initiative, today: date) -> None:
    """Kvikktest Øyriket (audit lines 4784-4840): classed as Smartby, waiting for the Smartby
    chief's first decision for longer than a month."""
    _enrol(
        initiative,
        "Smartbyprosessen",
        "mindre",
        2,
        criteria={
            "Teknologi": "Fem bedrifter tester digitale løsninger for besøkende i øyriket.",
            "Samarbeid": "Med Nordic Edge, næringsavdelingen og bedriftene.",
            "Innbyggerinvolvering": "Bedriftene tester løsningene sammen med brukerne.",
        },
    )
    _gate(initiative, asked=today - timedelta(days=40), decided=None, decider="direktor")


def _legevakt(initiative: Initiative, today: date) -> None:
    """Legevaktprosjektet: a large Prosjektveiviseren project whose mandate was approved with
    conditions, then sent back at BP2."""
    _enrol(initiative, "Prosjektveiviseren", "stor", 4)
    _gate(
        initiative,
        asked=today - timedelta(days=200),
        decided=today - timedelta(days=180),
        decider="eier",
        outcome="approved_with_conditions",
        comment="E-helse skal overta systemansvaret; avklar driften i konseptfasen.",
    )
    _gate(
        initiative,
        asked=today - timedelta(days=60),
        decided=today - timedelta(days=45),
        decider="eier",
        outcome="sent_back",
        comment="Konseptrapporten mangler hvem som drifter løsningene etter prosjektet.",
    )
    log_entry_create(
        actor=initiative.project_owner,
        initiative=initiative,
        kind=LogKind.CHANGE_REQUEST,
        title="E-helse overtar systemansvaret",
        occurred_on=today - timedelta(days=30),
        consequence="Driftsavtale med IT og E-helse før BP2.",
    )


def _svarut(initiative: Initiative) -> None:
    """A small improvement on the light method, its one page being written."""
    _enrol(initiative, "Lett metode for små forbedringer", "liten", 1)
    _fill_documents(initiative)
