"""Keeping an upload between the preview and the confirmation: the bytes in the default storage
under ``imports/<token>`` (shared by every web node, see helhet/core/storage.py), who uploaded it
where in a row (``PendingImport``), readable only by the person who uploaded it, in that
municipality.

A confirmation first claims the file (:func:`pending_claim`): one UPDATE sets the row's
``claimed_at`` where it is still empty, which only one of several parallel confirmations (a double
click, two windows, two web nodes) can do; the others, and any confirmation after the import, are
told the file is already being or has been imported (PendingClaimed)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from helhet.accounts.models import Membership
from helhet.portfolio.models import PendingImport

_TOKEN = re.compile(r"^[0-9a-f]{32}$")
PENDING_MAX_AGE_SECONDS = 24 * 3600
FOLDER = "imports/"


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    data: bytes
    plan: str = ""


class PendingClaimed(Exception):
    """Another confirmation has taken the file: it is being imported or has been."""


def _file(token: str) -> str:
    return f"{FOLDER}{token}"


def _remove_old() -> None:
    """Files uploaded more than a day ago go, with their rows (claimed or not)."""
    cutoff = timezone.now() - timedelta(seconds=PENDING_MAX_AGE_SECONDS)
    old = PendingImport.objects.filter(created_at__lt=cutoff)
    for token in old.values_list("token", flat=True):
        default_storage.delete(_file(token))
    old.delete()


def pending_save(*, membership: Membership, name: str, data: bytes, plan: str = "") -> str:
    """Keep an uploaded file until the person confirms the import, with the ``plan`` of what
    the preview showed (see ImportPreview.plan); returns its token. Files older than a day are
    removed on the way."""
    _remove_old()
    token = secrets.token_hex(16)
    saved = default_storage.save(_file(token), ContentFile(data))
    if saved != _file(token):  # never expected: a random token's file already there
        default_storage.delete(saved)
        raise OSError("the storage changed the pending file's name")
    PendingImport.objects.create(
        token=token,
        user_id=membership.user_id,
        municipality_id=membership.municipality_id,
        name=name[:255],
        plan=plan,
    )
    return token


def _read(row: PendingImport) -> PendingUpload | None:
    try:
        with default_storage.open(_file(row.token), "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return PendingUpload(row.token, row.name, data, row.plan)


def pending_load(*, membership: Membership, token: str) -> PendingUpload | None:
    """The file kept under ``token``, if this person uploaded it in this municipality and no
    confirmation has claimed it."""
    if not _TOKEN.match(token or ""):
        return None
    row = PendingImport.objects.filter(
        token=token,
        user_id=membership.user_id,
        municipality_id=membership.municipality_id,
        claimed_at__isnull=True,
    ).first()
    return _read(row) if row is not None else None


def pending_claim(*, membership: Membership, token: str) -> PendingUpload | None:
    """The file kept under ``token`` (as :func:`pending_load`), taken for this confirmation
    alone: of confirmations at the same time, on any web node, exactly one gets it. Raises
    PendingClaimed when another confirmation took it (now or before: the claim is kept a day
    after the upload); None when no such file waits for this person. After the import,
    :func:`pending_delete`; if it failed, :func:`pending_release` lets the file be confirmed
    again."""
    if not _TOKEN.match(token or ""):
        return None
    mine = PendingImport.objects.filter(
        token=token, user_id=membership.user_id, municipality_id=membership.municipality_id
    )
    row = mine.first()
    if row is None:
        return None
    if row.claimed_at is not None:
        raise PendingClaimed(token)
    pending = _read(row)
    if pending is None:
        return None
    if not mine.filter(claimed_at__isnull=True).update(claimed_at=timezone.now()):
        raise PendingClaimed(token)
    return pending


def pending_claimed(*, membership: Membership, token: str) -> PendingUpload | None:
    """The file kept under ``token`` that this person's confirmation claimed (for the job that
    imports a large file after the confirmation); None if there is none, or it is not claimed."""
    if not _TOKEN.match(token or ""):
        return None
    row = PendingImport.objects.filter(
        token=token,
        user_id=membership.user_id,
        municipality_id=membership.municipality_id,
        claimed_at__isnull=False,
    ).first()
    return _read(row) if row is not None else None


def pending_release(token: str) -> None:
    """Give a claimed file back, to be confirmed again (the import did not happen)."""
    if _TOKEN.match(token or ""):
        PendingImport.objects.filter(token=token).update(claimed_at=None)


def pending_delete(token: str) -> None:
    """The file is done with (imported, or replaced by a new preview): its bytes go; a claimed
    row stays until it is a day old, so a late confirmation is told it was imported."""
    if _TOKEN.match(token or ""):
        default_storage.delete(_file(token))
        PendingImport.objects.filter(token=token, claimed_at__isnull=True).delete()
