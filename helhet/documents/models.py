"""A project's documents: for each document its method requires (a DocumentRequirement), the
project keeps versions, each either filled in as a structured form in the app or uploaded as a
file, or marks the document "ikke relevant" with a reason. Versions are never changed or
deleted: a new save makes a new version. A decision records the documents, in which version, it
was made on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import TEXT, limited_text


class ProjectDocument(MunicipalityOwned):
    """The project's document for one requirement of its method: its versions, or the mark
    "ikke relevant" with the reason (allowed only where the requirement permits it)."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        related_name="project_documents",
        verbose_name=_("initiative"),
    )
    requirement = models.ForeignKey(
        "methodology.DocumentRequirement",
        on_delete=models.PROTECT,
        related_name="project_documents",
        verbose_name=_("document requirement"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    not_relevant = models.BooleanField(_("not relevant"), default=False)
    not_relevant_reason = limited_text(_("why it is not relevant"), TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["requirement__phase__position", "requirement__position", "pk"]
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "requirement"], name="project_document_one_per_requirement"
            ),
            models.CheckConstraint(
                condition=Q(not_relevant=False) | ~Q(not_relevant_reason=""),
                name="project_document_not_relevant_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} – {self.requirement}"


class DocumentVersion(MunicipalityOwned):
    """One version of a project document: either the structured form's fields (``content``) or
    an uploaded file, stored under a random name outside the web root. Never changed."""

    document = models.ForeignKey(
        ProjectDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The structured form's fields by key (see structure.py); None for an uploaded file.
    content = models.JSONField(_("content"), null=True, blank=True)
    stored_name = models.CharField(_("stored name"), max_length=64, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_unique_number"
            ),
            models.CheckConstraint(
                condition=(Q(content__isnull=False) & Q(stored_name=""))
                | (Q(content__isnull=True) & ~Q(stored_name="") & ~Q(sha256="")),
                name="document_version_content_or_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def is_file(self) -> bool:
        return bool(self.stored_name)


class DecisionDocument(MunicipalityOwned):
    """A document a decision was made on: the version the project had then, or "not relevant"
    with the reason, or nothing (only for a decision that sends back or stops the project)."""

    decision = models.ForeignKey(
        "methodology.Decision",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("decision"),
    )
    requirement = models.ForeignKey(
        "methodology.DocumentRequirement",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document requirement"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    # RESTRICT, not PROTECT: the version may go only together with the decision, when an
    # initiative registered by mistake is deleted with everything it has.
    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version"),
    )
    not_relevant = models.BooleanField(_("not relevant"), default=False)
    not_relevant_reason = limited_text(_("why it is not relevant"), TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "position", "pk"]
        verbose_name = _("document of a decision")
        verbose_name_plural = _("documents of decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "requirement"], name="decision_document_once_per_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} – {self.requirement}"
