import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.core.security_log import security_event
from helhet.organization.commands import municipality_named
from helhet.portfolio import exchange
from helhet.portfolio.filters import PortfolioFilter, filtered_initiatives


class Command(BaseCommand):
    help = (
        "Export a municipality's initiatives as .xlsx or .csv, with the columns of the import "
        "template (so the file can be imported again) and the latest status report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="The municipality's short name.")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = municipality_named(options["municipality"])
        initiatives = filtered_initiatives(municipality=municipality, filters=PortfolioFilter())
        path = Path(options["output"])
        write = exchange.write_xlsx if options["format"] == "xlsx" else exchange.write_csv
        count = initiatives.count()
        try:
            with path.open("wb") as out:
                write(exchange.export_rows(initiatives), out)
        except OSError as error:
            raise CommandError(
                _("Could not write %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from error
        # Run on the server, so no request: the operating-system user that ran it is the "who".
        security_event(
            "export.personal_data",
            export=f"portfolio.{options['format']}",
            filename=str(path),
            municipality_id=municipality.pk,
            via="manage.py export_initiatives",
            system_user=getpass.getuser(),
        )
        self.stdout.write(
            ngettext(
                "%(count)s initiative from %(municipality)s was written to %(file)s.",
                "%(count)s initiatives from %(municipality)s were written to %(file)s.",
                count,
            )
            % {"count": count, "municipality": municipality.name, "file": path}
        )
