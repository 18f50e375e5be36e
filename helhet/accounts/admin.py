from typing import Any

from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from helhet.accounts.models import ApiToken, Membership, User
from helhet.core.security_log import security_event


def _log_role_change(
    request: HttpRequest, membership: Membership, old: str | None, new: str | None
) -> None:
    """The security log's ``role.changed`` for a membership changed in /django-admin/, which
    writes without the accounts services (superusers only); written once committed."""
    if old == new:
        return
    fields = {
        "actor_id": request.user.pk,
        "member_user_id": membership.user_id,
        "member_username": membership.user.get_username(),
        "municipality_id": membership.municipality_id,
        "old_role": old,
        "new_role": new,
        "via": "django-admin",
    }
    transaction.on_commit(lambda: security_event("role.changed", request=request, **fields))


def _initial_role(form: ModelForm[Membership]) -> str | None:
    return form.initial.get("role") if form.instance.pk and form.initial else None


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["municipality", "role", "unit", "title"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Membership:
            for inline in formset.forms:
                deleted = formset.can_delete and formset._should_delete_form(inline)
                if inline.instance.pk is None and not inline.has_changed():
                    continue
                old = _initial_role(inline)
                new = None if deleted else inline.cleaned_data.get("role")
                _log_role_change(request, inline.instance, old, new)
        super().save_formset(request, form, formset, change)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality", "role", "unit"]
    list_filter = ["municipality", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "municipality", "unit"]

    def save_model(
        self, request: HttpRequest, obj: Membership, form: ModelForm[Membership], change: bool
    ) -> None:
        old = _initial_role(form)
        super().save_model(request, obj, form, change)
        _log_role_change(request, obj, old, obj.role)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        _log_role_change(request, obj, obj.role, None)
        super().delete_model(request, obj)


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = [
        "user",
        "municipality",
        "name",
        "scope",
        "created_at",
        "expires_on",
        "last_used_at",
        "revoked_at",
    ]
    fields = list_display
    readonly_fields = ["user", "municipality", "scope", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Tokens are made in the app (API-nøkler) or with `manage.py create_api_token`, which
        # show the secret once.
        return False


# Helhet keeps each municipality's login services as its own data (SsoProvider, on the page
# Slik logger folk inn) and stores no provider tokens: allauth's own tables for them stay unused.
admin.site.unregister(SocialApp)
admin.site.unregister(SocialToken)
