"""The demo's learning across departments: a probable overlap between E-helse og
velferdsteknologi and Smartby for the portfolio office, the audit's request from E-helse to
Innovasjon og digitalisering waiting, and an accepted request about the dispensers' user lists;
the initiative page shows the similar work and who to ask."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from helhet.demo.learning import build_learning_demo
from helhet.demo.portfolio import build_portfolio_demo
from helhet.learning.models import HelpRequest, HelpStatus
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative


def test_the_demo_shows_an_overlap_and_help_across_departments(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    build_portfolio_demo(stavanger, bergen)

    build_learning_demo(stavanger)

    overlaps = login("portefolje").get("/laering/overlapp/").content.decode()
    assert "Sensorer i omsorgsboliger – Trygghetssensorer i kommunale boliger" in overlaps
    asked = HelpRequest.objects.get(to_unit__name="Innovasjon og digitalisering")
    assert asked.status == HelpStatus.ASKED
    assert asked.from_unit.name == "E-helse og velferdsteknologi"
    assert HelpRequest.objects.get(to_unit__name="E-helse og velferdsteknologi").status == (
        HelpStatus.ACCEPTED
    )
    listed = login("leser").get("/laering/hjelp/").content.decode()
    assert "Innovasjon og digitalisering" in listed
    smartby = Initiative.objects.get(name="Trygghetssensorer i kommunale boliger")
    page = login("prosjektleder").get(f"/portefolje/tiltak/{smartby.pk}/").content.decode()
    assert 'id="similar-work"' in page
    assert "Sensorer i omsorgsboliger" in page
    assert "/laering/hjelp/ny/?to_unit=" in page
