from django.urls import path

from helhet.projects import views

app_name = "projects"

urlpatterns = [
    path("<int:pk>/organisasjon/", views.board, name="board"),
    path("<int:pk>/organisasjon/ny/", views.board_member_add, name="board_member_add"),
    path("<int:pk>/organisasjon/historikk/", views.board_history, name="board_history"),
    path("organisasjon/<int:pk>/endre/", views.board_member_edit, name="board_member_edit"),
    path("organisasjon/<int:pk>/fjern/", views.board_member_remove, name="board_member_remove"),
    path("<int:pk>/usikkerheter/", views.risk_list, name="risk_list"),
    path("<int:pk>/usikkerheter/ny/", views.risk_create, name="risk_create"),
    path("usikkerheter/<int:pk>/endre/", views.risk_edit, name="risk_edit"),
    path("usikkerheter/<int:pk>/historikk/", views.risk_history, name="risk_history"),
    path("<int:pk>/logg/", views.log_list, name="log_list"),
    path("<int:pk>/logg/ny/", views.log_entry_create, name="log_entry_create"),
    path("logg/<int:pk>/endre/", views.log_entry_edit, name="log_entry_edit"),
    path("logg/<int:pk>/erfaring/", views.log_entry_lesson, name="log_entry_lesson"),
    path(
        "logg/<int:pk>/erfaring/fjern/",
        views.log_entry_lesson_remove,
        name="log_entry_lesson_remove",
    ),
    path("logg/<int:pk>/historikk/", views.log_entry_history, name="log_entry_history"),
]
