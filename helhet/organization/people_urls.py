from django.urls import path

from helhet.organization.views import people as views

app_name = "people"

urlpatterns = [
    path("personer/", views.member_list, name="member_list"),
    path("personer/ny/", views.member_create, name="member_create"),
    path("personer/<int:pk>/endre/", views.member_edit, name="member_edit"),
    path("personer/<int:pk>/fjern/", views.member_delete, name="member_delete"),
    path("personer/<int:pk>/passord/", views.member_password, name="member_password"),
    path("personer/<int:pk>/historikk/", views.member_history, name="member_history"),
]
