"""The forms of the lessons register: writing or changing a lesson, and what a project-log entry
taught."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.learning.models import Lesson
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative


def _text(field: str, label: Any, rows: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length_of(Lesson, field),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class LessonForm(StyledForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=max_length_of(Lesson, "title"),
        error_messages={"required": _("Give the lesson a short title.")},
    )
    what_happened = _text(
        "what_happened",
        _("What happened?"),
        4,
        required=False,
        help_text=_("The situation, briefly: what you did and what came of it."),
    )
    learned = _text(
        "learned",
        _("What did you learn?"),
        4,
        error_messages={"required": _("Write what you learned.")},
    )
    advice = _text(
        "advice",
        _("What should others do?"),
        3,
        required=False,
        help_text=_("Advice for the next project or department that does something similar."),
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("The initiative the lesson comes from, if any."),
    )
    unit = OrgUnitChoiceField(
        label=_("Unit"),
        required=False,
        help_text=_("Left empty: the initiative's owning unit."),
    )
    phase_name = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        help_text=_("Left empty: the phase the initiative stands in now."),
    )
    themes = forms.CharField(
        label=_("Themes"),
        required=False,
        max_length=1000,
        help_text=_("Separate the themes with commas, e.g. RPA, velferdsteknologi."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, municipality: Municipality, phases: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        initiative = self.fields["initiative"]
        assert isinstance(initiative, forms.ModelChoiceField)
        initiative.queryset = Initiative.objects.filter(municipality=municipality).order_by("name")
        unit = self.fields["unit"]
        assert isinstance(unit, OrgUnitChoiceField)
        unit.limit_to(municipality)
        phase = self.fields["phase_name"]
        assert isinstance(phase, forms.ChoiceField)
        phase.choices = [("", "---------"), *((name, name) for name in phases)]

    def clean_themes(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["themes"].split(",")]
        cleaned = [name for name in names if name]
        if any(len(name) > 60 for name in cleaned):
            raise forms.ValidationError(_("A theme can be at most 60 characters long."))
        return cleaned

    def lesson_fields(self) -> dict[str, Any]:
        """What ``lesson_write`` and ``lesson_update`` take from the form."""
        data = self.cleaned_data
        names = ("title", "what_happened", "learned", "advice", "initiative", "unit")
        return {
            **{name: data[name] for name in names},
            "phase_name": data["phase_name"],
            "themes": data["themes"],
        }


def lesson_initial(lesson: Lesson) -> dict[str, Any]:
    return {
        "title": lesson.title,
        "what_happened": lesson.what_happened,
        "learned": lesson.learned,
        "advice": lesson.advice,
        "initiative": lesson.initiative_id,
        "unit": lesson.unit_id,
        "phase_name": lesson.phase_name,
        "themes": ", ".join(theme.name for theme in lesson.themes.all()),
        "version": lesson.version,
    }


class LogLessonForm(StyledForm):
    learned = _text(
        "learned",
        _("The lesson"),
        5,
        help_text=_(
            "What others in the municipality can learn from this: what worked, what did not, "
            "and what to do next time."
        ),
        error_messages={"required": _("Write what the lesson is.")},
    )
