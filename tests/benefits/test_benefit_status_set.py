"""benefit_status_set and its page /gevinster/<pk>/status/: the line marks a benefit realised, or
abandoned with a reason; follow-up ends there, not when the project closes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.figures import MeasurementState
from helhet.benefits.models import Benefit, BenefitStatus
from helhet.benefits.selectors.follow_up import my_benefits
from helhet.benefits.services.follow_up import benefit_status_set
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import database_state, membership_of

pytestmark = pytest.mark.django_db


def _set(username: str, found: Benefit, status: str, reason: str = "") -> Benefit:
    return benefit_status_set(
        actor=User.objects.get(username=username),
        benefit=found,
        status=status,
        abandon_reason=reason,
    )


def test_the_benefits_owner_marks_the_benefit_realised(stavanger: Municipality) -> None:
    found = _set("gevinsteier", benefit(stavanger), BenefitStatus.REALISED)

    assert Benefit.objects.get(pk=found.pk).status == BenefitStatus.REALISED
    assert found.history.first().history_user.username == "gevinsteier"


def test_the_project_leader_may_mark_it_too(stavanger: Municipality) -> None:
    found = _set("prosjektleder", benefit(stavanger), BenefitStatus.BEING_REALISED)

    assert found.status == BenefitStatus.BEING_REALISED


@pytest.mark.parametrize("username", ["direktor", "leser"])
def test_someone_who_neither_follows_up_nor_edits_cannot_set_the_status(
    stavanger: Municipality, username: str
) -> None:
    found = benefit(stavanger)
    before = database_state()

    with pytest.raises(PermissionDenied):
        _set(username, found, BenefitStatus.REALISED)

    assert database_state() == before


def test_abandoning_needs_a_reason(stavanger: Municipality) -> None:
    found = benefit(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        _set("gevinsteier", found, BenefitStatus.ABANDONED, "   ")

    assert list(refused.value.message_dict) == ["abandon_reason"]
    assert database_state() == before
    assert found.status == BenefitStatus.PLANNED


def test_an_abandoned_benefit_keeps_its_reason(stavanger: Municipality) -> None:
    _set("gevinsteier", benefit(stavanger), BenefitStatus.ABANDONED, "Leverandøren gikk konkurs.")

    assert Benefit.objects.get().abandon_reason == "Leverandøren gikk konkurs."


def test_the_reason_goes_when_the_benefit_is_taken_up_again(stavanger: Municipality) -> None:
    found = _set("gevinsteier", benefit(stavanger), BenefitStatus.ABANDONED, "Stoppet.")

    _set("gevinsteier", found, BenefitStatus.BEING_REALISED, "Stoppet.")

    assert Benefit.objects.get().abandon_reason == ""


def test_an_unknown_status_is_refused(stavanger: Municipality) -> None:
    with pytest.raises(ValidationError):
        _set("gevinsteier", benefit(stavanger), "forgotten")


def test_a_realised_benefit_is_no_longer_due_for_measurement(stavanger: Municipality) -> None:
    indicator(stavanger)
    _set("gevinsteier", benefit(stavanger), BenefitStatus.REALISED)

    mine = my_benefits(membership_of("gevinsteier"), today=date(2026, 9, 1))

    assert [row.state for row in mine.ended] == [MeasurementState.ENDED]
    assert mine.overdue == ()


def test_the_page_marks_the_benefit_abandoned_and_goes_back_to_the_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("gevinsteier").post(
        f"/gevinster/{found.pk}/status/",
        {"status": "abandoned", "abandon_reason": "Brukerne ville ikke ha dispensere."},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/gevinster/tiltak/{dispensers(stavanger).pk}/"
    assert Benefit.objects.get().status == BenefitStatus.ABANDONED


def test_the_page_refuses_abandoning_without_a_reason_and_changes_nothing(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    client = login("gevinsteier")
    before = database_state()

    response = client.post(
        f"/gevinster/{found.pk}/status/", {"status": "abandoned", "abandon_reason": ""}
    )

    assert response.status_code == 400
    assert escape(_("Say why the benefit was abandoned.")) in response.content.decode()
    assert database_state() == before


def test_the_page_returns_to_my_benefits_when_it_came_from_there(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("gevinsteier").post(
        f"/gevinster/{found.pk}/status/",
        {"status": "realised", "abandon_reason": "", "next": "/gevinster/mine/"},
    )

    assert response["Location"] == "/gevinster/mine/"


def test_the_page_ignores_a_next_address_on_another_site(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("gevinsteier").post(
        f"/gevinster/{found.pk}/status/?next=https://evil.example/",
        {"status": "realised", "abandon_reason": ""},
    )

    assert response["Location"] == f"/gevinster/tiltak/{dispensers(stavanger).pk}/"
