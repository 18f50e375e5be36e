"""``python manage.py rebuild_adoption_figures [--municipality SLUG]``

Recomputes what each unit using a solution keeps of its counts for the overviews (the newest
count and the one before it, the share in use, whether it fell, when the next count is due)
from the counts themselves (``helhet.adoption.services.counts.adoption_figures_rebuild``). The
count services keep them current on every write, so this is only needed after counts were
written around them (a bulk load, a restore of part of the database); running it again changes
nothing. Prints how many units it changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from helhet.adoption.services.counts import adoption_figures_rebuild
from helhet.organization.commands import municipality_named


class Command(BaseCommand):
    help = "Recompute each solution unit's kept adoption figures from its counts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="Only this municipality (its short name).")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["municipality"]
        municipality = municipality_named(slug) if slug else None
        changed = adoption_figures_rebuild(municipality=municipality)
        self.stdout.write(f"Enheter med endrede tall: {changed}.")
