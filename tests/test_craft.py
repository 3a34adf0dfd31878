"""The lessons show the craft: the library calls a student must learn are written in the lesson's own cells,
each written call is executed by a test that compares it with the package, and Colab has one run folder."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from olmo_id import colab, runner

LESSONS = {path.name[:2]: path for path in runner.notebooks(runner.NOTEBOOKS_DIR)}
TESTS = Path(__file__).parent
# The calls each lesson is about (issue 14): written in a code cell, not hidden in the package.
CALLS = {
    "02": ("TfidfVectorizer(", "TruncatedSVD(", "KMeans("),
    "03": ("-100", "LoraConfig(", "get_peft_model(", "print_trainable_parameters()", "TrainingArguments(",
           "Trainer(", ".fit(", "DataCollatorForSeq2Seq("),
    "04": ("GenerationConfig(", ".generate(", "TextIteratorStreamer(", "Thread("),
    "05": ("log_softmax(", "gather(", "exp(", "HFLM(", "simple_evaluate("),
}
MAX_CELL_LINES = 18  # one idea per cell: about 15 lines, a little slack for a comment


def _code_cells(lesson: Path) -> list[nbformat.NotebookNode]:
    return [cell for cell in nbformat.read(lesson, as_version=4).cells if cell.cell_type == "code"]


@pytest.mark.parametrize("number", sorted(CALLS))
def test_each_lesson_writes_out_the_library_calls_it_teaches(number: str) -> None:
    code = "\n".join(cell.source for cell in _code_cells(LESSONS[number]))
    missing = [call for call in CALLS[number] if call not in code]
    assert not missing, f"{LESSONS[number].name} does not write {missing}"


@pytest.mark.parametrize("lesson", sorted(LESSONS.values()), ids=lambda path: path.name)
def test_every_written_call_is_checked_against_the_package_by_a_test(lesson: Path) -> None:
    tags = {tag for cell in _code_cells(lesson) for tag in cell.metadata.get("tags", []) if tag.startswith("craft-")}
    tested = "\n".join(path.read_text(encoding="utf-8") for path in TESTS.glob("test_craft_*.py"))
    untested = sorted(tag for tag in tags if f'"{tag}"' not in tested)
    assert not untested, f"{lesson.name}: no test executes the cells tagged {untested}"


@pytest.mark.parametrize("lesson", sorted(LESSONS.values()), ids=lambda path: path.name)
def test_lesson_cells_stay_short(lesson: Path) -> None:
    long = [cell.source.splitlines()[0] for cell in _code_cells(lesson)
            if len(cell.source.splitlines()) > MAX_CELL_LINES]
    assert not long, f"{lesson.name}: cells over {MAX_CELL_LINES} lines start with {long}"


@pytest.mark.parametrize("lesson", sorted(LESSONS.values()), ids=lambda path: path.name)
def test_no_lesson_names_a_drive_folder_other_than_the_colab_setup_cells(lesson: Path) -> None:
    text = "\n".join(cell.source for cell in nbformat.read(lesson, as_version=4).cells)
    assert "drive.mount" not in text, "the Colab setup cell mounts Drive; a lesson must not ask for it again"
    named = set(re.findall(r"/content/drive/MyDrive/[\w./-]*", text))
    assert named <= {colab.DRIVE_FOLDER, f"{colab.DRIVE_FOLDER}/{colab.RUN_FOLDER}"}, named


@pytest.mark.parametrize("lesson", sorted(LESSONS.values()), ids=lambda path: path.name)
def test_every_lesson_defaults_to_the_run_folder_the_colab_setup_puts_on_drive(lesson: Path) -> None:
    import papermill as pm

    assert pm.inspect_notebook(str(lesson))["out_dir"]["default"] == f'"{colab.RUN_FOLDER}"'
