from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import SsoProvider
from helhet.accounts.roles import Role
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.models import Municipality, OrgUnit, UnitKind


class OrgUnitChoiceIterator(ModelChoiceIterator):
    """The units in tree order, each indented below its parent, so the list reads like the
    organisation chart rather than an alphabet soup of 30 units."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        units = list(self.queryset)
        children: dict[int | None, list[OrgUnit]] = defaultdict(list)
        for unit in sorted(units, key=lambda u: u.name):
            children[unit.parent_id].append(unit)
        known = {unit.pk for unit in units}
        roots = [unit for unit in units if unit.parent_id not in known]
        stack = [(unit, 0) for unit in sorted(roots, key=lambda u: u.name, reverse=True)]
        while stack:
            unit, depth = stack.pop()
            label = "\u00a0\u00a0\u00a0" * depth + unit.name
            yield (ModelChoiceIteratorValue(field.prepare_value(unit), unit), label)
            stack.extend((child, depth + 1) for child in reversed(children[unit.pk]))


class OrgUnitChoiceField(forms.ModelChoiceField):
    iterator = OrgUnitChoiceIterator

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=OrgUnit.objects.none(), **kwargs)

    def limit_to(self, municipality: Municipality) -> None:
        self.queryset = OrgUnit.objects.for_municipality(municipality)


class OrgUnitForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    parent = OrgUnitChoiceField(
        label=_("Part of"),
        required=False,
        empty_label=_("(top level – only for a service area)"),
    )
    description = forms.CharField(
        max_length=max_length_of(OrgUnit, "description"),
        label=_("Description"),
        widget=forms.Textarea,
        required=False,
    )
    offers_help = forms.BooleanField(
        label=_("Offers help across departments"),
        required=False,
        help_text=_(
            "A digital department that other units may ask for help with project method, "
            "implementation or data and analysis."
        ),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class MunicipalityForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    org_number = forms.CharField(
        label=_("Organisation number"), max_length=9, help_text=_("Nine digits.")
    )


class _MembershipFields(StyledForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = OrgUnitChoiceField(label=_("Works in"), required=False)
    title = forms.CharField(label=_("Job title"), max_length=150, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class MemberCreateForm(_MembershipFields):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("First password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 8 characters, not only digits. Give it to the person safely."),
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "password",
        "role",
        "unit",
        "title",
    ]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, municipality=municipality, **kwargs)
        if SsoProvider.objects.filter(municipality=municipality, enabled=True).exists():
            # People who log in through the municipality's login service need no password here;
            # the service finds them by their e-mail address (accounts.services.member_create).
            password = self.fields["password"]
            password.required = False
            password.help_text = _(
                "Leave it empty for someone who logs in with the municipality's login service: "
                "then give their work e-mail address."
            )


class MembershipForm(_MembershipFields):
    pass


class MemberPasswordForm(SetPasswordForm):
    """A new password for a member, chosen by the administrator (Django's validators apply)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"
            field.widget.attrs["autocomplete"] = "new-password"
