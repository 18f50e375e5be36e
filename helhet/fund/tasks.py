"""Jobs of the fund, run by the worker (``manage.py worker``): the review's .xlsx and PDF, made
for the person who asked (Mine filer)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from helhet.accounts.models import Membership
from helhet.core.formats import PDF_TYPE
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.files.models import PreparedFile
from helhet.files.services import MadeFile, prepared_file_make
from helhet.fund.access import get_fund_for_user
from helhet.fund.exports.review_pdf import review_pdf
from helhet.fund.exports.review_xlsx import review_filename, review_xlsx
from helhet.fund.selectors.review import fund_review


def review_file(prepared: PreparedFile, membership: Membership) -> MadeFile:
    """The fund's review (``fund``) as .xlsx or PDF, for a member who may still see the fund
    (the access helper says 404 or 403 otherwise, and the file fails with that reason)."""
    fund = get_fund_for_user(membership, prepared.parameters["fund"])
    found = fund_review(fund, municipality=membership.municipality, today=timezone.localdate())
    extension = prepared.parameters["format"]
    if extension == "pdf":
        return MadeFile(review_pdf(found), review_filename(found, "pdf"), PDF_TYPE)
    return MadeFile(review_xlsx(found), review_filename(found, "xlsx"), XLSX_TYPE)


@task()
def make_fund_review(file_id: int) -> str:
    """Make the fund review a person asked for (``fund:review_xlsx``/``review_pdf``): every grant
    of the fund's years, ~1.5 s at national scale, and the PDF pack for the political case."""
    return prepared_file_make(file_id=file_id, make=review_file)
