from django.urls import path

from helhet.benefits.views import calculator as calculator_views
from helhet.benefits.views import cuts as cut_views
from helhet.benefits.views import exports as export_views
from helhet.benefits.views import follow_up, plans
from helhet.benefits.views import overview as overview_views

app_name = "benefits"

urlpatterns = [
    path("tiltak/<int:pk>/", plans.plan, name="plan"),
    path("tiltak/<int:pk>/ny/", plans.benefit_create, name="benefit_create"),
    path("<int:pk>/endre/", plans.benefit_edit, name="benefit_edit"),
    path("<int:pk>/indikatorer/ny/", plans.indicator_create, name="indicator_create"),
    path("indikatorer/<int:pk>/endre/", plans.indicator_edit, name="indicator_edit"),
    path("indikatorer/<int:pk>/slett/", plans.indicator_delete, name="indicator_delete"),
]

# --- plan exports ---
urlpatterns += [
    path("tiltak/<int:pk>/gevinstplan.xlsx", export_views.plan_xlsx, name="plan_xlsx"),
    path("tiltak/<int:pk>/gevinstplan.pdf", export_views.plan_pdf, name="plan_pdf"),
]

# --- budget cuts and the before/after calculator ---
urlpatterns += [
    path("<int:pk>/kutt/ny/", cut_views.budget_cut_create, name="budget_cut_create"),
    path("kutt/<int:pk>/endre/", cut_views.budget_cut_edit, name="budget_cut_edit"),
    path("kutt/<int:pk>/slett/", cut_views.budget_cut_delete, name="budget_cut_delete"),
    path("<int:pk>/beregning/", calculator_views.calculation_edit, name="calculation"),
    path(
        "<int:pk>/beregning/slett/",
        calculator_views.calculation_delete,
        name="calculation_delete",
    ),
]

# --- follow-up in the line: my benefits, measurements, status ---
urlpatterns += [
    path("mine/", follow_up.mine, name="mine"),
    path(
        "indikatorer/<int:pk>/maalinger/ny/",
        follow_up.measurement_create,
        name="measurement_create",
    ),
    path("maalinger/<int:pk>/bevis/", follow_up.measurement_evidence, name="measurement_evidence"),
    path("maalinger/<int:pk>/slett/", follow_up.measurement_delete, name="measurement_delete"),
    path("maalinger/<int:pk>/bekreft/", follow_up.measurement_confirm, name="measurement_confirm"),
    path("<int:pk>/status/", follow_up.benefit_status, name="status"),
]

# --- benefits overview and its settings ---
urlpatterns += [
    path("", overview_views.overview, name="overview"),
    path("innstillinger/", overview_views.settings, name="settings"),
]
