from django.urls import path

from helhet.maturity.views import (
    areas,
    assessments,
    catalogue,
    imports,
    overview,
    plan,
    settings,
    steps,
)

app_name = "maturity"

urlpatterns = [
    path("", catalogue.catalogue_list, name="catalogue"),
    path("ny/", catalogue.service_create, name="service_create"),
    path("<int:pk>/", catalogue.service_detail, name="service_detail"),
    path("<int:pk>/endre/", catalogue.service_edit, name="service_edit"),
    path("<int:pk>/historikk/", catalogue.service_history, name="service_history"),
    path("<int:pk>/vurdering/", assessments.assessment_create, name="assessment_create"),
    path("omrader/", areas.area_list, name="area_list"),
    path("omrader/ny/", areas.area_create, name="area_create"),
    path("omrader/<int:pk>/endre/", areas.area_edit, name="area_edit"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/bekreft/", imports.import_confirm, name="import_confirm"),
    path("import/mal.xlsx", imports.import_template_xlsx, name="import_template_xlsx"),
    path("import/mal.csv", imports.import_template_csv, name="import_template_csv"),
    # The overview, the digital-first-choice plan, planned steps and settings.
    path("modenhet/", overview.overview, name="overview"),
    path("plan/", plan.plan, name="plan"),
    path("plan/eksport/xlsx/", plan.plan_xlsx, name="plan_xlsx"),
    path("plan/eksport/pdf/", plan.plan_pdf, name="plan_pdf"),
    path("<int:pk>/steg/ny/", steps.step_create, name="step_create"),
    path("steg/<int:pk>/endre/", steps.step_edit, name="step_edit"),
    path("steg/<int:pk>/fjern/", steps.step_delete, name="step_delete"),
    path("innstillinger/", settings.settings, name="settings"),
]
