from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.maturity.imports import (
    ImportRefused,
    ImportResult,
    import_service_maturity,
    new_in_catalogue_text,
)
from helhet.organization.commands import import_refused, member_named, municipality_named
from helhet.organization.models import Municipality


class Command(BaseCommand):
    help = (
        "Import a service maturity table (.xlsx or .csv with the columns Tjenesteområde, "
        "Tjeneste, Elektronisk søknad, Elektronisk overføring, Elektronisk svar, or service_area, "
        "service, electronic_application, electronic_transfer, electronic_answer) as the "
        "assessments of one date. The whole file is checked first; if anything is wrong, every "
        "problem is listed by row and column and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            help="The .xlsx file, or the .csv file (UTF-8 or Windows-1252, comma or semicolon).",
        )
        parser.add_argument("--municipality", required=True, help="The municipality's short name.")
        parser.add_argument("--date", required=True, help="The date of the assessment, YYYY-MM-DD.")
        parser.add_argument("--source", default="", help="Where the answers come from.")
        parser.add_argument(
            "--user",
            default="",
            help="Username the history records as having imported (a member of the "
            "municipality). Without it, the history names no one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Messages in bokmål, as the municipality's staff read them.
        with translation.override("nb"):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        municipality = municipality_named(options["municipality"])
        assessed_on = self._date(options["date"])
        actor = member_named(municipality, options["user"])
        data = self._read(Path(options["file"]))
        try:
            result = import_service_maturity(
                municipality=municipality,
                data=data,
                assessed_on=assessed_on,
                actor=actor,
                source=options["source"],
                name=Path(options["file"]).name,
            )
        except ImportRefused as refused:
            raise import_refused(self.stderr, refused.problems) from refused
        self._report(result, municipality, assessed_on)

    def _date(self, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise CommandError(_("Enter a date as YYYY-MM-DD.")) from error

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Could not read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from error

    def _report(self, result: ImportResult, municipality: Municipality, assessed_on: date) -> None:
        """What was imported, and each answer that could not be classified."""
        self.stdout.write(
            ngettext(
                "%(count)s service was assessed on %(date)s in %(municipality)s.",
                "%(count)s services were assessed on %(date)s in %(municipality)s.",
                result.assessments,
            )
            % {
                "count": result.assessments,
                "date": assessed_on.strftime("%d.%m.%Y"),
                "municipality": municipality.name,
            }
            + " "
            + new_in_catalogue_text(result.services_created)
        )
        if not result.unclassified:
            return
        self.stdout.write(
            ngettext(
                "%(count)s answer could not be read as yes, no, unsure or partly. It was "
                "imported as not classified; classify it on the service's page:",
                "%(count)s answers could not be read as yes, no, unsure or partly. They were "
                "imported as not classified; classify them on the services' pages:",
                len(result.unclassified),
            )
            % {"count": len(result.unclassified)}
        )
        for item in result.unclassified:
            self.stdout.write(
                _("Row %(row)s, %(service)s, %(level)s: “%(text)s”")
                % {
                    "row": item.row,
                    "service": item.service,
                    "level": item.level.label,
                    "text": item.text,
                }
            )
