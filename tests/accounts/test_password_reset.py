"""Reset by e-mail (Django's PasswordResetView and friends): the mail is Norwegian, the link sets
a new password once, and the page never tells whether an address is known."""

import re
from typing import Any

from django.core import mail
from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality

NEW_PASSWORD = "Vindmølle-Hundvåg-42"
LESER_EMAIL = "leser@stavanger.kommune.example"


def _ask(email: str) -> Any:
    return Client().post("/passord/glemt/", {"email": email})


def _link_in_mail() -> str:
    found = re.search(r"http://testserver(/passord/nytt/\S+/)", str(mail.outbox[-1].body))
    assert found, mail.outbox[-1].body
    return found.group(1)


def test_the_login_page_links_to_the_reset(demo: dict[str, Municipality]) -> None:
    assert 'href="/passord/glemt/"' in Client().get("/logg-inn/").content.decode()


def test_a_known_address_gets_a_norwegian_mail_with_a_link(
    demo: dict[str, Municipality],
) -> None:
    response = _ask(LESER_EMAIL)

    assert (response.status_code, response["Location"]) == (302, "/passord/glemt/sendt/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [LESER_EMAIL]
    assert "Nytt passord" in message.subject
    assert "Brukernavnet ditt er leser" in message.body


def test_an_unknown_address_answers_exactly_like_a_known_one(
    demo: dict[str, Municipality],
) -> None:
    known = _ask(LESER_EMAIL)
    unknown = _ask("ingen@stavanger.kommune.example")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    page = Client().get("/passord/glemt/sendt/").content.decode()
    assert "Hvis adressen hører til en bruker" in page


def test_the_link_sets_a_new_password_that_logs_in(demo: dict[str, Municipality]) -> None:
    _ask(LESER_EMAIL)
    client = Client()
    form_page = client.get(_link_in_mail(), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]

    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert (response.status_code, response["Location"]) == (302, "/passord/nytt/ferdig/")
    assert User.objects.get(username="leser").check_password(NEW_PASSWORD)


def test_the_new_password_must_pass_the_validators(demo: dict[str, Municipality]) -> None:
    _ask(LESER_EMAIL)
    client = Client()
    set_url = client.get(_link_in_mail(), follow=True).redirect_chain[-1][0]

    response = client.post(set_url, {"new_password1": "demo", "new_password2": "demo"})

    assert response.status_code == 400
    assert "Passordet er for kort. Bruk minst 8 tegn." in response.content.decode()
    assert User.objects.get(username="leser").check_password("demo")


def test_the_link_works_only_once(demo: dict[str, Municipality]) -> None:
    _ask(LESER_EMAIL)
    link = _link_in_mail()
    client = Client()
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)

    assert "Lenken er ikke gyldig" in again.content.decode()


def test_a_reset_clears_a_forced_change(demo: dict[str, Municipality]) -> None:
    User.objects.filter(username="leser").update(must_change_password=True)
    _ask(LESER_EMAIL)
    client = Client()
    set_url = client.get(_link_in_mail(), follow=True).redirect_chain[-1][0]

    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert not User.objects.get(username="leser").must_change_password
