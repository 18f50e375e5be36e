from django.urls import URLPattern, path

from helhet.learning.views import lessons

app_name = "learning"

urlpatterns: list[URLPattern] = [
    # --- The lessons register (stream "lessons") ---
    path("erfaringer/", lessons.lesson_list, name="lessons"),
    path("erfaringer/ny/", lessons.lesson_write, name="lesson_write"),
    path("erfaringer/<int:pk>/", lessons.lesson_detail, name="lesson"),
    path("erfaringer/<int:pk>/endre/", lessons.lesson_edit, name="lesson_edit"),
    path("erfaringer/<int:pk>/historikk/", lessons.lesson_history, name="lesson_history"),
    # --- Similar work, overlaps and help requests (stream "similar") ---
]
