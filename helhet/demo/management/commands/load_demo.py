from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from helhet.demo.adoption import build_adoption_demo
from helhet.demo.benefits.build import build_benefits_demo
from helhet.demo.fund import build_fund_demo
from helhet.demo.ideas import build_ideas_demo
from helhet.demo.learning import build_learning_demo
from helhet.demo.lessons import build_lessons_demo
from helhet.demo.maturity import build_maturity_demo
from helhet.demo.municipalities import build_demo
from helhet.demo.portfolio import build_portfolio_demo
from helhet.demo.projects import build_projects_demo
from helhet.organization.models import Municipality


class Command(BaseCommand):
    help = "Load the demo municipalities (Stavanger, Bergen) and one demo login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already has a municipality.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Demodata lastes bare med HELHET_DEBUG=true: demobrukerne har et kjent passord."
            )
        if Municipality.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Databasen har allerede data; demodata lastes ikke.")
                return
            raise CommandError(
                "Databasen har allerede kommuner; demodata lastes bare i en tom database."
            )
        with transaction.atomic():
            municipalities = build_demo()
            build_portfolio_demo(municipalities["stavanger"], municipalities["bergen"])
            build_projects_demo(municipalities["stavanger"])
            build_maturity_demo(municipalities["stavanger"])
            build_benefits_demo(municipalities["stavanger"])
            build_fund_demo(municipalities["stavanger"])
            build_ideas_demo(municipalities["stavanger"])
            build_adoption_demo(municipalities["stavanger"])
            build_lessons_demo(municipalities["stavanger"])
            build_learning_demo(municipalities["stavanger"])
        self.stdout.write(
            self.style.SUCCESS("Demodata lastet: Stavanger kommune og Bergen kommune.")
        )
        self.stdout.write("Demobrukerne vises med: python manage.py demo_logins")
