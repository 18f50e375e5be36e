"""Turning a request's ids and usernames into objects of the token's municipality, with the
field errors the API answers with (422) for any it does not know."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.api.errors import InvalidRequest
from helhet.organization.models import Municipality


def people_by_username(
    municipality: Municipality, usernames: Iterable[str], field: str
) -> list[User]:
    """The people with these usernames who work in the municipality, in the order given; every
    unknown username reported on ``field``."""
    wanted = list(dict.fromkeys(usernames))
    found = {
        user.username: user
        for user in User.objects.filter(
            username__in=wanted, memberships__municipality=municipality
        ).distinct()
    }
    missing = [name for name in wanted if name not in found]
    if missing:
        message = _("No person with the username “%(username)s” works in this municipality.")
        raise InvalidRequest({field: [message % {"username": name} for name in missing]})
    return [found[name] for name in wanted]


def person_by_username(municipality: Municipality, username: str | None, field: str) -> User | None:
    """The person with the username in the municipality; None when none is given."""
    if username is None:
        return None
    return people_by_username(municipality, [username], field)[0]


def objects_by_id(
    queryset: QuerySet[Any], ids: Iterable[int], field: str, message: str
) -> list[Any]:
    """The objects with these ids in the queryset (which scopes them to the municipality), in
    the order given; ``message`` on ``field`` if any is missing."""
    wanted = list(dict.fromkeys(ids))
    found = queryset.in_bulk(wanted)
    if len(found) != len(wanted):
        raise InvalidRequest({field: [message]})
    return [found[pk] for pk in wanted]


def object_by_id(queryset: QuerySet[Any], pk: int, field: str, message: str) -> Any:
    """The object with this id in the queryset; ``message`` on ``field`` if it is not there."""
    return objects_by_id(queryset, [pk], field, message)[0]


def look_up_all(lookups: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """What each lookup finds, by name; if any fails, every lookup's field errors at once
    (InvalidRequest)."""
    errors: dict[str, list[str]] = {}
    found: dict[str, Any] = {}
    for name, lookup in lookups.items():
        try:
            found[name] = lookup()
        except InvalidRequest as invalid:
            errors.update(invalid.errors)
    if errors:
        raise InvalidRequest(errors)
    return found
