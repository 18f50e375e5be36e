from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from helhet.organization.commands import import_refused, member_named, municipality_named
from helhet.portfolio import exchange


class Command(BaseCommand):
    help = (
        "Import initiatives from an .xlsx or .csv file made from Helhet's import template or "
        "export: new rows are created, rows of existing initiatives (by ID, then by name) "
        "change them. The whole file is checked first; if anything is wrong, every problem is "
        "listed by row and column and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument("--municipality", required=True, help="The municipality's short name.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only check the file; write nothing."
        )
        parser.add_argument(
            "--user",
            default="",
            help="Username the history records as having imported (a member of the "
            "municipality). Without it, the history names no one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_named(options["municipality"])
        actor = member_named(municipality, options["user"])
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Could not read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from error
        try:
            table = exchange.read_table(path.name, data)
        except exchange.FileRefused as refused:
            raise CommandError(refused.message) from refused
        preview = exchange.check_import(municipality=municipality, table=table)
        for notice in preview.notices:
            self.stdout.write(notice)
        if preview.problems:
            raise import_refused(self.stderr, preview.problems)
        if options["dry_run"]:
            self.stdout.write(
                _("The file has no problems. It would import %(what)s.")
                % {"what": preview.summary()}
            )
            return
        try:
            exchange.import_rows(actor=actor, municipality=municipality, rows=preview.rows)
        except exchange.ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(_("Nothing was imported.")) from failed
        self.stdout.write(
            _("Imported into %(municipality)s: %(what)s.")
            % {"municipality": municipality.name, "what": preview.summary()}
        )
