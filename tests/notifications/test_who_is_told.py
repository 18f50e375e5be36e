"""Each kind of notification reaches the right people from the service that owns the change, and
never the one who acted: a decision waiting, a decision made (sent back with its reason), an
idea's status, a fund application decided, an overlap found, and the daily jobs' measurements due
and status reports overdue."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from helhet.benefits.tasks import send_measurement_reminders
from helhet.fund.models import DecisionOutcome as FundOutcome
from helhet.fund.services.decisions import application_decide
from helhet.ideas.selectors import criteria_set_for_unit
from helhet.ideas.services.ideas import idea_reject, idea_score
from helhet.learning.services.overlaps import overlap_judge
from helhet.methodology.models import DecisionRequest
from helhet.notifications.models import Delivery, Kind, Notification
from helhet.notifications.tasks import send_daily_digests
from helhet.organization.models import Municipality
from helhet.portfolio.models import StatusReport
from helhet.portfolio.tasks import remind_overdue_status_reports
from helhet.projects.services.gates import decision_make
from tests.benefits.helpers import indicator
from tests.fund.decision_helpers import application, assessed
from tests.ideas.helpers import person, submit
from tests.notifications.helpers import run_waiting_jobs
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db


def _told(kind: Kind) -> list[tuple[str, str]]:
    return [
        (n.recipient.username, n.text)
        for n in Notification.objects.filter(kind=kind).order_by("recipient__username", "pk")
    ]


def test_a_gate_tells_the_decider_it_waits_and_the_project_it_was_sent_back_and_why(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)  # asked by nobody (the system)
    assert _told(Kind.DECISION_WAITING) == [
        ("eier", "Trygghetsalarm venter på din beslutning: Godkjenne mandat for konseptfasen.")
    ]
    (waiting,) = Notification.objects.filter(kind=Kind.DECISION_WAITING)
    assert waiting.link == f"/prosjekter/{initiative.pk}/beslutt/"

    decision_make(
        actor=person("eier"),
        request=DecisionRequest.objects.get(initiative=initiative, status="pending"),
        outcome="sent_back",
        comment="Gevinstene må tallfestes.",
    )
    # The owner decided: only the leader is told, with the reason.
    assert _told(Kind.DECISION_MADE) == [
        (
            "prosjektleder",
            "Trygghetsalarm, Godkjenne mandat for konseptfasen: Sendt tilbake. "
            "Begrunnelse: Gevinstene må tallfestes.",
        )
    ]


def test_an_idea_tells_its_submitter_when_screening_starts_and_when_rejected(
    stavanger: Municipality,
) -> None:
    idea = submit(stavanger, by="leser")
    office = person("portefolje")
    criteria = criteria_set_for_unit(idea.unit).criteria.all()  # type: ignore[union-attr]
    idea_score(actor=office, idea=idea, scores={criterion.pk: 4 for criterion in criteria})
    idea_reject(actor=office, idea=idea, reason="Løses av den nye journalløsningen.")
    assert _told(Kind.IDEA_STATUS) == [
        ("leser", "Ideen din «Digital innsjekk på legevakten» har nå status: Under vurdering."),
        (
            "leser",
            "Ideen din «Digital innsjekk på legevakten» har nå status: Avvist. "
            "Begrunnelse: Løses av den nye journalløsningen.",
        ),
    ]


def test_a_fund_decision_tells_the_applicant_and_the_initiatives_owner_the_amount(
    stavanger: Municipality,
) -> None:
    made = assessed(application(stavanger, years={2027: "1000000", 2028: "500000"}))
    application_decide(
        actor=person("direktor"),
        application=made,
        outcome=FundOutcome.GRANTED,
        case_reference="26/1234",
    )
    text = (
        "Søknaden fra Trådløst nett på sykehjemmene til Digitaliseringsfondet: Innvilget i sin "
        "helhet. Innvilget beløp: 1\xa0500\xa0000 kr."
    )
    assert _told(Kind.FUND_DECIDED) == [("eier", text), ("prosjektleder", text)]


def test_an_overlap_found_tells_both_initiatives_owners_and_leaders_not_the_judge(
    stavanger: Municipality,
) -> None:
    first = project(stavanger, "Digital nattlig tilsyn", method=None)
    second = project(stavanger, "Kamera i nattilsyn", owner="direktor", leader="admin", method=None)
    overlap_judge(actor=person("portefolje"), first=first, second=second, verdict="related")
    told = _told(Kind.OVERLAP_FLAGGED)
    assert [username for username, _text in told] == [
        "admin",
        "direktor",
        "eier",
        "prosjektleder",
    ]
    assert told[2][1] == (
        "Porteføljekontoret har funnet at Digital nattlig tilsyn overlapper med Kamera i "
        "nattilsyn: beslektet."
    )
    overlap_judge(
        actor=person("portefolje"),
        first=first,
        second=project(stavanger, "Annet", method=None),
        verdict="not_overlap",
    )
    assert len(_told(Kind.OVERLAP_FLAGGED)) == 4


def test_the_morning_jobs_remind_of_status_reports_and_measurements_once_until_read(
    stavanger: Municipality,
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", method=None)
    StatusReport.objects.filter(initiative=initiative).delete()
    indicator(stavanger)  # the dispensers' visits a day, owned by gevinsteier, measured long ago
    remind_overdue_status_reports.enqueue()
    send_measurement_reminders.enqueue()
    run_waiting_jobs()
    assert (
        "prosjektleder",
        "Trygghetsalarm har ikke hatt noen statusrapport på over 30 dager.",
    ) in _told(Kind.STATUS_REPORT_OVERDUE)
    ((owner, text),) = _told(Kind.MEASUREMENT_DUE)
    assert owner == "gevinsteier"
    assert text.startswith(
        "1 gevinstmåling skal registreres: Medisindispensere – Besøk per dag (forfalt siden "
    )
    assert Notification.objects.get(kind=Kind.MEASUREMENT_DUE).link == "/gevinster/mine/"
    before = Notification.objects.count()
    remind_overdue_status_reports.enqueue()
    send_measurement_reminders.enqueue()
    run_waiting_jobs()
    assert Notification.objects.count() == before  # the last reminders are unread still


def _page(client: Client, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get("/varsler/").content.decode()


def test_each_reader_reads_a_notification_in_their_language_and_an_old_one_as_it_was_written(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = project(stavanger, "Trygghetsalarm", pending=True)
    decision_make(
        actor=person("eier"),
        request=DecisionRequest.objects.get(initiative=initiative, status="pending"),
        outcome="sent_back",
        comment="Gevinstene må tallfestes.",
    )
    indicator(stavanger)
    send_measurement_reminders.call()
    # Written before notifications kept their message: only its bokmål text is there.
    Notification.objects.create(
        municipality=stavanger,
        recipient=person("gevinsteier"),
        kind=Kind.MEASUREMENT_DUE,
        text="En eldre påminnelse på bokmål.",
        delivery=Delivery.DIGEST,
    )

    leader = login("prosjektleder")
    decided = "Trygghetsalarm, Godkjenne mandat for konseptfasen: {}: Gevinstene må tallfestes."
    assert decided.format("Sendt tilbake. Begrunnelse") in _page(leader, "nb")
    assert decided.format("Sent back. The reason") in _page(leader, "en")
    owner = login("gevinsteier")
    english = _page(owner, "en")
    assert "1 benefit measurement to record: Medisindispensere – Besøk per dag (overdue since " in (
        english
    )
    assert "En eldre påminnelse på bokmål." in english
    assert "1 gevinstmåling skal registreres: Medisindispensere" in _page(owner, "nb")

    # The digest is written in bokmål (Helhet knows a person's language only in a request).
    send_daily_digests.call()
    (digest,) = [m for m in mail.outbox if m.to == [person("gevinsteier").email]]
    assert "1 gevinstmåling skal registreres: Medisindispensere – Besøk per dag (forfalt" in (
        digest.body
    )
