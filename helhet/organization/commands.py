"""What the management commands share: the municipality and the person named on the command
line, or a clear error (CommandError) when there is none by that name; and the refusal of an
import file with problems."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.accounts.models import Membership, User
from helhet.organization.models import Municipality


def municipality_named(slug: str) -> Municipality:
    """The municipality with the short name ``slug`` (``--municipality stavanger``)."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise CommandError(_("No municipality with the short name “%(slug)s”.") % {"slug": slug})
    return municipality


def member_named(municipality: Municipality, username: str) -> User | None:
    """The member of ``municipality`` with ``username`` (``--user``); None for no username, when
    the change is the system's."""
    if not username:
        return None
    membership = (
        Membership.objects.filter(municipality=municipality, user__username=username)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise CommandError(
            _("No person with the username “%(name)s” in the municipality.") % {"name": username}
        )
    return membership.user


def import_refused(stderr: OutputWrapper, problems: Sequence[object]) -> CommandError:
    """Write each of the file's problems to ``stderr``; the error to raise, which says how many
    there were and that nothing was imported."""
    for problem in problems:
        stderr.write(str(problem))
    return CommandError(
        ngettext(
            "The file has %(count)s problem. Nothing was imported.",
            "The file has %(count)s problems. Nothing was imported.",
            len(problems),
        )
        % {"count": len(problems)}
    )
