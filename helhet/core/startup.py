"""What a web server checks before it serves the first request (config/wsgi.py, config/asgi.py).

The secret key is checked where it is read (config/settings.py), so every command refuses a weak
one. The static files are checked here, in the web server only: ``collectstatic`` and
``migrate`` must run before they exist."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def missing_static_manifest() -> str | None:
    """Where ``collectstatic``'s manifest should be, when debug is off and it is not there. With
    debug off every page names its CSS by the hashed name in the manifest (WhiteNoise), so
    without it every page would answer 500."""
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if settings.DEBUG or manifest is None or staticfiles_storage.exists(manifest):
        return None
    return f"{settings.STATIC_ROOT}/{manifest}"


def refuse_to_serve_without_static_files() -> None:
    """Refuse to start a web server that would answer 500 everywhere, saying what to run."""
    missing = missing_static_manifest()
    if missing:
        raise ImproperlyConfigured(
            f"The static files are not collected: {missing} is missing. Run  "
            "manage.py collectstatic --no-input  (with the same HELHET_STATIC_ROOT or "
            "HELHET_VAR_DIR) before starting the web server."
        )
