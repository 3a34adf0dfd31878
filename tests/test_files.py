"""Files the course writes and reads back: atomic writes and tolerant reading of row files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from olmo_id import files
from olmo_id.errors import SchemaError

COLUMNS = ("input", "output", "selected")


def rows_file(path: Path, **columns: pa.Array) -> Path:
    """A parquet file with the given Arrow columns (written without pandas, so types are exactly these)."""
    pq.write_table(pa.table(columns), path)
    return path


def test_numeric_texts_are_read_as_strings(tmp_path: Path) -> None:
    path = rows_file(tmp_path / "r.parquet", input=pa.array([1, 2]), output=pa.array(["a", "b"]),
                     selected=pa.array([True, False]))
    rows = files.read_rows(path, COLUMNS, "")
    assert rows["input"].tolist() == ["1", "2"]
    assert rows["input"].str.len().tolist() == [1, 1]


def test_rows_with_missing_or_blank_text_are_dropped(tmp_path: Path) -> None:
    path = rows_file(tmp_path / "r.parquet", input=pa.array(["a", None, "c", " \n"]),
                     output=pa.array(["x", "y", None, "z"]), selected=pa.array([True] * 4))
    assert files.read_rows(path, COLUMNS, "")["input"].tolist() == ["a"]


def test_selected_as_text_is_refused_with_how_to_remake_the_file(tmp_path: Path) -> None:
    path = rows_file(tmp_path / "r.parquet", input=pa.array(["a", "b"]), output=pa.array(["x", "y"]),
                     selected=pa.array(["False", "True"]))
    with pytest.raises(SchemaError, match="kolom 'selected' harus boolean.*notebook 02.*olmo-id cluster --select"):
        files.read_rows(path, COLUMNS, "")


def test_a_missing_selected_value_counts_as_not_selected(tmp_path: Path) -> None:
    path = rows_file(tmp_path / "r.parquet", input=pa.array(["a", "b", "c"]), output=pa.array(["x", "y", "z"]),
                     selected=pa.array([True, None, False]))
    rows = files.read_rows(path, COLUMNS, "")
    assert rows["selected"].dtype == bool and rows["selected"].tolist() == [True, False, False]


def test_a_file_without_selected_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "r.parquet"
    pd.DataFrame({"input": ["a"], "output": ["x"]}).to_parquet(path)
    assert list(files.read_rows(path, ("input", "output"), "").columns) == ["input", "output"]


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temp_file_left_by_a_killed_writer_is_removed_on_the_next_write(tmp_path: Path) -> None:
    stale = tmp_path / f".out.json.tmp-{dead_pid()}"
    stale.write_text("half")
    with files.atomic_path(tmp_path / "out.json") as temporary:
        temporary.write_text("{}")
    assert not stale.exists() and (tmp_path / "out.json").read_text() == "{}"


def test_a_temp_file_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    running = tmp_path / f".out.json.tmp-{os.getppid()}"
    running.write_text("being written")
    other_target = tmp_path / f".other.json.tmp-{dead_pid()}"
    other_target.write_text("not ours to judge")
    with files.atomic_path(tmp_path / "out.json") as temporary:
        temporary.write_text("{}")
    assert running.read_text() == "being written" and other_target.exists()
