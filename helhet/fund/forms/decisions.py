"""The forms of the assessment (the formal check, the criteria's scores) and of the decision
(outcome, the amount granted per budget year, conditions, reason, case reference)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.benefits.forms.fields import NumberField
from helhet.core.formats import money_text
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.fund.models import (
    Application,
    ApplicationDecision,
    ApplicationYear,
    CriterionScore,
    DecisionOutcome,
    FundCriterion,
)

SCORE_CHOICES = [
    ("", _("Not scored")),
    (1, _("1 – very weak")),
    (2, _("2 – weak")),
    (3, _("3 – fair")),
    (4, _("4 – good")),
    (5, _("5 – very good")),
]


class FormalCheckForm(StyledForm):
    """Step one: does the application meet the formal requirements?"""

    passed = forms.TypedChoiceField(
        label=_("Does the application meet the formal requirements?"),
        choices=[
            ("yes", _("Yes, the requirements are met")),
            ("no", _("No, something is missing")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the requirements are met.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=max_length_of(Application, "formal_check_note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when something is missing: say what, so the applicant can fix it."),
    )


class ScoresForm(StyledForm):
    """Step two: a score 1–5 and a comment on each criterion (``score_<id>``, ``comment_<id>``)
    of the application's rules version."""

    def __init__(
        self,
        *args: Any,
        criteria: list[FundCriterion],
        scores: dict[int, CriterionScore],
        **kwargs: Any,
    ) -> None:
        initial = kwargs.setdefault("initial", {})
        for criterion_id, score in scores.items():
            initial.setdefault(f"score_{criterion_id}", score.score)
            initial.setdefault(f"comment_{criterion_id}", score.comment)
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        comment_length = max_length_of(CriterionScore, "comment")
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)s)")
                % {"criterion": criterion.name, "weight": criterion.weight},
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=criterion.description,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=comment_length,
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
            )
        self.rows = [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in criteria
        ]

    def scores(self) -> dict[int, tuple[int, str]]:
        """The scores given, by criterion id; criteria left unscored are left out."""
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
            if self.cleaned_data.get(f"score_{criterion.pk}") is not None
        }


class DecisionForm(StyledForm):
    """The decision; ``granted_<year>`` per budget year counts only for a grant in part."""

    outcome = forms.ChoiceField(
        label=_("Decision on the application"),
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    case_reference = forms.CharField(
        label=_("Case reference"),
        required=False,
        max_length=max_length_of(ApplicationDecision, "case_reference"),
        help_text=_("The decision's case number in the archive, e.g. 26/1234."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=max_length_of(ApplicationDecision, "conditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a grant, e.g. a benefits realisation plan before the final grant."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=max_length_of(ApplicationDecision, "reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting or deferring; the applicant sees it."),
    )

    def __init__(self, *args: Any, years: list[ApplicationYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"granted_{year.year}"] = NumberField(
                label=_("Granted %(year)s (NOK)") % {"year": year.year},
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=Decimal(0),
                help_text=_("Applied for: %(amount)s")
                % {"amount": money_text(year.amount_applied)},
            )
        for year in years:  # added after StyledForm styled the others
            self.fields[f"granted_{year.year}"].widget.attrs["class"] = "ds-input"
        self.granted_fields = [self[f"granted_{year.year}"] for year in years]

    def granted(self) -> dict[int, Decimal]:
        """The amounts granted per budget year, for a grant in part (an empty field is 0)."""
        return {
            year.year: self.cleaned_data.get(f"granted_{year.year}") or Decimal(0)
            for year in self.years
        }
