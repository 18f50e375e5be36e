"""Writes to an initiative's benefits realisation plan: benefits and their indicators. Each service
validates the whole record (model ``clean`` and constraints), records who changed it in the
history, and refuses with a Norwegian message, changing nothing, when the input does not hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.benefits.access import may_delete_measurement, may_record_measurement
from helhet.benefits.figures import FOLLOWED_STATUSES, amount_units_for
from helhet.benefits.models import (
    PERCENT_MAX,
    Benefit,
    BenefitKind,
    BenefitSettings,
    BenefitStatus,
    BudgetCut,
    Calculation,
    Indicator,
    IndicatorUnit,
    Measurement,
)
from helhet.core.formats import long_date
from helhet.documents import uploads
from helhet.documents.services import check_upload
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.access import can_edit_initiative
from helhet.portfolio.models import Initiative


def _check_members(
    municipality: Municipality, responsible: User | None, owners: Sequence[User]
) -> None:
    """The responsible line manager and the owners must work in the initiative's municipality."""
    people = {user.pk for user in owners}
    if responsible is not None:
        people.add(responsible.pk)
    members = set(
        User.objects.filter(pk__in=people, memberships__municipality=municipality).values_list(
            "pk", flat=True
        )
    )
    errors = {}
    if responsible is not None and responsible.pk not in members:
        errors["responsible"] = _("The responsible line manager must work in the municipality.")
    if any(user.pk not in members for user in owners):
        errors["owners"] = _("Every benefits owner must work in the municipality.")
    if errors:
        raise ValidationError(errors)


def _save_benefit(actor: User | None, benefit: Benefit, owners: Sequence[User]) -> Benefit:
    _check_members(benefit.municipality, benefit.responsible, owners)
    benefit.full_clean(exclude=["initiative", "municipality"])
    benefit._history_user = actor  # type: ignore[attr-defined]
    benefit.save()
    benefit.owners.set(owners)
    return benefit


@transaction.atomic
def benefit_create(
    *,
    actor: User | None,
    initiative: Initiative,
    title: str,
    dimension: str,
    category: str,
    kind: str,
    description: str = "",
    planned_amount: Decimal | None = None,
    preconditions: str = "",
    realisation_method: str = "",
    responsible: User | None = None,
    owners: Sequence[User] = (),
    due_date: date | None = None,
    status: str = BenefitStatus.PLANNED,
    abandon_reason: str = "",
) -> Benefit:
    """Add a benefit to the initiative's plan, in the initiative's municipality. The responsible
    line manager and the owners must be members there; an abandoned benefit needs a reason; a
    qualitative benefit has no amount."""
    benefit = Benefit(
        municipality=initiative.municipality,
        initiative=initiative,
        title=title,
        description=description,
        dimension=dimension,
        category=category,
        kind=kind,
        planned_amount=planned_amount,
        preconditions=preconditions,
        realisation_method=realisation_method,
        responsible=responsible,
        due_date=due_date,
        status=status,
        abandon_reason=abandon_reason if status == BenefitStatus.ABANDONED else "",
    )
    return _save_benefit(actor, benefit, list(owners))


@transaction.atomic
def benefit_update(
    *,
    actor: User | None,
    benefit: Benefit,
    title: str,
    dimension: str,
    category: str,
    kind: str,
    description: str = "",
    planned_amount: Decimal | None = None,
    preconditions: str = "",
    realisation_method: str = "",
    responsible: User | None = None,
    owners: Sequence[User] = (),
    due_date: date | None = None,
    status: str = BenefitStatus.PLANNED,
    abandon_reason: str = "",
) -> Benefit:
    """Change a benefit, on the same terms as ``benefit_create``. A reason given for abandoning
    is dropped when the benefit is no longer abandoned."""
    benefit.title, benefit.description = title, description
    benefit.dimension, benefit.category, benefit.kind = dimension, category, kind
    benefit.planned_amount = planned_amount
    benefit.preconditions, benefit.realisation_method = preconditions, realisation_method
    benefit.responsible, benefit.due_date = responsible, due_date
    benefit.status = status
    benefit.abandon_reason = abandon_reason if status == BenefitStatus.ABANDONED else ""
    return _save_benefit(actor, benefit, list(owners))


def _check_measures_amount(indicator: Indicator) -> None:
    """Only one indicator measures a benefit's amount, in a unit the benefit's kind converts."""
    if not indicator.measures_amount:
        return
    benefit = indicator.benefit
    if indicator.unit not in amount_units_for(benefit.kind):
        raise ValidationError(
            {
                "measures_amount": _(
                    "Only an indicator in kroner (for a direct benefit) or in hours or FTE (for "
                    "an indirect benefit) can measure the benefit's amount."
                )
            }
        )
    others = Indicator.objects.filter(benefit=benefit, measures_amount=True)
    if indicator.pk is not None:
        others = others.exclude(pk=indicator.pk)
    if others.exists():
        raise ValidationError(
            {"measures_amount": _("Another indicator already measures this benefit's amount.")}
        )


def _save_indicator(actor: User | None, indicator: Indicator) -> Indicator:
    if indicator.unit != IndicatorUnit.CUSTOM:
        indicator.unit_label = ""
    _check_measures_amount(indicator)
    indicator.full_clean(exclude=["benefit", "municipality"])
    indicator._history_user = actor  # type: ignore[attr-defined]
    indicator.save()
    return indicator


@transaction.atomic
def indicator_create(
    *,
    actor: User | None,
    benefit: Benefit,
    name: str,
    unit: str,
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    frequency: str,
    unit_label: str = "",
    measures_amount: bool = False,
) -> Indicator:
    """Give the benefit an indicator: a baseline on a date, a target by a later (or the same)
    date, and how often it is measured. A custom unit needs a name; a percentage lies between 0
    and 100. A target equal to the baseline is allowed, but achievement cannot be computed. At most
    one indicator measures the benefit's amount, in kroner (direct) or hours or FTE (indirect)."""
    indicator = Indicator(
        municipality=benefit.municipality,
        benefit=benefit,
        name=name,
        unit=unit,
        unit_label=unit_label,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
        frequency=frequency,
        measures_amount=measures_amount,
    )
    return _save_indicator(actor, indicator)


@transaction.atomic
def indicator_update(
    *,
    actor: User | None,
    indicator: Indicator,
    name: str,
    unit: str,
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    frequency: str,
    unit_label: str = "",
    measures_amount: bool = False,
) -> Indicator:
    """Change an indicator, on the same terms as ``indicator_create``."""
    indicator.name, indicator.unit, indicator.unit_label = name, unit, unit_label
    indicator.baseline_value, indicator.baseline_date = baseline_value, baseline_date
    indicator.target_value, indicator.target_date = target_value, target_date
    indicator.frequency, indicator.measures_amount = frequency, measures_amount
    return _save_indicator(actor, indicator)


@transaction.atomic
def indicator_delete(*, actor: User | None, indicator: Indicator) -> None:
    """Remove an indicator from its benefit; its history is kept. The benefit stays."""
    indicator._history_user = actor  # type: ignore[attr-defined]
    indicator.delete()


# --- budget cuts and the before/after calculator ---

BUDGET_YEAR_MIN, BUDGET_YEAR_MAX = 2000, 2100


def _check_budget_cut(cut: BudgetCut) -> None:
    errors: dict[str, str] = {}
    if cut.benefit.kind == BenefitKind.QUALITATIVE:
        errors["benefit"] = _(
            "A qualitative benefit is not counted in kroner, so it cannot be taken out as a "
            "budget cut. Change the benefit to direct or indirect first."
        )
    if cut.unit.municipality_id != cut.benefit.municipality_id:
        errors["unit"] = _("Choose a unit in the benefit's municipality.")
    if cut.amount is None or cut.amount <= 0:
        errors["amount"] = _("The amount of a budget cut must be more than 0 kroner.")
    if cut.budget_year is None or not BUDGET_YEAR_MIN <= cut.budget_year <= BUDGET_YEAR_MAX:
        errors["budget_year"] = _("The budget year must be between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)


def _save_budget_cut(actor: User | None, cut: BudgetCut) -> BudgetCut:
    _check_budget_cut(cut)
    cut.full_clean(exclude=["benefit", "unit", "municipality"])
    cut._history_user = actor  # type: ignore[attr-defined]
    cut.save()
    return cut


@transaction.atomic
def budget_cut_create(
    *,
    actor: User | None,
    benefit: Benefit,
    unit: OrgUnit,
    amount: Decimal,
    budget_year: int,
    comment: str = "",
) -> BudgetCut:
    """Record that the benefit is taken out as a cut of ``amount`` kroner a year in the unit's
    budget frame from ``budget_year``. The unit is in the benefit's municipality, the amount is
    more than 0, the year between 2000 and 2100; a qualitative benefit has no kroner to cut.
    A cut may be recorded before the benefit is realised: the plan shows that as a risk."""
    cut = BudgetCut(
        municipality=benefit.municipality,
        benefit=benefit,
        unit=unit,
        amount=amount,
        budget_year=budget_year,
        comment=comment,
    )
    return _save_budget_cut(actor, cut)


@transaction.atomic
def budget_cut_update(
    *,
    actor: User | None,
    cut: BudgetCut,
    unit: OrgUnit,
    amount: Decimal,
    budget_year: int,
    comment: str = "",
) -> BudgetCut:
    """Change a budget cut, on the same terms as ``budget_cut_create``."""
    cut.unit, cut.amount, cut.budget_year, cut.comment = unit, amount, budget_year, comment
    return _save_budget_cut(actor, cut)


@transaction.atomic
def budget_cut_delete(*, actor: User | None, cut: BudgetCut) -> None:
    """Remove a budget cut from its benefit; its history is kept."""
    cut._history_user = actor  # type: ignore[attr-defined]
    cut.delete()


CALCULATION_INPUTS = ("before_quantity", "after_quantity", "before_unit_cost", "after_unit_cost")
CALCULATION_STATED = tuple(
    f"stated_{side}_{figure}"
    for side in ("before", "after")
    for figure in ("daily", "yearly", "per_user")
)


def _check_calculation(calculation: Calculation) -> None:
    errors: dict[str, str] = {}
    if calculation.benefit.kind == BenefitKind.QUALITATIVE:
        errors["benefit"] = _(
            "A qualitative benefit is not counted in kroner, so it has no before/after "
            "calculation. Change the benefit to direct or indirect first."
        )
    for name in (*CALCULATION_INPUTS, *CALCULATION_STATED):
        value = getattr(calculation, name)
        if value is not None and value < 0:
            errors[name] = _("The number cannot be negative.")
    days = calculation.days_per_year
    if days is None or not 1 <= days <= 366:
        errors["days_per_year"] = _("A year has between 1 and 366 days.")
    if calculation.users is not None and calculation.users < 1:
        errors["users"] = _("Give at least 1 user, or leave the number of users empty.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def calculation_set(
    *,
    actor: User | None,
    benefit: Benefit,
    quantity_label: str,
    period: str,
    before_quantity: Decimal,
    after_quantity: Decimal,
    before_unit_cost: Decimal,
    after_unit_cost: Decimal,
    days_per_year: int = 365,
    users: int | None = None,
    stated_before_daily: Decimal | None = None,
    stated_after_daily: Decimal | None = None,
    stated_before_yearly: Decimal | None = None,
    stated_after_yearly: Decimal | None = None,
    stated_before_per_user: Decimal | None = None,
    stated_after_per_user: Decimal | None = None,
    source: str = "",
) -> Calculation:
    """Give the benefit its before/after calculation, or replace the one it has. Quantities,
    unit costs and stated totals are not negative, a year has 1 to 366 days, the number of users
    is at least 1 or not given; a qualitative benefit has none. The stated totals are kept as
    the source gives them, even when they disagree with the inputs (``calculator`` shows it)."""
    try:
        calculation = benefit.calculation
    except Calculation.DoesNotExist:
        calculation = Calculation(municipality=benefit.municipality, benefit=benefit)
    values = {
        "quantity_label": quantity_label,
        "period": period,
        "days_per_year": days_per_year,
        "users": users,
        "before_quantity": before_quantity,
        "after_quantity": after_quantity,
        "before_unit_cost": before_unit_cost,
        "after_unit_cost": after_unit_cost,
        "stated_before_daily": stated_before_daily,
        "stated_after_daily": stated_after_daily,
        "stated_before_yearly": stated_before_yearly,
        "stated_after_yearly": stated_after_yearly,
        "stated_before_per_user": stated_before_per_user,
        "stated_after_per_user": stated_after_per_user,
        "source": source,
    }
    for name, value in values.items():
        setattr(calculation, name, value)
    _check_calculation(calculation)
    calculation.full_clean(exclude=["benefit", "municipality"])
    calculation._history_user = actor  # type: ignore[attr-defined]
    calculation.save()
    return calculation


@transaction.atomic
def calculation_delete(*, actor: User | None, calculation: Calculation) -> None:
    """Remove a benefit's before/after calculation; its history is kept. The benefit stays."""
    calculation._history_user = actor  # type: ignore[attr-defined]
    calculation.delete()


# --- follow-up in the line: measurements and a benefit's status ---


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
    line manager (PermissionDenied for anyone else). Refused, field by field and changing
    nothing, when it is dated in the future, before the baseline or on a date already measured;
    when the value is negative in a unit that cannot be (all but one the user names) or a
    percentage outside 0-100; when the evidence file is not accepted (see
    ``helhet.documents.services.check_upload``); and when the benefit is realised or abandoned.
    The project's status does not matter: a closed project's benefits are still measured.
    The first measurement of a planned benefit marks it as being realised. The evidence file is
    stored under a random name and removed again if the measurement is not saved."""
    benefit = indicator.benefit
    if not may_record_measurement(actor, benefit):
        raise PermissionDenied(
            _("Only the benefit's owners and its responsible line manager record its measurements.")
        )
    # One writer at a time per indicator, so two people cannot record the same date at once.
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _followed_up_or_refuse(benefit)
    errors = _measurement_errors(locked, measured_on, value, timezone.localdate())
    kind = None
    if evidence is not None:
        try:
            kind = check_upload(evidence)
        except ValidationError as refused:
            errors["evidence"] = refused.message_dict.get("file", refused.messages)
    if errors:
        raise ValidationError(errors)
    measurement = Measurement(
        municipality_id=locked.municipality_id,
        indicator=locked,
        measured_on=measured_on,
        value=value,
        comment=comment.strip(),
        recorded_by=actor,
    )
    measurement.full_clean(exclude=["indicator", "municipality", "recorded_by"])
    stored = uploads.store(evidence) if evidence is not None and kind is not None else None
    try:
        if stored is not None and evidence is not None and kind is not None:
            measurement.evidence_stored_name = stored.stored_name
            measurement.evidence_name = uploads.clean_name(evidence.name or "")
            measurement.evidence_type = kind.code
            measurement.evidence_size = stored.size
            measurement.evidence_sha256 = stored.sha256
        measurement._history_user = actor  # type: ignore[attr-defined]
        measurement.save()
        indicator_latest_refresh(indicator=indicator)
        if benefit.status == BenefitStatus.PLANNED:
            benefit.status = BenefitStatus.BEING_REALISED
            benefit._history_user = actor  # type: ignore[attr-defined]
            benefit.save(update_fields=["status", "updated_at"])
    except BaseException:
        if stored is not None:
            uploads.discard(stored.stored_name)
        raise
    return measurement


def indicator_latest_refresh(*, indicator: Indicator) -> None:
    """Copy the indicator's newest measurement (date and value; empty when it has none) onto the
    indicator, where the overview reads it. Derived data: no history entry. Called by every
    service that adds or removes a measurement, inside its transaction."""
    newest = (
        Measurement.objects.filter(indicator=indicator)
        .order_by("-measured_on")
        .values_list("measured_on", "value")
        .first()
    )
    measured_on, value = newest if newest is not None else (None, None)
    Indicator.objects.filter(pk=indicator.pk).update(
        latest_measured_on=measured_on, latest_value=value
    )
    indicator.latest_measured_on, indicator.latest_value = measured_on, value


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
    measurement._history_user = actor  # type: ignore[attr-defined]
    measurement.delete()
    indicator_latest_refresh(indicator=measurement.indicator)
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
    benefit._history_user = actor  # type: ignore[attr-defined]
    benefit.save(update_fields=["status", "abandon_reason", "updated_at"])
    return benefit


# --- Benefits overview: the hours in one full-time equivalent ---

HOURS_PER_FTE_MIN = Decimal(100)
HOURS_PER_FTE_MAX = Decimal(3000)


@transaction.atomic
def benefit_settings_update(
    *, actor: User | None, municipality: Municipality, hours_per_fte: Decimal
) -> BenefitSettings:
    """Set how many working hours make one full-time equivalent (årsverk) when the overview
    shows freed time as capacity: from 100 to 3,000, with at most one decimal. One settings
    record per municipality, made the first time. Anything else is refused with a Norwegian
    message and nothing changes."""
    if not hours_per_fte.is_finite() or not (
        HOURS_PER_FTE_MIN <= hours_per_fte <= HOURS_PER_FTE_MAX
    ):
        raise ValidationError({"hours_per_fte": _("Enter a number of hours from 100 to 3,000.")})
    settings = BenefitSettings.objects.select_for_update().filter(
        municipality=municipality
    ).first() or BenefitSettings(municipality=municipality)
    settings.hours_per_fte = hours_per_fte
    settings.full_clean(exclude=["municipality"])
    settings._history_user = actor  # type: ignore[attr-defined]
    settings.save()
    return settings
