import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from helhet.core.startup import refuse_to_serve_without_static_files  # noqa: E402 - needs Django set up

refuse_to_serve_without_static_files()
