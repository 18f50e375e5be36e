from django.urls import path

from helhet.methodology.views import methods, projects

app_name = "methodology"

urlpatterns = [
    path("", methods.method_list, name="method_list"),
    path("<int:pk>/", methods.method_detail, name="method_detail"),
    path("beslutninger/", projects.decisions_waiting, name="decisions_waiting"),
    path("prosjekt/<int:pk>/", projects.project_detail, name="project_detail"),
    path("prosjekt/<int:pk>/velg/", projects.project_method_choose, name="project_method_choose"),
    path(
        "prosjekt/<int:pk>/be-om-beslutning/",
        projects.decision_request_create,
        name="decision_request_create",
    ),
    path("prosjekt/<int:pk>/beslutt/", projects.decision_make, name="decision_make"),
]
