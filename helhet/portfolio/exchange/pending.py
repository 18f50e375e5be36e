"""Keeping an upload between the preview and the confirmation: a file under a random token in
MEDIA_ROOT/imports, readable only by the person who uploaded it, in that municipality.

A confirmation first claims the file (:func:`pending_claim`): its description moves to
MEDIA_ROOT/imports-claimed in one rename, which only one of several parallel confirmations
(a double click, two windows) can do; the others, and any confirmation after the import, are told
the file is already being or has been imported (PendingClaimed)."""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from helhet.accounts.models import Membership

_TOKEN = re.compile(r"^[0-9a-f]{32}$")
PENDING_MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    data: bytes
    plan: str = ""


class PendingClaimed(Exception):
    """Another confirmation has taken the file: it is being imported or has been."""


def _pending_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _claimed_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports-claimed"


def pending_save(*, membership: Membership, name: str, data: bytes, plan: str = "") -> str:
    """Keep an uploaded file until the person confirms the import, with the ``plan`` of what
    the preview showed (see ImportPreview.plan); returns its token. Files older than a day are
    removed on the way."""
    directory = _pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - PENDING_MAX_AGE_SECONDS
    for folder in (directory, _claimed_dir()):
        for old in folder.iterdir() if folder.exists() else ():
            if old.stat().st_mtime < cutoff:
                old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (directory / f"{token}.data").write_bytes(data)
    meta = {
        "user": membership.user_id,
        "municipality": membership.municipality_id,
        "name": name,
        "plan": plan,
    }
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def pending_load(*, membership: Membership, token: str) -> PendingUpload | None:
    """The file kept under ``token``, if this person uploaded it in this municipality."""
    if not _TOKEN.match(token or ""):
        return None
    directory = _pending_dir()
    try:
        meta = json.loads((directory / f"{token}.json").read_text(encoding="utf-8"))
        data = (directory / f"{token}.data").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user") != membership.user_id or meta.get("municipality") != (
        membership.municipality_id
    ):
        return None
    return PendingUpload(token, str(meta.get("name", "")), data, str(meta.get("plan", "")))


def pending_claim(*, membership: Membership, token: str) -> PendingUpload | None:
    """The file kept under ``token`` (as :func:`pending_load`), taken for this confirmation
    alone: of confirmations at the same time exactly one gets it. Raises PendingClaimed when
    another confirmation took it (now or before: the claim is kept a day after the import);
    None when no such file waits for this person. After the import, :func:`pending_delete`;
    if it failed, :func:`pending_release` lets the file be confirmed again."""
    pending = pending_load(membership=membership, token=token)
    claimed = _claimed_dir() / token if _TOKEN.match(token or "") else None
    if pending is None:
        if claimed is not None and claimed.exists():
            raise PendingClaimed(token)
        return None
    assert claimed is not None
    claimed.parent.mkdir(parents=True, exist_ok=True)
    try:
        (_pending_dir() / f"{token}.json").rename(claimed)
    except FileNotFoundError:
        raise PendingClaimed(token) from None
    return pending


def pending_release(token: str) -> None:
    """Give a claimed file back, to be confirmed again (the import did not happen)."""
    if _TOKEN.match(token or ""):
        with contextlib.suppress(FileNotFoundError):
            (_claimed_dir() / token).rename(_pending_dir() / f"{token}.json")


def pending_delete(token: str) -> None:
    if _TOKEN.match(token or ""):
        for suffix in (".data", ".json"):
            (_pending_dir() / f"{token}{suffix}").unlink(missing_ok=True)
