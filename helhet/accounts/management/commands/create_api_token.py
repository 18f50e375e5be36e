import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from helhet.accounts.models import ApiToken, Membership
from helhet.accounts.services import API_TOKEN_DAYS, api_token_create


class Command(BaseCommand):
    help = "Make an API token for a person and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--municipality",
            help="Slug of the municipality the token acts in (needed if the person has several).",
        )
        parser.add_argument("--name", default="Laget på kommandolinjen", help="What it is for.")
        parser.add_argument(
            "--scope",
            choices=[ApiToken.Scope.READ, ApiToken.Scope.READ_WRITE],
            default=ApiToken.Scope.READ_WRITE,
            help="read: only GET; read_write (the default): what the person's role allows.",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=API_TOKEN_DAYS,
            help=f"How many days the token works (default {API_TOKEN_DAYS}, at most 365).",
        )

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
        try:
            _token, key = api_token_create(
                membership=found[0],
                name=options["name"],
                scope=options["scope"],
                expires_on=timezone.localdate() + datetime.timedelta(days=options["days"]),
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(key)
