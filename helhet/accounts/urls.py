from django.urls import path

from helhet.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", views.logout_view, name="logout"),
    path("bytt-kommune/", views.switch_municipality, name="switch_municipality"),
    path("personer/", views.member_list, name="member_list"),
    path("personer/ny/", views.member_create, name="member_create"),
    path("personer/<int:pk>/endre/", views.member_edit, name="member_edit"),
    path("personer/<int:pk>/fjern/", views.member_delete, name="member_delete"),
    path("personer/<int:pk>/historikk/", views.member_history, name="member_history"),
]
