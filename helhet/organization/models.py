"""The municipality and its organisation tree: service areas, departments, sections, units."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, limited_text

# [0-9], not \d (which also takes other scripts' digits), and \Z, not $ (which takes a trailing
# newline).
org_number_validator = RegexValidator(
    r"\A[0-9]{9}\Z", _("An organisation number has exactly nine digits.")
)


class Municipality(models.Model):
    """A kommune: the tenant. Everything else in Helhet belongs to exactly one."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=50, unique=True)
    org_number = models.CharField(
        _("organisation number"), max_length=9, unique=True, validators=[org_number_validator]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    SERVICE_AREA = "service_area", _("Service area")
    DEPARTMENT = "department", _("Department")
    SECTION = "section", _("Section")
    UNIT = "unit", _("Unit")


# A unit may only sit below a unit of a higher level; this also rules out cycles.
KIND_LEVEL = {
    UnitKind.SERVICE_AREA: 1,
    UnitKind.DEPARTMENT: 2,
    UnitKind.SECTION: 3,
    UnitKind.UNIT: 4,
}


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def for_municipality(self, municipality: Municipality) -> OrgUnitQuerySet:
        return self.filter(municipality=municipality)


class OrgUnit(MunicipalityOwned):
    """A node in the organisation tree (direktørområde, avdeling, seksjon, virksomhet)."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=150)
    description = limited_text(_("description"), LONG_TEXT, blank=True)
    # A digital department (e.g. Innovasjon og digitalisering): other units may ask it for help
    # with method, implementation or data and analysis (helhet.learning's help requests).
    offers_help = models.BooleanField(_("offers help across departments"), default=False)
    history = HistoricalRecords()

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "parent", "name"],
                name="orgunit_unique_name_under_parent",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=False) | models.Q(kind="service_area"),
                name="orgunit_only_service_areas_at_top",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The database constraint cannot see two top-level units with the same name (NULL parent).
        twins = OrgUnit.objects.filter(
            municipality_id=self.municipality_id, parent_id=self.parent_id, name=self.name
        ).exclude(pk=self.pk)
        if self.name and twins.exists():
            raise ValidationError({"name": _("There is already a unit with this name here.")})
        if self.parent is None:
            if self.kind != UnitKind.SERVICE_AREA:
                raise ValidationError(
                    {"parent": _("Only a service area can stand at the top of the organisation.")}
                )
            return
        if self.parent.municipality_id != self.municipality_id:
            raise ValidationError({"parent": _("The unit above must be in the same municipality.")})
        # An unknown kind is reported by the field's own validation; there is no level to compare.
        if (
            self.kind in UnitKind.values
            and KIND_LEVEL[UnitKind(self.parent.kind)] >= KIND_LEVEL[UnitKind(self.kind)]
        ):
            raise ValidationError(
                {
                    "parent": _(
                        "A unit of kind “%(kind)s” cannot be placed under a unit of kind "
                        "“%(parent_kind)s”."
                    )
                    % {
                        "kind": UnitKind(self.kind).label.lower(),
                        "parent_kind": UnitKind(self.parent.kind).label.lower(),
                    }
                }
            )
