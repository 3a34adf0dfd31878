"""The nbval scaffolding: references match the lessons, and a changed output makes nbval fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from olmo_id import runner

REFERENCES = Path(__file__).parent / "references"
MARK = "# NBVAL_CHECK_OUTPUT"


def _code_sources(path: Path) -> list[str]:
    """Sources of the code cells, without papermill's injected-parameters cell."""
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells
            if cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("lesson", runner.notebooks(runner.NOTEBOOKS_DIR), ids=lambda path: path.name)
def test_every_lesson_has_a_reference_made_from_its_current_source(lesson: Path) -> None:
    reference = REFERENCES / lesson.name
    assert reference.exists(), f"run `make references` to create {reference.name}"
    assert _code_sources(reference) == _code_sources(lesson), f"{lesson.name} changed: run `make references`"
    assert any(MARK in source for source in _code_sources(lesson)), "mark at least one deterministic cell"


def _two_cells(path: Path, printed_count: int) -> None:
    """A two-cell executed notebook like a reference: a marked cell whose stored output says `printed_count` rows in
    some seconds, and an unmarked cell whose stored output nbval --nbval-lax does not compare."""
    marked = new_code_cell(f"{MARK}\nprint('sampel: 300 baris dalam', 0.1, 's')", execution_count=1, outputs=[
        new_output("stream", name="stdout", text=f"sampel: {printed_count} baris dalam 9.9 s\n")])
    unmarked = new_code_cell("print('acak')", execution_count=2, outputs=[
        new_output("stream", name="stdout", text="lain kali lain\n")])
    notebook = new_notebook(cells=[marked, unmarked])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


def test_nbval_as_make_test_runs_it_fails_on_a_changed_count_and_only_there(tmp_path: Path) -> None:
    _two_cells(tmp_path / "same.ipynb", 300)  # another duration and an unmarked cell's output: no failure
    _two_cells(tmp_path / "changed.ipynb", 301)
    shutil.copy(REFERENCES / "sanitize.cfg", tmp_path / "sanitize.cfg")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rf", "--nbval-lax", "--nbval-current-env",
         "--nbval-sanitize-with", "sanitize.cfg", "changed.ipynb", "same.ipynb"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert "1 failed, 3 passed" in result.stdout, result.stdout[-2000:]
    assert "FAILED changed.ipynb::Cell 0" in result.stdout, result.stdout[-2000:]
