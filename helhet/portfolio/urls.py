from django.urls import path

from helhet.portfolio.views import cross, exchange, goals, initiative, overview, timeline

app_name = "portfolio"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("visninger/ny/", overview.saved_view_create, name="saved_view_create"),
    path("visninger/<int:pk>/slett/", overview.saved_view_delete, name="saved_view_delete"),
    path("eksport/xlsx/", exchange.export_xlsx, name="export_xlsx"),
    path("eksport/csv/", exchange.export_csv, name="export_csv"),
    path("import/", exchange.import_upload, name="import_upload"),
    path("import/bekreft/", exchange.import_confirm, name="import_confirm"),
    path("import/mal.xlsx", exchange.import_template, name="import_template"),
    path("tverrgaende/", cross.cross_department, name="cross_department"),
    path("tidslinje/", timeline.timeline, name="timeline"),
    path("tiltak/ny/", initiative.initiative_create, name="initiative_create"),
    path("tiltak/<int:pk>/", initiative.initiative_detail, name="initiative_detail"),
    path("tiltak/<int:pk>/endre/", initiative.initiative_edit, name="initiative_edit"),
    path("tiltak/<int:pk>/slett/", initiative.initiative_delete, name="initiative_delete"),
    path("tiltak/<int:pk>/historikk/", initiative.initiative_history, name="initiative_history"),
    path(
        "tiltak/<int:pk>/status/ny/", initiative.status_report_create, name="status_report_create"
    ),
    path("tiltak/<int:pk>/relasjoner/ny/", initiative.relation_add, name="relation_add"),
    path("relasjoner/<int:pk>/slett/", initiative.relation_remove, name="relation_remove"),
    path("tiltak/<int:pk>/lenker/ny/", initiative.link_create, name="link_create"),
    path("lenker/<int:pk>/slett/", initiative.link_delete, name="link_delete"),
    path("mal/", goals.goal_list, name="goal_list"),
    path("mal/ny/", goals.goal_create, name="goal_create"),
    path("mal/<int:pk>/endre/", goals.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/slett/", goals.goal_delete, name="goal_delete"),
    path("mal/<int:pk>/historikk/", goals.goal_history, name="goal_history"),
]
