"""Keeping an upload between the preview and the confirmation: a file under a random token in
MEDIA_ROOT/imports, readable only by the person who uploaded it, in that municipality."""

from __future__ import annotations

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


def _pending_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def pending_save(*, membership: Membership, name: str, data: bytes, plan: str = "") -> str:
    """Keep an uploaded file until the person confirms the import, with the ``plan`` of what
    the preview showed (see ImportPreview.plan); returns its token. Files older than a day are
    removed on the way."""
    directory = _pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - PENDING_MAX_AGE_SECONDS
    for old in directory.iterdir():
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


def pending_delete(token: str) -> None:
    if _TOKEN.match(token or ""):
        for suffix in (".data", ".json"):
            (_pending_dir() / f"{token}{suffix}").unlink(missing_ok=True)
