# Every target installs what it needs into .venv first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run install install-test test quality migrate bench bench-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files make a second `make run` skip an install that has nothing new to do.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run

install-test: $(VENV)/.installed-test tests/oidc/node_modules/.installed tests/browser/axe/node_modules/.installed

# The single sign-on tests run a real OpenID Connect provider (node-oidc-provider, pinned by its lock file).
tests/oidc/node_modules/.installed: tests/oidc/package-lock.json
	cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests check every page with axe-core (pinned by its lock file).
tests/browser/axe/node_modules/.installed: tests/browser/axe/package-lock.json
	cd tests/browser/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@

migrate: install
	$(MANAGE) migrate --noinput

# The web server, the task queue's worker (e-mails, scheduled jobs) and the scheduler that enqueues the jobs at
# their times: one command; stopping it (Ctrl+C) stops all three.
run: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data
	@trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) db_worker --interval 2 & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	$(MANAGE) runserver $(HOST)

test: install-test
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

quality: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint mentor/
	$(MANAGE) makemigrations --check --dry-run

# Measurements, not tests: a throwaway PostgreSQL and SQLite file each, never db.sqlite3 (see README, Performances).
bench: install-test
	bench/run.sh --scales 1000,10000,100000

bench-quick: install-test
	bench/run.sh --scales 10000 --repeat 5 --budget 1 --load-seconds 15

clean:
	rm -rf $(VENV) db.sqlite3 media/
