"""Where a command may write.

Never over an input, a lesson, an adapter or a run's bookkeeping, and only where it can.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURE, selected_parquet

from olmo_id import config, errors, outputs
from olmo_id.errors import OlmoIdError


def refused(call, *args, **kwargs) -> str:
    """The one-line message of the OutputError that `call` raises."""
    with pytest.raises(errors.OutputError) as error:
        call(*args, **kwargs)
    message = str(error.value)
    assert "\n" not in message and isinstance(error.value, OlmoIdError), message
    return message


def sample_file(path: Path) -> Path:
    """A sample-like parquet file (Cendol columns, no cluster/selected)."""
    pd.read_json(FIXTURE, lines=True, dtype=str).head(10).to_parquet(path, index=False)
    return path


def adapter_folder(path: Path) -> Path:
    """A folder that looks like an adapter (adapter_config.json and run_card.json)."""
    path.mkdir(parents=True)
    (path / "adapter_config.json").write_text("{}")
    (path / "run_card.json").write_text("{}")
    return path


def test_an_output_that_is_an_input_is_refused_even_through_a_symlink_or_hard_link(tmp_path: Path) -> None:
    source = sample_file(tmp_path / "y.parquet")
    (tmp_path / "link.parquet").symlink_to(source)
    os.link(source, tmp_path / "hard.parquet")
    for out in (source, tmp_path / "link.parquet", tmp_path / "hard.parquet", tmp_path / "." / "y.parquet"):
        assert "masukan" in refused(outputs.check_file, out, "sample", [source])


def test_an_output_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    assert "di dalam folder masukan" in refused(outputs.check_file, tmp_path / "data" / "s.parquet", "sample",
                                                [tmp_path / "data"])


@pytest.mark.parametrize("marker", ["adapter_config.json", "run_card.json", "run_identity.json", "checkpoint-4"])
def test_nothing_is_written_inside_an_adapter_or_a_training_run(tmp_path: Path, marker: str) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / marker).mkdir() if marker.startswith("checkpoint") else (run / marker).write_text("{}")
    for out in (run / "results.json", run / "sub" / "results.json"):
        assert "folder adapter atau run pelatihan" in refused(outputs.check_file, out, "evaluate")


@pytest.mark.parametrize("name", ["run_card.json", "course.json", "run_identity.json", "adapter_config.json"])
def test_bookkeeping_names_are_never_outputs(tmp_path: Path, name: str) -> None:
    assert "dipakai kursus" in refused(outputs.check_file, tmp_path / name, "evaluate")


@pytest.mark.parametrize("command, name, suffix", [("sample", "s.csv", ".parquet"), ("cluster", "c.json", ".parquet"),
                                                   ("evaluate", "r.parquet", ".json")])
def test_an_output_needs_its_commands_suffix(tmp_path: Path, command: str, name: str, suffix: str) -> None:
    assert f"harus berakhiran {suffix}" in refused(outputs.check_file, tmp_path / name, command)


def test_a_folder_or_a_path_under_a_file_is_not_a_file_output(tmp_path: Path) -> None:
    (tmp_path / "folder.parquet").mkdir()
    sample_file(tmp_path / "s.parquet")
    assert "adalah folder" in refused(outputs.check_file, tmp_path / "folder.parquet", "sample")
    assert "berupa berkas" in refused(outputs.check_file, tmp_path / "s.parquet" / "x.parquet", "sample")


def test_an_unwritable_place_is_refused_and_the_probe_leaves_nothing(tmp_path: Path) -> None:
    assert "tidak bisa ditulis" in refused(outputs.check_file, "/proc/olmo/s.parquet", "sample")
    assert "tidak bisa ditulis" in refused(outputs.check_folder, "/proc/olmo", "train")
    assert outputs.check_file(tmp_path / "a" / "b" / "s.parquet", "sample") == tmp_path / "a" / "b" / "s.parquet"
    assert not list(tmp_path.iterdir()), "the probe creates and removes its file, and creates no folder"


def test_an_existing_file_is_replaced_only_by_the_same_kind_of_output(tmp_path: Path) -> None:
    sample = sample_file(tmp_path / "s.parquet")
    clustered = selected_parquet(tmp_path / "c.parquet", n_rows=10)
    (tmp_path / "r.json").write_text(json.dumps({"base": {}, "adapter": {}, "answers": []}))
    (tmp_path / "notes.json").write_text(json.dumps({"mine": 1}))
    (tmp_path / "broken.parquet").write_text("not parquet")
    outputs.check_file(sample, "sample")
    outputs.check_file(clustered, "cluster")
    outputs.check_file(tmp_path / "r.json", "evaluate")
    assert "kolom cluster/selected" in refused(outputs.check_file, clustered, "sample")
    assert "bukan hasil `olmo-id cluster`" in refused(outputs.check_file, sample, "cluster")
    assert "bukan results.json" in refused(outputs.check_file, tmp_path / "notes.json", "evaluate")
    assert "bukan berkas parquet" in refused(outputs.check_file, tmp_path / "broken.parquet", "sample")


def test_a_folder_output_refuses_a_file_an_adapter_and_lessons(tmp_path: Path) -> None:
    sample = sample_file(tmp_path / "s.parquet")
    adapter = adapter_folder(tmp_path / "t" / "adapter")
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01_a.ipynb").write_text("{}")
    assert "adalah berkas" in refused(outputs.check_folder, sample, "train")
    assert "berupa berkas" in refused(outputs.check_folder, sample / "run", "course")
    assert "adapter" in refused(outputs.check_folder, adapter, "train")
    assert "adapter" in refused(outputs.check_folder, adapter / "more", "course")
    assert "pelajaran" in refused(outputs.check_folder, lessons, "course")
    for name in ("notebooks", "colab", "solutions"):
        assert "pelajaran" in refused(outputs.check_folder, config.REPO_ROOT / name, "course")


def test_a_training_run_may_resume_and_a_course_run_may_run_again(tmp_path: Path) -> None:
    run = tmp_path / "t"
    (run / "checkpoint-2").mkdir(parents=True)
    (run / "run_identity.json").write_text("{}")
    assert outputs.check_folder(run, "train") == run
    assert "run pelatihan" in refused(outputs.check_folder, run, "course")
    course = tmp_path / "course"
    course.mkdir()
    (course / "01_sampling.ipynb").write_text("{}")
    (course / "course.json").write_text("{}")
    assert outputs.check_folder(course, "course") == course


@pytest.mark.parametrize("out", ["", "  "])
def test_an_empty_output_is_refused_not_taken_as_the_current_folder(out: str) -> None:
    assert "kosong" in refused(outputs.check_file, out, "sample")
    assert "kosong" in refused(outputs.check_folder, out, "course")
