from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from helhet.accounts.models import User
from helhet.accounts.roles import Role
from helhet.accounts.services import membership_create, user_require_password_change
from helhet.ideas.seed import seed_screening_criteria
from helhet.methodology.seed import seed_methods
from helhet.organization.services import municipality_create


class Command(BaseCommand):
    help = (
        "Create a municipality and make an existing user its administrator, who then builds the "
        "organisation and adds people in the app. Used to set up a production installation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help='For example "Stavanger kommune".')
        parser.add_argument("slug", help='Short name in addresses, for example "stavanger".')
        parser.add_argument("org_number", help="The nine-digit organisation number.")
        parser.add_argument("--admin", required=True, help="Username of the administrator.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["admin"]).first()
        if user is None:
            raise CommandError(
                f"Fant ingen bruker «{options['admin']}». Lag den først med createsuperuser."
            )
        try:
            with transaction.atomic():
                municipality = municipality_create(
                    actor=None,
                    name=options["name"],
                    slug=options["slug"],
                    org_number=options["org_number"],
                )
                membership_create(actor=None, municipality=municipality, user=user, role=Role.ADMIN)
                # Whoever runs the command may know this password: the administrator chooses
                # their own at the first login.
                user_require_password_change(user=user)
                seed_methods(municipality)
                seed_screening_criteria(municipality)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            f"{municipality.name} er opprettet med {user.username} som administrator."
        )
