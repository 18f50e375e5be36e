from django.urls import path

from helhet.files import views

app_name = "files"

urlpatterns = [
    path("", views.file_list, name="list"),
    path("<int:file_id>/", views.file_download, name="download"),
]
