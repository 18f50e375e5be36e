"""Reading the service catalogue: the services grouped by service area, each with its newest
assessment, in a fixed number of queries however many services and assessments there are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery

from helhet.maturity.models import Answer, Assessment, MaturityLevel, Service, ServiceArea
from helhet.organization.models import Municipality

# How an answer's tag is coloured; the tag always says the answer in words too.
ANSWER_COLORS = {
    Answer.YES: "success",
    Answer.PARTLY: "warning",
    Answer.UNSURE: "info",
    Answer.NO: "danger",
    Answer.UNCLASSIFIED: "neutral",
}


@dataclass(frozen=True)
class AnswerCell:
    """One level of an assessment as a page shows it."""

    level: MaturityLevel
    answer: str
    label: str
    comment: str
    color: str


def answer_cells(assessment: Assessment) -> list[AnswerCell]:
    """The three levels of ``assessment`` in order, each with its answer and comment."""
    return [
        AnswerCell(
            level=level,
            answer=getattr(assessment, field),
            label=str(Answer(getattr(assessment, field)).label),
            comment=getattr(assessment, comment),
            color=ANSWER_COLORS[Answer(getattr(assessment, field))],
        )
        for level, field, comment in Assessment.LEVEL_FIELDS
    ]


@dataclass
class CatalogueEntry:
    service: Service
    newest: Assessment | None

    @property
    def cells(self) -> list[AnswerCell]:
        return answer_cells(self.newest) if self.newest is not None else []


@dataclass
class AreaGroup:
    area: ServiceArea
    entries: list[CatalogueEntry] = field(default_factory=list)


def services_with_newest_assessment(services: QuerySet[Service]) -> QuerySet[Service]:
    """The services annotated with ``newest_assessment_id``: the id of the assessment with the
    latest date, or None."""
    newest = (
        Assessment.objects.filter(service=OuterRef("pk")).order_by("-assessed_on").values("pk")[:1]
    )
    return services.annotate(newest_assessment_id=Subquery(newest))


def newest_assessments(services: Iterable[Service]) -> dict[int, Assessment]:
    """Service id -> its newest assessment, for services from
    ``services_with_newest_assessment`` (one query)."""
    by_id = Assessment.objects.select_related("recorded_by").in_bulk(
        [pk for service in services if (pk := getattr(service, "newest_assessment_id", None))]
    )
    return {assessment.service_id: assessment for assessment in by_id.values()}


def service_catalogue(*, municipality: Municipality) -> list[AreaGroup]:
    """Every service area of the municipality in its order, with its services by name, each
    with its newest assessment (None before the first). Three queries."""
    groups = {
        area.pk: AreaGroup(area)
        for area in ServiceArea.objects.filter(municipality=municipality).select_related("org_unit")
    }
    services = list(
        services_with_newest_assessment(
            Service.objects.filter(municipality=municipality).select_related("responsible_unit")
        ).order_by("name")
    )
    newest = newest_assessments(services)
    for service in services:
        group = groups[service.area_id]
        service.area = group.area  # known already: no query per service
        group.entries.append(CatalogueEntry(service, newest.get(service.pk)))
    return list(groups.values())


def service_areas_with_counts(municipality: Municipality) -> QuerySet[ServiceArea]:
    """The municipality's service areas in their order, each with its unit and
    ``service_count``, the number of municipal services in it. One query."""
    return (
        ServiceArea.objects.filter(municipality=municipality)
        .select_related("org_unit")
        .annotate(service_count=Count("services"))
    )
