"""Segregation of duties: who may be chosen for a task, who may decide or confirm what, and who may
change who owns and leads an initiative. One home for these rules, as plain functions that answer
with a Norwegian refusal (a sentence that says what to do instead) or None when it is allowed.
The services enforce them; forms, pickers and templates ask the same functions, so the page
offers exactly what the service lets through. docs/roles.md says them in words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability, Role, role_can

if TYPE_CHECKING:
    from helhet.organization.models import Municipality


def role_of(user: User | None, municipality_id: int) -> Role | None:
    """The person's role in the municipality, or None when they are not a member there. Kept on
    the user object once read, so a page that asks for every row costs one query."""
    if user is None or user.pk is None:
        return None
    known: dict[int, Role | None] = user.__dict__.setdefault("_helhet_roles", {})
    if municipality_id not in known:
        role = (
            Membership.objects.filter(user_id=user.pk, municipality_id=municipality_id)
            .values_list("role", flat=True)
            .first()
        )
        known[municipality_id] = Role(role) if role else None
    return known[municipality_id]


def may(user: User | None, municipality_id: int, capability: Capability) -> bool:
    """Whether the person's role in the municipality allows ``capability``."""
    role = role_of(user, municipality_id)
    return role is not None and role_can(role, capability)


# --- Choosing people for a task ------------------------------------------------------------------

CHOOSE_REFUSALS: dict[Capability, Promise] = {
    Capability.OWN_PROJECTS: gettext_lazy(
        "%(person)s cannot be project owner: the role %(role)s does not allow it. Choose a "
        "leader, a project owner or someone in the portfolio office."
    ),
    Capability.LEAD_PROJECTS: gettext_lazy(
        "%(person)s cannot be project leader: the role %(role)s does not allow it. Choose a "
        "project leader, a project owner or someone in the portfolio office."
    ),
    Capability.OWN_BENEFITS: gettext_lazy(
        "%(person)s cannot own benefits: the role %(role)s does not allow it. Choose a benefits "
        "owner, a project owner, a leader or someone in the portfolio office."
    ),
    Capability.DECIDE_GATES: gettext_lazy(
        "%(person)s cannot make decisions at gates: the role %(role)s does not allow it."
    ),
}
# Anyone but a reader may be chosen for the tasks that have no capability of their own
# (contact person, operations person, board member, risk owner).
ANY_TASK = Capability.SHARE_VIEWS


def refusal_to_choose(
    person: User | None, *, municipality_id: int, capability: Capability
) -> str | None:
    """Why ``person`` cannot be chosen for the task ``capability`` names in the municipality
    (their role does not allow it, or they are no member there); None when they can, or when no
    one is chosen."""
    if person is None:
        return None
    role = role_of(person, municipality_id)
    if role is None:
        return _("%(person)s does not work in this municipality. Choose someone who does.") % {
            "person": person
        }
    if role_can(role, capability):
        return None
    message = CHOOSE_REFUSALS.get(
        capability,
        gettext_lazy(
            "%(person)s cannot be chosen for this: the role %(role)s only reads. Choose "
            "someone else."
        ),
    )
    return str(message) % {"person": person, "role": role.label}


def members_who_may(
    municipality: Municipality, capability: Capability, *, keep: Iterable[int | None] = ()
) -> QuerySet[User]:
    """The municipality's members whose role allows ``capability``, each annotated with
    ``member_role`` and ``member_unit`` (the unit's name) for pickers that show them beside the
    name. ``keep`` are people already chosen, kept in the list though their role no longer
    allows the task, so the form still saves until someone is chosen instead."""
    roles = [role for role in Role if role_can(role, capability)]
    kept = [pk for pk in keep if pk is not None]
    return members_with_role_and_unit(municipality).filter(
        Q(member_role__in=roles) | Q(pk__in=kept)
    )


def members_with_role_and_unit(municipality: Municipality) -> QuerySet[User]:
    """Every member of the municipality, annotated with ``member_role`` and ``member_unit``,
    ordered by name."""
    membership = Membership.objects.filter(municipality=municipality, user=OuterRef("pk"))
    return (
        User.objects.filter(memberships__municipality=municipality)
        .annotate(
            member_role=Subquery(membership.values("role")[:1]),
            member_unit=Subquery(membership.values("unit__name")[:1]),
        )
        .order_by("first_name", "last_name", "username")
    )


def person_with_role_and_unit(person: User) -> str:
    """A person as a picker shows them: "Hanne Vik (Prosjektleder, E-helse)". Reads the
    annotations of ``members_with_role_and_unit``; only the name when they are missing."""
    role = getattr(person, "member_role", None)
    if not role:
        return str(person)
    unit = getattr(person, "member_unit", None)
    details = [str(Role(role).label), *([unit] if unit else [])]
    return f"{person} ({', '.join(details)})"


# --- Who owns and leads an initiative ------------------------------------------------------------


def role_taken_on_registering(role: str) -> str | None:
    """The initiative field a person fills by registering an initiative: a project leader leads
    it and a project owner owns it, so they can go on to fill in the rest (the portfolio office
    registers on others' behalf). The browser and the API alike."""
    return {Role.PROJECT_LEADER: "project_leader", Role.PROJECT_OWNER: "project_owner"}.get(
        Role(role)
    )


def refusal_to_change_owner_or_leader(
    actor: User | None, *, initiative_owner_id: int | None, municipality_id: int
) -> str | None:
    """Only the portfolio office, the administrator and the initiative's current project owner
    change who owns and who leads it; never its project leader, whatever their role. ``actor``
    None is the system (the demo, a command), which may."""
    if actor is None:
        return None
    if may(actor, municipality_id, Capability.EDIT_ANY_INITIATIVE):
        return None
    if initiative_owner_id is not None and initiative_owner_id == actor.pk:
        return None
    return _(
        "Only the project owner, the portfolio office and the administrator change who owns "
        "and leads the initiative. Ask one of them."
    )


def refusal_to_hold_both(
    owner_id: int | None, leader_id: int | None, *, allow_same_person: bool
) -> str | None:
    """One person is not both an initiative's project owner and its project leader (the owner
    decides what the leader asks for), unless the method's level allows it."""
    if owner_id is None or owner_id != leader_id or allow_same_person:
        return None
    return _(
        "The project owner and the project leader must be two people: the owner decides what "
        "the leader asks for. Choose someone else for one of them."
    )


# --- Deciding at a gate --------------------------------------------------------------------------


def refusal_to_decide(
    actor: User,
    *,
    municipality_id: int,
    requested_by_id: int | None,
    project_leader_id: int | None,
    allow_same_person: bool,
) -> str | None:
    """Why ``actor`` may not decide a request at a gate, whoever the decision point names: their
    role does not decide at gates (a reader, the administrator, a project leader, a benefits
    owner), they asked for the decision themselves, or they lead the project. The last two hold
    unless the method's level lets one person hold both roles (``allow_same_person``)."""
    role = role_of(actor, municipality_id)
    if role is None or not role_can(role, Capability.DECIDE_GATES):
        return _("Your role does not make decisions at gates.")
    if allow_same_person:
        return None
    if requested_by_id is not None and requested_by_id == actor.pk:
        return _("You asked for this decision yourself, so someone else must make it.")
    if project_leader_id is not None and project_leader_id == actor.pk:
        return _("You lead this project, so you cannot decide at its gates.")
    return None


# --- Benefits ------------------------------------------------------------------------------------


def refusal_to_record_measurement(
    actor: User, *, municipality_id: int, owns_or_answers_for: bool, leads_the_project: bool
) -> str | None:
    """A measurement is recorded by the benefit's owners and its responsible line manager, or
    by the project's own leader (whose measurements count once confirmed), and only by a role
    that records measurements: a reader records nothing, whatever they are assigned to."""
    if not may(actor, municipality_id, Capability.RECORD_MEASUREMENTS):
        return _("Your role does not record measurements.")
    if owns_or_answers_for or leads_the_project:
        return None
    return _("Only the benefit's owners and its responsible line manager record its measurements.")


def needs_confirmation(*, recorded_by_id: int | None, project_leader_id: int | None) -> bool:
    """Whether a measurement counts only once confirmed: it was recorded by the project's own
    leader, who would otherwise report alone on their own project's benefits (even when they are
    also one of its owners)."""
    return recorded_by_id is not None and recorded_by_id == project_leader_id


def refusal_to_confirm_measurement(
    actor: User, *, municipality_id: int, recorded_by_id: int | None, owns_or_answers_for: bool
) -> str | None:
    """A measurement by the project's leader is confirmed by the benefit's owner or responsible
    line manager, or by the portfolio office; never by the one who recorded it."""
    role = role_of(actor, municipality_id)
    if role is None or not role_can(role, Capability.OWN_BENEFITS):
        return _("Your role does not confirm measurements.")
    if recorded_by_id is not None and recorded_by_id == actor.pk:
        return _("You recorded this measurement yourself, so someone else must confirm it.")
    if owns_or_answers_for or role == Role.PORTFOLIO_OFFICE:
        return None
    return _(
        "Only the benefit's owners, its responsible line manager and the portfolio office "
        "confirm a measurement."
    )


# --- Sharing -------------------------------------------------------------------------------------


def refusal_to_share(actor: User, *, municipality_id: int) -> str | None:
    """A reader keeps their saved views to themselves: they share nothing with the
    municipality."""
    if may(actor, municipality_id, Capability.SHARE_VIEWS):
        return None
    return _("Your role does not share views with the municipality. Save it for yourself.")


# --- Ideas: screening (helhet.ideas) --------------------------------------------------------------


def refusal_to_screen_idea(
    actor: User, *, municipality_id: int, submitted_by_id: int | None
) -> str | None:
    """Ideas are screened (scored, asked about, decided) by the portfolio office, and never by
    the one who submitted the idea: someone else judges it."""
    if not may(actor, municipality_id, Capability.SCREEN_IDEAS):
        return _("Only the portfolio office screens ideas.")
    if submitted_by_id is not None and submitted_by_id == actor.pk:
        return _(
            "You submitted this idea yourself, so someone else in the portfolio office must "
            "screen it."
        )
    return None


# --- The fund: assessing and deciding applications (helhet.fund) ----------------------------------


def refusal_to_assess_application(
    actor: User,
    *,
    municipality_id: int,
    applicant_ids: Iterable[int | None],
    owner_id: int | None,
    leader_id: int | None,
) -> str | None:
    """The portfolio office assesses applications to the fund (the formal check and the
    criteria's scores), but never one they created or submitted themselves, nor one for an
    initiative they own or lead: the assessment ranks it against the others'."""
    if not may(actor, municipality_id, Capability.ASSESS_APPLICATIONS):
        return _("Your role does not assess applications to the fund.")
    if actor.pk in set(applicant_ids):
        return _("You wrote or submitted this application, so someone else must assess it.")
    if actor.pk in {owner_id, leader_id}:
        return _("You own or lead the initiative that applies, so someone else must assess it.")
    return None


def refusal_to_decide_application(
    actor: User,
    *,
    municipality_id: int,
    named_decider_id: int | None,
    applicant_ids: Iterable[int | None],
    owner_id: int | None,
    leader_id: int | None,
    assessed_by_id: int | None,
) -> str | None:
    """The fund's decider grants, rejects or defers an application: the person the fund names
    (``named_decider_id``), else any leader (the chief executive's role); and their role must
    still decide fund grants. Never the applicant (who created or submitted it), the project
    owner or leader of the initiative that applies, nor the one who assessed it."""
    if not may(actor, municipality_id, Capability.DECIDE_FUND_GRANTS):
        if named_decider_id is not None and named_decider_id == actor.pk:
            return _(
                "The fund names you to decide, but your role no longer decides fund grants. "
                "Ask the portfolio office to name another decider."
            )
        return _("Your role does not decide on applications to the fund.")
    if named_decider_id is not None and named_decider_id != actor.pk:
        return _("The fund names another person to decide on its applications.")
    if actor.pk in set(applicant_ids):
        return _("You wrote or submitted this application, so someone else must decide it.")
    if actor.pk in {owner_id, leader_id}:
        return _("You own or lead the initiative that applies, so someone else must decide it.")
    if assessed_by_id is not None and assessed_by_id == actor.pk:
        return _("You assessed this application, so someone else must decide it.")
    return None


# --- The fund: gains back to the fund (helhet.fund) ----------------------------------------------


def refusal_to_settle_gain(
    actor: User,
    *,
    municipality_id: int,
    project_owner_id: int | None,
    project_leader_id: int | None,
) -> str | None:
    """Gains back to the fund are confirmed or waived by the portfolio office (who keep the
    funds), never by the funded initiative's own project owner or leader."""
    if not may(actor, municipality_id, Capability.MANAGE_FUNDS):
        return _("Only the portfolio office confirms or waives gains due back to the fund.")
    if actor.pk is not None and actor.pk in (project_owner_id, project_leader_id):
        return _(
            "You own or lead the funded initiative, so someone else in the portfolio office must "
            "confirm or waive what it owes the fund."
        )
    return None


# --- Solutions in use: counting adoption (helhet.adoption) ---------------------------------------


# --- Learning: lessons, overlaps and help requests (helhet.learning) -----------------------------


def refusal_to_judge_overlap(
    actor: User, *, municipality_id: int, people_ids: Iterable[int | None]
) -> str | None:
    """The portfolio office judges whether two initiatives overlap; never someone who owns or
    leads one of them (``people_ids``: the two initiatives' owners and leaders)."""
    if not may(actor, municipality_id, Capability.JUDGE_OVERLAPS):
        return _("Only the portfolio office judges probable overlaps.")
    if actor.pk is not None and actor.pk in set(people_ids):
        return _(
            "You own or lead one of the two initiatives, so someone else in the portfolio "
            "office must judge whether they overlap."
        )
    return None


def refusal_to_answer_help_request(
    actor: User,
    *,
    municipality_id: int,
    asked_by_id: int | None,
    in_asked_department: bool,
) -> str | None:
    """A request for help is accepted, declined and closed by the asked department's people
    (``in_asked_department``: the member's unit is the asked unit or one under it), never by the
    one who asked for it."""
    if not may(actor, municipality_id, Capability.ANSWER_HELP_REQUESTS):
        return _("Your role does not answer requests for help.")
    if not in_asked_department:
        return _("Only the people of the asked department answer this request.")
    if asked_by_id is not None and asked_by_id == actor.pk:
        return _(
            "You asked for this help yourself, so someone else in the department must answer it."
        )
    return None
