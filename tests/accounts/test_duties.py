"""The segregation of duties (helhet.accounts.duties) walked role by role against ROLE_MATRIX: for
each duty capability, exactly the roles the matrix names may be chosen for it, decide, record or
share; the pickers offer exactly them. What the services do with these answers is tested where
they are used (tests/projects/test_gate_segregation.py, tests/portfolio/
test_initiative_owner_leader.py, tests/benefits/test_measurement_segregation.py,
tests/portfolio/test_saved_views.py)."""

from collections.abc import Callable

import pytest

from helhet.accounts import duties
from helhet.accounts.models import User
from helhet.accounts.roles import DUTY_CAPABILITIES, ROLE_MATRIX, Capability, Role
from helhet.demo.municipalities import STAVANGER_USERS
from helhet.organization.models import Municipality

pytestmark = pytest.mark.django_db

USERNAME_BY_ROLE = {user.role: user.username for user in STAVANGER_USERS}


def _choose(capability: Capability) -> Callable[[User, Municipality], str | None]:
    return lambda user, stavanger: duties.refusal_to_choose(
        user, municipality_id=stavanger.pk, capability=capability
    )


ASKS: dict[Capability, Callable[[User, Municipality], str | None]] = {
    Capability.DECIDE_GATES: lambda user, stavanger: duties.refusal_to_decide(
        user,
        municipality_id=stavanger.pk,
        requested_by_id=None,
        project_leader_id=None,
        allow_same_person=False,
    ),
    Capability.OWN_PROJECTS: _choose(Capability.OWN_PROJECTS),
    Capability.LEAD_PROJECTS: _choose(Capability.LEAD_PROJECTS),
    Capability.OWN_BENEFITS: _choose(Capability.OWN_BENEFITS),
    Capability.RECORD_MEASUREMENTS: lambda user, stavanger: duties.refusal_to_record_measurement(
        user, municipality_id=stavanger.pk, owns_or_answers_for=True, leads_the_project=False
    ),
    Capability.SHARE_VIEWS: lambda user, stavanger: duties.refusal_to_share(
        user, municipality_id=stavanger.pk
    ),
}


def test_every_duty_is_asked_here() -> None:
    assert set(ASKS) == DUTY_CAPABILITIES


@pytest.mark.parametrize("capability", sorted(DUTY_CAPABILITIES))
@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_exactly_the_duties_the_matrix_gives_it(
    role: Role, capability: Capability, stavanger: Municipality
) -> None:
    user = User.objects.get(username=USERNAME_BY_ROLE[role])
    refusal = ASKS[capability](user, stavanger)
    assert (refusal is None) == (role in ROLE_MATRIX[capability])


@pytest.mark.parametrize("capability", sorted(DUTY_CAPABILITIES))
def test_the_pickers_offer_exactly_the_roles_the_matrix_allows(
    capability: Capability, stavanger: Municipality
) -> None:
    offered = {user.username for user in duties.members_who_may(stavanger, capability)}
    assert offered == {USERNAME_BY_ROLE[role] for role in ROLE_MATRIX[capability]}


def test_a_reader_decides_records_and_shares_nothing() -> None:
    for capability in DUTY_CAPABILITIES:
        assert Role.READER not in ROLE_MATRIX[capability]


def test_a_picker_shows_role_and_unit_beside_the_name(stavanger: Municipality) -> None:
    shown = [
        duties.person_with_role_and_unit(user)
        for user in duties.members_with_role_and_unit(stavanger)
    ]
    assert "Hanne Vik (Prosjektleder, E-helse og velferdsteknologi)" in shown
    assert "Gunn Bø (Leser)" in shown  # a reader has no unit


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("portefolje", True),
        ("admin", True),
        ("eier", True),  # the current owner
        ("prosjektleder", False),  # the leader, never
        ("direktor", False),
        ("leser", False),
    ],
)
def test_who_may_change_owner_and_leader(
    username: str, allowed: bool, stavanger: Municipality
) -> None:
    refusal = duties.refusal_to_change_owner_or_leader(
        User.objects.get(username=username),
        initiative_owner_id=User.objects.get(username="eier").pk,
        municipality_id=stavanger.pk,
    )
    assert (refusal is None) == allowed


def test_one_person_holds_both_roles_only_where_the_level_allows() -> None:
    assert duties.refusal_to_hold_both(1, 1, allow_same_person=False) is not None
    assert duties.refusal_to_hold_both(1, 1, allow_same_person=True) is None
    assert duties.refusal_to_hold_both(1, 2, allow_same_person=False) is None
