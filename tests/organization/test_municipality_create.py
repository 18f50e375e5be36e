"""municipality_create: a new tenant with an empty organisation."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.organization.models import Municipality, OrgUnit
from helhet.organization.services import municipality_create
from tests.conftest import database_state


def test_creates_an_empty_municipality_and_records_who(demo: dict[str, Municipality]) -> None:
    admin = User.objects.get(username="admin")

    sandnes = municipality_create(
        actor=admin, name="Sandnes kommune", slug="sandnes", org_number="964965137"
    )

    assert not OrgUnit.objects.for_municipality(sandnes).exists()
    record = sandnes.history.get()
    assert (record.history_type, record.history_user) == ("+", admin)


@pytest.mark.parametrize(
    ("name", "slug", "org_number", "field"),
    [
        pytest.param("Stavanger kommune", "stavanger2", "964965137", "name", id="taken-name"),
        pytest.param("Sandnes kommune", "stavanger", "964965137", "slug", id="taken-slug"),
        pytest.param("Sandnes kommune", "sandnes", "964965781", "org_number", id="taken-number"),
        pytest.param("Sandnes kommune", "sandnes", "96496513", "org_number", id="short-number"),
        pytest.param("Sandnes kommune", "Sandnes kommune", "964965137", "slug", id="bad-slug"),
    ],
)
def test_refuses_what_would_clash_or_is_malformed(
    name: str, slug: str, org_number: str, field: str, demo: dict[str, Municipality]
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        municipality_create(actor=None, name=name, slug=slug, org_number=org_number)

    assert field in error.value.message_dict
    assert database_state() == before
