"""Access helpers: the only way a request reaches a fund, an application or a ledger entry.
Everyone in the municipality reads the funds (public money); what they may change is in
``helhet.accounts.roles`` (capabilities) and ``helhet.accounts.duties`` (nobody decides their
own request)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.fund.models import Application, Fund, FundRound, LedgerEntry
from helhet.portfolio.access import can_edit_initiative, get_initiative_for_user
from helhet.portfolio.models import Initiative


def get_fund_for_user(membership: Membership, pk: int) -> Fund:
    """The fund, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_FUNDS):
        raise PermissionDenied
    return get_object_or_404(Fund, pk=pk, municipality=membership.municipality)


def get_rw_fund_for_user(membership: Membership, pk: int) -> Fund:
    """The fund, if it belongs to the member's municipality (404) and the member keeps funds
    (403 otherwise)."""
    fund = get_fund_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_FUNDS):
        raise PermissionDenied
    return fund


def get_application_for_user(membership: Membership, pk: int) -> Application:
    """The application, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_FUNDS):
        raise PermissionDenied
    return get_object_or_404(
        Application.objects.select_related("fund", "rules", "round", "initiative"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_ledger_entry_for_user(membership: Membership, pk: int) -> LedgerEntry:
    """The ledger entry, if it belongs to the member's municipality (404) and the member keeps
    funds (403 otherwise)."""
    if not membership.can(Capability.VIEW_FUNDS):
        raise PermissionDenied
    entry = get_object_or_404(
        LedgerEntry.objects.select_related("fund", "application"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not membership.can(Capability.MANAGE_FUNDS):
        raise PermissionDenied
    return entry


def get_application_to_settle_for_user(membership: Membership, pk: int) -> Application:
    """The application, if it belongs to the member's municipality (404) and the member keeps
    funds, so settles the gains it owes (403 otherwise). Who among them may settle this one is
    ``helhet.accounts.duties.refusal_to_settle_gain``'s answer."""
    application = get_application_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_FUNDS):
        raise PermissionDenied
    return application


# --- Applications: who may apply (helhet.fund.views.applications) --------------------------------


def may_apply_for(membership: Membership, initiative: Initiative) -> bool:
    """Those who run projects and the portfolio office apply, each for an initiative they may
    change."""
    return membership.can(Capability.APPLY_FOR_FUNDING) and can_edit_initiative(
        membership, initiative
    )


def get_fund_to_apply_to(membership: Membership, pk: int) -> Fund:
    """The fund, if it belongs to the member's municipality (404) and the member applies for
    funding (403 otherwise)."""
    fund = get_fund_for_user(membership, pk)
    if not membership.can(Capability.APPLY_FOR_FUNDING):
        raise PermissionDenied
    return fund


def get_initiative_to_apply_for(membership: Membership, pk: int) -> Initiative:
    """The initiative, if it belongs to the member's municipality (404) and the member may apply
    to a fund for it (403 otherwise)."""
    initiative = get_initiative_for_user(membership, pk)
    if not may_apply_for(membership, initiative):
        raise PermissionDenied
    return initiative


def get_rw_application_for_user(membership: Membership, pk: int) -> Application:
    """The application, if it belongs to the member's municipality (404) and the member may
    apply for its initiative (403 otherwise): the applicants write, submit and withdraw it."""
    application = get_application_for_user(membership, pk)
    if not may_apply_for(membership, application.initiative):
        raise PermissionDenied
    return application


# --- Assessment and decision (helhet.fund.views.decisions) ----------------------------------------


def get_application_to_assess(membership: Membership, pk: int) -> Application:
    """The application, if it belongs to the member's municipality (404) and the member's role
    assesses applications (403 otherwise). Whether they may assess this one (not their own) is
    the segregation of duties' answer, ``fund.duties.assessment_refusal``."""
    application = get_application_for_user(membership, pk)
    if not membership.can(Capability.ASSESS_APPLICATIONS):
        raise PermissionDenied
    return application


def get_application_to_decide(membership: Membership, pk: int) -> Application:
    """The application, if it belongs to the member's municipality (404) and the member's role
    decides fund grants (403 otherwise). Whether they decide this one (the fund's named
    decider, not their own) is ``fund.duties.decision_refusal``'s answer."""
    application = get_application_for_user(membership, pk)
    if not membership.can(Capability.DECIDE_FUND_GRANTS):
        raise PermissionDenied
    return application


def get_round_for_user(membership: Membership, pk: int) -> FundRound:
    """The application round, if its fund belongs to the member's municipality (404 otherwise);
    everyone who reads the funds reads their rounds."""
    if not membership.can(Capability.VIEW_FUNDS):
        raise PermissionDenied
    return get_object_or_404(
        FundRound.objects.select_related("fund"), pk=pk, municipality=membership.municipality
    )


def get_rw_round_for_user(membership: Membership, pk: int) -> FundRound:
    """The application round, if its fund belongs to the member's municipality (404) and the
    member keeps funds (403 otherwise)."""
    round_ = get_round_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_FUNDS):
        raise PermissionDenied
    return round_
