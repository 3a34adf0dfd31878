"""Files the course writes and reads back: atomic writes and tolerant reading of row files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import torch
from safetensors.torch import save_file

from olmo_id import files
from olmo_id.errors import EmptyDataError, SchemaError, SourceError

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


HINT = "buat berkas itu di notebook 01"
# Every way the course reads a parquet file, each with the same errors for a file it cannot use.
READERS = {
    "read_rows": lambda path: files.read_rows(path, ("input",), HINT),
    "parquet_row_count": lambda path: files.parquet_row_count(path, HINT),
    "check_columns": lambda path: files.check_columns(path, ["input"], HINT),
    "iter_parquet": lambda path: list(files.iter_parquet(path)),
}


@pytest.mark.parametrize("read", READERS.values(), ids=READERS)
def test_a_file_that_is_not_parquet_is_one_line_naming_it(tmp_path: Path, read) -> None:
    fake = tmp_path / "fake.parquet"
    fake.write_text("input,output\nhalo,dunia\n", encoding="utf-8")
    with pytest.raises(SourceError, match="fake.parquet tidak bisa dibaca sebagai parquet: ") as caught:
        read(fake)
    assert len(str(caught.value).splitlines()) == 1


@pytest.mark.parametrize("name", [name for name in READERS if name != "iter_parquet"])
def test_a_missing_file_says_where_it_comes_from(tmp_path: Path, name: str) -> None:
    with pytest.raises(SourceError, match=f"none.parquet tidak ada; {HINT}"):
        READERS[name](tmp_path / "none.parquet")


def test_a_parquet_file_without_rows_is_an_error(tmp_path: Path) -> None:
    path = rows_file(tmp_path / "r.parquet", input=pa.array([], pa.string()))
    with pytest.raises(EmptyDataError, match=f"r.parquet tidak berisi baris; {HINT}"):
        files.parquet_row_count(path, HINT)


def test_missing_columns_are_named_from_the_footer(tmp_path: Path) -> None:
    path = rows_file(tmp_path / "r.parquet", input=pa.array(["a"]))
    files.check_columns(path, ["input"], HINT)
    with pytest.raises(SchemaError, match=f"r.parquet tidak punya kolom output, subset_name; {HINT}"):
        files.check_columns(path, ["input", "output", "subset_name"], HINT)


def test_iter_parquet_streams_only_the_asked_columns(tmp_path: Path) -> None:
    path = rows_file(tmp_path / "r.parquet", input=pa.array(["a", "b", "c"]), output=pa.array(["x", "y", "z"]))
    batches = list(files.iter_parquet(path, ["output"], batch_rows=2))
    assert [batch.num_rows for batch in batches] == [2, 1]
    assert all(batch.schema.names == ["output"] for batch in batches)


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


# A writer killed (SIGKILL) halfway through writing its JSON: the bytes it wrote stay in its temporary file.
KILLED_MID_WRITE = """
import os, pathlib, signal, sys
from olmo_id import files

def half_then_killed(self, text, **kwargs):
    with open(self, "w", encoding="utf-8") as handle:
        handle.write(text[: len(text) // 2])
    os.kill(os.getpid(), signal.SIGKILL)

pathlib.Path.write_text = half_then_killed
files.write_json_atomic(sys.argv[1], {"version": "new", "rows": list(range(100))})
"""


def test_a_json_writer_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = files.write_json_atomic(tmp_path / "course.json", {"version": "old"})
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(target)], capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == {"version": "old"}
    assert [path.name for path in tmp_path.glob(".course.json.tmp-*")]  # the half file never took the name
    files.write_json_atomic(target, {"version": "newer"})
    assert json.loads(target.read_text(encoding="utf-8")) == {"version": "newer"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["course.json"]  # the killed writer's half is gone


@pytest.mark.parametrize("text, is_hub", [
    ("allenai/OLMo-1B-hf", True), ("indonlp/cendol_collection_v2", True), ("budi/adapter-v1.2", True),
    ("gpt2", False), ("adapter", False), ("./runs/adapter", False), ("../adapter", False), ("~/adapter", False),
    ("/content/drive/adapter", False), ("runs/t4/adapter", False), ("C:/runs", False), ("C:\\runs\\adapter", False),
    ("budi/", False), ("budi/.hidden", False),
])
def test_only_owner_slash_name_is_taken_for_a_hub_id(text: str, is_hub: bool) -> None:
    assert files.is_hub_id(text) is is_hub


def saved_files(folder: Path) -> dict[str, Path]:
    """One whole file of each kind a run saves: JSON object, safetensors weights, a torch archive, anything else."""
    folder.mkdir()
    (folder / "state.json").write_text('{"global_step": 3}', encoding="utf-8")
    save_file({"lora_A": torch.ones(4, 4)}, str(folder / "adapter_model.safetensors"))
    torch.save({"step": 3}, folder / "optimizer.pt")
    (folder / "training_args.bin").write_bytes(b"\x00" * 10)
    return {path.name: path for path in folder.iterdir()}


def _cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize("name, damage, words", [
    ("state.json", Path.unlink, "tidak ada"),
    ("state.json", lambda path: path.write_bytes(b""), "kosong"),
    ("state.json", _cut, "bukan JSON yang sah"),
    ("state.json", lambda path: path.write_text("[3]", encoding="utf-8"), "objek JSON"),
    ("adapter_model.safetensors", _cut, "rusak atau terpotong"),
    ("adapter_model.safetensors", lambda path: save_file({}, str(path)), "tidak berisi satu tensor"),
    ("optimizer.pt", _cut, "rusak atau terpotong"),
])
def test_a_damaged_saved_file_is_named_with_what_is_wrong(name: str, damage, words: str, tmp_path: Path) -> None:
    saved = saved_files(tmp_path / "run")
    assert all(files.why_unreadable(path) is None for path in saved.values())
    damage(saved[name])
    assert words in (files.why_unreadable(saved[name]) or "")


def test_a_file_of_no_known_kind_only_needs_to_exist(tmp_path: Path) -> None:
    args = saved_files(tmp_path / "run")["training_args.bin"]
    _cut(args)
    assert files.why_unreadable(args) is None
