"""``python manage.py benefits_reminders [--municipality SLUG] [--date YYYY-MM-DD] [--send]``

Lists, per person, the measurements due or overdue on the benefits they own (or answer for, when a
benefit has no owner), and with ``--send`` e-mails each of them one reminder through Django's
e-mail backend. Meant to run once a day (cron or a systemd timer); it changes no data."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.benefits.figures import MeasurementState
from helhet.benefits.selectors.due_measurements import (
    DueIndicator,
    OwnerReminder,
    owners_with_due_measurements,
)
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


def _message(reminder: OwnerReminder, base_url: str) -> tuple[str, str]:
    owner = reminder.owner
    count = len(reminder.indicators)
    subject = ngettext(
        "Helhet: %(count)s benefit measurement to record",
        "Helhet: %(count)s benefit measurements to record",
        count,
    ) % {"count": count}
    lines = [
        _("Hello %(name)s,") % {"name": owner.get_full_name() or owner.username},
        "",
        _(
            "You follow up benefits in the line. These measurements are due or overdue; "
            "record them in Helhet:"
        ),
        "",
        *(f"- {_line(item, base_url)}" for item in reminder.indicators),
        "",
        _("You see all your benefits under “My benefits”: %(link)s")
        % {"link": base_url + reverse("benefits:mine")},
        "",
        _(
            "A benefit is followed up until it is marked realised, or abandoned with a reason, "
            "also after the project has closed."
        ),
        "",
        _("This message was sent by Helhet."),
    ]
    return subject, "\n".join(lines)


class Command(BaseCommand):
    help = (
        "List the benefits owners with measurements due or overdue, and with --send e-mail each "
        "of them one reminder. Changes no data; run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", default="", help="Only this municipality (its short name)."
        )
        parser.add_argument(
            "--date", default="", help="Count as if today were this date, YYYY-MM-DD."
        )
        parser.add_argument(
            "--send", action="store_true", help="E-mail the reminders (otherwise only list)."
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The address Helhet is reached at, e.g. https://helhet.kommune.no, so the "
            "e-mails carry whole links. Without it they carry paths.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Messages in bokmål, as the municipality's staff read them.
        with translation.override("nb"):
            self._remind(options)

    def _remind(self, options: dict[str, Any]) -> None:
        municipality = None
        if options["municipality"]:
            municipality = municipality_named(options["municipality"])
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(_("Enter a date as YYYY-MM-DD.")) from error
        base_url = options["base_url"].rstrip("/")
        reminders = owners_with_due_measurements(today=today, municipality=municipality)
        if not reminders:
            self.stdout.write(_("No measurements are due or overdue."))
            return
        sent = 0
        for reminder in reminders:
            owner = reminder.owner
            email = owner.email.strip()
            who = owner.get_full_name() or owner.username
            self.stdout.write(
                f"{who} <{email}>" if email else f"{who} ({_('without an e-mail address')})"
            )
            for item in reminder.indicators:
                self.stdout.write(f"  - {_line(item, base_url)}")
            if options["send"] and email:
                subject, body = _message(reminder, base_url)
                sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        without = sum(1 for reminder in reminders if not reminder.owner.email.strip())
        if options["send"]:
            self.stdout.write(
                ngettext("%(count)s reminder was sent.", "%(count)s reminders were sent.", sent)
                % {"count": sent}
            )
        if options["send"] and without:
            self.stdout.write(
                ngettext(
                    "%(count)s person has no e-mail address and was not sent a reminder.",
                    "%(count)s people have no e-mail address and were not sent a reminder.",
                    without,
                )
                % {"count": without}
            )
