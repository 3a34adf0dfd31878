"""Shared test set-up: offline, quiet, every cache in a temporary folder, and one run of the course per session."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.update(
    HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", TQDM_DISABLE="1", HF_HUB_DISABLE_PROGRESS_BARS="1",
    HF_DATASETS_DISABLE_PROGRESS_BARS="1",
)
# Every cache in a temporary folder (set before any kernel starts, so notebooks inherit it too).
_CACHES = Path(tempfile.mkdtemp(prefix="olmo-id-test-"))
atexit.register(shutil.rmtree, _CACHES, ignore_errors=True)
os.environ["HF_DATASETS_CACHE"] = str(_CACHES / "hf")
os.environ["OLMO_ID_CACHE"] = str(_CACHES / "olmo_id")

import pandas as pd  # noqa: E402  (after the environment above)
import torch  # noqa: E402

from olmo_id import config, modeling, runner  # noqa: E402

FIXTURE = config.FIXTURE
NBVAL_RUN = Path(__file__).parent / "references" / "_nbval_run"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start every session with no nbval run folder.

    The references were made with `-p out_dir _nbval_run`. A folder left by an earlier run would make notebook 03
    resume from its finished checkpoint instead of training, so `pytest --nbval-lax tests/references` would pass
    only once in a row. (This file, not one in references/, so that `from conftest import ...` stays unambiguous.)
    """
    shutil.rmtree(NBVAL_RUN, ignore_errors=True)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    """A cache folder of this test's own."""
    return tmp_path / "cache"


@pytest.fixture(scope="session")
def fixture_rows() -> list[dict[str, str]]:
    """The shipped fixture as a list of row dicts."""
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write rows as JSON lines and return the path."""
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def row(subset: str, template: str, text: str, answer: str | None = None, **extra: str) -> dict[str, str]:
    """One Cendol-shaped row with the given subset, template and texts."""
    return dict(
        dataset_name="test", subset_name=subset, prompt_id=f"{subset}-{template}-{text}", template_name=template,
        dataset_key="train", input=text, output=answer if answer is not None else f"jawaban untuk {text}", **extra,
    )


def selected_parquet(path: Path, n_rows: int = 80, n_selected: int | None = None) -> Path:
    """A clustered.parquet-like file from the fixture: `n_rows` rows, the first `n_selected` marked selected."""
    import pandas as pd

    rows = pd.read_json(FIXTURE, lines=True, dtype=str).sample(n=n_rows, random_state=0).reset_index(drop=True)
    rows["cluster"] = 0
    rows["selected"] = rows.index < (n_rows if n_selected is None else n_selected)
    rows.to_parquet(path, index=False)
    return path


# Paths a finished smoke course leaves in its run folder: each lesson's output for the next, and 05's results.
COURSE_OUTPUTS = (*runner.PRODUCES.values(), "results.json", "benchmark.json")
_nbval_failures: list[str] = []  # node ids of failed nbval cells, in the order they ran


def _is_nbval(item: pytest.Item) -> bool:
    """Whether the item is a notebook cell that nbval executes (collected only with --nbval or --nbval-lax)."""
    return item.path.suffix == ".ipynb"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run nbval's cells first: they execute the lessons once, and `smoke_run` hands that run folder to the tests.

    The sort is stable: the cells of a notebook stay together and in order, notebooks stay in lesson order.
    (`trylast`: after any other plugin has reordered, so this order is the one that runs.)
    """
    items.sort(key=lambda item: not _is_nbval(item))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note every nbval cell that failed, so that `smoke_run` can point at it instead of failing obscurely."""
    if report.failed and report.nodeid.split("::")[0].endswith(".ipynb"):
        _nbval_failures.append(report.nodeid)


@pytest.fixture(scope="session")
def smoke_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One finished smoke course run folder (the smoke profile's own values), for the tests that read one.

    In `make test` it is the folder nbval's run of tests/references filled (NBVAL_RUN): the lessons execute once.
    A marked output that differs from its reference fails only that cell; a lesson that did not finish fails every
    test of the run folder with one line naming the first failed cell. When no nbval cell is in the session
    (`pytest tests/test_solutions.py`), the installed `olmo-id course` runs once into a temporary folder with the
    parameters the references were made with; only the folder differs.

    Tests must not change it: a test that needs to write puts its files in a subfolder of its own (e.g. `latihan/`).
    """
    if any(_is_nbval(item) for item in request.session.items):
        if _finished(NBVAL_RUN):
            return NBVAL_RUN
        if _nbval_failures:
            pytest.fail(f"the lessons did not finish under nbval (first failed cell: {_nbval_failures[0]})",
                        pytrace=False)
    folder = tmp_path_factory.mktemp("smoke_run")
    command = [str(Path(sys.executable).with_name("olmo-id")), "course", "--profile", "smoke", "--out", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        pytest.fail(f"olmo-id course failed ({result.returncode}): {result.stderr[-3000:]}")
    return folder


def _finished(folder: Path) -> bool:
    """Whether every lesson of the course left its output in `folder`."""
    return all((folder / name).exists() for name in COURSE_OUTPUTS)


@pytest.fixture(scope="session")
def tokenizer():
    """The tiny model's tokenizer: the real OLMo tokenizer with the course's chat template."""
    return modeling.load_tokenizer(modeling.TINY_MODEL)


@pytest.fixture(scope="session")
def rows() -> pd.DataFrame:
    """The fixture's first 60 rows, every column as text."""
    return pd.read_json(FIXTURE, lines=True, dtype=str).head(60)


def random_adapter(folder: Path) -> Path:
    """A smoke adapter saved to `folder` (with its tokenizer) whose LoRA B weights are random, not zero, so that it
    changes the tiny model's answers."""
    cfg = config.load("smoke")
    model, _ = modeling.add_lora(modeling.load_base(cfg), cfg)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(0, 0.05, generator=torch.Generator().manual_seed(0))
    model.save_pretrained(folder)
    modeling.load_tokenizer(cfg.model_id).save_pretrained(folder)
    return folder

