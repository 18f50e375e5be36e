"""Writes to prepared files: a person asks for one (``prepared_file_request``, in the request), a
job makes it (``prepared_file_make``, on the worker, calling the app's own exporter), and the
daily job deletes those that have expired (``prepared_files_delete_expired``). The bytes are
kept in Django's storage (the ``uploads`` storage, under ``prepared/``: ``helhet/core/storage.py``),
never on a web node's own disk."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tasks.base import Task

from helhet.accounts.models import Membership
from helhet.core.history import delete_with_history, save_with_history
from helhet.core.security_log import security_event
from helhet.core.storage import uploads_storage
from helhet.core.text import TEXT
from helhet.files.models import PreparedFile, Status
from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send

logger = logging.getLogger(__name__)

# Where in the ``uploads`` storage the files are kept (beside uploads, whose names are bare hex).
FOLDER = "prepared/"


@dataclass(frozen=True)
class MadeFile:
    """What an exporter hands back: the bytes, the name the person saves them under, the type."""

    content: bytes
    filename: str
    content_type: str


# An app's exporter: makes the file for the member who asked, from the file's parameters;
# refuses with ValidationError (its message is shown), Http404 or PermissionDenied.
Maker = Callable[[PreparedFile, Membership], MadeFile]


def file_storage() -> Storage:
    """The storage prepared files are kept in: the one uploads are, so the backup and every web
    node find them where they find the uploads."""
    return uploads_storage()


def _kept_for() -> timedelta:
    return timedelta(days=settings.HELHET_PREPARED_FILE_DAYS)


@transaction.atomic
def prepared_file_request(
    *,
    membership: Membership,
    kind: str,
    title: str,
    parameters: dict[str, Any],
    personal_data: bool,
    job: Task[[int], str],
) -> PreparedFile:
    """Ask for a file: a row waiting for ``job`` (the app's task that makes it, enqueued in this
    transaction). The same person asking again for the same kind and parameters while the first
    is still waiting or being made gets that one, not a second job."""
    existing = (
        PreparedFile.objects.for_member(membership.user, membership.municipality)
        .filter(kind=kind, parameters=parameters, status__in=[Status.WAITING, Status.MAKING])
        .first()
    )
    if existing is not None:
        return existing
    prepared = PreparedFile(
        municipality=membership.municipality,
        owner=membership.user,
        kind=kind,
        title=Truncator(title).chars(200),
        parameters=parameters,
        personal_data=personal_data,
        expires_at=timezone.now() + _kept_for(),
    )
    save_with_history(prepared, actor=membership.user)
    job.enqueue(prepared.pk)
    return prepared


def prepared_file_make(*, file_id: int, make: Maker) -> str:
    """Make the waiting file ``file_id`` with ``make`` (for its owner's membership, checked
    again now) and keep it; returns the status it ends in. Ready: the bytes are stored, the
    owner is told "Filen din er klar" and, for a list of people, the export is logged as a
    security event. Failed: the reason is kept to show (a refusal's own message, or a general
    one when the exporter broke, which is logged and raised again for the job's record). A file
    not waiting (made already, or deleted) is left alone."""
    if not PreparedFile.objects.filter(pk=file_id, status=Status.WAITING).update(
        status=Status.MAKING
    ):
        return ""
    prepared = PreparedFile.objects.select_related("owner", "municipality").get(pk=file_id)
    membership = Membership.objects.filter(
        user=prepared.owner, municipality=prepared.municipality, user__is_active=True
    ).first()
    with translation.override("nb"):
        if membership is None:
            return _failed(prepared, _("You are no longer a member of this municipality."))
        try:
            made = make(prepared, membership)
        except ValidationError as refused:
            return _failed(prepared, " ".join(refused.messages))
        except (Http404, PermissionDenied):
            return _failed(prepared, _("You no longer have access to what the file was to hold."))
        except Exception:
            logger.exception("prepared file %s (%s) could not be made", file_id, prepared.kind)
            _failed(prepared, _("Something went wrong while the file was made. Try again later."))
            raise
    return _ready(prepared, made)


def _ready(prepared: PreparedFile, made: MadeFile) -> str:
    stored = file_storage().save(f"{FOLDER}{uuid.uuid4().hex}", ContentFile(made.content))
    try:
        with transaction.atomic():
            now = timezone.now()
            prepared.status = Status.READY
            prepared.filename = made.filename
            prepared.content_type = made.content_type
            prepared.size = len(made.content)
            prepared.stored_name = stored
            prepared.made_at = now
            prepared.expires_at = now + _kept_for()
            save_with_history(prepared, actor=None)
            _tell(prepared, texts.gettext("Your file is ready: %(file)s", file=made.filename))
    except BaseException:
        file_storage().delete(stored)
        raise
    if prepared.personal_data:
        security_event(
            "export.personal_data",
            user_id=prepared.owner_id,
            export=prepared.kind,
            filename=made.filename,
            municipality_id=prepared.municipality_id,
            prepared_file_id=prepared.pk,
            via="job",
        )
    return Status.READY


def _failed(prepared: PreparedFile, reason: str) -> str:
    with transaction.atomic():
        prepared.status = Status.FAILED
        prepared.reason = Truncator(reason).chars(TEXT)
        save_with_history(prepared, actor=None)
        _tell(
            prepared,
            texts.gettext("Your file could not be made: %(what)s", what=prepared.title),
        )
    return Status.FAILED


def _tell(prepared: PreparedFile, text: texts.Message) -> None:
    notification_send(
        recipients=[prepared.owner],
        actor=None,
        municipality=prepared.municipality,
        kind=Kind.FILE_READY,
        text=text,
        link=reverse("files:list"),
    )


# A file still waiting or being made this long after it was asked for will not be made (no worker
# ran, or one stopped while making it): the daily job says so rather than "being made" for days.
STUCK_AFTER = timedelta(hours=2)


def prepared_files_fail_stuck() -> int:
    """Mark failed, with the reason, every file asked for more than ``STUCK_AFTER`` ago that is
    still waiting or being made, and tell its owner; returns how many."""
    stuck = PreparedFile.objects.filter(
        status__in=[Status.WAITING, Status.MAKING],
        requested_at__lt=timezone.now() - STUCK_AFTER,
    ).select_related("owner", "municipality")
    failed = 0
    with translation.override("nb"):
        for prepared in stuck.order_by("pk"):
            _failed(prepared, _("The file was not made in time. Ask for it again."))
            failed += 1
    return failed


def prepared_files_delete_expired() -> int:
    """Delete every expired file, its row and its bytes; returns how many. The bytes go after
    the row's deletion is committed, so a rolled-back deletion never leaves a row without them."""
    deleted = 0
    for prepared in PreparedFile.objects.expired().order_by("pk"):
        with transaction.atomic():
            stored = prepared.stored_name
            delete_with_history(prepared, actor=None)
            if stored:
                transaction.on_commit(partial(file_storage().delete, stored))
        deleted += 1
    return deleted
