"""The Colab variants: generated from the lessons and in sync, valid, output- and secret-free, with working badges."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
import torch
from packaging.requirements import Requirement

from olmo_id import colab, config, runner

NOTEBOOK_FOLDERS = ("notebooks", "colab", "solutions")
BADGE_LINK = re.compile(r"https://colab\.research\.google\.com/github/([^)\s\"']+)")
# Shapes of real secrets: Hugging Face tokens, wandb API keys (40 hex), and a secret assigned in code.
SECRET_SHAPES = re.compile(r"hf_[A-Za-z0-9]{30,}|\b[0-9a-f]{40}\b|(HF_TOKEN|WANDB_API_KEY)\s*=\s*[\"'][^\"']+[\"']")


def _notebooks() -> list[Path]:
    """Every committed notebook a student opens: lessons, Colab variants and solutions."""
    return sorted(path for folder in NOTEBOOK_FOLDERS for path in (config.REPO_ROOT / folder).glob("*.ipynb"))


def test_colab_folder_is_in_sync_with_the_lessons() -> None:
    assert colab.out_of_sync() == [], "run `make colab` and commit colab/ and README.md"
    assert [path.name for path in sorted(colab.COLAB_DIR.glob("*.ipynb"))] == \
        [path.name for path in runner.notebooks(runner.NOTEBOOKS_DIR)]


@pytest.mark.parametrize("path", _notebooks(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_notebook_is_valid_without_outputs_or_secrets(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code), "clear the outputs"
    assert not SECRET_SHAPES.search(path.read_text(encoding="utf-8")), "a secret-shaped string is committed"


def test_every_badge_points_at_an_existing_colab_notebook_of_this_repository() -> None:
    texts = {path: path.read_text(encoding="utf-8") for path in [colab.README, *_notebooks()]}
    links = [(path, link) for path, text in texts.items() for link in BADGE_LINK.findall(text)]
    prefix = f"{colab.GITHUB_REPOSITORY}/blob/{colab.REF}/colab/"
    for path, link in links:
        assert link.startswith(prefix), f"{path.name}: {link}"
        assert (colab.COLAB_DIR / link.removeprefix(prefix)).is_file(), f"{path.name}: {link}"
    for lesson in runner.notebooks(runner.NOTEBOOKS_DIR):
        title = nbformat.read(lesson, as_version=4).cells[0].source
        assert title.startswith(colab.badge(lesson.name)), f"{lesson.name}'s title cell must open with its badge"
        assert colab.badge(lesson.name) in texts[colab.README], f"README lacks the badge of {lesson.name}"


def test_each_variant_starts_with_the_setup_and_feeds_the_parameters_from_it() -> None:
    for lesson in runner.notebooks(runner.NOTEBOOKS_DIR):
        cells = nbformat.read(colab.COLAB_DIR / lesson.name, as_version=4).cells
        assert cells[0].source == colab.setup_source() and cells[1].cell_type == "markdown"
        parameters = next(cell for cell in cells if "parameters" in cell.metadata.get("tags", []))
        assert "profile = colab.profile" in parameters.source and "out_dir = colab.out_dir" in parameters.source
        lesson_cells = nbformat.read(lesson, as_version=4).cells
        assert [cell.source for cell in cells[2:] if cell is not parameters] == \
            [cell.source for cell in lesson_cells if "parameters" not in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("lesson", runner.notebooks(runner.NOTEBOOKS_DIR), ids=lambda path: path.name)
def test_outside_colab_a_variant_only_picks_the_profile_and_its_parameters_take_it(
        lesson: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The rest of a variant is the lesson's own cells (above), which nbval runs: only this head is the variant's.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail(f"ran {a} outside Colab"))
    cells = nbformat.read(colab.COLAB_DIR / lesson.name, as_version=4).cells
    parameters = next(cell for cell in cells if "parameters" in cell.metadata.get("tags", []))
    namespace: dict[str, object] = {}
    exec(cells[0].source, namespace)  # noqa: S102 - the generated cells themselves are under test
    exec(parameters.source, namespace)  # noqa: S102
    expected = "cpu" if not torch.cuda.is_available() else config.load("auto").profile
    assert namespace["colab"] == colab.ColabSetup(expected, "olmo_id_run", on_colab=False)
    assert (namespace["profile"], namespace["out_dir"]) == (expected, "olmo_id_run")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def fake_colab(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """A stand-in `google.colab` (drive + userdata) and a recording `subprocess.run`."""
    calls: dict[str, list] = {"run": [], "mount": []}
    drive = types.SimpleNamespace(mount=lambda root: calls["mount"].append(root))

    def secret(name: str) -> str:
        if name == "HF_TOKEN":
            return "hf_" + "x" * 34
        raise KeyError(name)  # Colab raises its own SecretNotFoundError here

    package = types.ModuleType("google.colab")
    package.drive, package.userdata = drive, types.SimpleNamespace(get=secret)
    monkeypatch.setitem(sys.modules, "google.colab", package)
    monkeypatch.setitem(sys.modules, "google", types.SimpleNamespace(colab=package))
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: calls["run"].append(command))
    monkeypatch.setattr(sys, "path", list(sys.path))
    for name in colab.SECRET_NAMES:
        monkeypatch.delenv(name, raising=False)
    return calls


def test_the_setup_cell_on_colab_installs_the_course_keeps_torch_uses_drive_and_secrets(
        fake_colab: dict[str, list], capsys: pytest.CaptureFixture) -> None:
    namespace: dict[str, object] = {}
    exec(colab.setup_source(), namespace)  # noqa: S102
    clone, install = fake_colab["run"]
    assert clone[:2] == ["git", "clone"] and clone[-3:] == [colab.REF, f"https://github.com/{colab.GITHUB_REPOSITORY}",
                                                            colab.CHECKOUT]
    assert install[1:5] == ["-m", "pip", "install", "--quiet"] and colab.CHECKOUT in install
    assert [arg for arg in install if arg.startswith("torch")] == [f"torch=={torch.__version__}"]
    assert fake_colab["mount"] == [colab.DRIVE_ROOT]
    setup = namespace["colab"]
    assert setup.on_colab and setup.out_dir == f"{colab.DRIVE_FOLDER}/olmo_id_run"
    assert os.environ["HF_TOKEN"] == "hf_" + "x" * 34 and "WANDB_API_KEY" not in os.environ
    printed = capsys.readouterr().out
    assert "HF_TOKEN: ada" in printed and "WANDB_API_KEY: tidak ada" in printed and "x" * 34 not in printed


def colab_versions() -> dict[str, str]:
    """The versions constraints-colab.txt pins (what Colab preinstalls), by normalised package name."""
    lines = (config.REPO_ROOT / "constraints-colab.txt").read_text(encoding="utf-8").splitlines()
    pins = (line.split("#")[0].strip() for line in lines)
    return {Requirement(pin).name.lower().replace("_", "-"): pin.split("==")[1] for pin in pins if "==" in pin}


def test_the_benchmark_harness_accepts_every_version_colab_preinstalls() -> None:
    # The setup cell installs lm-eval with the course (requirements.txt); none of its own requirements may ask
    # pip to replace a package Colab ships, or the student's runtime changes under them.
    from importlib.metadata import requires

    preinstalled = colab_versions()
    checked = []
    for line in requires("lm_eval") or []:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        if requirement.marker is None and name in preinstalled:
            assert requirement.specifier.contains(preinstalled[name], prereleases=True), (line, preinstalled[name])
            checked.append(name)
    assert {"datasets", "scikit-learn", "numpy", "tqdm"} <= set(checked)


def test_a_refused_drive_keeps_the_run_on_the_runtime_disk(fake_colab: dict[str, list],
                                                          monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def refuse(root: str) -> None:
        raise ValueError("mount failed")

    monkeypatch.setattr(sys.modules["google.colab"].drive, "mount", refuse)
    assert colab.prepare(use_drive=True).out_dir == "olmo_id_run"
    assert "Google Drive tidak tersambung" in capsys.readouterr().out
    assert colab.prepare(use_drive=False).out_dir == "olmo_id_run"


def test_the_generator_refuses_a_lesson_without_profile_or_out_dir(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lesson = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("seed = 1")])
    lesson.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(lesson, tmp_path / "01_x.ipynb")
    with pytest.raises(config.ConfigError, match="harus dibuka dengan sel markdown"):
        colab.variant(tmp_path / "01_x.ipynb")
    lesson.cells.insert(0, nbformat.v4.new_markdown_cell("# 01 · x"))
    nbformat.write(lesson, tmp_path / "01_x.ipynb")
    with pytest.raises(config.ConfigError, match="tidak punya baris `profile = ...`"):
        colab.variant(tmp_path / "01_x.ipynb")
