"""The optimistic lock of the fund's edit forms and API: a fund, a round and an application each
count a ``version`` up with every saved change, and a save started from an older version is
refused with StaleEditError (the API answers 409) instead of silently overwriting what someone
else saved in between."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.fund.models import Fund, FundRound


class StaleEditError(ValidationError):
    """Someone else saved the fund, the round or the application after this person opened it:
    nothing was written. ``current_version`` is the version saved now, to start again from."""

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message, code="stale_edit")
        self.current_version = current_version


def claim_next_version(model: type[Fund] | type[FundRound], pk: int, expected: int | None) -> int:
    """Count the row's version up by one, refusing (StaleEditError) when it is no longer
    ``expected``. One conditional UPDATE, so of two saves from the same version exactly one
    matches the row, on SQLite as on PostgreSQL. ``expected`` None: no check (a script)."""
    rows = model.objects.filter(pk=pk)
    current = rows.values_list("version", flat=True).get()
    if expected is None:
        expected = current
    if not rows.filter(version=expected).update(version=expected + 1):
        now = rows.values_list("version", flat=True).get()
        message = (
            _(
                "Someone else saved this fund after you opened it. Your changes were not saved: "
                "open the fund again and make your changes there."
            )
            if model is Fund
            else _(
                "Someone else saved this application round after you opened it. Your changes "
                "were not saved: open the round again and make your changes there."
            )
        )
        raise StaleEditError(message, current_version=now)
    return expected + 1
