# The pipeline as a DAG: data/raw/*.pdf --verify--> --extract/normalize/validate--> data/clean/
# `make` and `make test` set up .venv themselves; Python 3.11 and pip are all they need.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
LOCK_VENV := .venv-lock
RAW    := $(sort $(wildcard data/raw/*.pdf))
LINKS  := $(wildcard data/raw/program_links.toml)
FIXES  := $(wildcard data/raw/corrections.toml)
SOURCES := $(wildcard data/raw/sources.toml)
CODE   := $(shell find extract normalize schemas pipeline scripts -name "*.py" -o -name "*.toml" 2>/dev/null) pyproject.toml
CLEAN  := data/clean
JOBS   ?= 1

.DEFAULT_GOAL := all
.PHONY: all help setup lock verify-raw check-clean test test-all lint bench source-pdf variants clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

# Every file of data/clean/: those every build writes, and those its SHA256SUMS lists (the
# pictures, and any table added later). One rule makes them all (a grouped target): any one
# missing or older than an input rebuilds the whole dataset.
OUTPUTS := $(sort $(CLEAN)/SHA256SUMS $(CLEAN)/datapackage.json $(CLEAN)/quality.md \
             $(addprefix $(CLEAN)/,$(shell cut -d' ' -f3- $(CLEAN)/SHA256SUMS 2>/dev/null)))

all: $(OUTPUTS) ## rebuild data/clean/ from data/raw/ (default)

# requirements.lock pins every package of the tree (pip-tools' pip-compile, from pyproject.toml):
# the same code then gives the same bytes (Parquet files record the pandas and pyarrow versions).
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[test,lint]'
	@touch $@

# pip-tools lives in a venv of its own, so that .venv holds the locked tree and nothing else.
lock: ## re-resolve requirements.lock from pyproject.toml (keeps pins that still fit; UPGRADE=1 takes the newest)
	@test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet 'pip-tools>=7.6'
	$(LOCK_VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --extra test --extra lint \
	  --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) -o $(LOCK) pyproject.toml

setup: $(STAMP) ## create .venv and install the project into it

verify-raw: $(STAMP) ## check data/raw/ against data/raw/SHA256SUMS
	$(PY) -m scripts.verify_raw data/raw

$(OUTPUTS) &: $(RAW) $(LINKS) $(FIXES) $(SOURCES) data/raw/SHA256SUMS $(CODE) | $(STAMP)
	$(PY) -m scripts.verify_raw data/raw
	$(PY) -m scripts.build_dataset --jobs $(JOBS) --out $(CLEAN) $(RAW)

check-clean: $(STAMP) ## rebuild data/clean/ into a temporary directory; fail if it differs from data/clean/
	$(PY) -m scripts.check_clean data/raw $(CLEAN)

# Locally the quick suite; in CI (CI=true) every test, the slow ones too.
test: $(STAMP) ## run the test suite (slow tests only in CI, or with `make test-all`)
	$(PY) -m pytest $(if $(CI),,-m "not slow")

test-all: $(STAMP) ## run every test, the slow ones too (what CI runs)
	$(PY) -m pytest

lint: $(STAMP) ## ruff (style, imports, bugbear, formatting) and mypy over every package, scripts/ and tests/ (strict for extract, normalize, schemas)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy extract normalize schemas pipeline render scripts tests

# mutmut lives in a venv of its own, with the project installed as a plain (non-editable)
# package: an editable install's import hook would find the unmutated sources before mutants/.
MUT_VENV := .venv-mutation
$(MUT_VENV)/.installed: pyproject.toml $(LOCK)
	@test -x $(MUT_VENV)/bin/python || $(PYTHON) -m venv $(MUT_VENV)
	$(MUT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(MUT_VENV)/bin/python -m pip install --quiet -c $(LOCK) '.[test]' 'mutmut==3.8.1'
	@rm -rf build
	@touch $@

.PHONY: mutation
mutation: $(MUT_VENV)/.installed ## mutation testing of headers, assemble, normalize/, schemas/ (slow: about an hour on 2 cores)
	rm -rf mutants
	$(MUT_VENV)/bin/mutmut run
	$(MUT_VENV)/bin/python -m scripts.mutation_report mutants tests/equivalent_mutants

.PHONY: crosscheck
crosscheck: $(STAMP) ## build with both engines (pdfium, camelot) and compare cell for cell; fails on a difference
	$(PY) -m scripts.crosscheck $(RAW) $(sort $(wildcard tests/fixtures/variants/*.pdf tests/fixtures/next_year/*.pdf)) \
	  $(filter-out %/swapped_labels.pdf,$(sort $(wildcard tests/fixtures/columns/*.pdf))) \
	  $(filter-out %/all_hrules.pdf,$(sort $(wildcard tests/fixtures/marks/*.pdf)))

bench: $(STAMP) ## CPU (every process), wall time and memory of a build, as ratios to pdfplumber and camelot
	$(PY) -m scripts.benchmark $(RAW) --several tests/fixtures/next_year/next_year.pdf

source-pdf: ## rebuild the raw PDF from the transcription (needs LibreOffice + IPAex fonts)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[test,rebuild]'
	$(PY) -m scripts.rebuild_source_pdf --out data/raw/iizuka_suicide_plan_progress_fy2020_fy2021.pdf \
	  --xlsx data/raw/reconstruction/iizuka_suicide_plan_progress_fy2020_fy2021.xlsx
	cd data/raw && sha256sum *.pdf > SHA256SUMS

clean: ## remove data/clean/ outputs (never data/raw/)
	rm -rf $(CLEAN)/*.csv $(CLEAN)/*.parquet $(CLEAN)/*.xlsx $(CLEAN)/*.json $(CLEAN)/quality* $(CLEAN)/pages \
	  $(CLEAN)/anomalies $(CLEAN)/SHA256SUMS $(CLEAN)/README.md

variants: ## re-render the layout-variant PDFs the tests use (needs LibreOffice + IPAex fonts)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[test,rebuild]'
	$(PY) -m scripts.render_variants --out tests/fixtures/variants
	$(PY) -m scripts.render_variants --columns tests/fixtures/columns
	$(PY) -m scripts.render_variants --shapes tests/fixtures/shapes
	$(PY) -m render.fonts tests/fixtures/fonts
	$(PY) -m scripts.render_variants --marks tests/fixtures/marks
