from django.urls import path

from helhet.methodology import views

app_name = "methodology"

urlpatterns = [
    path("", views.method_list, name="method_list"),
    path("<int:pk>/", views.method_detail, name="method_detail"),
    path("beslutninger/", views.decisions_waiting, name="decisions_waiting"),
    path("prosjekt/<int:pk>/", views.project_detail, name="project_detail"),
    path("prosjekt/<int:pk>/velg/", views.project_method_choose, name="project_method_choose"),
    path(
        "prosjekt/<int:pk>/be-om-beslutning/",
        views.decision_request_create,
        name="decision_request_create",
    ),
    path("prosjekt/<int:pk>/beslutt/", views.decision_make, name="decision_make"),
]
