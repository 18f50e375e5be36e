from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from helhet.demo.municipalities import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Print the demo logins, if the demo data is loaded (never in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_logins() if settings.DEBUG else []
        if not logins:
            return
        self.stdout.write(f"Demobrukere, alle med passordet «{DEMO_PASSWORD}»:")
        for login in logins:
            self.stdout.write(f"  {login.username:<14} {login.role_label} i {login.municipality}")
