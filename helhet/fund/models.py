"""The digitalisation fund as data: the fund and the decision that set it up, its rules as
versioned rows (an application keeps the version it was assessed under), rounds, applications
from the portfolio with their yearly amounts, other funding and economic analysis, the
assessment's scores, the decisions, the append-only ledger and the gains due back to the fund.

Money is Decimal NOK with øre. Shares and rates are percentages (``Decimal("4.00")`` is 4 %)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.core.models import MunicipalityOwned
from helhet.core.text import LONG_TEXT, SHORT_TEXT, TEXT, limited_text

MONEY_DIGITS = 14
# The largest amount a field takes: under 1 000 000 000 000 NOK, the 14 digits with øre.
MAX_MONEY = Decimal("999999999999.99")


def _money(verbose_name: Any, *, optional: bool = False, signed: bool = False) -> Any:
    """An amount in NOK with øre; never negative unless ``signed`` (a ledger correction)."""
    validators: list[Any] = [MaxValueValidator(MAX_MONEY)]
    if not signed:
        validators.append(MinValueValidator(Decimal(0)))
    return models.DecimalField(
        verbose_name,
        max_digits=MONEY_DIGITS,
        decimal_places=2,
        validators=validators,
        null=optional,
        blank=optional,
    )


def _percent(verbose_name: Any, *, optional: bool = False, default: Any = None) -> Any:
    """A percentage from 0 to 100 with two decimals."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        null=optional,
        blank=optional,
        default=default,
    )


class Fund(MunicipalityOwned):
    """A fund the municipality set aside, e.g. Stavanger's digitalisation fund (NOK 100 million,
    city council case 65/17, May 2017). ``decider`` is the person the fund names to decide on
    applications; without one, any leader (the chief executive's role) decides."""

    name = models.CharField(_("name"), max_length=SHORT_TEXT)
    purpose = limited_text(_("purpose"), TEXT, blank=True)
    decision_reference = models.CharField(_("case reference"), max_length=60, blank=True)
    decision_date = models.DateField(_("decided on"), null=True, blank=True)
    decision_body = models.CharField(_("decided by (body)"), max_length=SHORT_TEXT, blank=True)
    decider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decides on applications"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Counts up with every saved change, so an edit started from an older version is refused.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="fund_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class UseKind(models.TextChoices):
    """What the fund finances."""

    ONE_OFF = "one_off", _("One-off activity")
    ENTRY_TICKET = "entry_ticket", _("Entry ticket to a national project")
    PROJECT = "project", _("Project")


class GainReturnRule(models.TextChoices):
    NONE = "none", _("No gains returned")
    SHARE = "share", _("A share of realised monetary gains")


class FundRules(MunicipalityOwned):
    """One version of a fund's rules. Rules are never changed in place: a change makes the next
    version (``version`` counts up per fund), and an application keeps the version it was
    submitted and assessed under."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rule_versions")
    version = models.PositiveIntegerField(_("version"))
    finances_one_off = models.BooleanField(_("finances one-off activities"), default=True)
    finances_entry_ticket = models.BooleanField(
        _("finances entry tickets to national projects"), default=True
    )
    finances_project = models.BooleanField(_("finances projects"), default=True)
    min_amount = _money(_("smallest amount (NOK)"), optional=True)
    max_amount = _money(_("largest amount (NOK)"), optional=True)
    max_share = _percent(_("largest share of the project cost (%)"), optional=True)
    max_budget_years = models.PositiveSmallIntegerField(
        _("at most budget years"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    gain_return = models.CharField(
        _("gains back to the fund"),
        max_length=10,
        choices=GainReturnRule.choices,
        default=GainReturnRule.NONE,
    )
    gain_return_share = _percent(_("share of realised monetary gains (%)"), default=Decimal(0))
    gain_return_years = models.PositiveSmallIntegerField(
        _("for how many years"), default=0, validators=[MaxValueValidator(30)]
    )
    analysis_years = models.PositiveSmallIntegerField(
        _("analysis period (years)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    discount_rate = models.DecimalField(
        _("real discount rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("4.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(20))],
    )
    note = limited_text(_("what changed"), TEXT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["fund", "-version"]
        verbose_name = _("fund rules")
        verbose_name_plural = _("fund rules")
        constraints = [
            models.UniqueConstraint(fields=["fund", "version"], name="fund_rules_unique_version"),
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(max_amount__gte=models.F("min_amount")),
                name="fund_rules_max_above_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund} v{self.version}"

    def finances(self, kind: str) -> bool:
        return {
            UseKind.ONE_OFF: self.finances_one_off,
            UseKind.ENTRY_TICKET: self.finances_entry_ticket,
            UseKind.PROJECT: self.finances_project,
        }[UseKind(kind)]


class FundCriterion(MunicipalityOwned):
    """A criterion applications are ranked by under one version of the rules, scored 1–5 and
    weighted."""

    rules = models.ForeignKey(FundRules, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=SHORT_TEXT)
    description = limited_text(_("description"), TEXT, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rules", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class FundRound(MunicipalityOwned):
    """Applications collected until a deadline, or until the portfolio office closes the round.
    Applications without a round are received continuously."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=SHORT_TEXT)
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    # Set when the portfolio office closes the round before (or after) its deadline: no
    # application is submitted to it from then on.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Counts up with every saved change, so an edit started from an older version is refused.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "-deadline"]
        verbose_name = _("application round")
        verbose_name_plural = _("application rounds")
        constraints = [
            models.UniqueConstraint(fields=["fund", "name"], name="fund_round_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def accepts_applications(self, today: date) -> bool:
        """Whether an application may be submitted to the round on ``today``: it has opened,
        its deadline has not passed and nobody has closed it."""
        opened = self.opens_on is None or self.opens_on <= today
        return opened and today <= self.deadline and self.closed_at is None


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    DEFERRED = "deferred", _("Deferred")
    GRANTED = "granted", _("Granted")
    PARTLY_GRANTED = "partly_granted", _("Partly granted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Decided for good: a second decision is refused.
FINAL_STATUSES = frozenset(
    {
        ApplicationStatus.GRANTED,
        ApplicationStatus.PARTLY_GRANTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    }
)
GRANTED_STATUSES = frozenset({ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED})


class Application(MunicipalityOwned):
    """An application to a fund from an initiative in the portfolio. ``rules`` is the version
    of the fund's rules it was submitted under (set on submission, never changed after)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="applications")
    rules = models.ForeignKey(
        FundRules,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("rules version"),
    )
    round = models.ForeignKey(
        FundRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("round"),
    )
    initiative = models.ForeignKey(
        "portfolio.Initiative",
        on_delete=models.PROTECT,
        related_name="fund_applications",
        verbose_name=_("initiative"),
    )
    use_kind = models.CharField(
        _("kind of use"), max_length=20, choices=UseKind.choices, default=UseKind.PROJECT
    )
    project_description = limited_text(_("project description"), LONG_TEXT, blank=True)
    total_cost = _money(_("total project cost (NOK)"), optional=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The portfolio office's check of the formal requirements (step one of two).
    formal_check_passed = models.BooleanField(_("formal requirements met"), null=True)
    formal_check_note = limited_text(_("note on the formal requirements"), TEXT, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["municipality", "fund", "status"]),
            models.Index(fields=["fund", "round"]),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} ({self.fund})"


class ApplicationYear(MunicipalityOwned):
    """The amount applied for, and granted, in one budget year."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(
        _("budget year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount_applied = _money(_("applied for (NOK)"))
    amount_granted = _money(_("granted (NOK)"), optional=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "year"]
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="application_year_unique"),
        ]


class OtherFundingSource(models.TextChoices):
    OWN_BUDGET = "own_budget", _("Own budget")
    DIGDIR = "digdir", _("Digdir (co-financing)")
    KS = "ks", _("KS")
    EU = "eu", _("EU")
    STATE_GRANT = "state_grant", _("Other state grant")
    OTHER = "other", _("Other")


class ApplicationFunding(MunicipalityOwned):
    """Funding of the project from elsewhere than the fund."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="other_funding"
    )
    source = models.CharField(_("source"), max_length=20, choices=OtherFundingSource.choices)
    amount = _money(_("amount (NOK)"))
    note = models.CharField(_("note"), max_length=SHORT_TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "source"]
        verbose_name = _("other funding")
        verbose_name_plural = _("other funding")


class AnalysisYear(MunicipalityOwned):
    """One year of the simplified economic analysis: costs and monetary benefits in that year.
    ``index`` 0 is the first budget year (not discounted), 1 the next, and so on."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="analysis_years"
    )
    index = models.PositiveSmallIntegerField(_("year"), validators=[MaxValueValidator(39)])
    cost = _money(_("costs (NOK)"), signed=False)
    benefit = _money(_("monetary benefits (NOK)"), signed=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "index"]
        verbose_name = _("analysis year")
        verbose_name_plural = _("analysis years")
        constraints = [
            models.UniqueConstraint(fields=["application", "index"], name="analysis_year_unique"),
        ]


class CriterionScore(MunicipalityOwned):
    """The portfolio office's score, 1–5, of one application on one criterion of its rules."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(FundCriterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = limited_text(_("comment"), TEXT, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="criterion_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="criterion_score_1_to_5"
            ),
        ]


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Granted in full")
    PARTLY_GRANTED = "partly_granted", _("Granted in part")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


class ApplicationDecision(MunicipalityOwned):
    """A decision on an application, with who, when and the case reference. Deferring leaves
    the application open for a later decision; granting or rejecting closes it."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    reason = limited_text(_("reason"), TEXT, blank=True)
    conditions = limited_text(_("conditions"), TEXT, blank=True)
    case_reference = models.CharField(_("case reference"), max_length=60, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        ordering = ["application", "decided_at"]
        verbose_name = _("fund decision")
        verbose_name_plural = _("fund decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="granted") | Q(outcome="partly_granted") | ~Q(reason=""),
                name="fund_decision_refusal_has_reason",
            ),
        ]


class EntryKind(models.TextChoices):
    CAPITAL = "capital", _("Capital")
    COMMITMENT = "commitment", _("Grant committed")
    DISBURSEMENT = "disbursement", _("Disbursement")
    RELEASE = "release", _("Unused grant released")
    RETURNED_GAIN = "returned_gain", _("Gain returned")


class LedgerEntryQuerySet(models.QuerySet["LedgerEntry"]):
    def for_fund(self, fund: Fund) -> LedgerEntryQuerySet:
        return self.filter(fund=fund)


class LedgerEntry(MunicipalityOwned):
    """One line of a fund's ledger. The ledger is append-only: an entry is never changed or
    deleted; a mistake is corrected by a reversing entry of the same kind with the opposite
    amount, which names the entry it corrects (``corrects``). Amounts are positive except in a
    correction. Who recorded it and when is on the entry itself."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    amount = _money(_("amount (NOK)"), signed=True)
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("application"),
    )
    budget_year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    entry_date = models.DateField(_("date"))
    reference = models.CharField(_("case or voucher reference"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=SHORT_TEXT, blank=True)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["fund", "entry_date", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["fund", "kind"]),
            models.Index(fields=["fund", "entry_date"]),
            models.Index(fields=["application", "kind"]),
            # Covering indexes for the review's grouped sums: the ledger is read from the index
            # alone, never the table's wide rows.
            models.Index(
                fields=["fund", "entry_date", "kind", "budget_year", "amount"],
                name="ledger_fund_date_covering",
            ),
            models.Index(
                fields=["fund", "application", "kind", "amount"],
                name="ledger_fund_app_covering",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=False) | Q(amount__gt=0),
                name="ledger_entry_positive_unless_correction",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("A ledger entry is never changed: record a correction."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("A ledger entry is never deleted: record a correction."))


# Sums of many entries: wider than one entry's amount.
TOTAL_DIGITS = 18


def _total(verbose_name: Any) -> Any:
    return models.DecimalField(
        verbose_name, max_digits=TOTAL_DIGITS, decimal_places=2, default=Decimal("0.00")
    )


class LedgerYearTotal(MunicipalityOwned):
    """Derived from the ledger, never written by hand: the sum and the number of a fund's entries
    of one kind booked in one calendar year for one budget year (0: the entry names none),
    corrections included. ``services.ledger`` adds each entry to its row in the transaction that
    writes the entry, under the fund's lock; ``manage.py rebuild_fund_figures`` recomputes the
    rows from the ledger. The balances and the review read these few rows, not the ledger."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="year_totals")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    budget_year = models.PositiveSmallIntegerField(_("budget year"), default=0)
    amount = _total(_("amount (NOK)"))
    entries = models.PositiveIntegerField(_("entries"), default=0)

    class Meta:
        ordering = ["fund", "year", "kind", "budget_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "year", "kind", "budget_year"], name="ledger_year_total_unique"
            ),
        ]


class GrantYearTotal(MunicipalityOwned):
    """Derived from the ledger, never written by hand: what one application's entries for one
    budget year (0: the entries name none) add up to, corrections included: committed,
    released, disbursed and gains returned. Kept and rebuilt like ``LedgerYearTotal``; a
    disbursement is checked against its budget year's row."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="grant_totals")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="year_totals"
    )
    budget_year = models.PositiveSmallIntegerField(_("budget year"), default=0)
    committed = _total(_("committed (NOK)"))
    released = _total(_("released (NOK)"))
    disbursed = _total(_("disbursed (NOK)"))
    returned = _total(_("gains returned (NOK)"))

    class Meta:
        ordering = ["application", "budget_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "budget_year"], name="grant_year_total_unique"
            ),
        ]
        indexes = [models.Index(fields=["fund", "application"])]


class GainReturnStatus(models.TextChoices):
    RETURNED = "returned", _("Returned to the fund")
    WAIVED = "waived", _("Waived")


class GainReturn(MunicipalityOwned):
    """The portfolio office's settlement of the amount due back to the fund from a funded
    application in one year: confirmed (a ``returned_gain`` ledger entry) or waived with a
    reason. What is due is computed from the benefits module under the rules' gain-return rule;
    a year without a settlement is still due."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="gain_returns"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_due = _money(_("due (NOK)"))
    status = models.CharField(_("status"), max_length=10, choices=GainReturnStatus.choices)
    amount_returned = _money(_("returned (NOK)"), optional=True)
    reason = limited_text(_("reason"), TEXT, blank=True)
    ledger_entry = models.OneToOneField(
        LedgerEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="gain_return"
    )
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    settled_at = models.DateTimeField(_("settled"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "year"]
        verbose_name = _("gain returned")
        verbose_name_plural = _("gains returned")
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="gain_return_unique"),
            models.CheckConstraint(
                condition=Q(status="returned") | ~Q(reason=""), name="gain_return_waived_reason"
            ),
        ]
