# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test fuzz lock install install-dev migrate seed lint format messages benchmark bench bench-opendata clean

run: install migrate seed ## Set everything up and serve the site on SQLite
	@echo ""
	@echo "  The site is at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Press Ctrl-C to stop."
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: install ## The production configuration on PostgreSQL and Redis: gunicorn and the worker (Procfile)
	$(BIN)/python bin/serve.py

test: install-dev ## Run the whole test suite
	$(BIN)/python -m pytest

fuzz: install-dev ## The property tests with many more examples (a few minutes), new ones each run
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py --hypothesis-show-statistics

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exactly the versions in the lock files, each download checked against its
# hash; reinstalled only when a lock file changes. `make lock` writes them from
# the ranges in pyproject.toml.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $(VENV)/.installed $@

LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --universal --generate-hashes \
	--python-version 3.11 --no-header

lock: install-dev ## Pin every dependency, with hashes, after changing pyproject.toml
	$(LOCK) --output-file requirements.txt
	$(LOCK) --extra dev --output-file requirements-dev.txt

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

lint: install-dev ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install ## Update every language's catalog after changing strings (needs gettext)
	$(BIN)/python manage.py makemessages --all --no-location --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

benchmark: install-dev ## Page timings and sizes on a scaled-up demo database
	$(BIN)/python benchmarks/pages.py

bench-opendata: install-dev ## HSDS API and open data downloads: time, queries, bytes at --scale 500
	$(BIN)/python benchmarks/opendata.py

# Needs wrk, redis-server and PostgreSQL on 127.0.0.1:5432; takes a few minutes.
bench: install ## Requests/s of the production configuration under gunicorn, and cold render times
	$(BIN)/python benchmarks/serve.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
