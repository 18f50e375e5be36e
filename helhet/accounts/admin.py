from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from helhet.accounts.models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["municipality", "role", "unit", "title"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality", "role", "unit"]
    list_filter = ["municipality", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "municipality", "unit"]


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
