from django.urls import path

from helhet.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", views.logout_view, name="logout"),
    path("bytt-kommune/", views.switch_municipality, name="switch_municipality"),
    path("konto/passord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("passord/glemt/", views.PasswordResetView.as_view(), name="password_reset"),
    path("passord/glemt/sendt/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passord/nytt/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passord/nytt/ferdig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
