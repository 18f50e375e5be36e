"""Learning across departments: the lessons register (erfaringsregister), the portfolio office's
verdicts on probable overlaps between initiatives, and requests for help from one unit to a
digital department.

The audit: the challenges lie mainly in involving the whole organisation and implementing
solutions; E-helse og velferdsteknologi asks for competence in project method and implementation,
which Innovasjon og digitalisering is to offer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, SHORT_TEXT, TEXT, limited_text


class SearchVectorIndex(GinIndex):
    """A GIN index for a full-text vector on PostgreSQL; elsewhere (SQLite, which has no GIN and
    no full-text vector) a plain index, so that the tables built from the models and those the
    migrations build stay alike on every database."""

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class LessonSource(models.TextChoices):
    LOG = "log", _("Project log")
    CLOSING = "closing", _("Closing gate")
    SOLUTION = "solution", _("Solution in use")
    WRITTEN = "written", _("Written in the register")


class Lesson(MunicipalityOwned):
    """A lesson for others: what happened, what we learned, what others should do; where it comes
    from (a project-log entry marked as a lesson, the closing gate, a solution in use, or written
    straight into the register), and what it is about (initiative, unit, phase, themes)."""

    source = models.CharField(_("from"), max_length=10, choices=LessonSource.choices)
    title = models.CharField(_("title"), max_length=SHORT_TEXT)
    what_happened = limited_text(_("what happened"), LONG_TEXT, blank=True)
    learned = limited_text(_("what we learned"), LONG_TEXT)
    advice = limited_text(_("what others should do"), LONG_TEXT, blank=True)
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("initiative"),
    )
    unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    # The phase's name when the lesson was learned ("Gjennomføring"), kept as text so that the
    # register filters on it across methods and method versions.
    phase_name = models.CharField(_("phase"), max_length=100, blank=True)
    themes = models.ManyToManyField(
        "portfolio.Tag", blank=True, related_name="lessons", verbose_name=_("themes")
    )
    log_entry = models.OneToOneField(
        "projects.LogEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="register_lesson",
        verbose_name=_("project-log entry"),
    )
    decision = models.ForeignKey(
        "methodology.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closing decision"),
    )
    solution = models.ForeignKey(
        "adoption.Solution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("solution"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # Derived, kept by the lesson services (helhet.learning.search): the lesson's words in lower
    # case (title, texts, themes, initiative, unit, phase), which SQLite searches; and on
    # PostgreSQL their Norwegian full-text vector, GIN-indexed. Not history.
    # Bounded like every text: the three texts, the title and the few names beside them.
    search_text = limited_text(_("words to search"), 4 * LONG_TEXT, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[themes], excluded_fields=["search_text", "search_vector"]
    )

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [
            models.Index(fields=["municipality", "-written_at"]),
            SearchVectorIndex(fields=["search_vector"], name="learning_lesson_search"),
        ]

    def __str__(self) -> str:
        return self.title


class OverlapVerdict(models.TextChoices):
    RELATED = "related", _("Related")
    MERGED = "merged", _("Merged")
    NOT_OVERLAP = "not_overlap", _("Not an overlap")


class Overlap(MunicipalityOwned):
    """The portfolio office's verdict on two initiatives that looked like the same work, so the
    pair is not listed again. ``first`` is always the one with the lower id."""

    first = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, related_name="+", verbose_name=_("first")
    )
    second = models.ForeignKey(
        "portfolio.Initiative", on_delete=models.CASCADE, related_name="+", verbose_name=_("second")
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=OverlapVerdict.choices)
    note = limited_text(_("note"), TEXT, blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("judged by"),
    )
    judged_at = models.DateTimeField(_("judged"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-judged_at", "-pk"]
        verbose_name = _("overlap")
        verbose_name_plural = _("overlaps")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="learning_one_verdict_a_pair"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="learning_overlap_pair_ordered"
            ),
        ]


class HelpKind(models.TextChoices):
    METHOD = "method", _("Project method")
    IMPLEMENTATION = "implementation", _("Implementation")
    DATA = "data", _("Data and analysis")
    OTHER = "other", _("Other")


class HelpStatus(models.TextChoices):
    ASKED = "asked", _("Asked")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


class HelpRequest(MunicipalityOwned):
    """A unit asks a digital department for help (method, implementation, data and analysis);
    the asked department accepts and plans it, or declines with a reason, and closes it."""

    from_unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by the unit"),
    )
    to_unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked department"),
    )
    kind = models.CharField(_("help with"), max_length=20, choices=HelpKind.choices)
    title = models.CharField(_("title"), max_length=SHORT_TEXT)
    description = limited_text(_("description"), TEXT)
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HelpStatus.choices, default=HelpStatus.ASKED
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    planned_for = models.DateField(_("planned for"), null=True, blank=True)
    answer = limited_text(_("plan or reason"), TEXT, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = limited_text(_("outcome"), TEXT, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["to_unit", "status"])]

    def __str__(self) -> str:
        return self.title
