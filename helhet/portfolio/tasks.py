"""Jobs of the portfolio, run by the worker (``manage.py worker``)."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django_tasks import task

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.core.spreadsheets import CSV_TYPE, XLSX_TYPE
from helhet.files.models import PreparedFile
from helhet.files.services import MadeFile, prepared_file_make
from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send
from helhet.portfolio import exchange
from helhet.portfolio.filters import STALE_AFTER, filtered_initiatives, parse_filters, stale_only
from helhet.portfolio.models import Initiative


@task()
def remind_overdue_status_reports() -> int:
    """The daily reminder (06:00, ``settings.HELHET_SCHEDULE``): each active initiative without a
    status report for over a month (the portfolio's "stale", ``filters.stale_only``) is told to
    its project leader, or its owner when it has no leader; not again while the last reminder
    about it is unread. Returns how many notifications were made."""
    overdue = (
        stale_only(Initiative.objects.all())
        .filter(Q(project_leader__isnull=False) | Q(project_owner__isnull=False))
        .select_related("municipality", "project_leader", "project_owner")
        .order_by("pk")
    )
    made = 0
    for initiative in overdue:
        text = texts.gettext(
            "%(initiative)s has had no status report for over %(days)s days.",
            initiative=initiative.name,
            days=STALE_AFTER.days,
        )
        made += len(
            notification_send(
                recipients=[initiative.project_leader or initiative.project_owner],
                actor=None,
                municipality=initiative.municipality,
                kind=Kind.STATUS_REPORT_OVERDUE,
                text=text,
                link=reverse("portfolio:status_report_create", args=[initiative.pk]),
                unless_unread=True,
            )
        )
    return made


def portfolio_export_file(prepared: PreparedFile, membership: Membership) -> MadeFile:
    """The overview's rows, with the filters it had when the person asked (``query``), as .xlsx
    or .csv: the same exporter as ``manage.py export_initiatives``."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    municipality = membership.municipality
    extension = prepared.parameters["format"]
    filters = parse_filters(
        QueryDict(prepared.parameters.get("query", "")), municipality=municipality
    )
    rows = exchange.export_rows(filtered_initiatives(municipality=municipality, filters=filters))
    out = io.BytesIO()
    if extension == "xlsx":
        exchange.write_xlsx(rows, out)
    else:
        exchange.write_csv(rows, out)
    return MadeFile(
        out.getvalue(),
        exchange.export_filename(municipality, extension),
        XLSX_TYPE if extension == "xlsx" else CSV_TYPE,
    )


@task()
def make_portfolio_export(file_id: int) -> str:
    """Make the portfolio export a person asked for (``portfolio:export_xlsx``/``export_csv``):
    10,000 rows at national scale, too many for a request."""
    return prepared_file_make(file_id=file_id, make=portfolio_export_file)


@task()
def import_confirmed_file(token: str, membership_id: int) -> str:
    """Import a large file the person confirmed (``portfolio:import_confirm``, more rows to write
    than ``settings.HELHET_IMPORT_QUEUE_ROWS``), as the confirmation does in the request for a
    small one: checked again, written in one transaction only if the plan is still what the
    preview showed; the person is told "Importen er ferdig" (or, when the portfolio changed
    meanwhile or a row was refused, that nothing was written, with a link to the file's new
    preview). Returns what happened: "imported", "changed", "failed" or "gone"."""
    membership = (
        Membership.objects.select_related("user", "municipality").filter(pk=membership_id).first()
    )
    pending = (
        exchange.pending_claimed(membership=membership, token=token)
        if membership is not None and membership.can(Capability.IMPORT_INITIATIVES)
        else None
    )
    if membership is None or pending is None:
        exchange.pending_delete(token)
        return "gone"
    municipality = membership.municipality
    table = exchange.read_table(pending.name, pending.data)
    preview = exchange.check_import(municipality=municipality, table=table)
    again = reverse("portfolio:import_confirm") + f"?token={token}"
    if not preview.ok or preview.plan != pending.plan:
        exchange.pending_release(token)
        _tell_import(
            membership,
            texts.gettext(
                "The portfolio changed after the preview of %(file)s: nothing was imported. "
                "See the new preview.",
                file=pending.name,
            ),
            again,
        )
        return "changed"
    try:
        exchange.import_rows(actor=membership.user, municipality=municipality, rows=preview.rows)
    except exchange.ImportFailed:
        exchange.pending_release(token)
        _tell_import(
            membership,
            texts.gettext(
                "The import of %(file)s was refused: nothing was imported. See why.",
                file=pending.name,
            ),
            again,
        )
        return "failed"
    exchange.pending_delete(token)
    _tell_import(
        membership,
        texts.ngettext(
            "The import of %(file)s is done: %(count)s new initiative, %(changed)s changed.",
            "The import of %(file)s is done: %(count)s new initiatives, %(changed)s changed.",
            preview.new,
            file=pending.name,
            changed=preview.changed,
        ),
        reverse("portfolio:overview"),
    )
    return "imported"


def _tell_import(membership: Membership, text: texts.Message, link: str) -> None:
    notification_send(
        recipients=[membership.user],
        actor=None,
        municipality=membership.municipality,
        kind=Kind.IMPORT_DONE,
        text=text,
        link=link,
    )
