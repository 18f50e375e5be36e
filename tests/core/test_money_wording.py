"""Amounts of money are written one way: the figure, then "kr" ("1 200 000 kr"), from one
place (``helhet.core.formats.money_text``), in every page and message; never "… kroner" after a
figure, which the fund's messages used to write while its pages and the benefits and portfolio
pages wrote "kr"."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import polib
from django.utils import translation

from helhet.core.formats import money_text

LOCALE = Path(__file__).resolve().parents[2] / "helhet" / "locale"
FIGURE_THEN_KRONER = re.compile(r"%\([a-z_]+\)s kroner\b")


def test_an_amount_is_written_with_kr_after_the_figure() -> None:
    with translation.override("nb"):
        assert money_text(Decimal("1200000")).replace("\xa0", " ") == "1 200 000 kr"
        assert money_text(Decimal("8452.50")).replace("\xa0", " ") == "8 452,50 kr"


def test_no_message_writes_kroner_after_an_amount() -> None:
    found = [
        f"{language}: {entry.msgid}"
        for language in ("nb", "en")
        for entry in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        if FIGURE_THEN_KRONER.search(entry.msgid) or FIGURE_THEN_KRONER.search(entry.msgstr)
    ]
    assert not found, found
