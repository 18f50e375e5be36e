from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from helhet.organization.models import Municipality, OrgUnit


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "org_number"]
    search_fields = ["name", "slug", "org_number"]


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name"]
    list_select_related = ["parent", "municipality"]
