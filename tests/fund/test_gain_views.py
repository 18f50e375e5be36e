"""The gains pages: everyone reads what the funded initiatives owe the fund; the portfolio office
confirms or waives a year on the grant's page."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.fund.models import EntryKind, GainReturn, LedgerEntry
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative
from tests.conftest import count_queries, database_state
from tests.fund.review_helpers import fund, grant, plan_with_gains

pytestmark = pytest.mark.django_db


def test_the_office_confirms_one_year_and_waives_another_on_the_grants_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)
    client = login("portefolje")
    path = f"/fond/soknader/{application.pk}/gevinster/"

    page = client.get(path).content.decode()
    assert 'value="return-2023"' in page and 'value="waive-2025"' in page
    assert 'value="250\xa0000"' in page  # what is due, filled in

    missing = client.post(path, {"settle": "waive-2024", "waive-2024-reason": ""})
    assert missing.status_code == 400
    assert not GainReturn.objects.exists()
    confirmed = client.post(
        path,
        {
            "settle": "return-2023",
            "return-2023-amount": "250 000",
            "return-2023-entry_date": "2024-03-01",
            "return-2023-reference": "Bilag 2024-118",
            "return-2023-reason": "",
        },
    )
    assert confirmed.status_code == 302
    waived = client.post(
        path, {"settle": "waive-2024", "waive-2024-reason": "Frigjort tid, ikke kroner."}
    )
    assert waived.status_code == 302

    entry = LedgerEntry.objects.get(kind=EntryKind.RETURNED_GAIN)
    assert (entry.amount, entry.reference) == (Decimal(250000), "Bilag 2024-118")
    assert sorted(GainReturn.objects.values_list("year", "status")) == [
        (2023, "returned"),
        (2024, "waived"),
    ]
    overview = login("leser").get(f"/fond/{application.fund_id}/gevinster/").content.decode()
    assert "Frigjort tid, ikke kroner." in overview
    assert "Færre kjøreturer" in overview  # freed time, listed beside
    assert 'href="/fond/soknader/' not in overview  # a reader settles nothing


def test_the_office_member_who_owns_the_initiative_is_told_someone_else_settles(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    plan_with_gains(stavanger)
    application = grant(stavanger)
    Initiative.objects.filter(pk=application.initiative_id).update(
        project_owner=User.objects.get(username="portefolje")
    )
    client = login("portefolje")
    path = f"/fond/soknader/{application.pk}/gevinster/"
    before = database_state()

    page = client.get(path).content.decode()
    response = client.post(path, {"settle": "waive-2023", "waive-2023-reason": "Nei."})

    assert "Du eier eller leder tiltaket" in page
    assert 'value="waive-2023"' not in page
    assert response.status_code == 400
    assert database_state() == before


def test_the_gains_overview_asks_the_same_number_of_queries_for_1_grant_as_for_12(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    plan_with_gains(stavanger)
    grant(stavanger)
    client = login("leser")
    path = f"/fond/{fund(stavanger).pk}/gevinster/"
    few = count_queries(client, path)

    units = list(OrgUnit.objects.filter(municipality=stavanger).order_by("pk"))
    for index in range(11):
        initiative = Initiative.objects.create(
            municipality=stavanger,
            kind="project",
            name=f"Tiltak {index:02d}",
            owning_unit=units[index % len(units)],
        )
        grant(stavanger, initiative=initiative, years={2021: Decimal(1000 + index)})

    assert count_queries(client, path) == few
