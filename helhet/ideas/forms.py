"""The forms of the ideas: submitting one, screening it (scores, a question, a decision,
promoting it), answering a question, and keeping the criteria."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.documents import uploads
from helhet.ideas.models import (
    HIGHEST_WEIGHT,
    LOWEST_WEIGHT,
    CriteriaSet,
    Idea,
    IdeaQuestion,
    ScreeningCriterion,
)
from helhet.ideas.services.ideas import MAX_ATTACHMENTS
from helhet.maturity.models import Service
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's own recipe): a list, empty when none is chosen."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _text(model: type[Any], field: str, label: Any, rows: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length_of(model, field),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class IdeaForm(StyledForm):
    title = forms.CharField(
        label=_("Give the idea a short title"), max_length=max_length_of(Idea, "title")
    )
    problem = _text(
        Idea,
        "problem",
        _("What is the problem?"),
        4,
        help_text=_("Plain words are best: what goes wrong, takes too long or is missing?"),
    )
    who_has_it = _text(
        Idea,
        "who_has_it",
        _("Who has the problem?"),
        2,
        required=False,
        help_text=_("Citizens, staff in a unit, a group of users …"),
    )
    solution = _text(
        Idea,
        "solution",
        _("Do you have an idea for a solution?"),
        3,
        required=False,
    )
    unit = OrgUnitChoiceField(label=_("Which unit is it about?"), empty_label=_("Choose a unit"))
    service = forms.ModelChoiceField(
        label=_("Which service is it about?"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("No particular service"),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(uploads.ACCEPTED_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, OrgUnitChoiceField)
        unit.limit_to(municipality)
        service = self.fields["service"]
        assert isinstance(service, forms.ModelChoiceField)
        service.queryset = Service.objects.filter(municipality=municipality).order_by("name")
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files: a photo, a sketch or a document. PDF, DOCX, XLSX, PPTX, "
            "ODT, PNG or JPEG, at most %(limit)s each."
        ) % {"count": MAX_ATTACHMENTS, "limit": filesizeformat(uploads.max_bytes())}


SCORE_CHOICES = [("", _("Choose"))] + [(str(n), str(n)) for n in range(1, 6)]


class ScoreForm(StyledForm):
    """One 1-5 score per criterion of the idea's set, named ``criterion_<id>``."""

    def __init__(self, *args: Any, criteria: list[ScreeningCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (weight %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                choices=SCORE_CHOICES,
                coerce=int,
                help_text=criterion.description,
            )
        # StyledForm styles the fields it sees in __init__; these came after.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def scores(self) -> dict[int, int]:
        return {
            criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"]
            for criterion in self.criteria
        }


class QuestionForm(StyledForm):
    question = _text(
        IdeaQuestion,
        "question",
        _("Question to the one who submitted the idea"),
        3,
    )


class AnswerForm(StyledForm):
    answer = _text(IdeaQuestion, "answer", _("Your answer"), 3)


class Decision:
    REJECT, PARK, MERGE = "reject", "park", "merge"
    CHOICES = [
        (REJECT, _("Reject")),
        (PARK, _("Park for later")),
        (MERGE, _("Merge into an existing initiative")),
    ]


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.CHOICES, widget=forms.RadioSelect
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative to merge it into"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("Choose an initiative"),
        help_text=_("Only when merging."),
    )
    reason = _text(
        Idea,
        "decision_reason",
        _("Reason"),
        3,
        required=False,
        help_text=_("The one who submitted the idea reads it. Required when rejecting."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["initiative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Initiative.objects.filter(municipality=municipality).order_by("name")
        self.fields["decision"].widget.attrs["class"] = "ds-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == Decision.MERGE and not data.get("initiative"):
            self.add_error("initiative", _("Choose the initiative to merge the idea into."))
        return data


class PromoteForm(StyledForm):
    name = forms.CharField(
        label=_("Name of the new initiative"), max_length=max_length_of(Initiative, "name")
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(InitiativeKind.IDEA, _("Idea")), (InitiativeKind.PROJECT, _("Project"))],
        help_text=_("An idea to be worked out in the portfolio, or a project to be started."),
    )
    owning_unit = OrgUnitChoiceField(label=_("Owning unit"), empty_label=_("Choose a unit"))
    reason = _text(
        Idea,
        "decision_reason",
        _("Note to the one who submitted the idea"),
        2,
        required=False,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owning_unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class CriteriaSetForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=max_length_of(CriteriaSet, "name"))
    unit = OrgUnitChoiceField(
        label=_("For the ideas of unit"),
        required=False,
        empty_label=_("(the municipality's default set)"),
        help_text=_("Ideas of this unit and the units under it are screened on the set."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class CriterionForm(StyledForm):
    name = forms.CharField(
        label=_("Criterion"), max_length=max_length_of(ScreeningCriterion, "name")
    )
    description = _text(ScreeningCriterion, "description", _("What it asks"), 2, required=False)
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=LOWEST_WEIGHT,
        max_value=HIGHEST_WEIGHT,
        initial=1,
        help_text=_("From 1 to 10: how much the criterion counts in the weighted score."),
    )
