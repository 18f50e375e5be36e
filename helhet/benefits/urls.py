from django.urls import path

from helhet.benefits.views import plans

app_name = "benefits"

urlpatterns = [
    path("tiltak/<int:pk>/", plans.plan, name="plan"),
    path("tiltak/<int:pk>/ny/", plans.benefit_create, name="benefit_create"),
    path("<int:pk>/endre/", plans.benefit_edit, name="benefit_edit"),
    path("<int:pk>/indikatorer/ny/", plans.indicator_create, name="indicator_create"),
    path("indikatorer/<int:pk>/endre/", plans.indicator_edit, name="indicator_edit"),
    path("indikatorer/<int:pk>/slett/", plans.indicator_delete, name="indicator_delete"),
]
