# peerplan — `make demo` and `make test` are all a newcomer needs (see README.md).
# The system's Python 3.11 where there is one: Debian's is built with PGO and LTO and has libpython linked in,
# and made the 1,000-action PDF 15% faster than a pyenv build with a shared libpython (bench/interpreter.py).
PY ?= $(or $(wildcard /usr/bin/python3.11),python3.11)
VENV := .venv
BIN := $(VENV)/bin
UI_BUILT := peerplan/ui/static/ui/css/app.css
HOST ?= 127.0.0.1:8000
export PGROOT ?= $(CURDIR)/.pg
export PGPORT ?= 5433
PG_URL := postgres://peerplan:peerplan@127.0.0.1:$(PGPORT)/peerplan

.DEFAULT_GOAL := help
.PHONY: help demo serve test test-pg check lint types docs ui venv sysdeps pg-up pg-down worker chase bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || { rm -rf $(VENV); \
	    echo "$(PY) could not make a virtualenv: on Debian, sudo make sysdeps (python3.11-venv), or make PY=…"; exit 1; }
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(BIN)/.installed ## Create the virtualenv and install Python dependencies

$(UI_BUILT): frontend/package.json frontend/package-lock.json $(wildcard frontend/scss/*.scss frontend/js/*)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

ui: $(UI_BUILT) ## Build GOV.UK Frontend (Sass → CSS) into peerplan/ui/static/ui/

demo: venv ui ## Install, build, migrate, load the demo council; serve it at http://127.0.0.1:8000 with the worker and reminders
	$(BIN)/peerplan migrate --no-input -v0
	SITE_URL=http://$(HOST) $(BIN)/peerplan demo
	SITE_URL=http://$(HOST) $(BIN)/python scripts/demo_serve.py $(HOST)

serve: venv ui ## Serve the local site without reloading the demo
	$(BIN)/peerplan runserver $(HOST)

test: venv ui ## Run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)
	$(BIN)/python -m pytest -q

test-pg: venv ui ## Run the suite against the private PostgreSQL started by `make pg-up`
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q

lint: venv ## ruff, and the layers import-linter checks (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=peerplan.config.settings.test $(BIN)/lint-imports

types: venv ## mypy with django-stubs
	$(BIN)/mypy peerplan bench tests
	$(BIN)/mypy conftest.py

check: lint types test ## ruff + mypy + tests

docs: venv ## Regenerate docs/cli.md and docs/plan-format.schema.json from the code
	DJANGO_SETTINGS_MODULE=peerplan.config.settings.test $(BIN)/python -c "import django; django.setup(); \
	from peerplan.cli import reference; open('docs/cli.md', 'w').write(reference())"
	$(BIN)/python -c "import json; from peerplan.plans.planformat import json_schema; \
	open('docs/plan-format.schema.json', 'w').write(json.dumps(json_schema(), indent=2) + '\n')"

worker: venv ## Run the background task worker (email, report rendering)
	$(BIN)/peerplan db_worker

chase: venv ## Run today's reminders and escalations (peerplan chase --commit; production runs it daily)
	$(BIN)/peerplan chase --commit

bench: venv ## Run the benchmarks in bench/ (not part of the test suite)
	$(BIN)/python -m bench.run

sysdeps: ## Install the Debian packages the tests need (root)
	bash .ci/sysdeps

pg-up: ## Start a private PostgreSQL on 127.0.0.1:$(PGPORT) (root)
	bash scripts/pg_up.sh

pg-down: ## Stop it and delete its data
	bash scripts/pg_down.sh

clean: ## Remove the virtualenv, built UI and local data
	rm -rf $(VENV) peerplan/ui/static/ui frontend/node_modules var
