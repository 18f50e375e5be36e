from django.urls import path

from helhet.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("innstillinger/", views.notification_settings, name="settings"),
]
