# Sluice developer commands. `make test` is the one command that runs every test.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

SWIFT ?= swift
# Extra flags for every swift build/test/run, e.g. SWIFT_FLAGS="--scratch-path .build-mine".
SWIFT_FLAGS ?=
PYTHON ?= python3
VENV := .venv
VENV_STAMP := $(VENV)/.requirements-installed

.PHONY: help build serve test swift-test interop-test venv bench lint

help:
	@echo "make serve   run the server on the defaults (swift run sluice serve)"
	@echo "make test    build, then run every Swift test and the Python interop tests"
	@echo "make bench   run the benchmarks"
	@echo "make lint    check formatting with swift format (not part of make test)"

build:
	$(SWIFT) build $(SWIFT_FLAGS)

serve:
	$(SWIFT) run $(SWIFT_FLAGS) sluice serve

# The venv is rebuilt only when tests/requirements.txt changes (or the venv's Python no longer runs).
venv: $(VENV_STAMP)

$(VENV_STAMP): tests/requirements.txt
	$(VENV)/bin/python -c '' 2>/dev/null || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
	touch $@

swift-test:
	$(SWIFT) test $(SWIFT_FLAGS)

interop-test: venv
	SLUICE_BIN="$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/sluice" $(VENV)/bin/python -m pytest -q tests/interop

# Each line runs in its own bash, so SECONDS at the end of a line is how long that step took.
# One build of everything, tests included (`swift test` alone would build the sources a second time with testing
# enabled); the interop tests use the `sluice` of that same build.
test:
	$(SWIFT) build --build-tests $(SWIFT_FLAGS); echo "--- swift build: $$SECONDS s"
	$(MAKE) --no-print-directory venv; echo "--- python venv: $$SECONDS s"
	$(SWIFT) test --skip-build $(SWIFT_FLAGS); echo "--- swift test: $$SECONDS s"
	$(MAKE) --no-print-directory interop-test; echo "--- interop tests: $$SECONDS s"
	$(MAKE) --no-print-directory fuzz-smoke; echo "--- fuzz smoke: $$SECONDS s"

# Builds every libFuzzer target (own scratch path, .build-fuzz; -Onone, cheaper to build than release) and runs each
# for 20 s on its seeds; see Fuzz/README.md.
.PHONY: fuzz-smoke
fuzz-smoke:
	SWIFT="$(SWIFT)" bash Scripts/fuzz/run.sh --smoke --debug all

# Release builds, data generated once under bench-data/, results in bench-results/. Not part of `make test`.
bench:
	bash Scripts/bench/run.sh

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests
