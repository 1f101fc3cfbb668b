# The two commands of the README: `make run` (set up and serve) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run setup test lint bench bench-screening messages

# Build- and test-time JavaScript packages (axe-core for the accessibility tests, world-atlas for the map script),
# pinned by package-lock.json; nothing from node_modules is served or fetched at run time.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# The runtime packages at the versions of requirements.lock, as the image installs them, so that the tests run what
# production runs; the development tools (pytest, ruff, mypy…) are pinned by pyproject.toml alone.
$(BIN)/crv: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
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
	$(BIN)/ruff format --check app tests scripts bench
	$(BIN)/mypy app

# One pytest worker per core (pytest-xdist), a file's tests kept together so module fixtures are built once; on
# PostgreSQL each worker gets a database of its own (tests/conftest.py). TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

test: lint node_modules/.package-lock.json
	$(BIN)/crv content check
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --durations=15  # the slowest listed: keep the suite well under 15 min

# Extract the interface strings and update app/locale/{fr,en}/LC_MESSAGES/messages.po (then translate the French).
messages: $(BIN)/crv
	$(BIN)/python scripts/messages.py

bench: $(BIN)/crv
	$(BIN)/python bench/run.py

bench-screening: $(BIN)/crv
	$(BIN)/python bench/screening.py
