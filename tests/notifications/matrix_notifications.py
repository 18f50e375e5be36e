"""The notification pages in the role and tenancy matrices (see tests/matrix.py): every member
reads their own notifications and chooses their e-mail; the API's notification is their own."""

from __future__ import annotations

from helhet.accounts.models import Membership
from helhet.notifications.models import Kind, Notification
from helhet.notifications.services import notification_send
from helhet.organization.models import Municipality
from tests.matrix import Target, View

TEXT = "Beslutningspunkt 2 for Trygghetsalarm venter på deg"


def _read_all(stavanger: Municipality) -> dict[str, str]:
    """Every Stavanger member gets a notification, which the POST marks read."""
    people = [m.user for m in Membership.objects.filter(municipality=stavanger)]
    notification_send(
        recipients=people, actor=None, municipality=stavanger, kind=Kind.DECISION_WAITING, text=TEXT
    )
    return {"read": "all"}


def _choices(stavanger: Municipality) -> dict[str, str]:
    return {kind.value: "off" for kind in Kind}


ROLE_VIEWS = [
    View("notifications:list", (), None, _read_all, "/varsler/"),
    View("notifications:settings", (), None, _choices, "/varsler/"),
]


def _admins_notification(stavanger: Municipality) -> Target:
    admin = Membership.objects.get(municipality=stavanger, user__username="admin").user
    found = Notification.objects.filter(recipient=admin, text=TEXT).first()
    notification = (
        found
        or notification_send(
            recipients=[admin],
            actor=None,
            municipality=stavanger,
            kind=Kind.DECISION_WAITING,
            text=TEXT,
        )[0]
    )
    return Target(notification.pk, TEXT, kwarg="notification_id")


TENANCY_API = {"api-v1:notification_read": _admins_notification}
