from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from helhet.accounts.models import Membership
from helhet.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Make an API token for a person and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--municipality",
            help="Slug of the municipality the token acts in (needed if the person has several).",
        )
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        memberships = Membership.objects.filter(user__username=options["username"]).select_related(
            "municipality", "user"
        )
        if options["municipality"]:
            memberships = memberships.filter(municipality__slug=options["municipality"])
        found = list(memberships[:2])
        if not found:
            raise CommandError(
                f"Fant ingen medlemskap for «{options['username']}»"
                + (f" i «{options['municipality']}»." if options["municipality"] else ".")
            )
        if len(found) > 1:
            raise CommandError("Personen er medlem av flere kommuner: oppgi --municipality SLUG.")
        _token, key = api_token_create(membership=found[0], name=options["name"])
        self.stdout.write(key)
