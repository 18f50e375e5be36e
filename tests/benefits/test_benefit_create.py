"""benefit_create and benefit_update: what a benefit in the plan must hold."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from helhet.accounts.models import User
from helhet.benefits.models import Benefit
from helhet.benefits.services.plan import benefit_create, benefit_update
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, dispensers
from tests.conftest import database_state

pytestmark = pytest.mark.django_db


def _plain(stavanger: Municipality, **fields: object) -> Benefit:
    values: dict[str, object] = {
        "title": "Bedre kvalitet",
        "dimension": "quality",
        "category": "quality",
        "kind": "qualitative",
    }
    values.update(fields)
    return benefit_create(actor=None, initiative=dispensers(stavanger), **values)  # type: ignore[arg-type]


def test_a_benefit_belongs_to_the_initiatives_municipality(stavanger: Municipality) -> None:
    created = benefit(stavanger)

    assert created.municipality == stavanger
    assert created.initiative == dispensers(stavanger)
    assert created.planned_amount == Decimal("1613764")
    assert list(created.owners.values_list("username", flat=True)) == ["gevinsteier"]


def test_a_benefit_without_owner_amount_or_date_is_still_a_benefit(
    stavanger: Municipality,
) -> None:
    created = _plain(stavanger)

    assert created.pk is not None
    assert created.responsible is None
    assert not created.owners.exists()


def test_the_history_records_who_added_the_benefit_and_its_owners(
    stavanger: Municipality,
) -> None:
    leader = User.objects.get(username="prosjektleder")
    created = _plain(stavanger, owners=[User.objects.get(username="gevinsteier")])
    benefit_update(
        actor=leader,
        benefit=created,
        title="Bedre kvalitet",
        dimension="quality",
        category="quality",
        kind="qualitative",
        owners=[],
    )

    latest = created.history.latest()
    assert latest.history_user == leader
    assert not latest.owners.exists()
    assert any(entry.owners.count() == 1 for entry in created.history.all())


def test_an_owner_from_another_municipality_is_refused(stavanger: Municipality) -> None:
    dispensers(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        _plain(stavanger, owners=[User.objects.get(username="bergen-admin")])

    assert "owners" in refused.value.message_dict
    assert database_state() == before


def test_a_responsible_from_another_municipality_is_refused(stavanger: Municipality) -> None:
    dispensers(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        _plain(stavanger, responsible=User.objects.get(username="bergen-admin"))

    assert "responsible" in refused.value.message_dict
    assert database_state() == before


def test_abandoning_without_a_reason_is_refused(stavanger: Municipality) -> None:
    dispensers(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        _plain(stavanger, status="abandoned", abandon_reason="  ")

    assert "abandon_reason" in refused.value.message_dict
    assert database_state() == before


def test_abandoning_with_a_reason_keeps_it(stavanger: Municipality) -> None:
    created = benefit(stavanger)

    benefit_update(
        actor=None,
        benefit=created,
        title=created.title,
        dimension=created.dimension,
        category=created.category,
        kind=created.kind,
        status="abandoned",
        abandon_reason="Leverandøren gikk konkurs.",
    )

    created.refresh_from_db()
    assert created.status == "abandoned"
    assert created.abandon_reason == "Leverandøren gikk konkurs."


def test_a_reason_is_dropped_when_the_benefit_is_not_abandoned(stavanger: Municipality) -> None:
    created = _plain(stavanger, status="planned", abandon_reason="Glemt")

    assert created.abandon_reason == ""


def test_a_qualitative_benefit_has_no_amount(stavanger: Municipality) -> None:
    dispensers(stavanger)

    with pytest.raises(ValidationError) as refused:
        _plain(stavanger, planned_amount=Decimal(100))

    assert "planned_amount" in refused.value.message_dict


def test_the_database_refuses_an_abandoned_benefit_without_reason(
    stavanger: Municipality,
) -> None:
    created = benefit(stavanger)

    with pytest.raises(IntegrityError):
        Benefit.objects.filter(pk=created.pk).update(status="abandoned", abandon_reason="")
