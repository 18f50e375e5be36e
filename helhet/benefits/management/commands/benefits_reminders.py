"""``python manage.py benefits_reminders [--municipality SLUG] [--date YYYY-MM-DD]``

Lists, per person, the measurements due or overdue on the benefits they own (or answer for, when a
benefit has no owner): what the worker's daily job (``helhet.benefits.tasks``, 06:00) reminds
them of, as notifications that each person's e-mail choice governs. It changes no data and sends
nothing: the old ``--send``, which e-mailed past those choices, is refused with the reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from helhet.benefits.figures import MeasurementState
from helhet.benefits.selectors.due_measurements import DueIndicator, owners_with_due_measurements
from helhet.core.formats import long_date
from helhet.organization.commands import municipality_named


def _day(day: date | None) -> str:
    return long_date(day) if day is not None else _("never")


def _line(item: DueIndicator, base_url: str) -> str:
    indicator = item.indicator
    benefit = indicator.benefit
    state = (
        _("overdue since %(date)s") if item.state == MeasurementState.OVERDUE else _("due %(date)s")
    ) % {"date": _day(item.next_due)}
    return _(
        "%(initiative)s – %(benefit)s – %(indicator)s: last measured %(last)s, %(state)s. "
        "Record it at %(link)s"
    ) % {
        "initiative": benefit.initiative.name,
        "benefit": benefit.title,
        "indicator": indicator.name,
        "last": _day(item.last_measured),
        "state": state,
        "link": base_url + reverse("benefits:measurement_create", args=[indicator.pk]),
    }


class Command(BaseCommand):
    help = (
        "List the benefits owners with measurements due or overdue: whom the worker reminds "
        "every morning. Changes no data and sends nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", default="", help="Only this municipality (its short name)."
        )
        parser.add_argument(
            "--date", default="", help="Count as if today were this date, YYYY-MM-DD."
        )
        # Gone: the worker sends the reminders as notifications. Kept to say so to an old cron job.
        parser.add_argument("--send", action="store_true", help="No longer sends; see the help.")
        parser.add_argument(
            "--base-url",
            default="",
            help="The address Helhet is reached at, for whole links in the list "
            "(default: HELHET_BASE_URL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Messages in bokmål, as the municipality's staff read them.
        with translation.override("nb"):
            self._remind(options)

    def _remind(self, options: dict[str, Any]) -> None:
        if options["send"]:
            raise CommandError(
                _(
                    "--send is gone: the worker reminds each person every morning at 06:00 as a "
                    "notification, e-mailed as they choose. Remove this command from crontab; "
                    "without --send it lists whom the worker reminds."
                )
            )
        municipality = None
        if options["municipality"]:
            municipality = municipality_named(options["municipality"])
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(_("Enter a date as YYYY-MM-DD.")) from error
        base_url = (options["base_url"] or settings.HELHET_BASE_URL).rstrip("/")
        reminders = owners_with_due_measurements(today=today, municipality=municipality)
        if not reminders:
            self.stdout.write(_("No measurements are due or overdue."))
            return
        for reminder in reminders:
            owner = reminder.owner
            email = owner.email.strip()
            who = owner.get_full_name() or owner.username
            self.stdout.write(f"{who} <{email}>" if email else who)
            for item in reminder.indicators:
                self.stdout.write(f"  - {_line(item, base_url)}")
