"""An initiative's benefits realisation plan in the JSON API (reading it and adding a benefit),
and recording a measurement of an indicator. Writes go through the benefits services; tenancy
and roles as in the HTML views: another municipality's initiative or indicator is 404; only
those who may change the initiative add a benefit; only the benefit's owners and its
responsible line manager, and the project's own leader, record a measurement (403 with the
service's own words for anyone else); a leader's measurement counts once the benefit's owner,
its responsible line manager or the portfolio office confirms it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from helhet.accounts.models import User
from helhet.api.benefits import BenefitOut, MeasurementOut, with_details
from helhet.api.errors import (
    BODY_ERRORS,
    ERRORS,
    InvalidRequest,
    invalid,
    service_errors,
)
from helhet.api.members import request_membership
from helhet.api.schemas import Day, Id, Measured, Money, text
from helhet.benefits.access import get_indicator_for_user, get_measurement_to_confirm
from helhet.benefits.models import Benefit, Measurement
from helhet.benefits.selectors.plan import benefits_plan
from helhet.benefits.services.follow_up import measurement_confirm, measurement_record
from helhet.benefits.services.plan import benefit_create
from helhet.organization.models import Municipality
from helhet.portfolio.access import get_initiative_for_user, get_rw_initiative_for_user

router = Router(tags=["benefits"])


class BenefitIn(Schema):
    """A new benefit in the initiative's plan. People are given by user id and must work in the
    municipality."""

    title: str = text(Benefit, "title", ...)
    dimension: str = text(
        Benefit,
        "dimension",
        ...,
        description="economy, quality, information_security or climate_environment",
    )
    category: str = text(
        Benefit, "category", ..., description="efficiency, quality or other_actors"
    )
    kind: str = text(Benefit, "kind", ..., description="direct, indirect or qualitative")
    description: str = text(Benefit, "description")
    planned_amount: Money | None = Field(
        None,
        description="A year: NOK for a direct benefit, hours for an indirect one; none for a "
        "qualitative one",
    )
    preconditions: str = text(Benefit, "preconditions")
    realisation_method: str = text(
        Benefit, "realisation_method", description="How the benefit is taken out"
    )
    responsible: Id | None = Field(None, description="User id of the responsible line manager")
    owners: list[Id] = Field(default_factory=list, description="User ids of the benefits owners")
    due_date: Day | None = Field(None, description="To be realised by")
    status: str = text(
        Benefit, "status", "planned", description="planned, being_realised, realised or abandoned"
    )
    abandon_reason: str = text(
        Benefit, "abandon_reason", description="Required when the status is abandoned"
    )


class MeasurementIn(Schema):
    """A measurement of the indicator, by one of its benefit's owners or its responsible line
    manager."""

    measured_on: Day = Field(description="Not in the future, not before the baseline")
    value: Measured = Field(description="In the indicator's unit; a number or a decimal string")
    comment: str = text(Measurement, "comment")


def _members(municipality: Municipality, ids: Iterable[int]) -> dict[int, User]:
    return {
        user.pk: user
        for user in User.objects.filter(
            pk__in=set(ids), memberships__municipality=municipality
        ).distinct()
    }


def _people(municipality: Municipality, payload: BenefitIn) -> tuple[User | None, list[User]]:
    """The responsible line manager and the owners by id, each a member of the municipality;
    an unknown id is reported as the service reports a person from elsewhere."""
    wanted = list(dict.fromkeys(payload.owners))
    ids = [*wanted, *([payload.responsible] if payload.responsible is not None else [])]
    found = _members(municipality, ids)
    errors: dict[str, list[str]] = {}
    if payload.responsible is not None and payload.responsible not in found:
        errors["responsible"] = [_("The responsible line manager must work in the municipality.")]
    if any(pk not in found for pk in wanted):
        errors["owners"] = [_("Every benefits owner must work in the municipality.")]
    if errors:
        raise InvalidRequest(errors)
    responsible = None if payload.responsible is None else found[payload.responsible]
    return responsible, [found[pk] for pk in wanted]


@router.get(
    "/initiatives/{initiative_id}/benefits",
    response={200: list[BenefitOut], **ERRORS},
    summary="An initiative's benefits realisation plan",
    operation_id="helhet_api_benefits_initiative_benefit_list",
)
def initiative_benefit_list(request: HttpRequest, initiative_id: Id) -> Any:
    initiative = get_initiative_for_user(request_membership(request), initiative_id)
    return benefits_plan(initiative).select_related("initiative")


@router.post(
    "/initiatives/{initiative_id}/benefits",
    response={201: BenefitOut, **BODY_ERRORS},
    summary="Add a benefit to an initiative's benefits realisation plan",
    operation_id="helhet_api_benefits_initiative_benefit_create",
)
def initiative_benefit_create(request: HttpRequest, initiative_id: Id, payload: BenefitIn) -> Any:
    membership = request_membership(request)
    initiative = get_rw_initiative_for_user(membership, initiative_id)
    try:
        responsible, owners = _people(membership.municipality, payload)
        fields = payload.model_dump(exclude={"responsible", "owners"})
        benefit = benefit_create(
            actor=membership.user,
            initiative=initiative,
            responsible=responsible,
            owners=owners,
            **fields,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, with_details(Benefit.objects.filter(pk=benefit.pk)).get())


@router.post(
    "/indicators/{indicator_id}/measurements",
    response={201: MeasurementOut, **BODY_ERRORS},
    summary="Record a measurement of an indicator (its benefit's owners and responsible only)",
    description=(
        "The benefit's owners and its responsible line manager record; the project's own "
        "leader records too, and their measurement is marked by_project_leader and counts as "
        "realised only once confirmed (POST /measurements/{id}/confirmation). 403 with the "
        "reason for anyone else, and for a role that records nothing (a reader)."
    ),
    operation_id="helhet_api_benefits_measurement_create",
)
def measurement_create(request: HttpRequest, indicator_id: Id, payload: MeasurementIn) -> Any:
    membership = request_membership(request)
    indicator = get_indicator_for_user(membership, indicator_id)
    try:
        measurement = measurement_record(
            actor=membership.user,
            indicator=indicator,
            measured_on=payload.measured_on,
            value=payload.value,
            comment=payload.comment,
        )
    except PermissionDenied as refused:
        return Status(403, {"detail": str(refused) or _("Your role does not allow this.")})
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(
        201,
        Measurement.objects.select_related("recorded_by", "confirmed_by", "indicator").get(
            pk=measurement.pk
        ),
    )


@router.post(
    "/measurements/{measurement_id}/confirmation",
    response={200: MeasurementOut, **ERRORS},
    summary="Confirm a measurement the project's leader recorded, so it counts as realised",
    description=(
        "The benefit's owners, its responsible line manager and the portfolio office confirm; "
        "never the one who recorded it. 403 with the reason for anyone else, or when the "
        "measurement needs no confirmation."
    ),
    operation_id="helhet_api_benefits_measurement_confirm",
)
def measurement_confirmation(request: HttpRequest, measurement_id: Id) -> Any:
    membership = request_membership(request)
    measurement = get_measurement_to_confirm(membership, measurement_id)
    try:
        measurement_confirm(actor=membership.user, measurement=measurement)
    except PermissionDenied as refused:
        return Status(403, {"detail": str(refused) or _("Your role does not allow this.")})
    except ValidationError as error:
        return invalid(service_errors(error))
    return Measurement.objects.select_related("recorded_by", "confirmed_by", "indicator").get(
        pk=measurement.pk
    )
