"""``python manage.py rebuild_fund_figures [--fund ID]``

Recomputes the figures the fund's review reads instead of summing everything on every request:
each fund's year totals and each grant's budget-year totals, from the ledger entries themselves
(``helhet.fund.services.ledger_totals``), and each initiative's monetary gain a year and each
benefit's measured progress, from the benefits plans (``helhet.benefits.services.monetary``).
The services keep them current on every write, so this is only needed after data was written
around them (a bulk load, a restore of part of the database); running it again changes nothing.
Prints what it wrote."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from helhet.benefits.services.monetary import monetary_gains_rebuild
from helhet.fund.models import Fund
from helhet.fund.services.ledger_totals import ledger_totals_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the figures kept beside the funds' ledgers and the initiatives' monetary "
        "gains and the benefits' measured progress from the ledger entries and the benefits "
        "plans."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fund", type=int, help="Only the fund with this id.")

    def handle(self, *args: Any, **options: Any) -> None:
        funds = Fund.objects.order_by("pk")
        if options["fund"] is not None:
            funds = funds.filter(pk=options["fund"])
            if not funds.exists():
                raise CommandError(f"Fant ikke fond nummer {options['fund']}.")
        for fund in funds:
            years, grants = ledger_totals_rebuild(fund=fund)
            self.stdout.write(
                f"{fund.name} (nr. {fund.pk}): {years} årssummer og {grants} tilsagnssummer."
            )
        if options["fund"] is None:
            steps = monetary_gains_rebuild()
            self.stdout.write(f"Tiltakenes økonomiske gevinster: {steps} trinn.")
