"""Forms for a project's board."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import StyledForm
from helhet.organization.models import Municipality
from helhet.portfolio.forms import MemberChoiceField, members_for
from helhet.projects.models import BoardRole


class BoardMemberForm(StyledForm):
    person = MemberChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.choices)
    note = forms.CharField(
        label=_("Responsibility"),
        max_length=300,
        required=False,
        help_text=_("What the person is responsible for in the project, if more than the role."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = members_for(municipality)


class BoardMemberEditForm(StyledForm):
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.choices)
    note = forms.CharField(label=_("Responsibility"), max_length=300, required=False)
