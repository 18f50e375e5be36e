"""gunicorn's settings for Helhet, read by gunicorn from the working directory (run it from the
repository, as the README's "Production" says).

gunicorn names itself in a ``Server: gunicorn`` header on every answer and has no setting to
stop it; telling the world which server (and so which weaknesses) to try is of no use to
Helhet's users. So the header is left out of the headers gunicorn writes itself."""

from gunicorn.http import wsgi

_gunicorn_headers = wsgi.Response.default_headers


def _without_server_header(self: wsgi.Response) -> list[str]:
    return [line for line in _gunicorn_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server_header
