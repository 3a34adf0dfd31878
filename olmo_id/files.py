"""Files written so that a crash never leaves a half file that a later run would trust."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from olmo_id.errors import EmptyDataError, SchemaError, SourceError, first_line

# A Hub id: owner/name, each made of letters, digits, '_', '-' and '.', beginning and ending with a letter or digit.
_HUB_ID = re.compile(r"\w(?:[\w.-]*\w)?/\w(?:[\w.-]*\w)?")
PARQUET_BATCH_ROWS = 20_000  # rows per record batch when a parquet file is streamed: a few MB of text at a time


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to `path`; rename it onto `path` only if the block succeeds.

    Temporaries that killed writers left next to `path` are removed first; those of running writers stay.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def sha256_file(path: str | os.PathLike[str], chunk_bytes: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks so large files cost no memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_bytes):
            digest.update(chunk)
    return digest.hexdigest()


def write_json_atomic(path: str | os.PathLike[str], value: object, indent: int | None = 2) -> Path:
    """Write `value` as UTF-8 JSON through `atomic_path`: a reader finds the old file or the new one, never half."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return Path(path)


def why_unreadable(path: str | os.PathLike[str]) -> str | None:
    """Why a saved file cannot be read back whole (missing, empty, cut short, not what its suffix says), or None.

    Checked by suffix: .json must hold a JSON object, .safetensors must load with at least one tensor, .pt and .pth
    must be whole zip archives (torch's format). Other files only need to exist.
    """
    source = Path(path)
    if not source.is_file():
        return "tidak ada"
    if source.stat().st_size == 0:
        return "kosong (0 byte): penyimpanan atau salinannya terputus"
    suffix = source.suffix.lower()
    try:
        if suffix == ".json":
            value = json.loads(source.read_text(encoding="utf-8"))
            if not isinstance(value, dict):
                return f"harus berisi objek JSON {{...}}, bukan {type(value).__name__}"
        elif suffix == ".safetensors":
            if not _load_every_tensor(source):
                return "tidak berisi satu tensor pun"
        elif suffix in (".pt", ".pth"):
            with zipfile.ZipFile(source) as archive:
                broken = archive.testzip()
            if broken is not None:
                return f"rusak atau terpotong (arsip torch, {broken} tidak utuh)"
    except json.JSONDecodeError as error:
        return f"bukan JSON yang sah ({first_line(error)})"
    except Exception as error:  # noqa: BLE001 - zipfile, safetensors and the OS raise several types for a damaged file
        return f"rusak atau terpotong ({first_line(error)})"
    return None


def is_hub_id(text: str) -> bool:
    """Whether `text` has the shape of a Hugging Face Hub id (`owner/name`) rather than a local path.

    A path starts with `.`, `/` or `~`, holds no slash or several, or a character no Hub id has (`:`, `\\`).
    Callers look for a local file of that name first: the shape decides only for names that exist nowhere.
    """
    return _HUB_ID.fullmatch(text) is not None


TRAINED_PAIRS = "trained_pairs.parquet"  # in an adapter folder: pair_hashes of the rows it was trained on


def pair_hashes(rows: pd.DataFrame) -> list[str]:
    """A short hex digest of each row's exact (input, output) pair: how training rows are recognised later.

    The adapter folder keeps these digests (not the texts), so evaluation can prove that a held-out file shares
    no pair with the training rows even after the training file is gone.
    """
    return [
        hashlib.blake2b(f"{question}\x00{answer}".encode(), digest_size=8).hexdigest()
        for question, answer in zip(rows["input"].astype(str), rows["output"].astype(str), strict=True)
    ]


def read_rows(path: str | os.PathLike[str], required: tuple[str, ...], hint: str) -> pd.DataFrame:
    """A parquet file's rows with non-empty `input` and `output` as text, and `selected` (if any) as plain bool.

    `hint` says where a right file comes from.
    """
    source = Path(path)
    schema = open_parquet(source, hint).schema_arrow
    _require_columns(source, schema, required, hint)
    with _parquet_errors(source):
        rows = pd.read_parquet(source)
    if "selected" in rows.columns:
        kind = schema.field("selected").type
        if kind != pa.bool_():
            raise SchemaError(
                f"{source}: kolom 'selected' harus boolean (True/False), bukan {kind}; buat ulang berkas itu "
                "di notebook 02 atau dengan `olmo-id cluster --select N`"
            )
        rows["selected"] = rows["selected"].astype("boolean").fillna(False).astype(bool)  # a missing mark: not chosen
    rows = rows.dropna(subset=["input", "output"])
    for column in ("input", "output"):
        rows[column] = rows[column].astype(str)  # a column of numbers still reads as text
    return rows[rows["input"].str.strip().astype(bool) & rows["output"].str.strip().astype(bool)]


def iter_parquet(path: str | os.PathLike[str], columns: list[str] | None = None,
                 batch_rows: int = PARQUET_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """Record batches of a parquet file, reading only `columns` (all when None)."""
    with _parquet_errors(Path(path)):
        yield from pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=columns)


def parquet_row_count(path: str | os.PathLike[str], hint: str) -> int:
    """Rows in a parquet file, from its footer; an EmptyDataError when it has none."""
    total = open_parquet(path, hint).metadata.num_rows
    if total == 0:
        raise EmptyDataError(f"{path} tidak berisi baris; {hint}")
    return total


def check_columns(path: str | os.PathLike[str], columns: tuple[str, ...] | list[str], hint: str) -> None:
    """Raise SchemaError naming the `columns` a parquet file lacks (read from its footer, not its rows)."""
    _require_columns(path, open_parquet(path, hint).schema_arrow, columns, hint)


def open_parquet(path: str | os.PathLike[str], hint: str) -> pq.ParquetFile:
    """The parquet file at `path`, its footer read; a one-line SourceError (ending in `hint`) when it is missing."""
    source = Path(path)
    if not source.is_file():
        raise SourceError(f"{source} tidak ada; {hint}")
    with _parquet_errors(source):
        return pq.ParquetFile(source)


def _require_columns(path: str | os.PathLike[str], schema: pa.Schema, columns: tuple[str, ...] | list[str],
                     hint: str) -> None:
    """Raise SchemaError naming the `columns` that `schema` (the file at `path`'s) lacks."""
    missing = [column for column in columns if column not in schema.names]
    if missing:
        raise SchemaError(f"{path} tidak punya kolom {', '.join(missing)}; {hint}")


@contextmanager
def _parquet_errors(path: Path) -> Iterator[None]:
    """Turn a failure to read `path` as parquet into the one-line SourceError; the only place that does.

    pyarrow raises several types for a file that is not parquet (ArrowInvalid, OSError, ...), and pandas
    a ValueError for damaged pandas metadata.
    """
    try:
        yield
    except (OSError, ValueError, pa.ArrowException) as error:
        raise SourceError(f"{path} tidak bisa dibaca sebagai parquet: {first_line(error)}") from None


def _remove_stale_temporaries(target: Path) -> None:
    """Delete `target`'s temporary siblings whose writing process no longer runs (it was killed mid-write)."""
    if os.name != "posix":  # os.kill(pid, 0) probes a process only on POSIX; on Windows it would signal it
        return
    pattern = re.compile(rf"\.{re.escape(target.name)}\.tmp-(\d+)")
    for sibling in target.parent.glob(f".{glob.escape(target.name)}.tmp-*"):
        match = pattern.fullmatch(sibling.name)
        if match and not _process_runs(int(match.group(1))) and sibling.is_file():
            with contextlib.suppress(FileNotFoundError):  # another writer may have cleaned it up first
                sibling.unlink()


def _process_runs(pid: int) -> bool:
    """True if a process with this id may exist (ours or another user's); False only when it surely does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process, or a number no pid can be: leave it
        pass
    return True


def _load_every_tensor(path: Path) -> int:
    """Read every tensor of a safetensors file (a truncated one fails here); how many there are."""
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as weights:
        names = list(weights.keys())
        for name in names:
            weights.get_tensor(name)
    return len(names)
