"""LanguageMiddleware: bokmål unless the person has chosen English in Helhet."""

import pytest
from django.conf import settings
from django.test import Client


def _language(client: Client, **headers: str) -> tuple[str, bool]:
    response = client.get("/logg-inn/", headers=headers)
    return response["Content-Language"], f'<html lang="{response["Content-Language"]}"' in (
        response.content.decode()
    )


def test_bokmal_is_the_default(db: None) -> None:
    assert _language(Client()) == ("nb", True)


def test_a_browser_set_up_in_english_still_gets_bokmal(db: None) -> None:
    assert _language(Client(), **{"Accept-Language": "en-GB,en;q=0.9"}) == ("nb", True)


def test_english_chosen_in_helhet_is_kept(db: None) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/logg-inn/"})
    assert _language(client) == ("en", True)


@pytest.mark.parametrize("cookie", ["de", "", "nb'; DROP", "en-us"])
def test_an_unknown_language_in_the_cookie_gives_bokmal(cookie: str, db: None) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    assert _language(client) == ("nb", True)
