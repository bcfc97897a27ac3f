# Every target installs what it needs into .venv first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run install install-test test quality migrate lock bench bench-quick clean

# What is installed comes from the lock files of requirements/: every package of the tree, pinned, with the
# hashes pip checks (--require-hashes). pip and the build backend first, from theirs; then the project itself,
# whose dependencies are already there (--no-deps).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files make a second `make run` skip an install that has nothing new to do.
$(VENV)/.installed-build: requirements/build.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/build.txt
	touch $@

$(VENV)/.installed-run: requirements/run.txt pyproject.toml $(VENV)/.installed-build
	$(BIN)/pip install --quiet --require-hashes -r requirements/run.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: requirements/test.txt pyproject.toml $(VENV)/.installed-build
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.installed-run

# The one command that renews the lock files from pyproject.toml, after a dependency is added, removed or
# re-pinned there (the packages pyproject.toml does not name keep their locked versions; LOCK_ARGS=--upgrade
# moves them to the newest too). tests/test_lock.py fails while a lock misses what pyproject.toml asks.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(LOCK_ARGS)

lock: $(VENV)/.installed-test
	$(BIN)/python -c 'import tomllib; print("pip", *tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		| $(UV_COMPILE) - -o requirements/build.txt
	$(UV_COMPILE) pyproject.toml -o requirements/run.txt
	$(UV_COMPILE) pyproject.toml --extra test -o requirements/test.txt
	$(UV_COMPILE) pyproject.toml --extra test --extra bench -o requirements/bench.txt

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
