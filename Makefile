# The two commands of the README, and the pieces they are made of.
# Both create their own virtual environment (.venv) from Python 3.11 + pip.

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= ovpkit-output

.PHONY: run test setup system-deps lint typecheck pytest clean

# Set everything up and run the main job on the embedded defaults.
run: setup
	$(BIN)/ovpkit demo --out $(OUT)

# Set everything up and run the whole test suite (lint, types, tests).
test: setup system-deps lint typecheck pytest

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $@

# Debian packages the tests need (Chromium for looking at pages, a JDK for Spark,
# Pango for WeasyPrint, poppler for PDF pages). Installs only what is missing.
system-deps:
	bash scripts/system-deps.sh

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest -n 2 --dist loadgroup

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
