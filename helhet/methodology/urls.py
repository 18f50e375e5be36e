from django.urls import path

from helhet.methodology.views import draft_parts, methods

app_name = "methodology"

urlpatterns = [
    path("", methods.method_list, name="method_list"),
    path("<int:pk>/", methods.method_detail, name="method_detail"),
    # Changing a method, by way of a draft version (see helhet/methodology/editing/).
    path("ny/", methods.method_create, name="method_create"),
    path("<int:pk>/endre/", methods.method_edit, name="method_edit"),
    path("<int:pk>/utkast/", methods.method_draft, name="method_draft"),
    path("versjon/<int:pk>/", methods.version_detail, name="version_detail"),
    path("versjon/<int:pk>/rediger/", methods.version_edit, name="version_edit"),
    path("versjon/<int:pk>/publiser/", methods.version_publish, name="version_publish"),
    path("versjon/<int:pk>/forkast/", methods.version_discard, name="version_discard"),
    path("versjon/<int:pk>/nivaer/ny/", draft_parts.level_add, name="level_add"),
    path("versjon/<int:pk>/kriterier/ny/", draft_parts.criterion_add, name="criterion_add"),
    path("versjon/<int:pk>/faser/ny/", draft_parts.phase_add, name="phase_add"),
    path("nivaer/<int:pk>/", draft_parts.level_edit, name="level_edit"),
    path("kriterier/<int:pk>/", draft_parts.criterion_edit, name="criterion_edit"),
    path("faser/<int:pk>/", draft_parts.phase_edit, name="phase_edit"),
    path(
        "faser/<int:pk>/sjekkpunkter/ny/",
        draft_parts.checklist_item_add,
        name="checklist_item_add",
    ),
    path(
        "faser/<int:pk>/dokumentkrav/ny/",
        draft_parts.document_requirement_add,
        name="document_requirement_add",
    ),
    path("sjekkpunkter/<int:pk>/", draft_parts.checklist_item_edit, name="checklist_item_edit"),
    path(
        "dokumentkrav/<int:pk>/",
        draft_parts.document_requirement_edit,
        name="document_requirement_edit",
    ),
]
