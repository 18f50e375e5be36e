"""A project's own working records: its board (the project organisation, who has which role), its
risk register (uncertainties: risks and opportunities with probability, consequence, owner and
measures) and its project log (decisions, change requests, deviations and events). Any log entry
can be marked as a lesson: the lesson lives in the lessons register (``learning.Lesson``, its
``log_entry``; the entry's ``register_lesson``).

Every initiative can keep these, whether or not it runs on a method."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, limited_text


class BoardRole(models.TextChoices):
    """The roles of a project organisation, in the order the board is shown."""

    PROJECT_OWNER = "project_owner", _("Project owner")
    STEERING_GROUP_CHAIR = "steering_group_chair", _("Steering group chair")
    STEERING_GROUP_MEMBER = "steering_group_member", _("Steering group member")
    PROJECT_LEADER = "project_leader", _("Project leader")
    PROJECT_MEMBER = "project_member", _("Project member")
    REFERENCE_GROUP = "reference_group", _("Reference group")
    BENEFITS_OWNER = "benefits_owner", _("Benefits owner")
    OPERATIONS_CONTACT = "operations_contact", _("Operations contact")
    OTHER = "other", _("Other role")


BOARD_ROLE_ORDER = {value: index for index, value in enumerate(BoardRole.values)}


class BoardMember(MunicipalityOwned):
    """A person in the project organisation of an initiative, with a role. The same person may
    have several roles, but each role only once."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        related_name="board_members",
        verbose_name=_("initiative"),
    )
    # A person who sat on a board stays on record: their login is never deleted, only their
    # membership.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="board_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=30, choices=BoardRole.choices)
    note = models.CharField(_("responsibility"), max_length=300, blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "role", "pk"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person", "role"], name="board_member_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class RiskKind(models.TextChoices):
    RISK = "risk", _("Risk")
    OPPORTUNITY = "opportunity", _("Opportunity")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLING = "handling", _("Being handled")
    CLOSED = "closed", _("Closed")


# Probability and consequence are both on a scale from 1 to 5.
SCALE = range(1, 6)
SCALE_MESSAGE = _("Choose a value from 1 to 5.")
SCALE_VALIDATORS = [
    MinValueValidator(1, message=SCALE_MESSAGE),
    MaxValueValidator(5, message=SCALE_MESSAGE),
]


class ScoreLevel(models.TextChoices):
    """How serious (or promising) an uncertainty is, from probability × consequence."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


def score_level(score: int) -> str:
    """Low up to 4, medium up to 12, high from 15 (3 × 5) and up."""
    if score >= 15:
        return ScoreLevel.HIGH
    if score >= 5:
        return ScoreLevel.MEDIUM
    return ScoreLevel.LOW


class Risk(MunicipalityOwned):
    """An uncertainty in the project's risk register: a risk (something that may go wrong) or an
    opportunity (something that may go better than planned). A closed one stays in the register
    with its history."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        related_name="risks",
        verbose_name=_("initiative"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=RiskKind.choices, default=RiskKind.RISK
    )
    title = models.CharField(_("title"), max_length=200)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    probability = models.PositiveSmallIntegerField(
        _("probability (1–5)"), validators=SCALE_VALIDATORS
    )
    consequence = models.PositiveSmallIntegerField(
        _("consequence (1–5)"), validators=SCALE_VALIDATORS
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_risks",
        verbose_name=_("owner"),
    )
    measures = limited_text(_("measures"), LONG_TEXT, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    identified_on = models.DateField(_("identified"), default=timezone.localdate)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "-probability", "-consequence", "pk"]
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=5),
                name="risk_probability_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(consequence__gte=1, consequence__lte=5),
                name="risk_consequence_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="risk_closed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["initiative", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return int(self.probability) * int(self.consequence)

    @property
    def level(self) -> str:
        return score_level(self.score)

    @property
    def is_closed(self) -> bool:
        return self.status == RiskStatus.CLOSED


class LogKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    CHANGE_REQUEST = "change_request", _("Change request")
    DEVIATION = "deviation", _("Deviation")
    EVENT = "event", _("Event")


class LogStatus(models.TextChoices):
    OPEN = "open", _("Open")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")


# A change request is approved or rejected; a deviation is only followed up and closed. Decisions
# and events have no status.
STATUSES_BY_KIND: dict[str, tuple[str, ...]] = {
    LogKind.CHANGE_REQUEST: tuple(LogStatus.values),
    LogKind.DEVIATION: (LogStatus.OPEN, LogStatus.CLOSED),
}
KINDS_WITH_FOLLOW_UP = frozenset(STATUSES_BY_KIND)


class LogEntry(MunicipalityOwned):
    """An entry in the project log. A change request or a deviation also has its consequence and
    a status. An entry marked as a lesson has its lesson in the lessons register
    (``entry.register_lesson``)."""

    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.CASCADE,
        related_name="log_entries",
        verbose_name=_("initiative"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LogKind.choices)
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=200)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    consequence = limited_text(_("consequence"), LONG_TEXT, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=LogStatus.choices, blank=True)
    # A decision made at a decision point is logged once, by project_log_record_decision. The
    # decision goes only with the initiative (never on its own), so the entry goes with it.
    decision = models.OneToOneField(
        "methodology.Decision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="log_entry",
        verbose_name=_("decision at a decision point"),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-created_at", "-pk"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="change_request", status__in=list(LogStatus.values))
                | Q(kind="deviation", status__in=["open", "closed"])
                | Q(kind__in=["decision", "event"], status="", consequence=""),
                name="log_entry_status_fits_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["initiative", "-occurred_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_follow_up(self) -> bool:
        return self.kind in KINDS_WITH_FOLLOW_UP

    def clean(self) -> None:
        errors: dict[str, str] = {}
        allowed = STATUSES_BY_KIND.get(self.kind)
        if allowed is None:
            if self.status:
                errors["status"] = str(_("Only change requests and deviations have a status."))
            if self.consequence.strip():
                errors["consequence"] = str(
                    _("Only change requests and deviations have a consequence.")
                )
        elif self.status not in allowed:
            labels = dict(LogStatus.choices)
            errors["status"] = str(
                _("Choose one of: %(values)s.")
                % {"values": ", ".join(str(labels[value]) for value in allowed)}
            )
        if errors:
            raise ValidationError(errors)
