"""Where each municipal service stands at a date: its newest assessment on or before the date, read
level by level. A service with none is "not assessed" and reaches no level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from helhet.maturity.models import Answer, Assessment, MaturityLevel, Service
from helhet.maturity.selectors.catalogue import ANSWER_COLORS
from helhet.organization.models import Municipality

LEVELS = tuple(MaturityLevel)
# The API's and the exports' name for each level's count.
LEVEL_KEYS = {
    MaturityLevel.ELECTRONIC_APPLICATION: "electronic_application",
    MaturityLevel.ELECTRONIC_TRANSFER: "electronic_transfer",
    MaturityLevel.ELECTRONIC_ANSWER: "electronic_answer",
}
# The assessment's answer and comment field for each level.
LEVEL_FIELDS = {level: (answer, comment) for level, answer, comment in Assessment.LEVEL_FIELDS}


@dataclass(frozen=True)
class LevelAnswer:
    level: MaturityLevel
    answer: str  # an Answer value; "" when the service is not assessed
    comment: str

    @property
    def is_yes(self) -> bool:
        return self.answer == Answer.YES

    @property
    def answer_label(self) -> str:
        return str(Answer(self.answer).label) if self.answer else str(_("Not assessed"))

    @property
    def public_label(self) -> str:
        """The answer as the public page says it: an answer imported as text nobody has
        classified yet is "Not determined" there, never the internal "Not classified"."""
        if self.answer == Answer.UNCLASSIFIED:
            return str(_("Not determined"))
        return self.answer_label

    @property
    def color(self) -> str:
        """The answer's tag colour (as in the catalogue); the label always says it in words."""
        return ANSWER_COLORS[Answer(self.answer)] if self.answer else "neutral"


@dataclass(frozen=True)
class ServiceMaturity:
    """One service and its newest assessment on or before the date asked about (None if it has
    none)."""

    service: Service
    assessment: Assessment | None

    @property
    def assessed(self) -> bool:
        return self.assessment is not None

    @property
    def answers(self) -> list[LevelAnswer]:
        if self.assessment is None:
            return [LevelAnswer(level, "", "") for level in LEVELS]
        return [
            LevelAnswer(
                level,
                getattr(self.assessment, LEVEL_FIELDS[level][0]),
                getattr(self.assessment, LEVEL_FIELDS[level][1]),
            )
            for level in LEVELS
        ]

    def reaches(self, level: MaturityLevel) -> bool:
        """The service answers a plain yes at ``level`` (levels are counted each on its own, as
        the audit's table does: a service may answer electronically without a web form)."""
        return self.assessment is not None and (
            getattr(self.assessment, LEVEL_FIELDS[level][0]) == Answer.YES
        )

    @property
    def is_full_digital_first_choice(self) -> bool:
        return self.assessment is not None and self.assessment.is_full_digital_first_choice

    @property
    def stops_at(self) -> MaturityLevel | None:
        """The first level not answered yes; None for a full digital first choice and for a
        service not assessed (see ``assessed``)."""
        return None if self.assessment is None else self.assessment.stops_at

    @property
    def gaps(self) -> list[MaturityLevel]:
        """The levels not answered yes (all three for a service not assessed)."""
        return [level for level in LEVELS if not self.reaches(level)]


def service_maturities(municipality: Municipality, on: date) -> list[ServiceMaturity]:
    """Every service of the municipality (by area, then name) with its newest assessment on or
    before ``on``. Two queries, however many services and assessments there are."""
    newest = (
        Assessment.objects.filter(service=OuterRef("pk"), assessed_on__lte=on)
        .order_by("-assessed_on")
        .values("pk")[:1]
    )
    services = list(
        Service.objects.filter(municipality=municipality)
        .select_related("area")
        .annotate(newest_assessment=Subquery(newest))
        .order_by("area__position", "area__name", "name")
    )
    wanted = [s.newest_assessment for s in services if s.newest_assessment is not None]
    assessments = Assessment.objects.in_bulk(wanted) if wanted else {}
    return [
        ServiceMaturity(service, assessments.get(service.newest_assessment)) for service in services
    ]
