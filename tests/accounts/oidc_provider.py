"""A real OpenID Connect provider on localhost for the single sign-on tests: oidc-provider-mock
(Flask + authlib) served by werkzeug in a thread. Starting it costs ~0.1 s; the tests start it
once per module (``oidc_server`` fixtures). People are set with ``set_person`` (the provider's
``PUT /users/<sub>``) and sign in by posting their subject to the provider's consent form, as a
person clicking "Authorize" would.

``tamper`` makes the provider's token endpoint hand out an ID token with one claim changed (say,
another ``aud``): what a token meant for another client or from another issuer looks like.
Helhet exchanges the code itself over the back channel, so allauth checks the token's issuer,
audience and expiry but, as OpenID Connect allows there, not its signature."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import oidc_provider_mock
import requests
import werkzeug.serving


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _changed_token(token: str, changes: dict[str, Any]) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(_unb64(payload))
    claims.update(changes)
    return ".".join([header, _b64(json.dumps(claims).encode()), signature])


@dataclass
class Provider:
    url: str
    tamper: dict[str, Any] = field(default_factory=dict)

    def set_person(self, sub: str, **claims: Any) -> None:
        requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def authorize(self, authorize_url: str, sub: str) -> str:
        """Sign in as ``sub`` at the provider; the URL it sends the browser back to."""
        answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text
        return str(answer.headers["Location"])


class _Tampering:
    def __init__(self, app: Any, provider: Provider) -> None:
        self.app, self.provider = app, provider

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != "/oauth2/token" or not self.provider.tamper:
            return self.app(environ, start_response)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = json.loads(b"".join(self.app(environ, capture)))
        if "id_token" in body:
            body["id_token"] = _changed_token(body["id_token"], self.provider.tamper)
        data = json.dumps(body).encode()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(data)))])
        return [data]


@contextmanager
def running_provider() -> Iterator[Provider]:
    app = oidc_provider_mock.app(require_nonce=False)
    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    provider = Provider(url=f"http://localhost:{server.server_port}")
    server.app = _Tampering(app, provider)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        thread.join(2)
        server.server_close()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"
