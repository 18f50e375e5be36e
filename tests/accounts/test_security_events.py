"""The security log (helhet.core.security_log, one JSON line per event): logins that work and
fail, the lock-out, roles given, changed and taken away, API tokens made and revoked, each with
who and from where, and never a password or a token's secret."""

import datetime
import re
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from helhet.accounts.models import ApiToken, Membership, User
from helhet.accounts.roles import Role
from helhet.organization.models import Municipality
from tests.benefits.overview_helpers import initiative
from tests.conftest import membership_of
from tests.files.helpers import exported

Events = Callable[[], list[dict[str, Any]]]


def _of(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [event for event in events if event["event"] == kind]


def test_logins_failures_and_the_lock_out_are_logged_once_each(
    demo: dict[str, Municipality], security_log: Events
) -> None:
    Client().post("/logg-inn/", {"username": "admin", "password": "demo"})
    for _attempt in range(6):  # the limit is 5: the fifth locks, the sixth is refused as locked
        Client().post("/logg-inn/", {"username": "leser", "password": "Gjett-1234"})

    events = security_log()
    assert [e["event"] for e in events].count("login.ok") == 1
    ok = _of(events, "login.ok")[0]
    assert (ok["username"], ok["address"]) == ("admin", "127.0.0.1")
    assert ok["user_id"] == User.objects.get(username="admin").pk
    failed = _of(events, "login.failed")
    assert len(failed) == 6
    assert {e["username"] for e in failed} == {"leser"}
    assert [e["locked"] for e in failed] == [False] * 4 + [True, True]
    (locked_out,) = _of(events, "login.locked_out")
    assert (locked_out["username"], locked_out["failures"]) == ("leser", 5)
    assert "Gjett-1234" not in str(events)
    assert all(e["time"].endswith("+00:00") and e["level"] == "info" for e in events)


def test_roles_given_changed_and_taken_away_are_logged_with_who_did_it(
    login: Callable[[str], Client],
    security_log: Events,
    django_capture_on_commit_callbacks: Any,
) -> None:
    admin = login("admin")
    reader = membership_of("leser")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            "/personer/ny/",
            {"username": "ny.person", "password": "Lang-nok-2026", "role": Role.READER},
        )
        admin.post(f"/personer/{reader.pk}/endre/", {"role": Role.PROJECT_LEADER, "title": ""})
        admin.post(f"/personer/{reader.pk}/endre/", {"role": Role.PROJECT_LEADER, "title": "X"})
        admin.post(f"/personer/{reader.pk}/fjern/")

    changes = _of(security_log(), "role.changed")
    assert [(c["member_username"], c["old_role"], c["new_role"]) for c in changes] == [
        ("ny.person", None, Role.READER),
        ("leser", Role.READER, Role.PROJECT_LEADER),  # the title alone is no role change
        ("leser", Role.PROJECT_LEADER, None),
    ]
    admin_id = User.objects.get(username="admin").pk
    assert {c["actor_id"] for c in changes} == {admin_id}
    assert {c["municipality_id"] for c in changes} == {reader.municipality_id}
    assert not Membership.objects.filter(pk=reader.pk).exists()


def test_api_tokens_made_and_revoked_are_logged_without_the_secret(
    login: Callable[[str], Client], security_log: Events, django_capture_on_commit_callbacks: Any
) -> None:
    client = login("leser")
    expires = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            "/konto/api-nokler/", {"name": "Power BI", "scope": "read", "expires_on": expires}
        ).content.decode()
        token = ApiToken.objects.get()
        client.post(f"/konto/api-nokler/{token.pk}/trekk-tilbake/")

    events = security_log()
    (made,) = _of(events, "api_token.created")
    (revoked,) = _of(events, "api_token.revoked")
    reader = User.objects.get(username="leser").pk
    assert (made["token_id"], made["token_user_id"], made["actor_id"]) == (token.pk, reader, reader)
    assert (made["scope"], made["expires_on"]) == ("read", expires)
    assert (revoked["token_id"], revoked["actor_id"]) == (token.pk, reader)
    key = re.search(r"(hh_[A-Za-z0-9_-]{20,})", page)
    assert key is not None
    assert key.group(1) not in str(events)
    assert token.key_hash not in str(events)


def test_every_export_that_lists_people_is_logged_with_who_and_which(
    login: Callable[[str], Client], stavanger: Municipality, security_log: Events
) -> None:
    """The portfolio (project owners and leaders), a benefits plan (who is responsible, who
    recorded) and the maturity plan (who is responsible for each step) name people."""
    plan = initiative(stavanger, "Digital trygghetsalarm")
    client = login("portefolje")
    # Made on the job queue (logged when made, with no address, and when fetched).
    for path in ["/portefolje/eksport/xlsx/", "/portefolje/eksport/csv/"]:
        exported(client, path)
    paths = [
        f"/gevinster/tiltak/{plan.pk}/gevinstplan.xlsx",
        f"/gevinster/tiltak/{plan.pk}/gevinstplan.pdf",
    ]
    for path in paths:
        assert client.get(path).status_code == 200, path
    for path in ["/tjenester/plan/eksport/xlsx/", "/tjenester/plan/eksport/pdf/"]:
        exported(client, path)

    exports = _of(security_log(), "export.personal_data")
    assert [(e["export"], e.get("via")) for e in exports] == [
        ("portfolio.xlsx", "job"),
        ("portfolio.xlsx", "download"),
        ("portfolio.csv", "job"),
        ("portfolio.csv", "download"),
        ("benefits_plan.xlsx", None),
        ("benefits_plan.pdf", None),
        ("maturity_plan.xlsx", "job"),
        ("maturity_plan.xlsx", "download"),
        ("maturity_plan.pdf", "job"),
        ("maturity_plan.pdf", "download"),
    ]
    user = User.objects.get(username="portefolje").pk
    assert {(e["user_id"], e["municipality_id"]) for e in exports} == {(user, stavanger.pk)}
    assert all(e["filename"] for e in exports)
    assert all(e["address"] == "127.0.0.1" for e in exports if e.get("via") != "job")


def test_a_role_changed_in_django_admin_is_logged_too(
    demo: dict[str, Municipality], security_log: Events, django_capture_on_commit_callbacks: Any
) -> None:
    superuser = User.objects.create_superuser("drift", password="Lang-nok-2026")
    client = Client()
    client.force_login(superuser)
    reader = membership_of("leser")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/django-admin/accounts/membership/{reader.pk}/change/",
            {
                "user": reader.user_id,
                "municipality": reader.municipality_id,
                "role": Role.ADMIN,
                "unit": reader.unit_id or "",
                "title": reader.title,
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]

    (change,) = _of(security_log(), "role.changed")
    assert (change["old_role"], change["new_role"], change["via"]) == (
        Role.READER,
        Role.ADMIN,
        "django-admin",
    )
    assert change["actor_id"] == superuser.pk
