from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "helhet.documents"
    label = "documents"
    verbose_name = _("Project documents")

    def ready(self) -> None:
        from helhet.documents import receivers  # noqa: F401  (connects the receivers)
