"""Uploaded files: which kinds are accepted and how each is recognised by its content (not by its
name alone), the checks an upload must pass (``check_upload``), the size limit enforced while the
request is read, and where files are kept.

Files are kept in the ``uploads`` storage (``helhet.core.storage``: on the filesystem
``settings.HELHET_UPLOAD_DIR``, outside the static root and served by no static route; or an object
store shared by several web nodes) under random names; only the views that check who may see a file
hand it out (``open_stored``)."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from helhet.core.storage import uploads_storage

ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


KINDS: dict[str, FileKind] = {
    kind.code: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
        FileKind(
            "docx",
            "Word (DOCX)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileKind(
            "xlsx",
            "Excel (XLSX)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
        ),
        FileKind(
            "pptx",
            "PowerPoint (PPTX)",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        FileKind("odt", "OpenDocument (ODT)", ODT_MIMETYPE.decode(), (".odt",)),
        FileKind("png", "PNG", "image/png", (".png",)),
        FileKind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg")),
    )
}
ACCEPTED_EXTENSIONS = [ext for kind in KINDS.values() for ext in kind.extensions]
# The top-level folder of an Office Open XML package, by kind.
_OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}


def _detect_zip(file: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if not entries:
                return None
            first = entries[0]
            if first.filename == "mimetype" and first.file_size < 100:
                with archive.open(first) as mimetype:
                    if mimetype.read(100).strip() == ODT_MIMETYPE:
                        return KINDS["odt"]
                return None
            names = {entry.filename for entry in entries}
            if "[Content_Types].xml" not in names:
                return None
            found = {
                code
                for prefix, code in _OOXML_PARTS.items()
                if any(name.startswith(prefix) for name in names)
            }
            return KINDS[found.pop()] if len(found) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None


def detect(file: IO[bytes]) -> FileKind | None:
    """The kind of file by its content: PDF, PNG and JPEG by their signatures; DOCX, XLSX and
    PPTX as ZIP packages with [Content_Types].xml and a word/, xl/ or ppt/ part; ODT as a ZIP
    whose first entry ``mimetype`` names an OpenDocument text. None for anything else."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    kind: FileKind | None = None
    if head.startswith(b"%PDF-"):
        kind = KINDS["pdf"]
    elif head == b"\x89PNG\r\n\x1a\n":
        kind = KINDS["png"]
    elif head.startswith(b"\xff\xd8\xff"):
        kind = KINDS["jpeg"]
    elif head.startswith(ZIP_MAGIC):
        kind = _detect_zip(file)
    file.seek(0)
    return kind


def extension(name: str) -> str:
    return Path(name).suffix.lower()


def clean_name(name: str) -> str:
    """The file's own name without any folder, control characters or surrounding blanks, at
    most 255 characters, keeping the extension."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if len(base) > 255:
        suffix = extension(base)[:20]
        base = base[: 255 - len(suffix)] + suffix
    return base


def max_bytes() -> int:
    return int(settings.HELHET_UPLOAD_MAX_BYTES)


def _checked(stored_name: str) -> str:
    """The name, if it is one of ours (hex only), never a user's or a path."""
    if not stored_name or not all(ch in "0123456789abcdef" for ch in stored_name):
        raise ValueError("not a stored file name")
    return stored_name


def open_stored(stored_name: str) -> IO[bytes]:
    """The stored file, opened for reading (OSError or FileNotFoundError when it is missing,
    ValueError for a name that is not one of ours)."""
    return uploads_storage().open(_checked(stored_name), "rb")


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    size: int
    sha256: str


def too_large_message() -> str:
    """What a person is told when a file passes the size limit."""
    return _("The file is too large. Files may be at most %(limit)s.") % {
        "limit": filesizeformat(max_bytes())
    }


def check_upload(upload: UploadedFile) -> FileKind:
    """The kind of the uploaded file, or a ValidationError (on ``file``) saying why it is
    refused: too large, empty, of a kind not accepted, or named for another kind than its
    content."""
    size = upload.size or 0
    if size > max_bytes():
        raise ValidationError({"file": too_large_message()})
    name = clean_name(upload.name or "")
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    kind = detect(upload)
    accepted = "PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG"
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "“%(name)s” is not a file of a kind Helhet accepts, judged by its content. "
                    "Accepted: %(accepted)s."
                )
                % {"name": name, "accepted": accepted}
            }
        )
    suffix = extension(name)
    if suffix not in kind.extensions:
        raise ValidationError(
            {
                "file": _(
                    "The name “%(name)s” does not match its content, which is %(kind)s. "
                    "Name the file with %(extensions)s."
                )
                % {"name": name, "kind": kind.label, "extensions": " / ".join(kind.extensions)}
            }
        )
    return kind


def store(file: UploadedFile) -> StoredFile:
    """Copy the upload into the uploads storage under a new random name, with its size and
    SHA-256. The caller removes it (``discard``) if what follows fails."""
    digest = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    storage = uploads_storage()
    stored_name = secrets.token_hex(16)
    saved = storage.save(stored_name, file)
    if saved != stored_name:  # a file had that name (a 2^-128 chance): never hand out its twin
        storage.delete(saved)
        raise OSError("the storage changed the file's name")
    return StoredFile(stored_name, size, digest.hexdigest())


def discard(stored_name: str) -> None:
    """Remove a stored file; nothing happens when it is gone already."""
    uploads_storage().delete(_checked(stored_name))


class SizeLimitHandler(FileUploadHandler):
    """Stops reading a file as soon as it passes the size limit: the rest of it is skipped, not
    kept in memory or on disk, and ``exceeded`` tells the view why the file is missing."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = max_bytes()
        self.received = 0
        self.exceeded = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def limit_upload_size(request: HttpRequest) -> SizeLimitHandler:
    """Put the size limit in front of the request's upload handlers; call before the body is
    read (the view must be csrf_exempt on the outside and csrf_protect inside)."""
    handler = SizeLimitHandler(request)
    handlers = request.upload_handlers
    if not isinstance(handlers, list):  # an immutable list: the body has been read already
        raise RuntimeError("The size limit must be set before the request's body is read.")
    handlers.insert(0, handler)
    return handler
