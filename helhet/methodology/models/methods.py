"""Methods as data: a method (Prosjektveiviseren, Smartby's process, ...) has versions; a version
has levels (small / medium / large), phases, the decision point that ends each phase with its
checklist, and the documents each phase requires at each level.

Everything a project follows hangs off the version, not the method: a new version of a method
leaves the projects running on the old one as they are."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.accounts.roles import Role
from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, TEXT, limited_text

RISK_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Method(MunicipalityOwned):
    """A way of running a project the municipality uses, such as Digdir's Prosjektveiviseren."""

    name = models.CharField(_("name"), max_length=200)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    # Smartby's four phases are not linear: a project may go back and forth between them.
    is_linear = models.BooleanField(_("linear"), default=True)
    origin = models.CharField(_("origin"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="method_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class MethodVersion(MunicipalityOwned):
    """One version of a method. Projects follow a version; at most one version is current, the
    one new projects start on."""

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="versions", verbose_name=_("method")
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # A version is a draft, edited freely, until it is published; publishing makes it current.
    # Once published it never changes: projects that run on it keep it as it was.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_current = models.BooleanField(_("current"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["method", "-number"]
        verbose_name = _("method version")
        verbose_name_plural = _("method versions")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "number"], name="method_version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["method"],
                condition=Q(is_current=True),
                name="method_version_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method.name} v{self.number}"


class Level(MunicipalityOwned):
    """A level of a method version (small, medium, large): how much documentation and how many
    checkpoints a project must have. The thresholds suggest the level for a project; a missing
    threshold means no limit."""

    version = models.ForeignKey(
        MethodVersion, on_delete=models.CASCADE, related_name="levels", verbose_name=_("version")
    )
    position = models.PositiveIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    max_cost = models.DecimalField(
        _("highest cost (NOK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    max_duration_months = models.PositiveIntegerField(
        _("longest duration (months)"), null=True, blank=True
    )
    max_risk = models.PositiveSmallIntegerField(
        _("highest risk (1–5)"), null=True, blank=True, validators=RISK_VALIDATORS
    )
    # Segregation of duties: as a rule the one who asks for a decision, and the project's leader,
    # never decide it. A light method for small improvements may let one person do both.
    allows_combined_roles = models.BooleanField(
        _("one person may lead the project and decide its gates"), default=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="level_unique_code"),
            models.UniqueConstraint(fields=["version", "position"], name="level_unique_position"),
            models.CheckConstraint(
                condition=Q(max_risk__isnull=True) | Q(max_risk__gte=1, max_risk__lte=5),
                name="level_max_risk_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Phase(MunicipalityOwned):
    """A phase of a method version, in order."""

    version = models.ForeignKey(
        MethodVersion, on_delete=models.CASCADE, related_name="phases", verbose_name=_("version")
    )
    position = models.PositiveIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=200)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    # The gate into operation: its decision needs an operations owner, a handover date and the
    # benefits owner for realisation ("the new has no natural home").
    is_operation_gate = models.BooleanField(_("gate into operation"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="phase_unique_position")
        ]

    def __str__(self) -> str:
        return self.name


class Decider(models.TextChoices):
    """Who makes a decision point's decision."""

    PROJECT_OWNER = "project_owner", _("The project owner")
    LEADER = "leader", _("A leader (director)")
    PORTFOLIO_OFFICE = "portfolio_office", _("The portfolio office")
    PERSON = "person", _("A named person")


# The deciders that are a role: any member with the role decides.
DECIDER_ROLES = {Decider.LEADER: Role.LEADER, Decider.PORTFOLIO_OFFICE: Role.PORTFOLIO_OFFICE}


class DecisionPoint(MunicipalityOwned):
    """The decision that ends a phase and lets the project into the next (BP1, BP2, ...), and
    who makes it: the project's owner, as a rule, or whoever the point names."""

    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="decision_points", verbose_name=_("phase")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    decider = models.CharField(
        _("decided by"), max_length=20, choices=Decider.choices, default=Decider.PROJECT_OWNER
    )
    decider_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deciding person"),
    )
    # The decider's title as the municipality says it, such as "Smartby-sjefen".
    decider_title = models.CharField(_("title of the decider"), max_length=100, blank=True)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["phase__position", "code"]
        verbose_name = _("decision point")
        verbose_name_plural = _("decision points")
        constraints = [
            models.UniqueConstraint(fields=["phase", "code"], name="decision_point_unique_code"),
            models.CheckConstraint(
                condition=~Q(decider="person") | Q(decider_person__isnull=False),
                name="decision_point_person_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.decider == Decider.PERSON and self.decider_person_id is None:
            raise ValidationError({"decider_person": _("Name the person who decides.")})

    @property
    def decider_label(self) -> str:
        """Who decides, as the project page says it."""
        if self.decider == Decider.PERSON and self.decider_person is not None:
            person = str(self.decider_person.get_full_name() or self.decider_person)
            return f"{self.decider_title} ({person})" if self.decider_title else person
        return self.decider_title or str(self.get_decider_display())


class Criterion(MunicipalityOwned):
    """A criterion a project must meet to be run on the method, such as Smartby's three
    (technology, collaboration, citizen involvement): the project says how it meets each when
    it is classed on the method."""

    version = models.ForeignKey(
        MethodVersion, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("version")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=100)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class ChecklistSource(models.TextChoices):
    DIGDIR = "Digdir", _("Digdir")
    OWN = "Kommunens egen", _("The municipality's own")


class ChecklistItem(MunicipalityOwned):
    """A point the decision maker checks at a decision point; the levels say which projects it
    applies to."""

    decision_point = models.ForeignKey(
        DecisionPoint,
        on_delete=models.CASCADE,
        related_name="checklist",
        verbose_name=_("decision point"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = limited_text(_("text"), TEXT)
    source = models.CharField(
        _("source"), max_length=30, choices=ChecklistSource.choices, default=ChecklistSource.OWN
    )
    levels = models.ManyToManyField(
        Level, blank=True, related_name="checklist_items", verbose_name=_("levels")
    )
    history = HistoricalRecords(m2m_fields=[levels])

    class Meta:
        ordering = ["decision_point", "position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class DocumentType(models.TextChoices):
    MANDATE = "mandate", _("Mandate for the concept phase")
    PROJECT_JUSTIFICATION = "project_justification", _("Project justification")
    PROJECT_PROPOSAL = "project_proposal", _("Project proposal")
    BENEFITS_PLAN = "benefits_plan", _("Benefits realisation plan")
    STEERING_DOCUMENT = "steering_document", _("Steering document")
    PHASE_PLAN = "phase_plan", _("Phase plan")
    FINAL_REPORT = "final_report", _("Final report")
    ONE_PAGE = "one_page", _("One-page description")
    HANDOVER = "handover", _("Handover to operation")
    OTHER = "other", _("Other document")


class DocumentRequirement(MunicipalityOwned):
    """A document a phase requires, at the levels listed. Stavanger's templates may be marked
    "ikke relevant" with a reason, unless ``may_be_not_relevant`` is off."""

    phase = models.ForeignKey(
        Phase,
        on_delete=models.CASCADE,
        related_name="document_requirements",
        verbose_name=_("phase"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    document_type = models.CharField(
        _("document type"), max_length=30, choices=DocumentType.choices
    )
    name = models.CharField(_("name"), max_length=200)
    levels = models.ManyToManyField(
        Level, blank=True, related_name="document_requirements", verbose_name=_("levels")
    )
    may_be_not_relevant = models.BooleanField(_("may be marked not relevant"), default=True)
    history = HistoricalRecords(m2m_fields=[levels])

    class Meta:
        ordering = ["phase", "position", "pk"]
        verbose_name = _("document requirement")
        verbose_name_plural = _("document requirements")

    def __str__(self) -> str:
        return self.name
