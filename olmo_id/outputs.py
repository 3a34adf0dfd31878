"""Where a command may write: never over an input, a lesson, an adapter or a run's bookkeeping, and only where it can.

Every command checks its output here before any heavy work, so a wrong `--out` costs one line, not a lost file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyarrow.parquet as pq

from olmo_id import config
from olmo_id.errors import OutputError
from olmo_id.files import TRAINED_PAIRS

# Files that mark an adapter folder or a training run's bookkeeping; nothing but training writes inside such a folder.
ADAPTER_MARKS = ("adapter_config.json", "run_card.json")
RUN_MARKS = (*ADAPTER_MARKS, "run_identity.json")
CHECKPOINTS = "checkpoint-*"
# Names the course and training keep for their own records: never a command's output.
BOOKKEEPING = (*RUN_MARKS, "course.json", "first_eval.json", "trainer_state.json", TRAINED_PAIRS,
               "eval_rows.parquet")
LESSON_FOLDERS = ("notebooks", "colab", "solutions")
LESSONS = "[0-9][0-9]_*.ipynb"
COURSE_RECORD = "course.json"
FILE_SUFFIXES = {"sample": ".parquet", "cluster": ".parquet", "evaluate": ".json", "benchmark": ".json"}
CLUSTER_COLUMNS = ("cluster", "selected")
SAMPLE_COLUMNS = ("input", "output")
# The JSON commands: the keys an earlier output of theirs always has (so only that may be replaced), and its name.
JSON_OUTPUTS = {"evaluate": (("base", "adapter"), "results.json dari `olmo-id evaluate`"),
                "benchmark": (("tasks", "lm_eval_version"), "hasil `olmo-id benchmark`")}
Inputs = Iterable[str | os.PathLike[str] | None]  # paths a command reads; None for a flag not given


def check_file(out: str | os.PathLike[str], command: str, inputs: Inputs = ()) -> Path:
    """`out` as a file `command` (sample, cluster, evaluate, benchmark) may write; OutputError saying why not."""
    path = _given(out)
    suffix = FILE_SUFFIXES[command]
    if path.suffix.lower() != suffix:
        raise OutputError(f"berkas keluaran {path} harus berakhiran {suffix}")
    _check_place(path, inputs)
    if os.path.isdir(path):
        raise OutputError(f"{path} adalah folder; sebutkan nama berkas {suffix} di dalamnya")
    if path.name in BOOKKEEPING:
        raise OutputError(f"nama {path.name} dipakai kursus untuk catatannya sendiri; pilih nama lain untuk --out")
    if os.path.lexists(path):
        reason = _not_replaceable(path, command)
        if reason:
            raise OutputError(f"{path} sudah ada dan {reason}; pilih nama lain (berkas itu tidak disentuh)")
    _check_writable(path)
    return path


def check_folder(out: str | os.PathLike[str], command: str, inputs: Inputs = ()) -> Path:
    """`out` as the run folder of `command` (train, course); OutputError saying why not otherwise.

    A training run may resume in its own folder; a course run may run again in its own folder (it has course.json).
    """
    path = _given(out)
    if os.path.lexists(path) and not os.path.isdir(path):
        raise OutputError(f"{path} adalah berkas, padahal --out perintah {command} sebuah folder; pilih nama folder")
    if command == "course" and _holds_lessons(path):
        raise OutputError(f"{path} berisi notebook pelajaran; jalankan kursus ke folder lain, mis. runs/smoke")
    _check_place(path, inputs)
    if any(os.path.exists(path / mark) for mark in ADAPTER_MARKS):
        raise OutputError(f"{path} adalah folder adapter; pilih folder run lain untuk --out")
    if command == "course" and _is_run(path):
        raise OutputError(f"{path} adalah folder run pelatihan (checkpoint); pilih folder lain untuk kursus")
    _check_writable(path)
    return path


def _given(out: str | os.PathLike[str]) -> Path:
    """`out` as a path; an empty one is refused (it would silently mean the current folder)."""
    if not str(out).strip():
        raise OutputError("--out kosong: sebutkan berkas atau folder keluaran")
    return Path(out).expanduser()


def _check_place(path: Path, inputs: Inputs) -> None:
    """Refuse a path under a file, equal to or inside an input, or inside an adapter or a training run folder."""
    ancestors = [parent for parent in Path(os.path.realpath(path)).parents if os.path.lexists(parent)]
    if ancestors and not os.path.isdir(ancestors[0]):
        raise OutputError(f"{path} ada di bawah {ancestors[0]}, yang berupa berkas, bukan folder; pilih tempat lain")
    for given in inputs:
        if given is None or not str(given):
            continue
        source = Path(given).expanduser()
        if _same(path, source):
            raise OutputError(f"{path} juga masukan perintah ini; menulis ke sana menimpa masukannya: pilih nama lain")
        if os.path.isdir(source) and _inside(path, source):
            raise OutputError(f"{path} ada di dalam folder masukan {source}; tulis keluaran di luar folder itu")
    for folder in ancestors:
        if _is_run(folder):
            raise OutputError(
                f"{path} ada di dalam {folder}, folder adapter atau run pelatihan; tulis di luar folder itu"
            )


def _not_replaceable(path: Path, command: str) -> str:
    """Why the existing file at `path` is not an earlier output of `command` ('' when it is)."""
    if command in JSON_OUTPUTS:
        keys, name = JSON_OUTPUTS[command]
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            content = None
        if isinstance(content, dict) and all(key in content for key in keys):
            return ""
        return f"bukan {name} (tanpa kunci {' dan '.join(keys)})"
    try:
        columns = set(pq.read_schema(path).names)
    except Exception:  # noqa: BLE001 - pyarrow raises several types for a file that is not parquet
        return "bukan berkas parquet"
    if command == "cluster":
        if all(column in columns for column in CLUSTER_COLUMNS):
            return ""
        return "bukan hasil `olmo-id cluster` (tidak punya kolom cluster dan selected)"
    if any(column in columns for column in CLUSTER_COLUMNS):
        return "sudah berisi kolom cluster/selected (hasil klaster): sampel baru tidak boleh menimpa hasil klaster"
    if not all(column in columns for column in SAMPLE_COLUMNS):
        return "bukan sampel Cendol (tidak punya kolom input dan output)"
    return ""


def _check_writable(path: Path) -> None:
    """Create and delete a temporary file in the nearest existing folder of `path`; nothing else is created."""
    real = Path(os.path.realpath(path))
    folder = next(parent for parent in (real, *real.parents) if os.path.isdir(parent))
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".olmo-id-probe-"):
            pass
    except OSError as error:
        raise OutputError(f"{path} tidak bisa ditulis ({error.strerror or error}); pilih folder lain") from None


def _same(path: Path, other: Path) -> bool:
    """Whether two paths name one file or folder (symlinks resolved; hard links too when both exist)."""
    if os.path.realpath(path) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` lies somewhere below `folder` (both resolved)."""
    return Path(os.path.realpath(folder)) in Path(os.path.realpath(path)).parents


def _is_run(folder: Path) -> bool:
    """Whether `folder` is an adapter or a training run's bookkeeping (marks or checkpoints in it)."""
    if any(os.path.lexists(folder / mark) for mark in RUN_MARKS):
        return True
    try:
        return any(folder.glob(CHECKPOINTS))
    except OSError:
        return False


def _holds_lessons(path: Path) -> bool:
    """Whether `path` is a lessons folder of the repository, or holds NN_*.ipynb without being a course run folder."""
    if _same(path, config.REPO_ROOT) or any(_same(path, config.REPO_ROOT / name) for name in LESSON_FOLDERS):
        return True
    try:
        return any(path.glob(LESSONS)) and not os.path.exists(path / COURSE_RECORD)
    except OSError:
        return False
