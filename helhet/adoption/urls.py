from django.urls import URLPattern

app_name = "adoption"

urlpatterns: list[URLPattern] = [
    # --- Solutions and their units, adoption counts and the overview (stream "solutions") ---
    # --- The scale-up plan and follow-up actions (stream "scaleup") ---
]
