# xraymatch: every target installs what it needs (through `setup`) and is safe to re-run.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BOOT ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.lock-installed
PKG_STAMP   := $(VENV)/.pkg-installed
export PATH := $(abspath $(VENV))/bin:$(PATH)
export DVC_NO_ANALYTICS := 1
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export MPLBACKEND := Agg
PYTEST_ARGS ?=
# Disk the first install needs (torch's CUDA build is most of it); below this, setup warns before pip starts.
MIN_FREE_GB ?= 10

.PHONY: help setup test test-all lint repro bench sweep promote package drift data-extra lock clean
OBJECTIVE ?= multiview
# data-extra's apt-get needs root
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
TRIALS ?= 10

help: ## List the targets with what they do
	@awk 'BEGIN {FS = ":.*?## "} /^[a-zA-Z_-]+:.*?## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# The heavy install runs only when requirements.lock changes (or a previous install was interrupted).
# --no-cache-dir: pip's cache would keep a second copy of every downloaded wheel (GBs for torch's CUDA build).
$(STAMP): requirements.lock
	@echo ">> building $(VENV) from requirements.lock (pip; torch comes from the local wheel store)"
	rm -rf $(VENV)
	@free_gb=$$(df -Pk . | awk 'NR==2 {print int($$4 / 1048576)}'); \
	if [ "$$free_gb" -lt $(MIN_FREE_GB) ]; then \
	  echo "warning: $$free_gb GB free here; the environment needs about $(MIN_FREE_GB) GB while pip installs (torch's CUDA build): free disk space if the install fails with 'No space left on device'" >&2; \
	fi
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-cache-dir --upgrade "pip>=24"
	$(PY) -m pip install --quiet --no-cache-dir -r requirements.lock
	sha256sum requirements.lock > $(STAMP)

# The project itself is an editable install: cheap, redone when pyproject.toml changes.
$(PKG_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(PKG_STAMP)

setup: $(PKG_STAMP) ## Create .venv from requirements.lock (idempotent; reinstalls only when the lock changes)

test: setup ## Run the fast test suite
	$(PY) -m pytest $(PYTEST_ARGS)

test-all: setup ## Run the fast and the slow test suites
	$(PY) -m pytest -m "slow or not slow" $(PYTEST_ARGS)

lint: setup ## ruff and mypy on src/
	$(PY) -m ruff check src tests
	$(PY) -m ruff format --check src tests
	$(PY) -m mypy src

repro: setup data-extra ## Run the main job end to end (dvc repro) on data/raw/ct or the embedded default CTs
	$(VENV)/bin/dvc repro

bench: setup ## Benchmark the DRR renderer (vs DiffDRR, nanodrr, plastimatch) and training throughput per objective
	$(PY) benchmarks/bench_drr.py
	@if [ -f data/drr/index.parquet ]; then $(PY) benchmarks/bench_train.py; \
	else echo "training throughput skipped: run 'make repro' first to build data/drr"; fi

sweep: setup ## Optuna sweep of OBJECTIVE (multiview|sam|afire) with TRIALS trials; run it in several shells to parallelise
	$(VENV)/bin/xraymatch sweep --objective $(OBJECTIVE) --trials $(TRIALS)

promote: setup ## Gate the newest registered version of every model against its @champion (see params promote)
	$(VENV)/bin/xraymatch promote --all

package: setup ## Write the @champion bundles + model card to serving/ and build the Bento (bentoml build)
	$(VENV)/bin/xraymatch package
	$(VENV)/bin/bentoml build -f serving/bentofile.yaml .

drift: setup ## Drift test of the monitoring store's latest window vs the default reference (rebuilt first if missing or stale)
	$(VENV)/bin/xraymatch drift-reference --if-missing
	$(VENV)/bin/xraymatch drift --report $(DRIFT_ARGS)

SERVE_HOST ?= $(shell $(PY) -c "from xraymatch.inference.config import load_serving_params as p; print(p()[1].host)")
SERVE_PORT ?= $(shell $(PY) -c "from xraymatch.inference.config import load_serving_params as p; print(p()[1].port)")
.PHONY: serve bench-serve
serve: setup ## Serve the packaged models (serving/bundles, or XRAYMATCH_BUNDLES) on serving.host:port (params.yaml)
	$(VENV)/bin/bentoml serve serving.service:XrayMatch --host $(SERVE_HOST) --port $(SERVE_PORT)

bench-serve: setup ## Load test of the real server on loopback (latency, throughput, batching on/off) -> metrics/bench_serve.json
	$(PY) benchmarks/bench_serve.py

data-extra: ## Install the optional real head CT (Debian invesalius-examples, GPL-2; never committed)
	@if dpkg -s invesalius-examples >/dev/null 2>&1; then echo "invesalius-examples already installed"; \
	else $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q invesalius-examples \
	  || { echo "make data-extra: could not install invesalius-examples (needs apt and root); install it, or remove" \
	       "invesalius-cranium from ingest.default_cases in params.yaml" >&2; exit 1; }; fi

lock: ## Re-resolve requirements.in into requirements.lock (in a scratch venv)
	rm -rf .lock-venv && $(PYTHON_BOOT) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned environment for xraymatch (Python 3.11, pip). Regenerate with: make lock"; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock.tmp && mv requirements.lock.tmp requirements.lock
	rm -rf .lock-venv

clean: ## Remove caches and build leftovers (keeps .venv, data and mlflow.db)
	rm -rf .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info reports/checks
	find . -name __pycache__ -type d -prune -not -path "./$(VENV)/*" -exec rm -rf {} +
