"""Files written so that a crash never leaves a half file that a later run would trust."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from olmo_id.errors import SchemaError, SourceError, first_line


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


TRAINED_PAIRS = "trained_pairs.parquet"  # in an adapter folder: pair_hashes of the rows it was trained on


def pair_hashes(rows: pd.DataFrame) -> list[str]:
    """A short hex digest of each row's exact (input, output) pair: how training rows are recognised later.

    The adapter folder keeps these digests (not the texts), so evaluation can prove that a held-out file shares
    no pair with the training rows even after the training file is gone.
    """
    return [
        hashlib.blake2b(f"{question}\x00{answer}".encode("utf-8"), digest_size=8).hexdigest()
        for question, answer in zip(rows["input"].astype(str), rows["output"].astype(str))
    ]


def read_rows(path: str | os.PathLike[str], required: tuple[str, ...], hint: str) -> pd.DataFrame:
    """A parquet file's rows with non-empty `input` and `output` as text, and `selected` (if any) as plain bool.

    `hint` says where a right file comes from.
    """
    source = Path(path)
    if not source.is_file():
        raise SourceError(f"{source} tidak ada; {hint}")
    try:
        schema = pq.read_schema(source)
        rows = pd.read_parquet(source)
    except Exception as error:  # noqa: BLE001 - pyarrow raises several types for a file that is not parquet
        raise SourceError(f"{source} tidak bisa dibaca sebagai parquet: {first_line(error)}") from None
    missing = [column for column in required if column not in rows.columns]
    if missing:
        raise SchemaError(f"{source} tidak punya kolom {', '.join(missing)}; {hint}")
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
