"""Where Helhet keeps files: through Django's storage API, never a path on the web node's own disk,
so several web nodes can share one storage (a shared folder, or S3-compatible or Azure Blob storage
through django-storages: ``HELHET_FILE_STORAGE``, see docs/deployment.md).

Two storages (``settings.STORAGES``) hold what Helhet keeps:

- ``uploads``: uploaded files (project documents, benefits evidence, idea attachments), under
  random hex names, and the files made for a person on the job queue (``prepared/``, the
  ``files`` app, deleted when they expire); on the filesystem in ``settings.HELHET_UPLOAD_DIR``.
- ``default``: files waiting for a person to confirm an import (``imports/<token>``); on the
  filesystem in ``settings.MEDIA_ROOT``.

``KEPT_STORAGES`` names them for the backup, which copies every file in each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import cached_property

UPLOADS = "uploads"
KEPT_STORAGES = ("default", UPLOADS)


class UploadFolderStorage(FileSystemStorage):
    """The filesystem storage of uploads: ``settings.HELHET_UPLOAD_DIR`` unless a location is
    given, and following that setting when it changes (as FileSystemStorage follows
    MEDIA_ROOT), so a test's own upload folder is used."""

    def __init__(self, location: str | None = None, **kwargs: Any) -> None:
        super().__init__(location=location, **kwargs)
        self._upload_location = location

    @cached_property
    def base_location(self) -> Any:
        if self._upload_location is not None:
            return self._upload_location
        return settings.HELHET_UPLOAD_DIR

    def _clear_cached_properties(self, setting: Any, **kwargs: Any) -> None:
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "HELHET_UPLOAD_DIR":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def uploads_storage() -> Storage:
    """The storage of uploaded files."""
    return storages[UPLOADS]


def kept_storage(alias: str) -> Storage:
    """One of ``KEPT_STORAGES``."""
    if alias not in KEPT_STORAGES:
        raise ValueError(f"not a storage Helhet keeps files in: {alias}")
    return storages[alias]


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in ``storage`` (under ``folder``), sub-folders included, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}{sub}/")
