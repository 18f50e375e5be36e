"""The methods pages in the role and tenancy matrices (see tests/matrix.py). Both are read-only
and open to every role that sees the portfolio."""

from helhet.accounts.roles import Capability
from helhet.methodology.models import Method
from helhet.organization.models import Municipality
from tests.matrix import Target, View


def _prosjektveiviseren_pk(stavanger: Municipality) -> int:
    return Method.objects.get(municipality=stavanger, name="Prosjektveiviseren").pk


def _prosjektveiviseren(stavanger: Municipality) -> Target:
    # The tell-tale is a checkpoint only Stavanger's copy could show to Bergen: the method's own
    # name exists in Bergen too.
    return Target(_prosjektveiviseren_pk(stavanger), "Godkjenne mandat for konseptfasen")


ROLE_VIEWS = [
    View("methodology:method_list", (Capability.VIEW_PORTFOLIO,)),
    View("methodology:method_detail", (Capability.VIEW_PORTFOLIO,), _prosjektveiviseren_pk),
]

TENANCY_HTML = {"methodology:method_detail": _prosjektveiviseren}
