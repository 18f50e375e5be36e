#!/usr/bin/env bash
# The web server: gunicorn from the repository folder (so it reads gunicorn.conf.py), on
# HELHET_BIND (default 127.0.0.1:8000) with HELHET_WEB_WORKERS processes (default 3). Used by the
# systemd unit in docs/deployment.md, the smoke test (tests/production/servers.py) and the
# container recipe.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${HELHET_PYTHON:-.venv/bin/python}
exec "$PY" -m gunicorn config.wsgi \
  --bind "${HELHET_BIND:-127.0.0.1:8000}" \
  --workers "${HELHET_WEB_WORKERS:-3}" \
  --timeout 60 \
  --access-logfile - \
  "$@"
