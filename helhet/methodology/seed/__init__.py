"""The methods Helhet ships with, as editable data: Digdir's Prosjektveiviseren, Smartby's
process, the E-helse process for implementing welfare technology (after KS), and a light method for
small improvement work. ``seed_methods`` gives a municipality version 1 of each, the current one.
Each method is data in its own module; ``build`` turns the data into rows.

Facts come from the 2022 audit of Stavanger's digitalisation work (``seed/000_2f3fe3e17b51d0d8.txt``
in the shared folder); the comments give its line numbers. Checklist items are marked "Digdir" where
they restate Prosjektveiviseren's published guidance in our words, and "Kommunens egen" where the
checkpoint is the municipality's (from the audit, or Helhet's own proposal for the audit's wish for
levels, audit §5.5.2).

The levels and their thresholds are Helhet's proposal, written out in each level's description so a
portfolio office can see, and change, what they rest on:

* Liten: cost up to 1.3 million kr (the national threshold for procurement, excl. VAT, under which a
  purchase needs no announcement in Doffin), up to 6 months (the medicine dispensers'
  implementation phase, January-June 2017, audit §5.4.2), risk at most 2 of 5.
* Middels: up to 10 million kr, up to 18 months, risk at most 3.
* Stor: everything above; no limit.
"""

from __future__ import annotations

from django.db import transaction

from helhet.methodology.models import Method
from helhet.methodology.seed.build import build_methods
from helhet.methodology.seed.ehelse import EHELSE
from helhet.methodology.seed.light import LIGHT
from helhet.methodology.seed.prosjektveiviseren import PROSJEKTVEIVISEREN
from helhet.methodology.seed.smartby import SMARTBY
from helhet.organization.models import Municipality

METHODS = [PROSJEKTVEIVISEREN, SMARTBY, EHELSE, LIGHT]


@transaction.atomic
def seed_methods(municipality: Municipality) -> list[Method]:
    """Give the municipality the four methods Helhet ships with, each at version 1 (current).
    Does nothing, and returns an empty list, if the municipality already has a method: its own
    edits are never overwritten."""
    if Method.objects.filter(municipality=municipality).exists():
        return []
    return build_methods(municipality, METHODS)
