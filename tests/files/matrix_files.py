"""Mine filer in the role and tenancy matrices (see tests/matrix.py): every member has their own
list; a file is fetched only by the one who asked (tests/files/test_prepared_files.py shows
another person's 404), and never from another municipality."""

from __future__ import annotations

from helhet.accounts.models import Membership
from helhet.files.services import prepared_file_make, prepared_file_request
from helhet.organization.models import Municipality
from helhet.portfolio.tasks import make_portfolio_export, portfolio_export_file
from tests.matrix import Target, View

ROLE_VIEWS = [View("files:list", ())]


def _admins_file(stavanger: Municipality) -> Target:
    """The administrator's portfolio export, made as the worker makes it."""
    membership = Membership.objects.get(municipality=stavanger, user__username="admin")
    prepared = prepared_file_request(
        membership=membership,
        kind="portfolio.csv",
        title="Porteføljen som CSV",
        parameters={"format": "csv", "query": ""},
        personal_data=True,
        job=make_portfolio_export,
    )
    prepared_file_make(file_id=prepared.pk, make=portfolio_export_file)
    return Target(prepared.pk, "Prosjekteier", kwarg="file_id")


TENANCY_HTML = {"files:download": _admins_file}
