"""People, their memberships in municipalities, and their API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhet.accounts.roles import Capability, Role, role_can
from helhet.core.models import MunicipalityOwned
from helhet.core.text import TEXT, limited_text

if TYPE_CHECKING:
    from helhet.organization.models import Municipality


class User(AbstractUser):
    """A person. What they may see and do is decided by their memberships, not by this row."""

    # Set when someone else chose the password (an administrator, create_municipality): the
    # person must choose their own before doing anything else (PasswordChangeRequiredMiddleware).
    must_change_password = models.BooleanField(_("must change password"), default=False)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_municipality(self, municipality: Municipality) -> MembershipQuerySet:
        return self.filter(municipality=municipality)


class Membership(MunicipalityOwned):
    """A person's place in one municipality, with the role that decides their rights there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "organization.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("works in"),
    )
    title = models.CharField(_("job title"), max_length=150, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="membership_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.municipality})"

    def can(self, capability: Capability) -> bool:
        return role_can(self.role, capability)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        """Tokens that open the API today: not revoked, not past their last day."""
        return self.filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate())


class ApiToken(MunicipalityOwned):
    """A bearer token for the JSON API. It acts as its user in one municipality, until its last
    day (``expires_on``), and only reads if its scope says so. Only a hash is stored: the token
    itself is shown once, when it is made."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read_write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("access"), max_length=20, choices=Scope.choices)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_on = models.DateField(_("valid until"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Who made and revoked a token, and when: not the hash, nor each use.
    history = HistoricalRecords(excluded_fields=["key_hash", "last_used_at"])

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_on >= timezone.localdate()

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "hh_" + secrets.token_urlsafe(32)


class SsoProvider(MunicipalityOwned):
    """An OpenID Connect provider a municipality's people log in with (Microsoft Entra ID,
    Ansattporten, Keycloak), kept by its administrator. The issuer is fixed once saved: a person
    is linked by (provider, subject), and another issuer's subjects are other people. The client
    secret is read from the environment variable ``secret_variable`` names, or kept encrypted in
    ``secret_encrypted`` (helhet/accounts/sso/secrets.py); it is never shown back."""

    name = models.CharField(_("name on the login button"), max_length=60)
    issuer = models.URLField(_("issuer"), max_length=300)
    client_id = models.CharField(_("client id"), max_length=200)
    secret_variable = models.CharField(
        _("environment variable with the secret"), max_length=100, blank=True
    )
    secret_encrypted = models.CharField(max_length=2000, blank=True)
    enabled = models.BooleanField(_("in use"), default=True)
    # Optional: the provider's groups give the role in Helhet. Off while empty.
    group_claim = models.CharField(_("claim with the groups"), max_length=60, default="groups")
    group_roles = limited_text(_("groups and roles"), TEXT, blank=True)
    history = HistoricalRecords(excluded_fields=["secret_encrypted"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("single sign-on provider")
        verbose_name_plural = _("single sign-on providers")

    def __str__(self) -> str:
        return self.name

    @property
    def provider_id(self) -> str:
        """The id allauth routes by (``/sso/<provider_id>/login/``) and links accounts under."""
        return f"helhet-{self.pk}"


class LoginPolicy(MunicipalityOwned):
    """How a municipality's people may log in: with local passwords or not (a break-glass
    administrator keeps one), and whether a local password also needs a code (TOTP)."""

    local_passwords = models.BooleanField(_("local passwords allowed"), default=True)
    break_glass = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("break-glass administrator"),
    )
    require_mfa = models.BooleanField(_("code required with local passwords"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("login policy")
        verbose_name_plural = _("login policies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="login_policy_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)
