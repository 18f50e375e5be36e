"""The login page, and the lock-out after repeated wrong passwords (django-axes)."""

from django.conf import settings as django_settings
from django.test import Client
from pytest_django.fixtures import Settings

from helhet.organization.models import Municipality


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_logs_in_and_opens_the_start_page(demo: dict[str, Municipality]) -> None:
    client = Client()
    response = client.post("/logg-inn/", {"username": "admin", "password": "demo"})

    assert (response.status_code, response["Location"]) == (302, "/")
    assert _logged_in(client)


def test_after_login_the_person_returns_to_the_page_they_asked_for(
    demo: dict[str, Municipality],
) -> None:
    response = Client().post(
        "/logg-inn/", {"username": "admin", "password": "demo", "next": "/organisasjon/"}
    )
    assert response["Location"] == "/organisasjon/"


def test_login_never_sends_the_person_to_another_site(demo: dict[str, Municipality]) -> None:
    response = Client().post(
        "/logg-inn/",
        {"username": "admin", "password": "demo", "next": "https://angriper.example/"},
    )
    assert response["Location"] == "/"


def test_a_wrong_password_answers_400_and_keeps_the_username(
    demo: dict[str, Municipality],
) -> None:
    client = Client()
    response = client.post("/logg-inn/", {"username": "admin", "password": "Demo"})

    assert response.status_code == 400
    assert 'value="admin"' in response.content.decode()
    assert not _logged_in(client)


def test_an_unknown_username_answers_like_a_wrong_password(
    demo: dict[str, Municipality],
) -> None:
    wrong_password = Client().post("/logg-inn/", {"username": "admin", "password": "feil"})
    unknown_user = Client().post("/logg-inn/", {"username": "ingen", "password": "feil"})
    assert wrong_password.status_code == unknown_user.status_code == 400
    assert (
        wrong_password.context["form"].non_field_errors()
        == unknown_user.context["form"].non_field_errors()
    )


def test_the_login_page_lists_the_demo_logins_only_in_development(
    demo: dict[str, Municipality], settings: Settings
) -> None:
    settings.DEBUG = True
    assert "bergen-admin" in Client().get("/logg-inn/").content.decode()
    settings.DEBUG = False
    assert "bergen-admin" not in Client().get("/logg-inn/").content.decode()


def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(
    demo: dict[str, Municipality],
) -> None:
    assert django_settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _attempt in range(5):
        client.post("/logg-inn/", {"username": "admin", "password": "feil"})

    response = client.post("/logg-inn/", {"username": "admin", "password": "demo"})

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert not _logged_in(client)


def test_four_wrong_passwords_do_not_lock_the_login(demo: dict[str, Municipality]) -> None:
    client = Client()
    for _attempt in range(4):
        client.post("/logg-inn/", {"username": "admin", "password": "feil"})

    response = client.post("/logg-inn/", {"username": "admin", "password": "demo"})

    assert response.status_code == 302
    assert _logged_in(client)


def test_a_locked_login_does_not_lock_other_people(demo: dict[str, Municipality]) -> None:
    client = Client()
    for _attempt in range(5):
        client.post("/logg-inn/", {"username": "admin", "password": "feil"})

    response = client.post("/logg-inn/", {"username": "leser", "password": "demo"})

    assert response.status_code == 302


SPRAYED_USERS = ["admin", "portefolje", "leder", "prosjekteier", "prosjektleder", "gevinsteier"]


def _spray(client: Client, users: list[str], per_user: int) -> None:
    for username in users:
        for _attempt in range(per_user):
            client.post("/logg-inn/", {"username": username, "password": "Sommer2026!"})


def test_wrong_passwords_spread_over_many_users_lock_the_address(
    demo: dict[str, Municipality],
) -> None:
    """Password spraying: 4 wrong passwords for each of 6 users (24 in all, never 5 for one user)
    from one address lock that address, also for a person with the right password."""
    client = Client()
    _spray(client, SPRAYED_USERS, per_user=4)

    response = client.post("/logg-inn/", {"username": "leser", "password": "demo"})

    assert response.status_code == 429
    assert "for mange feil passord fra denne adressen" in response.content.decode()
    assert not _logged_in(client)


def test_an_address_locked_for_spraying_does_not_lock_other_addresses(
    demo: dict[str, Municipality],
) -> None:
    _spray(Client(REMOTE_ADDR="203.0.113.7"), SPRAYED_USERS, per_user=4)

    response = Client(REMOTE_ADDR="198.51.100.20").post(
        "/logg-inn/", {"username": "leser", "password": "demo"}
    )

    assert response.status_code == 302


def test_the_address_limit_is_a_setting(demo: dict[str, Municipality], settings: Settings) -> None:
    assert django_settings.HELHET_LOGIN_ADDRESS_FAILURE_LIMIT == 20
    settings.HELHET_LOGIN_ADDRESS_FAILURE_LIMIT = 40
    client = Client()
    _spray(client, SPRAYED_USERS, per_user=4)

    response = client.post("/logg-inn/", {"username": "leser", "password": "demo"})

    assert response.status_code == 302


def test_a_successful_login_does_not_clear_the_address_count(
    demo: dict[str, Municipality],
) -> None:
    """An attacker with one valid login cannot reset the address's count by using it."""
    client = Client()
    _spray(client, SPRAYED_USERS[:3], per_user=4)
    Client().post("/logg-inn/", {"username": "leser", "password": "demo"})
    _spray(client, SPRAYED_USERS[3:], per_user=4)

    response = client.post("/logg-inn/", {"username": "leser", "password": "demo"})

    assert response.status_code == 429


def test_behind_a_proxy_the_lockout_counts_the_client_address(
    demo: dict[str, Municipality], settings: Settings
) -> None:
    """With HELHET_PROXY_COUNT=1 the address is the one the reverse proxy adds to
    X-Forwarded-For, so one client's spraying does not lock everyone behind the proxy."""
    settings.HELHET_PROXY_COUNT = 1
    sprayer = Client(headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.7"})
    _spray(sprayer, SPRAYED_USERS, per_user=4)

    colleague = Client(headers={"X-Forwarded-For": "203.0.113.8"})
    response = colleague.post("/logg-inn/", {"username": "leser", "password": "demo"})

    assert response.status_code == 302
    assert sprayer.post("/logg-inn/", {"username": "leser", "password": "demo"}).status_code == 429
