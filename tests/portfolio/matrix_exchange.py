"""The import and export pages in the role matrix. None of them names an object by id, so none is
in the tenancy matrix; tests/portfolio/test_import_views.py and test_export_views.py show that
each municipality imports into and exports only its own portfolio.

The import's POSTs answer with a preview (not a redirect) or act on a file uploaded earlier, so
they are walked with GET here; test_import_views.py POSTs to them role by role."""

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from tests.matrix import View


def _no_form(stavanger: Municipality) -> dict[str, str]:
    return {}


ROLE_VIEWS = [
    # Asking for an export: GET shows the button, POST asks and lands on Mine filer.
    View("portfolio:export_xlsx", (Capability.VIEW_PORTFOLIO,), None, _no_form, "/filer/"),
    View("portfolio:export_csv", (Capability.VIEW_PORTFOLIO,), None, _no_form, "/filer/"),
    View("portfolio:import_upload", (Capability.IMPORT_INITIATIVES,)),
    View("portfolio:import_confirm", (Capability.IMPORT_INITIATIVES,)),
    View("portfolio:import_template", (Capability.IMPORT_INITIATIVES,)),
]
