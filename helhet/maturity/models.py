"""The service catalogue and how digital each service is: Riksrevisjonen's three maturity levels
(electronic application, electronic transfer into the case system, electronic answer), assessed
at dates so progress over years shows, and the planned steps that close the gaps ("digital
first choice").

Names: in this app "service" alone means a municipal service (tjeneste, the ``Service`` model).
The write layer is the ``services`` package only by the Django convention; its functions say what
they act on (``service_create`` creates a municipal service, ``service_area_update`` a service
area), and the reads are ``selectors``."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, TEXT, limited_text


class MaturityLevel(models.IntegerChoices):
    """Riksrevisjonen's three levels; a service offering all three is a full digital first
    choice."""

    ELECTRONIC_APPLICATION = 1, _("Electronic application")
    ELECTRONIC_TRANSFER = 2, _("Electronic transfer to the case system")
    ELECTRONIC_ANSWER = 3, _("Electronic answer")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Unsure")
    PARTLY = "partly", _("Partly")
    # An imported answer whose text could not be read as yes, no or unsure ("Registreres
    # manuelt."): kept with its text until someone classifies it. Never counts as yes.
    UNCLASSIFIED = "unclassified", _("Not classified")


class ServiceArea(MunicipalityOwned):
    """A service area of the service catalogue as the municipality presents its services
    (Oppvekst og utdanning, Helse og velferd, Plan, bygg og geodata), optionally tied to the
    service area or department of the organisation that answers for it."""

    name = models.CharField(_("name"), max_length=200)
    org_unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit in the organisation"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="maturity_service_area_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Service(MunicipalityOwned):
    """A municipal service (tjeneste): what the municipality offers citizens or businesses
    (Barnehageplass, Byggesøknad, Hjemmesykepleie)."""

    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(
        ServiceArea,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("service area"),
    )
    responsible_unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    case_system = models.CharField(_("case system"), max_length=200, blank=True)
    national_solution = models.CharField(_("national solution"), max_length=200, blank=True)
    yearly_volume = models.PositiveIntegerField(_("cases per year"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__position", "area__name", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="maturity_service_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Assessment(MunicipalityOwned):
    """How digital one service was at a date: an answer and a comment for each of the three
    levels. Kept as history: a new date is a new assessment."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("service")
    )
    assessed_on = models.DateField(_("assessed on"))
    application = models.CharField(
        _("electronic application"), max_length=20, choices=Answer.choices
    )
    application_comment = limited_text(_("comment on electronic application"), TEXT, blank=True)
    transfer = models.CharField(
        _("electronic transfer to the case system"), max_length=20, choices=Answer.choices
    )
    transfer_comment = limited_text(_("comment on electronic transfer"), TEXT, blank=True)
    answer = models.CharField(_("electronic answer"), max_length=20, choices=Answer.choices)
    answer_comment = limited_text(_("comment on electronic answer"), TEXT, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "-assessed_on"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "assessed_on"], name="maturity_assessment_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.assessed_on:%d.%m.%Y}"

    # The three levels in order, as (level, answer field, comment field).
    LEVEL_FIELDS = (
        (MaturityLevel.ELECTRONIC_APPLICATION, "application", "application_comment"),
        (MaturityLevel.ELECTRONIC_TRANSFER, "transfer", "transfer_comment"),
        (MaturityLevel.ELECTRONIC_ANSWER, "answer", "answer_comment"),
    )

    @property
    def is_full_digital_first_choice(self) -> bool:
        return Answer.YES == self.application == self.transfer == self.answer

    @property
    def stops_at(self) -> MaturityLevel | None:
        """The first level the service does not reach with a plain yes; None when it reaches
        all three."""
        for level, field, _comment in self.LEVEL_FIELDS:
            if getattr(self, field) != Answer.YES:
                return level
        return None


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class PlannedStep(MunicipalityOwned):
    """The step planned to lift a service to a level it lacks: what will be done, which
    initiative carries it (or that one is needed), who answers for it and by when."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="steps", verbose_name=_("service")
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=MaturityLevel.choices,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    description = limited_text(_("what will be done"), TEXT)
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_steps",
        verbose_name=_("initiative"),
    )
    needs_initiative = models.BooleanField(_("needs an initiative"), default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "level", "due_date", "pk"]
        verbose_name = _("planned step")
        verbose_name_plural = _("planned steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=3), name="maturity_step_level_1_to_3"
            ),
            # Either an initiative carries the step, or it is flagged as needing one, not both.
            models.CheckConstraint(
                condition=~Q(initiative__isnull=False, needs_initiative=True),
                name="maturity_step_initiative_or_needed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.get_level_display()}"


class MaturitySettings(MunicipalityOwned):
    """The municipality's choices for the maturity map: whether anyone, without logging in, may
    see its services' current maturity."""

    public_page = models.BooleanField(_("public maturity page"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maturity settings")
        verbose_name_plural = _("maturity settings")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="maturity_settings_one")
        ]

    def __str__(self) -> str:
        return str(self.municipality)
