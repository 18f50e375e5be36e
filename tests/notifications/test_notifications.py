"""Notifications: who gets them, the bell and the list, e-mail at once / in the digest / not at
all as each person chooses, the API, and another person's or municipality's staying unseen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helhet.accounts.models import User
from helhet.core.scheduler import enqueue_due_jobs
from helhet.notifications.models import Delivery, Kind, Notification
from helhet.notifications.services import notification_send
from helhet.notifications.tasks import send_daily_digests
from helhet.organization.models import Municipality
from tests.notifications.helpers import run_waiting_jobs


def _person(username: str) -> User:
    return User.objects.get(username=username)


def _send(stavanger: Municipality, kind: Kind, text: str, *usernames: str, actor: str = "") -> None:
    notification_send(
        recipients=[_person(name) for name in usernames],
        actor=_person(actor) if actor else None,
        municipality=stavanger,
        kind=kind,
        text=text,
        link="/prosjekter/",
    )


def test_a_notification_reaches_the_members_named_never_the_one_who_acted_and_is_read_in_the_list(
    stavanger: Municipality, login: Callable[[str], Client], settings: object
) -> None:
    settings.HELHET_BASE_URL = "https://helhet.stavanger.example"  # type: ignore[attr-defined]
    _send(
        stavanger,
        Kind.DECISION_WAITING,
        "Trygghetsalarm venter på din beslutning",
        "direktor",
        "eier",
        "bergen-admin",  # not a member of Stavanger
        actor="eier",
    )
    assert [n.recipient.username for n in Notification.objects.all()] == ["direktor"]

    # A decision waiting is e-mailed at once by default, by a job, with a whole link.
    assert mail.outbox == []
    assert run_waiting_jobs() == ["helhet.notifications.tasks.email_notification"]
    (email,) = mail.outbox
    assert email.to == [_person("direktor").email]
    assert email.subject == "Helhet: En beslutning venter på deg"
    assert "https://helhet.stavanger.example/prosjekter/" in email.body
    assert "https://helhet.stavanger.example/varsler/innstillinger/" in email.body

    client = login("direktor")
    home = client.get("/").content.decode()
    assert 'class="hh-bell__count">1<' in home
    page = client.get("/varsler/").content.decode()
    assert "Trygghetsalarm venter på din beslutning" in page
    notification = Notification.objects.get()
    response = client.post("/varsler/", {"read": str(notification.pk)})
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "hh-bell__count" not in client.get("/").content.decode()

    # Nobody marks another's notification read: it does not exist for them.
    assert login("eier").post("/varsler/", {"read": str(notification.pk)}).status_code == 404


def test_mark_all_read_in_the_list_and_in_the_api(
    stavanger: Municipality,
    login: Callable[[str], Client],
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    for number in range(3):
        _send(stavanger, Kind.IDEA_STATUS, f"Idé {number} er vurdert", "leser")
    headers = api_headers("leser")
    answer = Client().get("/api/v1/notifications?unread=true", headers=headers).json()
    assert answer["count"] == 3
    assert answer["results"][0]["text"] == "Idé 2 er vurdert"
    assert answer["results"][0]["kind"] == "idea_status"
    first = answer["results"][2]["id"]
    read = Client().post(f"/api/v1/notifications/{first}/read", headers=headers)
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    marked = Client().post("/api/v1/notifications/read-all", headers=headers).json()
    assert marked == {"marked": 2}
    assert login("leser").post("/varsler/", {"read": "all"}).status_code == 302
    assert not Notification.objects.unread().exists()
    other = Client().post(f"/api/v1/notifications/{first}/read", headers=api_headers("direktor"))
    assert other.status_code == 404


def test_the_chosen_e_mail_off_sends_none_and_the_digest_gathers_a_day_in_one_e_mail(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("eier").post(
        "/varsler/innstillinger/",
        {**{kind.value: Delivery.DIGEST for kind in Kind}, Kind.DECISION_WAITING: Delivery.OFF},
    )
    assert response.status_code == 302
    _send(stavanger, Kind.DECISION_WAITING, "Beslutning venter", "eier")
    _send(stavanger, Kind.DECISION_MADE, "Trygghetsalarm ble godkjent", "eier")
    _send(stavanger, Kind.FUND_DECIDED, "Søknaden fikk 400 000 kr", "eier")
    _send(stavanger, Kind.OVERLAP_FLAGGED, "Mulig overlapp med Bergen", "eier")
    Notification.objects.filter(text__startswith="Mulig").update(read_at=timezone.now())
    assert run_waiting_jobs() == []  # nothing e-mailed at once

    # The digest at 07:00, enqueued by the scheduler and run by the worker.
    tomorrow_seven = timezone.localtime().replace(hour=7, minute=1) + timedelta(days=1)
    assert "daily_digest" in enqueue_due_jobs(now=tomorrow_seven)
    run_waiting_jobs()
    (digest,) = [email for email in mail.outbox if email.to == [_person("eier").email]]
    assert digest.subject == "Helhet: 2 nye varsler"
    assert "Trygghetsalarm ble godkjent" in digest.body
    assert "Søknaden fikk 400 000 kr" in digest.body
    assert "Beslutning venter" not in digest.body  # off
    assert "Mulig overlapp" not in digest.body  # read already
    mail.outbox.clear()
    assert send_daily_digests.call() == 0  # the next day's digest starts afresh


@pytest.mark.parametrize("count", [1, 30])
def test_the_bell_costs_the_same_queries_for_one_unread_notification_as_for_thirty(
    count: int, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    for number in range(count):
        _send(stavanger, Kind.MEASUREMENT_DUE, f"Måling {number}", "gevinsteier")
    client = login("gevinsteier")
    client.get("/varsler/")  # the session and the language settled
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/varsler/").content.decode()
    assert f'class="hh-bell__count">{count}<' in page
    assert len(queries) == EXPECTED_QUERIES, "\n".join(
        q["sql"][:80] for q in queries.captured_queries
    )


# The list page with the bell: the session, the person, the membership, the page's count, the
# bell's count, the main menu's other memberships (and their person), the page's rows.
EXPECTED_QUERIES = 8
