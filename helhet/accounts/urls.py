from django.urls import path

from helhet.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", views.logout_view, name="logout"),
    path("bytt-kommune/", views.switch_municipality, name="switch_municipality"),
]
