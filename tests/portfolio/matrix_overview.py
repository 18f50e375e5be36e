"""The overview and saved views in the role and tenancy matrices (see tests/matrix.py)."""

from helhet.accounts.models import User
from helhet.accounts.roles import Capability, Role
from helhet.organization.models import Municipality
from helhet.portfolio.models import SavedView
from tests.matrix import Target, View


def _saved_view(municipality: Municipality, owner: str, name: str, *, shared: bool) -> SavedView:
    return SavedView.objects.create(
        municipality=municipality,
        owner=User.objects.get(username=owner),
        name=name,
        query="kind=project&status=active",
        shared=shared,
    )


def _shared_view_of_the_portfolio_office(stavanger: Municipality) -> int:
    """Everyone sees a shared view; only its owner (here the portfolio office) may delete it."""
    return _saved_view(stavanger, "portefolje", "Aktive prosjekter", shared=True).pk


def _admins_view(stavanger: Municipality) -> Target:
    view = _saved_view(stavanger, "admin", "Porteføljestyrets utvalg", shared=False)
    return Target(view.pk, view.name)


ROLE_VIEWS = [
    View("portfolio:overview", (Capability.VIEW_PORTFOLIO,)),
    View("portfolio:saved_view_create", (Capability.VIEW_PORTFOLIO,)),
    View(
        "portfolio:saved_view_delete",
        (Capability.VIEW_PORTFOLIO,),
        _shared_view_of_the_portfolio_office,
        allowed_roles=frozenset({Role.PORTFOLIO_OFFICE.value}),
    ),
]

TENANCY_HTML = {"portfolio:saved_view_delete": _admins_view}
