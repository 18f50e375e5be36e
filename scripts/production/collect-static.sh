#!/usr/bin/env bash
# Collect the static files (hashed names, compressed copies, the manifest) into HELHET_STATIC_ROOT
# (default $HELHET_VAR_DIR/static), from where the web server serves them (WhiteNoise); it refuses
# to start without them. Run after every upgrade. Used by the smoke test and the Containerfile.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${HELHET_PYTHON:-.venv/bin/python}
"$PY" manage.py collectstatic --no-input -v "${HELHET_VERBOSITY:-1}"
