"""The person's own notifications in the JSON API: the list (newest first, paginated; only the
unread ones if asked) and marking one or all read. Another person's notification, or another
municipality's, is 404."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from helhet.api.errors import ERRORS
from helhet.api.members import request_membership
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import Id
from helhet.notifications import services
from helhet.notifications.access import get_notification_for_user
from helhet.notifications.models import Notification
from helhet.notifications.tasks import whole_link

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str = Field(
        description="decision_waiting, decision_made, measurement_due, status_report_overdue, "
        "idea_status, fund_decided or overlap_flagged"
    )
    kind_label: str
    text: str = Field(description="Plain text Helhet wrote, in the request's language")
    link: str = Field(description="The whole address of the page it is about ('' for none)")
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_kind_label(notification: Notification) -> str:
        return notification.get_kind_display()

    @staticmethod
    def resolve_text(notification: Notification) -> str:
        return notification.readable_text

    @staticmethod
    def resolve_link(notification: Notification) -> str:
        return whole_link(notification.link)


class NotificationPage(Page):
    results: list[NotificationOut]


class NotificationFilters(Schema):
    unread: bool = Field(False, description="Only the notifications not yet read")


class MarkedOut(Schema):
    marked: int = Field(description="How many notifications were marked read")


@router.get(
    "/notifications",
    response={200: NotificationPage, **ERRORS},
    summary="My notifications in this municipality, newest first",
    operation_id="helhet_api_notifications_notification_list",
)
def notification_list(
    request: HttpRequest, filters: Query[NotificationFilters], paging: Query[PageParams]
) -> Any:
    membership = request_membership(request)
    rows = Notification.objects.for_member(membership.user, membership.municipality)
    if filters.unread:
        rows = rows.unread()
    return paginate(request, rows, paging)


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **ERRORS},
    summary="Mark one of my notifications read",
    operation_id="helhet_api_notifications_notification_read",
)
def notification_read(request: HttpRequest, notification_id: Id) -> Any:
    membership = request_membership(request)
    notification = get_notification_for_user(membership, notification_id)
    return services.notification_mark_read(notification=notification, actor=membership.user)


@router.post(
    "/notifications/read-all",
    response={200: MarkedOut, **ERRORS},
    summary="Mark every one of my unread notifications in this municipality read",
    operation_id="helhet_api_notifications_notification_read_all",
)
def notification_read_all(request: HttpRequest) -> Any:
    membership = request_membership(request)
    marked = services.notifications_mark_all_read(
        actor=membership.user, municipality=membership.municipality
    )
    return {"marked": marked}
