"""Jobs of the maturity module, run by the worker (``manage.py worker``): the digital-first-choice
plan's .xlsx and PDF, made for the person who asked (Mine filer)."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django_tasks import task

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.core.formats import PDF_TYPE
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.files.models import PreparedFile
from helhet.files.services import MadeFile, prepared_file_make
from helhet.maturity import exports
from helhet.maturity.forms.plan import filtered_plan
from helhet.maturity.selectors.overview import maturity_summary


def plan_file(prepared: PreparedFile, membership: Membership) -> MadeFile:
    """The plan with the page's filters when the person asked (``query``), as .xlsx (with the
    maturity per area) or as a PDF with a table per service area."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    municipality = membership.municipality
    _form, rows, whole = filtered_plan(
        QueryDict(prepared.parameters.get("query", "")), municipality=municipality
    )
    extension = prepared.parameters["format"]
    out = io.BytesIO()
    if extension == "pdf":
        exports.write_plan_pdf(rows, municipality=municipality, today=whole.today, out=out)
    else:
        exports.write_plan_xlsx(rows, maturity_summary(municipality, whole.today), out)
    return MadeFile(
        out.getvalue(),
        exports.export_filename(municipality, whole.today, extension),
        PDF_TYPE if extension == "pdf" else XLSX_TYPE,
    )


@task()
def make_maturity_plan(file_id: int) -> str:
    """Make the plan export a person asked for (``maturity:plan_xlsx``/``plan_pdf``)."""
    return prepared_file_make(file_id=file_id, make=plan_file)
