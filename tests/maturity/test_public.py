"""The public maturity page /offentlig/<municipality>/tjenester/ and the settings page that
switches it on: open to anyone without logging in, only when switched on, only the municipality
its address names, and only the answers and counts (no comments, steps or people)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client
from django.utils import translation

from helhet.maturity.models import Answer, Assessment, MaturitySettings
from helhet.maturity.services.catalogue import service_create
from helhet.maturity.services.settings import maturity_settings_update
from helhet.organization.models import Municipality
from tests.conftest import count_queries, database_state
from tests.maturity.plan_helpers import (
    areas,
    assess,
    import_audit,
    initiative,
    service,
    step,
    user,
)

URL = "/offentlig/stavanger/tjenester/"
SETTINGS_URL = "/tjenester/innstillinger/"


def _publish(municipality: Municipality) -> None:
    maturity_settings_update(actor=None, municipality=municipality, public_page=True)


def test_public_page_is_not_found_until_the_municipality_switches_it_on(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)

    assert Client().get(URL).status_code == 404


def test_public_page_needs_no_login(stavanger: Municipality) -> None:
    import_audit(stavanger)
    _publish(stavanger)

    response = Client().get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Barnehageplass" in html
    assert "Stavanger kommune" in html


def test_public_page_gives_the_counts_per_area(stavanger: Municipality) -> None:
    import_audit(stavanger)
    _publish(stavanger)

    html = Client().get(URL).content.decode()

    counts = html.split('id="public-counts"', 1)[1].split("</table>", 1)[0]
    total = counts.split("<tfoot>", 1)[1]
    assert [cell for cell in ("24", "11", "2", "16") if f'">{cell}</td>' in total] == [
        "24",
        "11",
        "2",
        "16",
    ]


def test_public_page_shows_no_comments_steps_or_people(stavanger: Municipality) -> None:
    import_audit(stavanger)
    _publish(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    step(
        service(stavanger, "Byggesøknad"),
        2,
        "Koble eByggeSak til Public 360",
        initiative=carrier,
        responsible=user("prosjektleder"),
    )

    html = Client().get(URL).content.decode()

    assert "Kommer inn i P360" not in html  # an assessment comment
    assert "Registreres manuelt" not in html
    assert "Koble eByggeSak til Public 360" not in html
    assert "Byggesak i eByggeSak" not in html
    assert user("prosjektleder").get_full_name() not in html


def test_public_page_never_shows_the_internal_label_not_classified(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)  # the audit's table has answers in words ("Registreres manuelt.")
    _publish(stavanger)
    assert (
        Assessment.objects.filter(municipality=stavanger, answer=Answer.UNCLASSIFIED).exists()
        or Assessment.objects.filter(municipality=stavanger, transfer=Answer.UNCLASSIFIED).exists()
    )

    html = Client().get(URL).content.decode()

    with translation.override("nb"):
        internal = translation.gettext("Not classified")
        public = translation.gettext("Not determined")
    assert internal not in html and internal.casefold() not in html.casefold()
    assert f">{public}</span>" in html
    assert 'id="public-not-determined"' in html


def test_public_page_of_one_municipality_shows_none_of_anothers(
    stavanger: Municipality, bergen: Municipality
) -> None:
    import_audit(stavanger)
    _publish(stavanger)
    _publish(bergen)

    bergen_page = Client().get("/offentlig/bergen/tjenester/")

    assert bergen_page.status_code == 200
    assert "Barnehageplass" not in bergen_page.content.decode()
    assert "Stavanger" not in bergen_page.content.decode()


def test_public_page_of_an_unknown_municipality_is_not_found(stavanger: Municipality) -> None:
    assert Client().get("/offentlig/finnes-ikke/tjenester/").status_code == 404


def test_public_page_switched_on_in_another_municipality_does_not_open_this_one(
    stavanger: Municipality, bergen: Municipality
) -> None:
    import_audit(stavanger)
    _publish(bergen)

    assert Client().get(URL).status_code == 404


def test_settings_page_switches_the_public_page_on(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    response = login("portefolje").post(SETTINGS_URL, {"public_page": "on"})

    assert response.status_code == 302
    assert MaturitySettings.objects.get(municipality=stavanger).public_page
    assert Client().get(URL).status_code == 200


def test_settings_page_switches_the_public_page_off(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    _publish(stavanger)

    login("admin").post(SETTINGS_URL, {})

    assert Client().get(URL).status_code == 404


def test_settings_page_shows_the_public_address_when_on(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _publish(stavanger)

    html = login("portefolje").get(SETTINGS_URL).content.decode()

    assert f'href="{URL}"' in html


def test_a_reader_may_not_switch_the_public_page_on(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("leser")
    before = database_state()

    response = client.post(SETTINGS_URL, {"public_page": "on"})

    assert response.status_code == 403
    assert database_state() == before


def test_public_page_takes_the_same_queries_for_few_and_many_services(
    stavanger: Municipality,
) -> None:
    (area,) = areas(stavanger, ("Kultur",))
    _publish(stavanger)
    first = service_create(actor=None, municipality=stavanger, name="Tjeneste 0", area=area)
    assess(first, date(2022, 1, 1))
    few = count_queries(Client(), URL)
    for index in range(1, 30):
        more = service_create(
            actor=None, municipality=stavanger, name=f"Tjeneste {index}", area=area
        )
        assess(more, date(2022, 1, 1), Answer.YES)

    assert count_queries(Client(), URL) == few
