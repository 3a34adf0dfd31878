"""Files written so that a crash never leaves a half file that a later run would trust."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from olmo_id.errors import SchemaError, SourceError, first_line


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to `path`; rename it onto `path` only if the block succeeds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
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
    """A parquet file's rows that have non-empty `input` and `output`; `hint` says where a right file comes from."""
    source = Path(path)
    if not source.is_file():
        raise SourceError(f"{source} tidak ada; {hint}")
    try:
        rows = pd.read_parquet(source)
    except Exception as error:  # noqa: BLE001 - pyarrow raises several types for a file that is not parquet
        raise SourceError(f"{source} tidak bisa dibaca sebagai parquet: {first_line(error)}") from None
    missing = [column for column in required if column not in rows.columns]
    if missing:
        raise SchemaError(f"{source} tidak punya kolom {', '.join(missing)}; {hint}")
    return rows[rows["input"].str.strip().astype(bool) & rows["output"].str.strip().astype(bool)]
