"""Similar work shown where work starts: the initiative's page and its gate page (where it enters
a new phase), its own page; and the overlaps list, whose cost does not grow with the portfolio."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.learning.overlaps import probable_overlaps
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.conftest import count_queries, unit_named
from tests.learning.matrix_similar import _initiative

pytestmark = pytest.mark.django_db


def test_the_initiative_gate_and_similar_pages_show_the_work_like_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    first = _initiative(stavanger, "Smarte søppeldunker", "Smartby")
    _initiative(stavanger, "Søppeldunker med sensorer", "Park og vei")
    client = login("prosjektleder")
    for path in (
        f"/portefolje/tiltak/{first.pk}/",
        f"/prosjekter/{first.pk}/",
        f"/laering/lignende/{first.pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert 'id="similar-work"' in page, path
        assert "Søppeldunker med sensorer" in page, path
        assert "Be Park og vei om hjelp" in page, path
    # A reader reads it but asks nobody for help.
    page = login("leser").get(f"/laering/lignende/{first.pk}/").content.decode()
    assert "Søppeldunker med sensorer" in page and "om hjelp</a>" not in page


def test_the_overlaps_list_costs_the_same_for_a_larger_portfolio(
    stavanger: Municipality, login: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    _initiative(stavanger, "Smarte søppeldunker", "Smartby")
    _initiative(stavanger, "Søppeldunker med sensorer", "Park og vei")
    client = login("portefolje")
    few = count_queries(client, "/laering/overlapp/")
    # Five more pairs, each about its own work, in two departments.
    for words in (
        "bibliotek utlån lesesal",
        "parkering avgift soner",
        "skolebuss ruter elever",
        "vannmåler lekkasje avlesning",
        "gatelys dimming strømsparing",
    ):
        for unit in ("Smartby", "Park og vei"):
            initiative_create(
                actor=None,
                municipality=stavanger,
                name=f"{words.split()[0].title()} i {unit}",
                kind=InitiativeKind.PROJECT,
                owning_unit=unit_named(stavanger, unit),
                short_description=f"Arbeid med {words}.",
            )
    assert count_queries(client, "/laering/overlapp/") == few
    assert "6 par å vurdere" in client.get("/laering/overlapp/").content.decode()


def test_a_theme_most_initiatives_carry_and_the_municipalitys_name_make_no_overlap(
    stavanger: Municipality,
) -> None:
    """Every initiative tagged "eksempeltall" and naming Stavanger: that is not what two of them
    share. Two that also share their own words still are an overlap."""
    texts = {
        ("Smartby", "Lesesal"): "Stavanger bibliotek åpner lesesal med selvbetjent utlån.",
        ("Park og vei", "Bibliotek"): "Stavanger bibliotek: lesesal og selvbetjent utlån.",
        ("Smartby", "Parkering"): "Stavanger innfører soner for parkering.",
        ("Park og vei", "Skolebuss"): "Stavanger planlegger ruter for skolebuss.",
        ("Smartby", "Gatelys"): "Stavanger demper gatelys om natten.",
    }
    for (unit, name), text in texts.items():
        initiative_create(
            actor=None,
            municipality=stavanger,
            name=name,
            kind=InitiativeKind.PROJECT,
            owning_unit=unit_named(stavanger, unit),
            short_description=text,
            tags=["eksempeltall"],
        )
    found = [(pair.first.name, pair.second.name) for pair in probable_overlaps(stavanger.pk)]
    assert found == [("Lesesal", "Bibliotek")]
    (pair,) = probable_overlaps(stavanger.pk)
    assert "stavanger" not in pair.words and pair.themes == []
