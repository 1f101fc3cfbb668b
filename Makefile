# The two commands of the README: `make run` (set up and serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run setup test lint bench bench-screening

$(BIN)/crv: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Migrate, load content/ and build the search index: every step is idempotent.
setup: $(BIN)/crv
	$(BIN)/crv db upgrade
	$(BIN)/crv orgs centre
	$(BIN)/crv content load
	$(BIN)/crv index rebuild

run: setup
	$(BIN)/crv serve

lint: $(BIN)/crv
	$(BIN)/ruff check app tests scripts bench
	$(BIN)/mypy app

test: lint
	$(BIN)/crv content check
	$(BIN)/pytest

bench: $(BIN)/crv
	$(BIN)/python bench/run.py

bench-screening: $(BIN)/crv
	$(BIN)/python bench/screening.py
