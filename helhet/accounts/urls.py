from django.urls import path

from helhet.accounts import views
from helhet.accounts.views import mfa, sso, tokens

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-inn/kode/", mfa.login_code, name="login_code"),
    path("konto/kode/", mfa.mfa_setup, name="mfa_setup"),
    path("logg-ut/", views.logout_view, name="logout"),
    path("bytt-kommune/", views.switch_municipality, name="switch_municipality"),
    path("konto/passord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/api-nokler/", tokens.token_list, name="token_list"),
    path("konto/api-nokler/<int:pk>/trekk-tilbake/", tokens.token_revoke, name="token_revoke"),
    path("personer/api-nokler/", tokens.municipality_tokens, name="municipality_tokens"),
    path("personer/innlogging/", sso.login_settings, name="login_settings"),
    path("personer/innlogging/ny/", sso.sso_provider_create, name="sso_provider_create"),
    path("personer/innlogging/<int:pk>/", sso.sso_provider_edit, name="sso_provider_edit"),
    path("personer/<int:pk>/innlogging/", sso.sso_unlink, name="sso_unlink"),
    path("personer/<int:pk>/kode/", mfa.mfa_remove, name="mfa_remove"),
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
