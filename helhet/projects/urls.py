from django.urls import path

from helhet.projects.views import board, gate_times, gates, log, risks

app_name = "projects"

urlpatterns = [
    # The project on its method: where it stands, the method chosen, the decisions at the gates.
    path("<int:pk>/", gates.project_detail, name="project_detail"),
    path("<int:pk>/velg-metode/", gates.project_method_choose, name="project_method_choose"),
    path(
        "<int:pk>/be-om-beslutning/",
        gates.decision_request_create,
        name="decision_request_create",
    ),
    path("<int:pk>/beslutt/", gates.decision_make, name="decision_make"),
    path("beslutninger/", gates.decisions_waiting, name="decisions_waiting"),
    path("beslutningstid/", gate_times.gate_times, name="gate_times"),
    # Its board, risk register and log.
    path("<int:pk>/organisasjon/", board.board, name="board"),
    path("<int:pk>/organisasjon/ny/", board.board_member_add, name="board_member_add"),
    path("<int:pk>/organisasjon/historikk/", board.board_history, name="board_history"),
    path("organisasjon/<int:pk>/endre/", board.board_member_edit, name="board_member_edit"),
    path("organisasjon/<int:pk>/fjern/", board.board_member_remove, name="board_member_remove"),
    path("<int:pk>/usikkerheter/", risks.risk_list, name="risk_list"),
    path("<int:pk>/usikkerheter/ny/", risks.risk_create, name="risk_create"),
    path("usikkerheter/<int:pk>/endre/", risks.risk_edit, name="risk_edit"),
    path("usikkerheter/<int:pk>/historikk/", risks.risk_history, name="risk_history"),
    path("<int:pk>/logg/", log.log_list, name="log_list"),
    path("<int:pk>/logg/ny/", log.log_entry_create, name="log_entry_create"),
    path("logg/<int:pk>/endre/", log.log_entry_edit, name="log_entry_edit"),
    path("logg/<int:pk>/historikk/", log.log_entry_history, name="log_entry_history"),
]
