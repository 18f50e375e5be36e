"""Form fields the portfolio's forms share (and the benefits forms use): goals as a tree,
units, the municipality's members, amounts in NOK and dates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from helhet.accounts.duties import (
    ANY_TASK,
    members_who_may,
    members_with_role_and_unit,
    person_with_role_and_unit,
)
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.organization.forms import OrgUnitChoiceIterator
from helhet.organization.models import Municipality
from helhet.portfolio.models import StrategicGoal

INDENT = "\u00a0\u00a0\u00a0"


class GoalChoiceIterator(ModelChoiceIterator):
    """The strategic goals in tree order (strategy, then its goals, then focus areas), each
    indented below the one it belongs to."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        for goal, depth in goal_tree_order(list(self.queryset)):
            yield (
                ModelChoiceIteratorValue(field.prepare_value(goal), goal),
                INDENT * depth + goal.name,
            )


def goal_tree_order(goals: list[StrategicGoal]) -> list[tuple[StrategicGoal, int]]:
    """The goals depth first, each with its depth; siblings by position, then name."""
    children: dict[int | None, list[StrategicGoal]] = defaultdict(list)
    for goal in sorted(goals, key=lambda g: (g.position, g.name)):
        children[goal.parent_id].append(goal)
    known = {goal.pk for goal in goals}
    roots = [goal for goal in goals if goal.parent_id not in known]
    roots.sort(key=lambda g: (g.position, g.name), reverse=True)
    stack = [(goal, 0) for goal in roots]
    ordered = []
    while stack:
        goal, depth = stack.pop()
        ordered.append((goal, depth))
        stack.extend((child, depth + 1) for child in reversed(children[goal.pk]))
    return ordered


class GoalChoiceField(forms.ModelChoiceField):
    iterator = GoalChoiceIterator


class GoalMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = GoalChoiceIterator


class OrgUnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = OrgUnitChoiceIterator


class MemberChoiceField(forms.ModelChoiceField):
    """A person, shown with their role and unit beside the name (from ``members_of`` or
    ``members_for``), so two people with one name are told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return person_with_role_and_unit(obj)


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_with_role_and_unit(obj)


class NokField(forms.DecimalField):
    """An amount in kroner, as people type it: "1 613 764", "8452,50" or "8452.50"."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=14, decimal_places=2, min_value=Decimal(0), **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}

    def prepare_value(self, value: Any) -> Any:
        """A saved amount as a person would write it: "1 613 764" or "8 452,50"."""
        if isinstance(value, Decimal) and value.is_finite():
            whole = value == value.to_integral_value()
            text = f"{value:,.0f}" if whole else f"{value:,.2f}"
            return text.replace(",", " ").replace(".", ",")
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            value = value.removesuffix("kr").strip()
        if value in self.empty_values:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(
                _("Enter an amount in kroner, e.g. 250 000."), code="invalid"
            ) from None
        if not number.is_finite():
            raise ValidationError(_("Enter an amount in kroner, e.g. 250 000."), code="invalid")
        return number


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any) -> forms.DateField:
    """An optional date field with a date picker."""
    return forms.DateField(label=label, required=False, widget=DateInput())


def members_of(municipality: Municipality) -> QuerySet[User]:
    """Every member of the municipality, with their role and unit (for filters by person)."""
    return members_with_role_and_unit(municipality)


def members_for(
    municipality: Municipality,
    capability: Capability = ANY_TASK,
    *,
    keep: Iterable[int | None] = (),
) -> QuerySet[User]:
    """The members who may be chosen for a task: those whose role allows ``capability`` (by
    default anyone but a reader), with their role and unit, and ``keep``, those already chosen
    (``helhet.accounts.duties.members_who_may``)."""
    return members_who_may(municipality, capability, keep=keep)
