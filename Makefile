# planterm: two commands on a fresh machine with Python 3.11 and make.
#   make run    opens planterm on its default database
#   make test   runs the linters and the whole test suite
#   make bench  measures the command line on a generated 10k database (bench/README.md)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint format clean bench

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

format: $(TEST_STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(TEST_STAMP)
	@$(COMPILE)
	$(BIN)/python bench/run.py --actions 10000 $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
