"""Writes of funds, their rules and their application rounds, by the portfolio office.

A fund names the decision that set it up (case reference, date, body) and, optionally, the person
who decides on its applications. Its rules are never changed in place: ``fund_rules_create``
makes the next version, copied from the current one with the changes and its criteria, and an
application keeps the version it was submitted under. Each service refuses with a Norwegian
message (a ValidationError per field), writing nothing, when the input does not hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.duties import role_of
from helhet.accounts.models import User
from helhet.accounts.roles import Capability, role_can
from helhet.core.history import save_with_history
from helhet.core.text import check_text_lengths
from helhet.fund.models import (
    MAX_MONEY,
    Fund,
    FundCriterion,
    FundRound,
    FundRules,
    GainReturnRule,
)
from helhet.fund.services.ledger import fund_lock
from helhet.fund.services.versions import claim_next_version
from helhet.organization.models import Municipality

FUND_FIELDS = ("name", "purpose", "decision_reference", "decision_date", "decision_body", "decider")
# What a version of the rules says besides its criteria; copied from the current version.
RULES_FIELDS = (
    "finances_one_off",
    "finances_entry_ticket",
    "finances_project",
    "min_amount",
    "max_amount",
    "max_share",
    "max_budget_years",
    "gain_return",
    "gain_return_share",
    "gain_return_years",
    "analysis_years",
    "discount_rate",
)


@dataclass(frozen=True)
class CriterionLine:
    """A criterion of a new version of the rules, in the order they are listed."""

    name: str
    weight: int = 1
    description: str = ""


def _check_fund(fund: Fund) -> None:
    errors: dict[str, str] = {}
    fund.name = fund.name.strip()
    if not fund.name:
        errors["name"] = _("Write the fund's name.")
    elif (
        Fund.objects.filter(municipality_id=fund.municipality_id, name__iexact=fund.name)
        .exclude(pk=fund.pk)
        .exists()
    ):
        errors["name"] = _("The municipality already has a fund with this name.")
    if fund.decider is not None:
        role = role_of(fund.decider, fund.municipality_id)
        if role is None:
            errors["decider"] = _(
                "%(person)s does not work in this municipality. Choose someone who does."
            ) % {"person": fund.decider}
        elif not role_can(role, Capability.DECIDE_FUND_GRANTS):
            errors["decider"] = _(
                "%(person)s cannot decide on applications: the role %(role)s does not decide "
                "fund grants. Choose a leader, or leave it empty so any leader decides."
            ) % {"person": fund.decider, "role": role.label}
    if errors:
        raise ValidationError(errors)
    check_text_lengths(fund)


@transaction.atomic
def fund_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    purpose: str = "",
    decision_reference: str = "",
    decision_date: date | None = None,
    decision_body: str = "",
    decider: User | None = None,
) -> Fund:
    """Register a fund: its name (unique in the municipality), purpose, the decision that set
    it up and who decides on its applications (a person whose role decides fund grants, or
    nobody: then any leader decides). Its money comes through capital entries in its ledger,
    its rules through ``fund_rules_create``."""
    fund = Fund(
        municipality=municipality,
        name=name,
        purpose=purpose,
        decision_reference=decision_reference,
        decision_date=decision_date,
        decision_body=decision_body,
        decider=decider,
    )
    _check_fund(fund)
    save_with_history(fund, actor=actor)
    return fund


@transaction.atomic
def fund_update(
    *, actor: User | None, fund: Fund, expected_version: int | None = None, **fields: Any
) -> Fund:
    """Change the fund's name, purpose, decision or decider, under the same rules as
    ``fund_create``. ``expected_version`` is the version the person started from: when someone
    saved in between, StaleEditError is raised and nothing is written (never a silent
    overwrite). The history records who changed what."""
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fund fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(fund, name, value)
    _check_fund(fund)
    fund.version = claim_next_version(Fund, fund.pk, expected_version)
    save_with_history(fund, actor=actor)
    return fund


def current_rules(fund: Fund) -> FundRules | None:
    """The fund's newest version of its rules (the one a submitted application gets), or None
    before it has any."""
    return fund.rule_versions.order_by("-version").first()


def _check_rules(rules: FundRules, criteria: Sequence[CriterionLine]) -> None:
    errors: dict[str, str] = {}
    if not (rules.finances_one_off or rules.finances_entry_ticket or rules.finances_project):
        errors["finances_project"] = _("The fund must finance at least one kind of use.")
    for field in ("min_amount", "max_amount"):
        value = getattr(rules, field)
        if value is not None and not (0 <= value <= MAX_MONEY):
            errors[field] = _("Write an amount from 0 to 999 999 999 999 kroner.")
    if (
        rules.min_amount is not None
        and rules.max_amount is not None
        and rules.max_amount < rules.min_amount
    ):
        errors["max_amount"] = _("The largest amount must be at least the smallest.")
    if rules.max_share is not None and not (0 < rules.max_share <= 100):
        errors["max_share"] = _("Write a share above 0 and at most 100 %.")
    if not 1 <= rules.max_budget_years <= 10:
        errors["max_budget_years"] = _("Write from 1 to 10 budget years.")
    if not 1 <= rules.analysis_years <= 40:
        errors["analysis_years"] = _("Write an analysis period from 1 to 40 years.")
    if not 0 <= rules.discount_rate <= 20:
        errors["discount_rate"] = _("Write a real discount rate from 0 to 20 %.")
    if rules.gain_return == GainReturnRule.SHARE:
        if not 0 < rules.gain_return_share <= 100:
            errors["gain_return_share"] = _(
                "Write the share of realised monetary gains that goes back to the fund, above "
                "0 and at most 100 %."
            )
        if not 1 <= rules.gain_return_years <= 30:
            errors["gain_return_years"] = _("Write for how many years, from 1 to 30.")
    elif rules.gain_return != GainReturnRule.NONE:
        errors["gain_return"] = _("Choose whether gains go back to the fund.")
    names = [line.name.strip().lower() for line in criteria]
    if not criteria:
        errors["criteria"] = _("Rank the applications by at least one criterion.")
    elif any(not name for name in names):
        errors["criteria"] = _("Give every criterion a name.")
    elif len(set(names)) < len(names):
        errors["criteria"] = _("Two criteria have the same name: give each its own.")
    elif any(not 1 <= line.weight <= 100 for line in criteria):
        errors["criteria"] = _("Give every criterion a weight from 1 to 100.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def fund_rules_create(
    *,
    actor: User,
    fund: Fund,
    criteria: Sequence[CriterionLine] | None = None,
    note: str = "",
    **changes: Any,
) -> FundRules:
    """Make the fund's next version of its rules: the current version's settings and criteria
    (the defaults for the first version) with ``changes``, and ``criteria`` instead of the
    current ones when given. Refused, writing nothing, when the fund finances no kind of use,
    the largest amount is below the smallest, a share or rate is out of range, a gain-return
    rule lacks its share or years, or the criteria are missing, unnamed, named twice or
    weighted outside 1–100. The versions before stay as they were: applications keep theirs."""
    unknown = set(changes) - set(RULES_FIELDS)
    if unknown:
        raise TypeError(f"Unknown rules fields: {sorted(unknown)}")
    locked = fund_lock(fund)  # two new versions at once would both count to the same number
    current = current_rules(locked)
    settings = {name: getattr(current, name) for name in RULES_FIELDS} if current else {}
    settings.update(changes)
    if settings.get("gain_return") == GainReturnRule.NONE:
        settings.update(gain_return_share=Decimal(0), gain_return_years=0)
    if criteria is None:
        criteria = (
            [CriterionLine(c.name, c.weight, c.description) for c in current.criteria.all()]
            if current
            else []
        )
    number = (locked.rule_versions.aggregate(last=Max("version"))["last"] or 0) + 1
    rules = FundRules(
        municipality_id=fund.municipality_id,
        fund=locked,
        version=number,
        note=note.strip(),
        created_by=actor,
        **settings,
    )
    _check_rules(rules, criteria)
    check_text_lengths(rules)
    rules.save()
    for position, line in enumerate(criteria):
        criterion = FundCriterion(
            municipality_id=fund.municipality_id,
            rules=rules,
            name=line.name.strip(),
            description=line.description.strip(),
            weight=line.weight,
            position=position,
        )
        try:
            check_text_lengths(criterion)
        except ValidationError as error:
            raise ValidationError({"criteria": error.messages}) from None
        criterion.save()
    return rules


def _check_round(round_: FundRound) -> None:
    errors: dict[str, str] = {}
    round_.name = round_.name.strip()
    if not round_.name:
        errors["name"] = _("Write the round's name, e.g. “Søknadsrunde høsten 2026”.")
    elif (
        FundRound.objects.filter(fund_id=round_.fund_id, name__iexact=round_.name)
        .exclude(pk=round_.pk)
        .exists()
    ):
        errors["name"] = _("The fund already has a round with this name.")
    if round_.deadline is None:
        errors["deadline"] = _("Write the deadline for applications.")
    elif round_.closed_at is not None:
        errors["deadline"] = _(
            "The round is closed and can no longer be changed. Open a new round instead."
        )
    elif round_.opens_on is not None and round_.opens_on > round_.deadline:
        errors["opens_on"] = _("The round must open on or before its deadline.")
    if errors:
        raise ValidationError(errors)
    check_text_lengths(round_)


@transaction.atomic
def fund_round_create(
    *, actor: User | None, fund: Fund, name: str, deadline: date, opens_on: date | None = None
) -> FundRound:
    """Open a round of applications to the fund, collected until ``deadline`` (and from
    ``opens_on`` when given, on or before the deadline). Its name is unique in the fund.
    Applications without a round are received continuously."""
    round_ = FundRound(
        municipality_id=fund.municipality_id,
        fund=fund,
        name=name,
        deadline=deadline,
        opens_on=opens_on,
    )
    _check_round(round_)
    save_with_history(round_, actor=actor)
    return round_


@transaction.atomic
def fund_round_update(
    *,
    actor: User | None,
    round_: FundRound,
    name: str,
    deadline: date,
    opens_on: date | None,
    expected_version: int | None = None,
) -> FundRound:
    """Change the round's name, opening day or deadline, under the rules of
    ``fund_round_create``; a closed round is not changed. ``expected_version`` is the version
    the person started from: when someone saved in between, StaleEditError is raised and
    nothing is written."""
    round_.name, round_.deadline, round_.opens_on = name, deadline, opens_on
    _check_round(round_)
    round_.version = claim_next_version(FundRound, round_.pk, expected_version)
    save_with_history(round_, actor=actor)
    return round_


@transaction.atomic
def fund_round_close(*, actor: User | None, round_: FundRound) -> FundRound:
    """Close the round now, also before its deadline: from now on no application is submitted
    to it (drafts in it must choose another round or continuous intake), and it can no longer
    be changed. What was submitted stays in it and is assessed and ranked as before. Refused
    when it is closed already."""
    locked = FundRound.objects.select_for_update().get(pk=round_.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("The round %(round)s is closed already.") % {"round": locked.name})
    locked.closed_at = timezone.now()
    locked.version += 1
    save_with_history(locked, actor=actor)
    return locked
