"""Segregation of duties in benefits (issue 12, item 1): a reader records nothing and can be made
owner of nothing; a project leader cannot own their own project's benefits, and what they
measure is marked as theirs and counts as realised only once the benefit's owner, its
responsible line manager or the portfolio office confirms it."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, Indicator, Measurement
from helhet.benefits.selectors.follow_up import indicator_figures
from helhet.benefits.services.follow_up import measurement_confirm
from helhet.benefits.services.plan import benefit_update
from helhet.organization.models import Municipality
from tests.benefits.follow_up import days_ago, indicator_on, owned_benefit, record
from tests.benefits.helpers import benefit, indicator

pytestmark = pytest.mark.django_db

Headers = Callable[[str], dict[str, str]]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _by_the_leader(stavanger: Municipality) -> Measurement:
    """The dispensers' visits a day, measured by the project's leader (prosjektleder)."""
    return record(indicator(stavanger), days_ago(10), "40", by="prosjektleder")


def test_a_reader_made_owner_records_nothing(stavanger: Municipality) -> None:
    owned = benefit(stavanger)
    owned.owners.add(_user("leser"))  # as the issue found it: from before the rule
    with pytest.raises(PermissionDenied) as refused:
        record(indicator(stavanger), days_ago(10), "40", by="leser")
    assert str(refused.value) == _("Your role does not record measurements.")
    assert not Measurement.objects.exists()


@pytest.mark.parametrize("username", ["leser", "admin", "prosjektleder"])
def test_a_person_whose_role_owns_no_benefits_cannot_be_made_owner(
    username: str, stavanger: Municipality
) -> None:
    with pytest.raises(ValidationError) as refused:
        owned_benefit(stavanger, "Færre reiser", owners=(username,))
    assert list(refused.value.message_dict) == ["owners"]
    with pytest.raises(ValidationError) as refused:
        owned_benefit(stavanger, "Færre reiser", owners=(), responsible=username)
    assert list(refused.value.message_dict) == ["responsible"]


def test_the_project_leader_cannot_own_their_own_projects_benefits(
    stavanger: Municipality,
) -> None:
    owned = benefit(stavanger)
    initiative = owned.initiative
    initiative.project_leader = _user("direktor")  # a leader whose role could own benefits
    initiative.save()
    with pytest.raises(ValidationError) as refused:
        benefit_update(
            actor=None,
            benefit=Benefit.objects.get(pk=owned.pk),
            title=owned.title,
            dimension=owned.dimension,
            category=owned.category,
            kind=owned.kind,
            owners=[_user("direktor")],
        )
    assert list(refused.value.message_dict) == ["owners"]


def test_the_project_leaders_measurement_is_marked_and_not_counted(
    stavanger: Municipality,
) -> None:
    measurement = _by_the_leader(stavanger)
    assert measurement.by_project_leader
    assert measurement.awaits_confirmation
    found = Indicator.objects.get(pk=measurement.indicator_id)
    assert found.latest_value is None
    figures = indicator_figures(found, today=days_ago(0))
    assert figures.latest is None
    assert figures.measurements == (measurement,)


@pytest.mark.parametrize("username", ["gevinsteier", "eier", "portefolje"])
def test_the_owner_the_responsible_or_the_portfolio_office_confirms_and_it_counts(
    username: str, stavanger: Municipality
) -> None:
    measurement = _by_the_leader(stavanger)
    measurement_confirm(actor=_user(username), measurement=measurement)
    measurement.refresh_from_db()
    assert not measurement.awaits_confirmation
    assert measurement.confirmed_by == _user(username)
    assert Indicator.objects.get(pk=measurement.indicator_id).latest_value == 40


@pytest.mark.parametrize("username", ["prosjektleder", "leser", "admin", "direktor"])
def test_nobody_else_confirms(username: str, stavanger: Municipality) -> None:
    measurement = _by_the_leader(stavanger)
    with pytest.raises(PermissionDenied):
        measurement_confirm(actor=_user(username), measurement=measurement)
    measurement.refresh_from_db()
    assert measurement.awaits_confirmation


def test_a_leader_who_also_owns_the_benefit_cannot_confirm_their_own_measurement(
    stavanger: Municipality,
) -> None:
    owned = owned_benefit(stavanger, "Færre reiser", owners=("gevinsteier", "eier"))
    initiative = owned.initiative
    initiative.project_leader = _user("eier")
    initiative.save()
    measured = record(indicator_on(owned), days_ago(10), "70", by="eier")
    assert measured.awaits_confirmation
    with pytest.raises(PermissionDenied) as refused:
        measurement_confirm(actor=_user("eier"), measurement=measured)
    assert str(refused.value) == _(
        "You recorded this measurement yourself, so someone else must confirm it."
    )


def test_an_owners_measurement_needs_no_confirmation(stavanger: Municipality) -> None:
    measured = record(indicator(stavanger), days_ago(10), "40", by="gevinsteier")
    assert not measured.by_project_leader
    assert Indicator.objects.get(pk=measured.indicator_id).latest_value == 40


# --- The pages and the API ----------------------------------------------------------------------


def test_the_plan_shows_the_leaders_measurement_as_awaiting_and_offers_the_owner_to_confirm(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measurement = _by_the_leader(stavanger)
    path = f"/gevinster/tiltak/{measurement.indicator.benefit.initiative_id}/"
    owners_page = login("gevinsteier").get(path).content.decode()
    assert _("recorded by the project leader: awaits confirmation, not counted") in owners_page
    confirm = f"/gevinster/maalinger/{measurement.pk}/bekreft/"
    assert confirm in owners_page
    assert confirm not in login("prosjektleder").get(path).content.decode()
    response = login("gevinsteier").post(confirm, {"next": path})
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.confirmed_by == _user("gevinsteier")


def test_the_benefit_form_offers_only_those_who_may_own_benefits_with_role_and_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    owned = benefit(stavanger)
    response = login("prosjektleder").get(f"/gevinster/{owned.pk}/endre/")
    form = response.context["form"]
    owners = {user.username for user in form.fields["owners"].queryset}
    assert owners == {"gevinsteier", "eier", "direktor", "portefolje"}
    assert "Tor Espeland (Gevinsteier, Hundvåg hjemmebaserte tjenester)" in (
        response.content.decode()
    )


def test_the_api_marks_the_leaders_measurement_and_confirms_it(
    stavanger: Municipality, api_headers: Headers
) -> None:
    found = indicator(stavanger)
    response = Client().post(
        f"/api/v1/indicators/{found.pk}/measurements",
        {"measured_on": days_ago(10).isoformat(), "value": "40"},
        content_type="application/json",
        headers=api_headers("prosjektleder"),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["by_project_leader"], body["awaits_confirmation"]) == (True, True)
    path = f"/api/v1/measurements/{body['id']}/confirmation"
    assert Client().post(path, headers=api_headers("leser")).status_code == 403
    assert Client().post(path, headers=api_headers("prosjektleder")).status_code == 403
    confirmed = Client().post(path, headers=api_headers("gevinsteier"))
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["awaits_confirmation"] is False
    assert confirmed.json()["confirmed_by"]["username"] == "gevinsteier"


def test_the_api_refuses_a_reader_recording_with_403(
    stavanger: Municipality, api_headers: Headers
) -> None:
    found = indicator(stavanger)
    found.benefit.owners.add(_user("leser"))
    response = Client().post(
        f"/api/v1/indicators/{found.pk}/measurements",
        {"measured_on": days_ago(10).isoformat(), "value": "40"},
        content_type="application/json",
        headers=api_headers("leser"),
    )
    assert response.status_code == 403
    assert response.json()["detail"] == _("Your role does not record measurements.")


def test_the_owners_start_page_counts_the_measurements_waiting_for_their_confirmation(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _by_the_leader(stavanger)
    response = login("gevinsteier").get("/")
    assert response.context["my_benefits"].to_confirm == 1
    assert 'id="home-to-confirm"' in response.content.decode()
