from django.urls import path

from helhet.documents import views

app_name = "documents"

urlpatterns = [
    path("prosjekt/<int:pk>/", views.project_documents, name="project_documents"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/ny-versjon/", views.version_create, name="version_create"),
    path("<int:pk>/last-opp/", views.version_upload, name="version_upload"),
    path("<int:pk>/ikke-relevant/", views.not_relevant_mark, name="not_relevant_mark"),
    path("<int:pk>/relevant-igjen/", views.not_relevant_undo, name="not_relevant_undo"),
    path("versjon/<int:pk>/", views.version_detail, name="version_detail"),
    path("versjon/<int:pk>/fil/", views.version_download, name="version_download"),
]
