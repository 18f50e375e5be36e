"""Follow-up in the line: measurements and a benefit's status.

Each service validates the whole record (model ``clean`` and constraints), records who
changed it in the history, and refuses with a Norwegian message, changing nothing, when the
input does not hold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.duties import needs_confirmation
from helhet.accounts.models import Membership, User
from helhet.benefits.access import (
    confirmation_refusal,
    may_delete_measurement,
    may_record_measurement,
    measurement_refusal,
)
from helhet.benefits.figures import FOLLOWED_STATUSES
from helhet.benefits.models import (
    PERCENT_MAX,
    Benefit,
    BenefitStatus,
    Indicator,
    IndicatorUnit,
    Measurement,
)
from helhet.benefits.services.monetary import measured_progress_store, monetary_gains_refresh
from helhet.core.formats import long_date
from helhet.core.history import delete_with_history, save_with_history
from helhet.documents import uploads
from helhet.documents.uploads import check_upload
from helhet.portfolio.access import can_edit_initiative


def _followed_up_or_refuse(benefit: Benefit) -> None:
    if benefit.status not in FOLLOWED_STATUSES:
        raise ValidationError(
            _(
                "The benefit is marked “%(status)s”: its follow-up has ended. Set it back to "
                "being realised first if it should be measured again."
            )
            % {"status": benefit.get_status_display()}
        )


def _measurement_errors(
    indicator: Indicator, measured_on: date, value: Decimal, today: date
) -> dict[str, str | list[str]]:
    errors: dict[str, str | list[str]] = {}
    if measured_on > today:
        errors["measured_on"] = _(
            "A measurement cannot be dated in the future. Today is %(today)s."
        ) % {"today": long_date(today)}
    elif measured_on < indicator.baseline_date:
        errors["measured_on"] = _(
            "A measurement cannot be dated before the baseline, which was measured on %(date)s."
        ) % {"date": long_date(indicator.baseline_date)}
    elif Measurement.objects.filter(indicator=indicator, measured_on=measured_on).exists():
        errors["measured_on"] = _(
            "The indicator already has a measurement on %(date)s. Delete that one first if it "
            "is wrong."
        ) % {"date": long_date(measured_on)}
    if not value.is_finite():
        errors["value"] = _("Enter a number, e.g. 1 613 764 or 31,5.")
    elif indicator.unit == IndicatorUnit.PERCENT and not (0 <= value <= PERCENT_MAX):
        errors["value"] = _("A percentage is between 0 and 100.")
    elif indicator.unit != IndicatorUnit.CUSTOM and value < 0:
        errors["value"] = _("The value cannot be negative in this unit.")
    return errors


def _evidence_kind(
    evidence: UploadedFile, errors: dict[str, str | list[str]]
) -> uploads.FileKind | None:
    """The evidence file's kind by the documents' upload check; a refusal goes into ``errors``."""
    try:
        return check_upload(evidence)
    except ValidationError as refused:
        errors["evidence"] = refused.message_dict.get("file", refused.messages)
        return None


def _store_evidence(
    measurement: Measurement, evidence: UploadedFile, kind: uploads.FileKind
) -> uploads.StoredFile:
    """Store the evidence file under a random name and describe it on the measurement."""
    stored = uploads.store(evidence)
    measurement.evidence_stored_name = stored.stored_name
    measurement.evidence_name = uploads.clean_name(evidence.name or "")
    measurement.evidence_type = kind.code
    measurement.evidence_size = stored.size
    measurement.evidence_sha256 = stored.sha256
    return stored


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    indicator: Indicator,
    measured_on: date,
    value: Decimal,
    comment: str = "",
    evidence: UploadedFile | None = None,
) -> Measurement:
    """Record a measurement of the indicator, by one of its benefit's owners or its responsible
    line manager, or by the project's own leader, whose measurement is marked as theirs and
    counts only once confirmed (``measurement_confirm``); PermissionDenied for anyone else and
    for a role that records nothing (``helhet.benefits.access.measurement_refusal``). Refused,
    field by field and changing nothing, when it is dated in the future, before the baseline or
    on a date already measured; when the value is negative in a unit that cannot be (all but
    one the user names) or a percentage outside 0-100; when the evidence file is not accepted
    (see ``helhet.documents.uploads.check_upload``); and when the benefit is realised or
    abandoned.
    The project's status does not matter: a closed project's benefits are still measured.
    The first measurement of a planned benefit marks it as being realised. The evidence file is
    stored under a random name and removed again if the measurement is not saved."""
    benefit = indicator.benefit
    refusal = measurement_refusal(actor, benefit)
    if refusal is not None:
        raise PermissionDenied(refusal)
    # One writer at a time per indicator, so two people cannot record the same date at once.
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _followed_up_or_refuse(benefit)
    errors = _measurement_errors(locked, measured_on, value, timezone.localdate())
    kind = _evidence_kind(evidence, errors) if evidence is not None else None
    if errors:
        raise ValidationError(errors)
    measurement = Measurement(
        municipality_id=locked.municipality_id,
        indicator=locked,
        measured_on=measured_on,
        value=value,
        comment=comment.strip(),
        recorded_by=actor,
        by_project_leader=needs_confirmation(
            recorded_by_id=actor.pk, project_leader_id=benefit.initiative.project_leader_id
        ),
    )
    measurement.full_clean(exclude=["indicator", "municipality", "recorded_by", "confirmed_by"])
    stored = None
    if evidence is not None and kind is not None:
        stored = _store_evidence(measurement, evidence, kind)
    try:
        save_with_history(measurement, actor=actor)
        indicator_latest_refresh(indicator=indicator)
        if benefit.status == BenefitStatus.PLANNED:
            benefit.status = BenefitStatus.BEING_REALISED
            save_with_history(benefit, actor=actor, update_fields=["status", "updated_at"])
        monetary_gains_refresh(benefit=benefit)
    except BaseException:
        if stored is not None:
            uploads.discard(stored.stored_name)
        raise
    return measurement


def indicator_latest_refresh(*, indicator: Indicator) -> None:
    """Copy the indicator's newest measurement that counts (date and value; empty when it has
    none; one awaiting confirmation does not count) onto the indicator, and its benefit's
    measured progress onto the benefit, where the overview reads them. Derived data: no history
    entry. Called by every service that adds or removes a measurement, inside its transaction."""
    newest = (
        Measurement.objects.filter(indicator=indicator)
        .counted()
        .order_by("-measured_on")
        .values_list("measured_on", "value")
        .first()
    )
    measured_on, value = newest if newest is not None else (None, None)
    Indicator.objects.filter(pk=indicator.pk).update(
        latest_measured_on=measured_on, latest_value=value
    )
    indicator.latest_measured_on, indicator.latest_value = measured_on, value
    measured_progress_store(Benefit.objects.filter(pk=indicator.benefit_id))


@transaction.atomic
def measurement_confirm(*, actor: User, measurement: Measurement) -> Measurement:
    """Confirm a measurement the project's own leader recorded, so it counts as realised: by the
    benefit's owners, its responsible line manager or the portfolio office, never by the one who
    recorded it (PermissionDenied otherwise; see ``helhet.benefits.access.confirmation_refusal``).
    """
    locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
    locked.indicator = measurement.indicator
    refusal = confirmation_refusal(actor, locked)
    if refusal is not None:
        raise PermissionDenied(refusal)
    locked.confirmed_by, locked.confirmed_at = actor, timezone.now()
    save_with_history(locked, actor=actor, update_fields=["confirmed_by", "confirmed_at"])
    indicator_latest_refresh(indicator=locked.indicator)
    monetary_gains_refresh(benefit=locked.indicator.benefit)
    return locked


@transaction.atomic
def measurement_delete(*, actor: User, measurement: Measurement) -> None:
    """Delete a measurement: only the one who recorded it, or the benefit's owners and
    responsible line manager (PermissionDenied for anyone else), and only while the benefit is
    followed up (a realised or abandoned benefit keeps the measurements it was judged on). The
    history keeps the measurement; its evidence file is removed once the deletion is committed."""
    if not may_delete_measurement(actor, measurement):
        raise PermissionDenied(
            _(
                "Only the one who recorded the measurement, and the benefit's owners and "
                "responsible line manager, may delete it."
            )
        )
    _followed_up_or_refuse(measurement.indicator.benefit)
    stored_name = measurement.evidence_stored_name
    delete_with_history(measurement, actor=actor)
    indicator_latest_refresh(indicator=measurement.indicator)
    monetary_gains_refresh(benefit=measurement.indicator.benefit)
    if stored_name:
        transaction.on_commit(lambda: uploads.discard(stored_name))


@transaction.atomic
def benefit_status_set(
    *, actor: User, benefit: Benefit, status: str, abandon_reason: str = ""
) -> Benefit:
    """Mark the benefit planned, being realised, realised or abandoned: its owners and
    responsible line manager may, and those who may change its initiative (PermissionDenied for
    anyone else). Abandoning needs a reason; the reason is dropped for any other status.
    Follow-up (measurements, reminders) ends when a benefit is realised or abandoned, whether or
    not its project is closed, and starts again when it is set back."""
    membership = Membership.objects.filter(
        user_id=actor.pk, municipality_id=benefit.municipality_id
    ).first()
    if not may_record_measurement(actor, benefit) and not (
        membership is not None and can_edit_initiative(membership, benefit.initiative)
    ):
        raise PermissionDenied(
            _(
                "Only the benefit's owners, its responsible line manager and those who may "
                "change the initiative set its status."
            )
        )
    if status not in BenefitStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    reason = abandon_reason.strip() if status == BenefitStatus.ABANDONED else ""
    if status == BenefitStatus.ABANDONED and not reason:
        raise ValidationError({"abandon_reason": _("Say why the benefit was abandoned.")})
    benefit.status, benefit.abandon_reason = status, reason
    benefit.clean()
    save_with_history(
        benefit, actor=actor, update_fields=["status", "abandon_reason", "updated_at"]
    )
    monetary_gains_refresh(benefit=benefit)
    return benefit
