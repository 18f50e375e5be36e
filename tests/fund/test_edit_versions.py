"""Two people editing a fund or a round at once: the one who saves from a version someone else
has saved since is refused with a clear message on the form and nothing written (no silent
overwrite), as with initiatives and applications."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from helhet.accounts.models import User
from helhet.fund.models import FundRound
from helhet.fund.services.funds import fund_round_close, fund_round_update, fund_update
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.fund.ledger_helpers import innovation_fund

pytestmark = pytest.mark.django_db


def _text(response: object) -> str:
    return response.content.decode().replace("\xa0", " ")  # type: ignore[attr-defined]


def test_a_stale_save_of_the_fund_or_a_round_is_refused_and_a_closed_round_is_not_changed(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    fund = innovation_fund(stavanger)
    round_ = FundRound.objects.get(fund=fund)
    office = login("portefolje")
    other = User.objects.get(username="admin")
    fund_form = office.get(reverse("fund:edit", args=[fund.pk])).context["form"]
    round_form = office.get(reverse("fund:round_edit", args=[round_.pk])).context["form"]
    assert (fund_form.initial["version"], round_form.initial["version"]) == (1, 1)

    fund_update(actor=other, fund=fund, expected_version=1, decision_body="Formannskapet")
    fund_round_update(
        actor=other,
        round_=round_,
        name=round_.name,
        opens_on=None,
        deadline=date(2027, 4, 1),
        expected_version=1,
    )
    before = database_state()
    stale_fund = office.post(
        reverse("fund:edit", args=[fund.pk]),
        {"name": fund.name, "decision_body": "Bystyret", "version": "1"},
    )
    stale_round = office.post(
        reverse("fund:round_edit", args=[round_.pk]),
        {"name": round_.name, "deadline": "2027-05-01", "version": "1"},
    )

    assert stale_fund.status_code == 400
    assert "Noen andre lagret dette fondet etter at du åpnet det." in _text(stale_fund)
    assert stale_round.status_code == 400
    assert "Noen andre lagret denne søknadsrunden etter at du åpnet den." in _text(stale_round)
    assert database_state() == before
    fresh = office.post(
        reverse("fund:edit", args=[fund.pk]),
        {"name": fund.name, "decision_body": "Bystyret", "version": "2"},
    )
    assert fresh.status_code == 302
    fund.refresh_from_db()
    assert (fund.decision_body, fund.version) == ("Bystyret", 3)

    fund_round_close(actor=other, round_=round_)
    page = _text(office.get(reverse("fund:detail", args=[fund.pk])))
    assert "(stengt " in page
    assert reverse("fund:round_edit", args=[round_.pk]) not in page
    closed = office.post(
        reverse("fund:round_edit", args=[round_.pk]),
        {"name": round_.name, "deadline": "2027-05-01", "version": "3"},
    )
    assert closed.status_code == 400
    assert "Søknadsrunden er stengt og kan ikke lenger endres." in _text(closed)
