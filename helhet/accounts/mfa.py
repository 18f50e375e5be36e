"""A second factor for local passwords (TOTP, with recovery codes): django-allauth's MFA models
and code checks, asked by Helhet's own login (views/mfa.py). Whether a person needs it comes
from their municipalities' login policies (``LoginPolicy.require_mfa``)."""

from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, validate_totp_code
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import LoginPolicy, Membership, User
from helhet.accounts.sso.secrets import secret_decrypt, secret_encrypt

# Session keys: a password accepted and waiting for its code; a login that must set up a code
# before anything else.
PENDING_KEY = "helhet_mfa_pending"
SETUP_KEY = "helhet_mfa_setup_required"
MAX_CODE_ATTEMPTS = 5


class EncryptingMfaAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds encrypted at rest (allauth stores them as given)."""

    def encrypt(self, text: str) -> str:
        return secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_required(user: User) -> bool:
    """Whether one of the person's municipalities asks for a code with local passwords."""
    municipalities = Membership.objects.filter(user=user).values("municipality_id")
    return LoginPolicy.objects.filter(municipality__in=municipalities, require_mfa=True).exists()


def code_accepted(user: User, code: str) -> bool:
    """A current code from the person's app (each used once), or one of their unused recovery
    codes (then used up)."""
    code = code.strip().replace(" ", "")
    for authenticator in Authenticator.objects.filter(user=user):
        if authenticator.type == Authenticator.Type.TOTP and TOTP(authenticator).validate_code(
            code
        ):
            return True
        if authenticator.type == Authenticator.Type.RECOVERY_CODES and RecoveryCodes(
            authenticator
        ).validate_code(code):
            return True
    return False


def totp_code_matches(secret: str, code: str) -> bool:
    return validate_totp_code(secret, code.strip().replace(" ", ""))


@transaction.atomic
def totp_activate(*, user: User, secret: str) -> list[str]:
    """Give the person the authenticator app with ``secret`` (replacing any earlier one) and a
    fresh set of recovery codes; returns the codes, which are shown once."""
    Authenticator.objects.filter(user=user).delete()
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).get_unused_codes()


@transaction.atomic
def authenticator_remove(*, membership: Membership) -> None:
    """The administrator removes a member's authenticator app and recovery codes (a lost
    phone): if a code is required, they set up a new app at their next login. Refused for a
    person who also works in another municipality, whose administrator this is not alone."""
    user = membership.user
    if Membership.objects.filter(user=user).exclude(municipality=membership.municipality).exists():
        raise ValidationError(
            _(
                "%(name)s also works in another municipality, so their authenticator app cannot "
                "be removed here: ask the people who run Helhet."
            )
            % {"name": user}
        )
    Authenticator.objects.filter(user=user).delete()
