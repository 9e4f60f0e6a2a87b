# planterm: two commands on a fresh machine with Python 3.11 and make.
#   make run    opens planterm on its default database
#   make test   runs the linters and the whole test suite (on PostgreSQL too when
#               its initdb and pg_ctl are found: tests/pg_server.py)
#   make test-all  says what the machine lacks for the whole suite, then runs it
#   make bench  measures the command line on a generated 10k database (bench/README.md)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test test-all missing lint format clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

# Python caches compiled modules only where it may write them (not under
# PYTHONDONTWRITEBYTECODE), and an editable install leaves planterm's own
# uncompiled: every start would compile them again, 50-100 ms before the first
# screen. compileall writes them once, and again only for a changed file.
COMPILE := $(BIN)/python -m compileall -q src

run: $(STAMP)
	@$(COMPILE)
	$(BIN)/planterm $(ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

# What the suite needs from the system and skips without: PostgreSQL's server
# (initdb, pg_ctl) and a Chromium for the browser tests.
PG_BINDIR := $(firstword $(shell pg_config --bindir 2>/dev/null) $(wildcard /usr/lib/postgresql/*/bin))

missing:
	@if [ -x "$(PG_BINDIR)/initdb" ] || command -v initdb >/dev/null; then \
		echo "PostgreSQL: found ($(or $(PG_BINDIR),PATH))"; \
	else \
		echo "PostgreSQL: MISSING - its tests will be skipped; install: sudo apt-get install postgresql"; \
	fi
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
		|| command -v google-chrome >/dev/null; then \
		echo "Chromium: found"; \
	else \
		echo "Chromium: MISSING - the browser tests will be skipped; install: sudo apt-get install chromium"; \
	fi

test-all: missing test

format: $(TEST_STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(TEST_STAMP)
	@$(COMPILE)
	$(BIN)/python bench/run.py --actions 10000 $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
