from django.urls import path

from helhet.organization.views import units as views

app_name = "organization"

urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path("kommune/endre/", views.municipality_edit, name="municipality_edit"),
    path("kommune/historikk/", views.municipality_history, name="municipality_history"),
    path("enheter/ny/", views.unit_create, name="unit_create"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("enheter/<int:pk>/endre/", views.unit_edit, name="unit_edit"),
    path("enheter/<int:pk>/slett/", views.unit_delete, name="unit_delete"),
    path("enheter/<int:pk>/historikk/", views.unit_history, name="unit_history"),
]
