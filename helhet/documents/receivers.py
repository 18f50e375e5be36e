"""Storage plumbing: the uploaded file of a document version goes when its row goes.

Versions are never deleted one by one (see ``helhet.documents.models``); they go with their
initiative when it is deleted, by the database's cascade, which the portfolio starts and need not
know about. Removing the file is not business logic but keeping the upload folder in step with
the database, so it is done here, once the deletion is committed: a rolled-back deletion keeps
its files."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from helhet.documents.models import DocumentVersion
from helhet.documents.uploads import discard


@receiver(post_delete, sender=DocumentVersion, dispatch_uid="documents.discard_uploaded_file")
def discard_uploaded_file(
    sender: type[DocumentVersion], instance: DocumentVersion, **kwargs: Any
) -> None:
    """Remove the version's uploaded file (if it has one) after the transaction commits."""
    stored_name = instance.stored_name
    if stored_name:
        transaction.on_commit(lambda: discard(stored_name))
