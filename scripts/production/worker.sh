#!/usr/bin/env bash
# The worker: runs the jobs waiting in the database and the scheduler (manage.py worker); extra
# arguments go to it (--batch: run what waits, then exit). Used by the systemd unit in
# docs/deployment.md, the smoke test and the container recipe.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${HELHET_PYTHON:-.venv/bin/python}
exec "$PY" manage.py worker "$@"
