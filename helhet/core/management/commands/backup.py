import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from helhet.core.backup import BackupError, backup_write, current_manifest, default_name


class Command(BaseCommand):
    help = (
        "Back up the whole instance into one archive: the database (pg_dump's custom format on "
        "PostgreSQL, SQLite's online backup on SQLite), every uploaded file and every import "
        "waiting to be confirmed, and a manifest with each table's row count and checksum and "
        "each file's checksum. Safe while people work. Restore with `manage.py restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "target",
            nargs="?",
            default=".",
            help="A folder (the archive is named helhet-backup-<UTC time>.tar) or a file name. "
            "Default: the current folder.",
        )
        parser.add_argument(
            "--manifest",
            action="store_true",
            help="Write no archive; print the instance's manifest (tables and files) as JSON.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["manifest"]:
                self.stdout.write(json.dumps(current_manifest(), indent=1, sort_keys=True))
                return
            target = Path(options["target"])
            path = target / default_name() if target.is_dir() else target
            if path.exists():
                raise CommandError(_("%(file)s exists already.") % {"file": path})
            report = backup_write(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Backed up %(tables)s tables (%(rows)s rows) and %(files)s files into %(file)s "
                "(%(size)s)."
            )
            % {
                "tables": report.tables,
                "rows": report.rows,
                "files": report.files,
                "file": report.path,
                "size": filesizeformat(report.size),
            }
        )
