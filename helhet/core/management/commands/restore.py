from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from helhet.core.backup import BackupError, backup_check, opened, read_manifest, restore_from


class Command(BaseCommand):
    help = (
        "Restore the instance from an archive `manage.py backup` wrote: the database and every "
        "kept file, then check every table's row count and checksum and every file's checksum "
        "against the archive's manifest. Refuses a database or storage that holds data unless "
        "given --replace. Stop the web nodes and workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The backup archive (.tar).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database and storage that hold data (everything in them is lost).",
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Restore nothing; only check the instance as it is against the archive.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        try:
            if options["check_only"]:
                with opened(path) as archive:
                    rows = backup_check(read_manifest(archive))
                self.stdout.write(
                    _("The instance matches the backup (%(rows)s rows, every file).")
                    % {"rows": rows}
                )
                return
            report = restore_from(path=path, replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Restored %(tables)s tables (%(rows)s rows) and %(files)s files from %(file)s; "
                "each matches the backup's manifest."
            )
            % {
                "tables": report.tables,
                "rows": report.rows,
                "files": report.files,
                "file": report.path,
            }
        )
