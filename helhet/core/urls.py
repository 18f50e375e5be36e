from django.urls import path

from helhet.core import views

app_name = "core"

urlpatterns = [
    path("helse/", views.health, name="health"),
    path("helse/klar/", views.ready, name="ready"),
]
