# abmresearch — everything a fresh machine needs comes from here.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint types unit bench lab browser clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/abm demo

lint: setup
	$(BIN)/ruff check abmresearch tests benchmarks
	$(BIN)/ruff format --check abmresearch tests benchmarks

types: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -n 2 -q

test: lint types browser unit

bench: setup
	$(BIN)/python benchmarks/bench_quality.py

# JupyterLab for the analyst's day (not needed by tests).
lab: setup
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks/

# Debian's Chromium for the report rendering test (the test skips only if this cannot install).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		echo "chromium could not be installed: the browser test will be skipped"

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
