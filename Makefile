# One entry point for every check. `make help` lists the targets.
SHELL := /bin/bash
UV_VERSION := 0.13.9
# Use the uv on PATH, else a private copy installed into .tools/ (nothing global is touched).
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
# This machine sets PYTHONDONTWRITEBYTECODE: compile at install time or every start is slow.
export UV_COMPILE_BYTECODE := 1
# uv does not read pip's configuration; point it at the system CA bundle where there is one.
ifneq ($(wildcard /etc/ssl/certs/ca-certificates.crt),)
export SSL_CERT_FILE ?= /etc/ssl/certs/ca-certificates.crt
endif

.PHONY: help setup run test test-fast lint score quality clean chromium

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

setup: $(if $(filter .tools/bin/uv,$(UV)),.tools/bin/uv)  ## install the locked dependencies into .venv
	$(UV) sync --frozen

run: setup  ## load data/raw into data/warehouse/prakerja.duckdb
	.venv/bin/prakerja-etl run

test: setup chromium  ## mypy and the whole test suite, e2e included (what CI runs)
	.venv/bin/mypy src
	.venv/bin/pytest

test-fast: setup  ## unit and integration tests, without the Prefect-server e2e tests
	.venv/bin/pytest -m "not e2e"

lint: setup  ## ruff and mypy
	.venv/bin/ruff check src flows tests scripts
	.venv/bin/mypy src

score: run  ## score the warehouse against the dev gold with the shared scoring rule
	.venv/bin/python ../shared/tools/score.py data/warehouse/prakerja.duckdb ../shared/corpus/dev/gold

quality: setup  ## score every corpus (dev, real-dev, own, heldout, fresh–fresh74) and rewrite docs/quality.md
	.venv/bin/python scripts/quality.py --write docs/quality.md

chromium:  ## headless Chromium for the report test (Debian's package; needs root or sudo)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

clean:  ## remove the warehouse and local caches
	rm -rf data/warehouse/*.duckdb* .pytest_cache .ruff_cache .mypy_cache
