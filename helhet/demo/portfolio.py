"""Demo portfolio: Stavanger's strategic goals and digitalisation initiatives as the 2022 audit
(Rogaland Revisjon, ``seed/000_2f3fe3e17b51d0d8.txt``) describes them, and a small Bergen.

Every fact set here is taken from the audit; the comment by each record gives the audit's line
numbers. Where the audit gives no figure, date or unit, the field is left empty, except:

* an initiative must have an owning unit; where the audit names none, the comment says so and the
  unit chosen is the nearest one the audit ties the work to;
* the audit gives some dates only as a month, a season or "slutten av" a year. Such a start is the
  first day of the period (spring 1 March, autumn 1 September, "slutten av" a year 1 December) and
  such an end the last day of it; the comment quotes the audit's wording.

Status reports are dated relative to now, so the overview stays meaningful whenever the demo is
loaded. Their ratings and comments restate what the audit says about the initiative.

The audit gives no costs and names no people: the example costs, funding, planned dates, owners and
leaders (and the colleagues who hold those duties) are in ``helhet.demo.portfolio_examples``,
each initiative with them tagged as having example figures.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from helhet.accounts.duties import refusal_to_choose, refusal_to_hold_both
from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability
from helhet.demo.municipalities import DEMO_PASSWORD
from helhet.demo.portfolio_examples import (
    BERGEN_EXAMPLES,
    COLLEAGUES,
    EXAMPLE_NOTE,
    EXAMPLE_TAG,
    STAVANGER_EXAMPLES,
    Example,
    day_on,
)
from helhet.demo.portfolio_goals import STAVANGER_GOALS, DemoGoal
from helhet.demo.portfolio_initiatives import (
    BERGEN_INITIATIVES,
    BERGEN_TAGS,
    STAVANGER_INITIATIVES,
    STAVANGER_RELATIONS,
    STAVANGER_TAGS,
    DemoInitiative,
)
from helhet.demo.portfolio_reports import STAVANGER_REPORTS, DemoReport
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    FundingSource,
    Initiative,
    InitiativeLink,
    InitiativeRelation,
    RelationKind,
    StatusReport,
    StrategicGoal,
    Tag,
)

M = TypeVar("M", bound=models.Model)

# What a DemoInitiative holds besides the initiative's own fields.
_NOT_FIELDS = frozenset(
    {"owning_unit", "project_owner", "project_leader", "participating", "goals", "tags"}
    | {"contacts", "links"}
)


def _save(obj: M) -> M:
    """Validate like a form would (field rules, clean(), constraints), then save."""
    obj.full_clean()
    obj.save()
    return obj


def _unit(municipality: Municipality, name: str) -> OrgUnit:
    return OrgUnit.objects.get(municipality=municipality, name=name)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _days_ago(days: int) -> datetime:
    """Ten o'clock Oslo time, the given number of days before today."""
    moment = timezone.localtime() - timedelta(days=days)
    return moment.replace(hour=10, minute=0, second=0, microsecond=0)


@transaction.atomic
def build_portfolio_demo(stavanger: Municipality, bergen: Municipality) -> None:
    """Create the demo portfolio. Assumes ``build_demo`` has made both municipalities with their
    units and users, and that neither has a portfolio yet."""
    _build_colleagues(stavanger)
    goals = _build_goals(stavanger, STAVANGER_GOALS)
    initiatives = _build_initiatives(
        stavanger, STAVANGER_INITIATIVES, goals, STAVANGER_TAGS, STAVANGER_RELATIONS
    )
    _add_examples(stavanger, initiatives, STAVANGER_EXAMPLES)
    for report in STAVANGER_REPORTS:
        _build_report(initiatives[report.initiative], report)
    bergen_initiatives = _build_initiatives(bergen, BERGEN_INITIATIVES, {}, BERGEN_TAGS, ())
    _add_examples(bergen, bergen_initiatives, BERGEN_EXAMPLES)


def _build_colleagues(m: Municipality) -> None:
    """The members besides the demo logins who own and lead demo initiatives."""
    for colleague in COLLEAGUES:
        user = User(
            username=colleague.username,
            first_name=colleague.first_name,
            last_name=colleague.last_name,
            email=f"{colleague.username}@{m.slug}.kommune.example",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.create(
            municipality=m,
            user=user,
            role=colleague.role,
            unit=_unit(m, colleague.unit),
            title=colleague.title,
        )


def _add_examples(
    m: Municipality, initiatives: dict[str, Initiative], examples: dict[str, Example]
) -> None:
    """Give each initiative its example figures (``helhet.demo.portfolio_examples``): costs,
    planned dates, owner and leader, each only where the audit's data gives none, funding lines
    noted as examples, and the tag that says so. An owner or leader the duties would refuse stops the
    build, as the form would refuse them."""
    today = timezone.localdate()
    tag = _save(Tag(municipality=m, name=EXAMPLE_TAG))
    for name, example in examples.items():
        initiative = initiatives[name]
        for field, value in (
            ("estimated_cost", example.estimated_cost),
            ("actual_cost", example.actual_cost),
            ("planned_start", day_on(example.planned_start, today)),
            ("planned_end", day_on(example.planned_end, today)),
        ):
            if value is not None:
                assert getattr(initiative, field) is None, f"{name}: {field} set twice"
                setattr(initiative, field, value)
        for role, capability in (
            ("project_owner", Capability.OWN_PROJECTS),
            ("project_leader", Capability.LEAD_PROJECTS),
        ):
            username = getattr(example, role)
            if not username:
                continue
            assert getattr(initiative, f"{role}_id") is None, f"{name}: {role} set twice"
            person = _user(username)
            refusal = refusal_to_choose(person, municipality_id=m.pk, capability=capability)
            assert refusal is None, f"{name}: {refusal}"
            setattr(initiative, role, person)
        refusal = refusal_to_hold_both(
            initiative.project_owner_id, initiative.project_leader_id, allow_same_person=False
        )
        assert refusal is None, f"{name}: {refusal}"
        _save(initiative)
        initiative.tags.add(tag)
        for source, amount in example.funding:
            _save(
                FundingSource(
                    municipality=m,
                    initiative=initiative,
                    source=source,
                    amount=amount,
                    note=EXAMPLE_NOTE,
                )
            )


def _build_goals(m: Municipality, goals: tuple[DemoGoal, ...]) -> dict[str, StrategicGoal]:
    """The goals in order, each under the one made before it that its ``parent`` names."""
    made: dict[str, StrategicGoal] = {}
    for goal in goals:
        made[goal.key] = _save(
            StrategicGoal(
                municipality=m,
                parent=made[goal.parent] if goal.parent else None,
                level=goal.level,
                kind=goal.kind,
                name=goal.name,
                position=goal.position,
                description=goal.description,
            )
        )
    return made


def _build_initiatives(
    m: Municipality,
    initiatives: tuple[DemoInitiative, ...],
    goals: dict[str, StrategicGoal],
    tag_names: tuple[str, ...],
    relations: tuple[tuple[str, str, RelationKind], ...],
) -> dict[str, Initiative]:
    """The tags, then the initiatives in order, each with its links, and each relation as soon
    as both its initiatives exist. Returns the initiatives by name."""
    tags = {name: _save(Tag(municipality=m, name=name)) for name in tag_names}
    made: dict[str, Initiative] = {}
    for data in initiatives:
        initiative = _build_initiative(m, data, goals, tags)
        made[data.name] = initiative
        for title, url in data.links:
            _save(InitiativeLink(municipality=m, initiative=initiative, title=title, url=url))
        for source, target, kind in relations:
            if data.name in (source, target) and source in made and target in made:
                _save(
                    InitiativeRelation(
                        municipality=m, source=made[source], target=made[target], kind=kind
                    )
                )
    return made


def _build_initiative(
    m: Municipality, data: DemoInitiative, goals: dict[str, StrategicGoal], tags: dict[str, Tag]
) -> Initiative:
    """One initiative with the fields the data sets (an empty one is left to the model's
    default), then its participating units, goals, tags and contacts."""
    values: dict[str, Any] = {
        field.name: getattr(data, field.name)
        for field in fields(data)
        if field.name not in _NOT_FIELDS and getattr(data, field.name) not in (None, "", False)
    }
    people = {
        role: _user(username)
        for role in ("project_owner", "project_leader")
        if (username := getattr(data, role))
    }
    initiative = _save(
        Initiative(municipality=m, owning_unit=_unit(m, data.owning_unit), **values, **people)
    )
    initiative.participating_units.set([_unit(m, name) for name in data.participating])
    initiative.goals.set([goals[key] for key in data.goals])
    initiative.tags.set([tags[name] for name in data.tags])
    initiative.contacts.set([_user(username) for username in data.contacts])
    return initiative


def _build_report(initiative: Initiative, report: DemoReport) -> None:
    """A status report: each aspect's rating and comment, dated ``days_ago`` before now, on the
    month before it."""
    ratings: dict[str, Any] = {}
    for aspect, (rating, comment) in report.ratings.items():
        ratings[aspect] = rating
        ratings[f"{aspect}_comment"] = comment
    reported_at = _days_ago(report.days_ago)
    period_end = timezone.localdate(reported_at)
    _save(
        StatusReport(
            municipality=initiative.municipality,
            initiative=initiative,
            reported_at=reported_at,
            period_start=period_end - timedelta(days=30),
            period_end=period_end,
            author=_user(report.author),
            summary=report.summary,
            **ratings,
        )
    )
