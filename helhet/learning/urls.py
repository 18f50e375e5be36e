from django.urls import URLPattern

app_name = "learning"

urlpatterns: list[URLPattern] = [
    # --- The lessons register (stream "lessons") ---
    # --- Similar work, overlaps and help requests (stream "similar") ---
]
