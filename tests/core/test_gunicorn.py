"""Production runs Helhet with gunicorn (README, "Production"), which names itself in a
``Server: gunicorn`` header on every answer unless gunicorn.conf.py (read by gunicorn from the
working directory) tells it not to."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _headers(url: str) -> Message:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (a local test server)
            return answer.headers
    except urllib.error.HTTPError as error:
        return error.headers


def test_gunicorn_started_as_the_readme_says_sends_no_server_header(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HELHET_VAR_DIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        headers = None
        for _attempt in range(100):
            try:
                headers = _headers(f"http://127.0.0.1:{port}/logg-inn/")
                break
            except OSError:
                time.sleep(0.2)
        assert headers is not None, "gunicorn did not answer"
        assert headers["Server"] is None
        assert "camera=()" in headers["Permissions-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=10)
