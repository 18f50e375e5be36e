from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "helhet.core"
    label = "core"

    def ready(self) -> None:
        from helhet.core.folding import register_sqlite_fold

        # Every SQLite connection folds æ, ø and å as PostgreSQL does (helhet.core.folding).
        connection_created.connect(register_sqlite_fold, dispatch_uid="helhet_sqlite_fold")
