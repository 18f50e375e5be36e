"""Roles and what each may do: the role matrix. docs/roles.md explains it for people; the tests in
tests/accounts/test_role_matrix.py prove that the views honour it."""

from enum import StrEnum

from django.db import models
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    PORTFOLIO_OFFICE = "portfolio_office", _("Portfolio office")
    LEADER = "leader", _("Leader")
    PROJECT_OWNER = "project_owner", _("Project owner")
    PROJECT_LEADER = "project_leader", _("Project leader")
    BENEFITS_OWNER = "benefits_owner", _("Benefits owner")
    READER = "reader", _("Reader")


class Capability(StrEnum):
    VIEW_ORGANIZATION = "view_organization"
    MANAGE_ORGANIZATION = "manage_organization"
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"
    VIEW_HISTORY = "view_history"
    VIEW_PORTFOLIO = "view_portfolio"
    REGISTER_INITIATIVE = "register_initiative"
    EDIT_ANY_INITIATIVE = "edit_any_initiative"
    IMPORT_INITIATIVES = "import_initiatives"
    MANAGE_GOALS = "manage_goals"
    MANAGE_METHODS = "manage_methods"
    MANAGE_SERVICES = "manage_services"
    MANAGE_BENEFIT_SETTINGS = "manage_benefit_settings"
    MANAGE_API_TOKENS = "manage_api_tokens"
    # Duties a person may be given, whatever they are assigned to (see helhet.accounts.duties).
    DECIDE_GATES = "decide_gates"
    OWN_PROJECTS = "own_projects"
    LEAD_PROJECTS = "lead_projects"
    OWN_BENEFITS = "own_benefits"
    RECORD_MEASUREMENTS = "record_measurements"
    SHARE_VIEWS = "share_views"
    # Ideas (helhet.ideas) and the digitalisation fund (helhet.fund).
    SUBMIT_IDEAS = "submit_ideas"
    SCREEN_IDEAS = "screen_ideas"
    VIEW_FUNDS = "view_funds"
    MANAGE_FUNDS = "manage_funds"
    APPLY_FOR_FUNDING = "apply_for_funding"
    ASSESS_APPLICATIONS = "assess_applications"
    DECIDE_FUND_GRANTS = "decide_fund_grants"
    # Solutions in use (helhet.adoption) and learning across departments (helhet.learning).
    VIEW_SOLUTIONS = "view_solutions"
    MANAGE_SOLUTIONS = "manage_solutions"
    RECORD_ADOPTION = "record_adoption"
    VIEW_LESSONS = "view_lessons"
    WRITE_LESSONS = "write_lessons"
    JUDGE_OVERLAPS = "judge_overlaps"
    ASK_FOR_HELP = "ask_for_help"
    ANSWER_HELP_REQUESTS = "answer_help_requests"


_ALL = frozenset(Role)
_DECIDERS = frozenset({Role.LEADER, Role.PROJECT_OWNER, Role.PORTFOLIO_OFFICE})
_BENEFIT_OWNERS = frozenset(
    {Role.BENEFITS_OWNER, Role.PROJECT_OWNER, Role.LEADER, Role.PORTFOLIO_OFFICE}
)

ROLE_MATRIX: dict[Capability, frozenset[Role]] = {
    Capability.VIEW_ORGANIZATION: _ALL,
    Capability.MANAGE_ORGANIZATION: frozenset({Role.ADMIN}),
    Capability.VIEW_MEMBERS: frozenset({Role.ADMIN, Role.PORTFOLIO_OFFICE, Role.LEADER}),
    Capability.MANAGE_MEMBERS: frozenset({Role.ADMIN}),
    # Control committee and auditors read the trail too: it is what they audit.
    Capability.VIEW_HISTORY: frozenset(
        {Role.ADMIN, Role.PORTFOLIO_OFFICE, Role.LEADER, Role.READER}
    ),
    # Leaders and readers (politicians) see the whole portfolio, read-only.
    Capability.VIEW_PORTFOLIO: _ALL,
    # Project owners and leaders register initiatives and edit those they own, lead or are
    # contact for; the portfolio office edits any initiative.
    Capability.REGISTER_INITIATIVE: frozenset(
        {Role.ADMIN, Role.PORTFOLIO_OFFICE, Role.PROJECT_OWNER, Role.PROJECT_LEADER}
    ),
    Capability.EDIT_ANY_INITIATIVE: frozenset({Role.ADMIN, Role.PORTFOLIO_OFFICE}),
    Capability.IMPORT_INITIATIVES: frozenset({Role.ADMIN, Role.PORTFOLIO_OFFICE}),
    Capability.MANAGE_GOALS: frozenset({Role.ADMIN, Role.PORTFOLIO_OFFICE}),
    # The portfolio office keeps the methods: phases, decision points, checklists, documents.
    Capability.MANAGE_METHODS: frozenset({Role.ADMIN, Role.PORTFOLIO_OFFICE}),
    # The portfolio office keeps the service catalogue, its maturity and the plan to close gaps.
    Capability.MANAGE_SERVICES: frozenset({Role.ADMIN, Role.PORTFOLIO_OFFICE}),
    # The portfolio office sets how benefits are counted (hours in one full-time equivalent).
    Capability.MANAGE_BENEFIT_SETTINGS: frozenset({Role.ADMIN, Role.PORTFOLIO_OFFICE}),
    # Everyone keeps their own API tokens; the administrator sees and revokes everyone's.
    Capability.MANAGE_API_TOKENS: frozenset({Role.ADMIN}),
    # Segregation of duties: the role caps what a person may be chosen for and decide, whatever
    # they are assigned to. The administrator keeps the organisation, not the projects' gates.
    Capability.DECIDE_GATES: _DECIDERS,
    Capability.OWN_PROJECTS: _DECIDERS,
    Capability.LEAD_PROJECTS: frozenset(
        {Role.ADMIN, Role.PORTFOLIO_OFFICE, Role.PROJECT_OWNER, Role.PROJECT_LEADER}
    ),
    Capability.OWN_BENEFITS: _BENEFIT_OWNERS,
    # A project leader records their own project's measurements, which count once confirmed.
    Capability.RECORD_MEASUREMENTS: _BENEFIT_OWNERS | {Role.PROJECT_LEADER},
    # A reader (politicians, the control committee) reads; they share nothing with others.
    Capability.SHARE_VIEWS: _ALL - {Role.READER},
    # Anyone in the municipality, every role, may put forward an idea; the portfolio office
    # screens them (never their own, see helhet.accounts.duties).
    Capability.SUBMIT_IDEAS: _ALL,
    Capability.SCREEN_IDEAS: frozenset({Role.PORTFOLIO_OFFICE}),
    # The fund is public money: everyone in the municipality reads its review and ledger.
    Capability.VIEW_FUNDS: _ALL,
    # The portfolio office keeps the funds (rules, rounds, capital, disbursements, gains back)
    # and assesses the applications; those who run projects apply; the chief executive (a
    # leader) decides, or the person the fund names. Nobody decides or assesses their own.
    Capability.MANAGE_FUNDS: frozenset({Role.PORTFOLIO_OFFICE}),
    Capability.APPLY_FOR_FUNDING: frozenset(
        {Role.PORTFOLIO_OFFICE, Role.PROJECT_OWNER, Role.PROJECT_LEADER}
    ),
    Capability.ASSESS_APPLICATIONS: frozenset({Role.PORTFOLIO_OFFICE}),
    Capability.DECIDE_FUND_GRANTS: frozenset({Role.LEADER}),
    # Everyone sees the solutions in use and how far each unit has taken them up. The portfolio
    # office registers solutions and keeps their plans (and the operations owner keeps their
    # own, see helhet.adoption.access); the units count their own use (a reader counts nothing).
    Capability.VIEW_SOLUTIONS: _ALL,
    Capability.MANAGE_SOLUTIONS: frozenset({Role.PORTFOLIO_OFFICE}),
    Capability.RECORD_ADOPTION: _ALL - {Role.READER},
    # Anyone in the municipality reads the lessons; everyone who works writes them (the owner
    # or the portfolio office edits one). The portfolio office judges probable overlaps.
    Capability.VIEW_LESSONS: _ALL,
    Capability.WRITE_LESSONS: _ALL - {Role.READER},
    Capability.JUDGE_OVERLAPS: frozenset({Role.PORTFOLIO_OFFICE}),
    # A unit asks a digital department for help; the asked department's people answer (see
    # helhet.learning.access for whose department it is).
    Capability.ASK_FOR_HELP: _ALL - {Role.READER},
    Capability.ANSWER_HELP_REQUESTS: _ALL - {Role.READER},
}

# The capabilities that govern what a person may be chosen for or do inside a page, not which
# pages they reach: tests/accounts/test_duties.py walks them instead of the views.
DUTY_CAPABILITIES = frozenset(
    {
        Capability.DECIDE_GATES,
        Capability.OWN_PROJECTS,
        Capability.LEAD_PROJECTS,
        Capability.OWN_BENEFITS,
        Capability.RECORD_MEASUREMENTS,
        Capability.SHARE_VIEWS,
    }
)


def role_can(role: str, capability: Capability) -> bool:
    return Role(role) in ROLE_MATRIX[capability]


ROLE_DESCRIPTIONS: dict[Role, StrPromise] = {
    Role.ADMIN: _(
        "You maintain the municipality's organisation and decide who works in Helhet, with which "
        "role."
    ),
    Role.PORTFOLIO_OFFICE: _(
        "You keep the whole portfolio: classification, status from all departments and reports "
        "for leadership."
    ),
    Role.LEADER: _(
        "You see the overall picture across sectors and make the decisions at gates and for the "
        "fund."
    ),
    Role.PROJECT_OWNER: _(
        "You approve phase transitions, follow status and own the benefits of your projects."
    ),
    Role.PROJECT_LEADER: _(
        "You register and run your projects: documents, status reports, benefits plan and lessons."
    ),
    Role.BENEFITS_OWNER: _(
        "You follow up the benefits the line must realise: when, and how they are measured."
    ),
    Role.READER: _(
        "You read the overview and the reports, and the history of every change. You change "
        "nothing."
    ),
}
