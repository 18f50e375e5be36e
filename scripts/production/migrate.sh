#!/usr/bin/env bash
# Bring the database up to this release (docs/deployment.md, "Upgrades"). Run before starting
# (or restarting) the web servers and the worker, with their environment, on one machine only. The production smoke test (tests/production/test_smoke.py) and
# the container recipe (Containerfile, compose.yaml) run this very script.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${HELHET_PYTHON:-.venv/bin/python}
"$PY" manage.py migrate --no-input -v "${HELHET_VERBOSITY:-1}"
