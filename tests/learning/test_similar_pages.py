"""Similar work shown where work starts: the initiative's page and its gate page (where it enters
a new phase), its own page; and the overlaps list, whose cost does not grow with the portfolio."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.organization.models import Municipality
from tests.conftest import count_queries
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
    for number in range(15):
        _initiative(stavanger, f"Sensorer i søppeldunker {number}", "Kultur")
    assert count_queries(client, "/laering/overlapp/") == few
