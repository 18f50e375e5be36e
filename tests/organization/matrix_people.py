"""People pages added beside test_role_matrix.py's own list: the administrator setting a
member's password, in the role matrix and the tenancy matrix."""

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from tests.conftest import membership_of
from tests.matrix import Target, View

NEW_PASSWORD = "Midlertidig-Storhaug-58"
PASSWORD_FORM = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


def _password_form(stavanger: Municipality) -> dict[str, str]:
    return PASSWORD_FORM


ROLE_VIEWS = [
    View(
        "people:member_password",
        (Capability.MANAGE_MEMBERS,),
        "member",
        _password_form,
        "/personer/",
    ),
]


def _reader(stavanger: Municipality) -> Target:
    membership = membership_of("leser")
    return Target(membership.pk, membership.user.get_full_name(), PASSWORD_FORM)


TENANCY_HTML = {"people:member_password": _reader}
