"""Access helpers: the only way a request reaches a benefit or an indicator. Everyone who may see
the portfolio reads an initiative's benefits realisation plan; those who may change the
initiative (helhet.portfolio.access.can_edit_initiative) change its plan."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from helhet.accounts.duties import (
    may,
    refusal_to_confirm_measurement,
    refusal_to_record_measurement,
)
from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability
from helhet.benefits.models import Benefit, BudgetCut, Indicator, Measurement
from helhet.portfolio.access import can_edit_initiative


def get_rw_benefit_for_user(membership: Membership, pk: int) -> Benefit:
    """The benefit, if it belongs to the member's municipality (404 otherwise) and the member may
    change its initiative (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    benefit = get_object_or_404(
        Benefit.objects.select_related("initiative"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not can_edit_initiative(membership, benefit.initiative):
        raise PermissionDenied
    return benefit


def get_rw_indicator_for_user(membership: Membership, pk: int) -> Indicator:
    """The indicator, if it belongs to the member's municipality (404 otherwise) and the member
    may change the initiative of its benefit (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    indicator = get_object_or_404(
        Indicator.objects.select_related("benefit__initiative"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not can_edit_initiative(membership, indicator.benefit.initiative):
        raise PermissionDenied
    return indicator


# --- follow-up in the line: measurements, status ---


def _owns_or_answers_for(user_id: int | None, benefit: Benefit) -> bool:
    """Whether the person is one of the benefit's owners or its responsible line manager. Reads
    the owners through ``benefit.owners.all()``, so a prefetched benefit costs no query."""
    if user_id is None:
        return False
    if benefit.responsible_id == user_id:
        return True
    return any(owner.pk == user_id for owner in benefit.owners.all())


def measurement_refusal(user: User, benefit: Benefit) -> str | None:
    """Why ``user`` may not record the benefit's measurements (None when they may). The
    benefit's owners (gevinsteiere) and its responsible line manager (gevinstansvarlig) record
    them: they are the line's word on what was realised, so no role, not even the
    administrator's, records on their behalf. The project's own leader records too, but their
    measurements count once confirmed. A role that records nothing (a reader) records nothing,
    whatever they are assigned to (``helhet.accounts.duties``)."""
    return refusal_to_record_measurement(
        user,
        municipality_id=benefit.municipality_id,
        owns_or_answers_for=_owns_or_answers_for(user.pk, benefit),
        leads_the_project=user.pk is not None and benefit.initiative.project_leader_id == user.pk,
    )


def may_record_measurement(user: User, benefit: Benefit) -> bool:
    """Whether ``user`` records the benefit's measurements (see ``measurement_refusal``)."""
    return measurement_refusal(user, benefit) is None


def may_delete_measurement(user: User, measurement: Measurement) -> bool:
    """The one who recorded a measurement, and the benefit's owners and responsible line manager,
    may delete it, if their role records measurements."""
    benefit = measurement.indicator.benefit
    if not may(user, benefit.municipality_id, Capability.RECORD_MEASUREMENTS):
        return False
    if user.pk is not None and measurement.recorded_by_id == user.pk:
        return True
    return _owns_or_answers_for(user.pk, benefit)


def confirmation_refusal(user: User, measurement: Measurement) -> str | None:
    """Why ``user`` may not confirm the measurement (None when they may): it needs no
    confirmation, or they are not the benefit's owner, its responsible line manager or the
    portfolio office, or they recorded it themselves (``helhet.accounts.duties``)."""
    if not measurement.awaits_confirmation:
        return _("The measurement needs no confirmation.")
    benefit = measurement.indicator.benefit
    return refusal_to_confirm_measurement(
        user,
        municipality_id=benefit.municipality_id,
        recorded_by_id=measurement.recorded_by_id,
        owns_or_answers_for=_owns_or_answers_for(user.pk, benefit),
    )


def get_indicator_for_owner(membership: Membership, pk: int) -> Indicator:
    """The indicator, if it belongs to the member's municipality (404 otherwise) and the member
    may record its benefit's measurements (403 otherwise; see ``measurement_refusal``)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    indicator = get_object_or_404(
        Indicator.objects.select_related(
            "benefit__initiative", "benefit__responsible"
        ).prefetch_related("benefit__owners"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not may_record_measurement(membership.user, indicator.benefit):
        raise PermissionDenied
    return indicator


def get_measurement_evidence_for_user(membership: Membership, pk: int) -> Measurement:
    """A measurement with an evidence file, for download by anyone who sees the portfolio in its
    municipality; 404 for another municipality's, or when it has no file."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        Measurement.objects.exclude(evidence_stored_name=""),
        pk=pk,
        municipality=membership.municipality,
    )


def get_measurement_to_confirm(membership: Membership, pk: int) -> Measurement:
    """The measurement, if it belongs to the member's municipality (404 otherwise) and the member
    may see the portfolio (403 otherwise), with what ``confirmation_refusal`` reads loaded.
    Whether the member may confirm it is the service's to say (``measurement_confirm``)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        Measurement.objects.select_related(
            "indicator__benefit__initiative", "indicator__benefit__responsible", "recorded_by"
        ).prefetch_related("indicator__benefit__owners"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_measurement_to_confirm(membership: Membership, pk: int) -> Measurement:
    """As ``get_measurement_to_confirm``, and 403 unless the member may confirm it now."""
    measurement = get_measurement_to_confirm(membership, pk)
    if confirmation_refusal(membership.user, measurement) is not None:
        raise PermissionDenied
    return measurement


def get_rw_measurement_for_user(membership: Membership, pk: int) -> Measurement:
    """The measurement, if it belongs to the member's municipality (404 otherwise) and the
    member recorded it or owns or answers for its benefit (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    measurement = get_object_or_404(
        Measurement.objects.select_related(
            "indicator__benefit__initiative", "indicator__benefit__responsible", "recorded_by"
        ).prefetch_related("indicator__benefit__owners"),
        pk=pk,
        municipality=membership.municipality,
    )
    if measurement.recorded_by_id != membership.user_id and not _owns_or_answers_for(
        membership.user_id, measurement.indicator.benefit
    ):
        raise PermissionDenied
    return measurement


def get_benefit_for_follow_up(membership: Membership, pk: int) -> Benefit:
    """The benefit, if it belongs to the member's municipality (404 otherwise) and the member
    owns or answers for it, or may change its initiative (403 otherwise): those who say whether
    it is realised or abandoned."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    benefit = get_object_or_404(
        Benefit.objects.select_related("initiative", "responsible").prefetch_related("owners"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not _owns_or_answers_for(membership.user_id, benefit) and not can_edit_initiative(
        membership, benefit.initiative
    ):
        raise PermissionDenied
    return benefit


# --- budget cuts ---


def get_rw_budget_cut_for_user(membership: Membership, pk: int) -> BudgetCut:
    """The budget cut, if it belongs to the member's municipality (404 otherwise) and the member
    may change the initiative of its benefit (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    cut = get_object_or_404(
        BudgetCut.objects.select_related("benefit__initiative", "unit"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not can_edit_initiative(membership, cut.benefit.initiative):
        raise PermissionDenied
    return cut


# --- benefits API ---


def get_indicator_for_user(membership: Membership, pk: int) -> Indicator:
    """The indicator, if it belongs to the member's municipality (404 otherwise) and the member
    may see the portfolio (403 otherwise), with its benefit's initiative, responsible line
    manager and owners loaded. Whether the member may record its measurements is the service's
    to say (``services.follow_up.measurement_record``)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        Indicator.objects.select_related(
            "benefit__initiative", "benefit__responsible"
        ).prefetch_related("benefit__owners"),
        pk=pk,
        municipality=membership.municipality,
    )
