from django.urls import path

from helhet.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("helse/", views.health, name="health"),
]
