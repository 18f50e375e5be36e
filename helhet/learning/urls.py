from django.urls import URLPattern, path

from helhet.learning.views import help, lessons, log, overlaps, similar

app_name = "learning"

urlpatterns: list[URLPattern] = [
    # --- The lessons register (stream "lessons") ---
    path("erfaringer/", lessons.lesson_list, name="lessons"),
    path("erfaringer/ny/", lessons.lesson_write, name="lesson_write"),
    path("erfaringer/<int:pk>/", lessons.lesson_detail, name="lesson"),
    path("erfaringer/<int:pk>/endre/", lessons.lesson_edit, name="lesson_edit"),
    path("erfaringer/<int:pk>/historikk/", lessons.lesson_history, name="lesson_history"),
    path("erfaringer/fra-loggen/<int:pk>/", log.log_lesson, name="log_lesson"),
    path("erfaringer/fra-avslutningen/<int:pk>/", lessons.closing_lesson, name="closing_lesson"),
    path("erfaringer/fra-losningen/<int:pk>/", lessons.solution_lesson, name="solution_lesson"),
    path("erfaringer/fra-loggen/<int:pk>/fjern/", log.log_lesson_remove, name="log_lesson_remove"),
    # --- Similar work, overlaps and help requests (stream "similar") ---
    path("lignende/<int:pk>/", similar.similar_work_page, name="similar"),
    path("overlapp/", overlaps.overlap_list, name="overlaps"),
    path("overlapp/vurder/", overlaps.overlap_judge_view, name="overlap_judge"),
    path("hjelp/", help.help_list, name="help_requests"),
    path("hjelp/ny/", help.help_ask, name="help_ask"),
    path("hjelp/<int:pk>/", help.help_detail, name="help_request"),
    path("hjelp/<int:pk>/svar/", help.help_answer, name="help_answer"),
    path("hjelp/<int:pk>/lukk/", help.help_close, name="help_close"),
    path("hjelp/<int:pk>/historikk/", help.help_history, name="help_history"),
]
