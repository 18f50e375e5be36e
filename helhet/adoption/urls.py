from django.urls import URLPattern, path

from helhet.adoption.views import counts, scaleup, solutions, units

app_name = "adoption"

urlpatterns: list[URLPattern] = [
    # --- Solutions and their units, adoption counts and the overview (stream "solutions") ---
    path("", solutions.solution_list, name="list"),
    path("bruk/", solutions.adoption_attention, name="attention"),
    path("ny/", solutions.solution_create, name="create"),
    path("fra-tiltak/<int:pk>/", solutions.solution_from_initiative, name="from_initiative"),
    path("<int:pk>/", solutions.solution_detail, name="detail"),
    path("<int:pk>/endre/", solutions.solution_edit, name="edit"),
    path("<int:pk>/historikk/", solutions.solution_history, name="history"),
    path("<int:pk>/enheter/ny/", units.unit_add, name="unit_add"),
    path("enhet/<int:pk>/", units.unit_edit, name="unit_edit"),
    path("enhet/<int:pk>/telling/", counts.count_record, name="count"),
    path("telling/<int:pk>/", counts.count_correct, name="count_correct"),
    path("import/", counts.counts_import, name="import"),
    path("import/bekreft/", counts.counts_import_confirm, name="import_confirm"),
    # --- The scale-up plan and follow-up actions (stream "scaleup") ---
    path("plan/", scaleup.plan_overview, name="plan_overview"),
    path("<int:pk>/plan/", scaleup.solution_plan, name="plan"),
    path("<int:pk>/plan/nytt-steg/", scaleup.step_create, name="step_create"),
    path("plan/steg/<int:pk>/endre/", scaleup.step_edit, name="step_edit"),
    path("enheter/<int:pk>/oppfolging/", scaleup.unit_follow_up_view, name="follow_up"),
    path("enheter/<int:pk>/oppfolging/ny/", scaleup.action_create, name="action_create"),
    path("oppfolging/<int:pk>/endre/", scaleup.action_edit, name="action_edit"),
]
