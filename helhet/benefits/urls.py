from django.urls import path

from helhet.benefits import views

app_name = "benefits"

urlpatterns = [
    path("tiltak/<int:pk>/", views.plan, name="plan"),
    path("tiltak/<int:pk>/ny/", views.benefit_create, name="benefit_create"),
    path("<int:pk>/endre/", views.benefit_edit, name="benefit_edit"),
    path("<int:pk>/indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("indikatorer/<int:pk>/endre/", views.indicator_edit, name="indicator_edit"),
    path("indikatorer/<int:pk>/slett/", views.indicator_delete, name="indicator_delete"),
]
