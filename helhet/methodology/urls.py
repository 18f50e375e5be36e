from django.urls import path

from helhet.methodology import views

app_name = "methodology"

urlpatterns = [
    path("", views.method_list, name="method_list"),
    path("<int:pk>/", views.method_detail, name="method_detail"),
]
