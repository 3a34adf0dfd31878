"""One honest pipeline.

Lesson 02 clusters exactly the candidate pool lesson 01 wrote, and nothing opens the source again.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import FIXTURE, write_jsonl

from olmo_id import runner

LESSONS = runner.notebooks(runner.NOTEBOOKS_DIR)
# `out / "name"` or `Path(out_dir) / "name" / "sub"`: a path in the run folder that a lesson's code names.
RUN_FOLDER_PATH = re.compile(r'(?:\bout\b|Path\(out_dir\))\s*/\s*"([^"]+)"(?:\s*/\s*"([^"]+)")?')
OPENS_THE_SOURCE = ("data.sample(", "data.load_pool(", "data.open_source(", "cfg.source")


def _code(lesson: Path) -> str:
    return "\n".join(cell.source for cell in nbformat.read(lesson, as_version=4).cells if cell.cell_type == "code")


def _unseen_source(path: Path) -> Path:
    """A Cendol-shaped file no lesson has seen: the fixture's rows with their words reversed and new ids."""
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, row in enumerate(rows):
        row.update(prompt_id=f"rantai-{number}", input=" ".join(reversed(row["input"].split())),
                   output=" ".join(reversed(row["output"].split())))
    return write_jsonl(path, rows)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name)
def test_each_lesson_reads_from_the_run_folder_exactly_what_the_runner_declares(lesson: Path) -> None:
    number = lesson.name[:2]
    named = {"/".join(part for part in match if part) for match in RUN_FOLDER_PATH.findall(_code(lesson))}
    read = {name for producer, name in runner.PRODUCES.items()
            if producer != number and any(path == name or path.startswith(name + "/") for path in named)}
    assert read == set(runner.READS.get(number, {})), f"{lesson.name} reads {read}"


@pytest.mark.parametrize("lesson", LESSONS[1:], ids=lambda path: path.name)
def test_no_lesson_after_01_opens_the_source(lesson: Path) -> None:
    code = _code(lesson)
    assert not [call for call in OPENS_THE_SOURCE if call in code]
    import papermill as pm

    assert "source" not in pm.inspect_notebook(str(lesson))


def test_the_cli_chain_clusters_only_the_rows_sample_wrote_after_the_source_is_gone(tmp_path: Path) -> None:
    source = _unseen_source(tmp_path / "unseen.jsonl")
    olmo_id = str(Path(sys.executable).with_name("olmo-id"))
    candidates, clustered = tmp_path / "candidates.parquet", tmp_path / "clustered.parquet"
    sample = [olmo_id, "sample", "--source", str(source), "--n", "0", "--no-cache", "--out", str(candidates)]
    assert subprocess.run(sample, capture_output=True, text=True, timeout=300).returncode == 0
    source.unlink()
    cluster = [olmo_id, "cluster", "--input", str(candidates), "--k", "4", "--select", "50", "--out", str(clustered)]
    result = subprocess.run(cluster, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written, clustered_rows = pd.read_parquet(candidates), pd.read_parquet(clustered)
    pd.testing.assert_frame_equal(clustered_rows[written.columns], written)
    assert clustered_rows["prompt_id"].str.startswith("rantai-").all() and clustered_rows["selected"].sum() == 50


def test_lesson_02_clusters_the_candidates_lesson_01_wrote_after_the_source_is_deleted(tmp_path: Path) -> None:
    source = _unseen_source(tmp_path / "unseen.jsonl")
    out = tmp_path / "run"
    runner.run_course("smoke", out, {"source": str(source), "pool_size": "300", "seed": "3"},
                      progress=False, only=["01"])
    source.unlink()
    runner.run_course("smoke", out, {"n_samples": "80", "seed": "3"}, progress=False, only=["02"])
    candidates, clustered = pd.read_parquet(out / "candidates.parquet"), pd.read_parquet(out / "clustered.parquet")
    assert len(candidates) == 300 and candidates["prompt_id"].str.startswith("rantai-").all()
    pd.testing.assert_frame_equal(clustered[candidates.columns], candidates)
    assert int(clustered["selected"].sum()) == 80


def test_the_readme_lists_each_lessons_parameters() -> None:
    import papermill as pm

    readme = (runner.NOTEBOOKS_DIR.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d\d) \| (.+) \|$", readme, re.M))
    for lesson in LESSONS:
        listed = set(re.findall(r"`(\w+)`", rows.get(lesson.name[:2], "")))
        assert listed == set(pm.inspect_notebook(str(lesson))), f"README: parameter table row for {lesson.name}"
