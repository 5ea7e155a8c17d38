# Imza — `make demo` to try it, `make test` to run the whole suite.
# Both install what is missing: system packages (as root; otherwise they say what to install)
# and a Python venv in .venv from pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test bench lint system-deps venv screenshot clean

system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Imza needs Python 3.11 or newer (found %s)." % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: system-deps $(STAMP)

demo: venv
	$(BIN)/imza demo init
	$(BIN)/imza demo serve --detach
	$(BIN)/imza gui

test: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

bench: venv
	$(BIN)/pip install -q -e '.[bench]'
	cd benchmarks && ../$(BIN)/python sign_verify.py && ../$(BIN)/python bulk.py

lint: venv
	$(BIN)/ruff check desktop tests benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info
