"""Sampling Cendol rows: load, validate, filter, clean, de-duplicate, stratify, cache.

One code path serves the Hub and local files: both become a memory-mapped Arrow
`datasets.Dataset`, which is scanned in batches, so the 12.8M rows of Cendol are
never held in pandas at once. Only the sampled rows are materialised.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from olmo_id import outputs
from olmo_id.config import Config
from olmo_id.errors import (
    CacheError,
    ConfigError,
    EmptyDataError,
    SchemaError,
    SourceError,
    UnknownSubsetError,
    first_line,
)
from olmo_id.files import atomic_path, is_hub_id, sha256_file
from olmo_id.tables import share_table

if TYPE_CHECKING:
    from datasets import Dataset

REQUIRED_COLUMNS = ("dataset_name", "subset_name", "prompt_id", "template_name", "dataset_key", "input", "output")
TEXT_COLUMNS = ("input", "output")
LOCAL_FORMATS = {".jsonl": "json", ".json": "json", ".parquet": "parquet", ".csv": "csv"}
BATCH_ROWS = 25_000  # each batch briefly copies its texts a few times; small batches keep that peak low
SMALL_STRATA = "(template kecil, diambil acak)"
MISSING_STRATUM = "(tanpa nama)"
CUT_OFF_START = r"^(adalah|merupakan)\b"
# Bump when the cleaning or sampling logic changes, so caches made by older code are rebuilt.
CACHE_VERSION = 2  # 2: texts always strings, "\r\n" and "\r" line breaks read as "\n"
CACHE_METADATA_KEY = b"olmo_id"


@dataclass
class PoolReport:
    """What cleaning did to the source: rows read, dropped (and why) and kept, overall and per subset."""

    source: str
    rows_read: int
    rows_outside_subsets: int
    empty_dropped: int
    duplicates_dropped: int
    rows_kept: int
    per_subset: dict[str, dict[str, int]]
    kept_counts: dict[str, dict[str, int]]

    def table(self) -> pd.DataFrame:
        """Per-subset counts (read, empty, duplicate, kept) as a DataFrame for display."""
        frame = pd.DataFrame.from_dict(self.per_subset, orient="index").rename_axis("subset_name")
        return frame.sort_index()

    def summary(self) -> str:
        """Three lines in Indonesian: what was read, what was dropped, what remains."""
        return (
            f"Sumber: {self.source}\n"
            f"Dibaca {self.rows_read:,} baris; {self.rows_outside_subsets:,} di luar subset yang dipilih.\n"
            f"Dibuang: {self.empty_dropped:,} baris kosong, {self.duplicates_dropped:,} duplikat persis. "
            f"Tersisa {self.rows_kept:,} baris."
        )


@dataclass
class StrataReport:
    """How the sample was split over strata, and which strata were too small for their own quota."""

    column: str
    n: int
    pool_rows: int
    quotas: dict[str, int]
    small_strata: dict[str, int]
    small_quota: int

    @property
    def all_random(self) -> bool:
        """True when no stratum was large enough: the whole sample is a plain random sample."""
        return not self.quotas

    def summary(self) -> str:
        """An Indonesian explanation of the quotas and of the random fallback."""
        lines = [f"Stratifikasi menurut {self.column}: {len(self.quotas)} strata mendapat kuota sendiri."]
        if self.small_strata:
            names = ", ".join(f"{name} ({count})" for name, count in sorted(self.small_strata.items()))
            lines.append(
                f"{len(self.small_strata)} strata terlalu kecil (jatahnya < 1 baris dari {self.n:,}): {names}. "
                f"Mereka digabung dan {self.small_quota} baris diambil acak dari gabungan itu."
            )
        if self.all_random:
            lines.append("Tidak ada strata yang cukup besar, jadi seluruh sampel diambil acak (fallback).")
        return "\n".join(lines)


@dataclass
class Pool:
    """The cleaned rows (Arrow-backed, not in pandas) with their strata and the cleaning report."""

    dataset: Dataset  # the kept rows, in source order
    strata: pd.DataFrame  # one row per kept row: subset_name and the stratification column
    report: PoolReport

    def __len__(self) -> int:
        return self.report.rows_kept


@dataclass
class SampleResult:
    """The sampled rows, how they were drawn, and whether they came from the cache."""

    rows: pd.DataFrame
    pool: PoolReport
    strata: StrataReport
    cache_file: Path | None = None
    from_cache: bool = False
    notes: list[str] = field(default_factory=list)

    def shares(self, by: str = "subset_name") -> pd.DataFrame:
        """Rows and percentages per value of `by`, in the cleaned pool and in the sample, side by side."""
        pool = pd.Series(self.pool.kept_counts[by], dtype="int64")
        table = share_table(pool, self.rows[by].astype(str).value_counts(), by)
        return table.sort_values(["pool", by], ascending=[False, True])


def cut_off_answers(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows whose answer starts mid-sentence ("adalah ...", "merupakan ..."): the template cut off the subject."""
    return rows[rows["output"].astype(str).str.match(CUT_OFF_START)]


def sample(cfg: Config, use_cache: bool = True) -> SampleResult:
    """The candidate pool of notebook 01: `cfg.pool_size` rows of `cfg.source` (0: all), cleaned and stratified.

    A cached sample is reused only if every input matches (see `cache_key`).
    """
    dataset = open_source(cfg.source)
    key = cache_key(cfg, dataset) if use_cache else None
    if key is None:  # no cache asked for, or nothing on disk identifies the source's content
        return _draw(dataset, cfg)
    path = cfg.cache_path / "samples" / f"sample-{key[:24]}.parquet"
    cached, problem = read_cache(path, key)
    if cached is not None:
        return cached
    result = _draw(dataset, cfg)
    if problem:
        result.notes.append(problem)
        print(problem, file=sys.stderr)
    write_cache(result, path, key)
    return result


def load_pool(cfg: Config) -> Pool:
    """Open `cfg.source` and return its cleaned pool: chosen subsets, no empty rows, no exact duplicates."""
    return build_pool(open_source(cfg.source), cfg.source, cfg.subsets, cfg.stratify_by)


def open_source(source: str) -> Dataset:
    """Open a Hub dataset id, a local dataset folder, or a .jsonl/.json/.parquet/.csv file as a `datasets.Dataset`."""
    import datasets

    path = Path(source).expanduser()
    if path.is_file():
        builder = LOCAL_FORMATS.get(path.suffix.lower())
        if builder is None:
            raise SourceError(
                f"{path}: format '{path.suffix}' tidak didukung; pakai .jsonl, .json, .parquet atau .csv"
            )
        if _is_blank(path):
            raise SourceError(f"{path} kosong, tanpa satu baris data pun; periksa path-nya atau buat ulang berkasnya")
        try:
            return _load(lambda: datasets.load_dataset(builder, data_files=str(path), split="train"),
                         str(path), builder)
        except SourceError:
            if path.suffix.lower() == ".jsonl":
                _raise_bad_json_line(path)
            raise
    if path.is_dir():
        # A local folder goes through the same loader as a Hub repository after its download.
        return _load(lambda: datasets.load_dataset(str(path), split="train"), f"{path}", "dataset")
    if path.suffix.lower() in LOCAL_FORMATS or not is_hub_id(source):
        raise SourceError(
            f"{source} tidak ada; periksa path-nya, atau pakai id dataset Hub seperti 'indonlp/cendol_collection_v2'"
        )
    return _load(
        lambda: datasets.load_dataset(source, split="train"), f"dataset Hub '{source}'", "dataset Hub",
        "; periksa id-nya, koneksi internet, dan HF_TOKEN bila dataset itu privat",
    )


def build_pool(dataset: Dataset, source: str, subsets: tuple[str, ...], by: str) -> Pool:
    """Clean an opened dataset: keep `subsets`, drop rows with empty text, drop exact (input, output) duplicates.

    `source` names the data in messages and the report; `by` is the stratification column kept for every row.
    """
    _check_schema(dataset, source, by)
    _check_subsets(dataset, subsets)
    scan = _scan(dataset, subsets, by)
    if not scan["nonempty"].any():
        raise EmptyDataError(
            f"{source}: semua {len(scan['positions']):,} baris di subset {', '.join(subsets)} "
            "punya input atau output kosong; tidak ada yang bisa dipakai"
        )
    duplicate = _exact_duplicates(dataset, scan)
    kept = scan["nonempty"] & ~duplicate
    strata = pd.DataFrame({column: scan[column][kept] for column in _strata_columns(by)})
    report = _pool_report(source, len(dataset), scan, duplicate, kept, strata)
    return Pool(dataset=dataset.select(scan["positions"][kept], keep_in_memory=True), strata=strata, report=report)


def stratified_sample(pool: Pool, n: int, by: str, seed: int) -> SampleResult:
    """Draw `n` rows, each stratum of column `by` within one row of its proportional share.

    Strata too small for a row of their own are drawn at random together.
    """
    rows = len(pool)
    if not 0 < n <= rows:
        raise ConfigError(
            f"pool_size={n:,} harus antara 1 dan {rows:,} (baris yang tersisa setelah pembersihan); "
            "turunkan pool_size, pakai 0 untuk seluruh pool, atau tambahkan subset"
        )
    if by not in pool.strata:
        raise ConfigError(f"pool ini dibuat tanpa kolom strata '{by}'; buat pool-nya dengan stratify_by='{by}'")
    groups, report = _plan_strata(pool.strata[by], n)
    rng = np.random.default_rng(seed)
    chosen = [rng.choice(members, size=quota, replace=False) for members, quota in groups if quota]
    positions = np.sort(np.concatenate(chosen)) if chosen else np.empty(0, dtype=np.int64)
    frame = _clean_texts(pool.dataset.select(positions).with_format("arrow")[:]).to_pandas()
    return SampleResult(rows=frame.reset_index(drop=True), pool=pool.report, strata=report)


def cache_key(cfg: Config, dataset: Dataset) -> str | None:
    """Hex digest of everything that decides the sample: code version, source content, subsets, size, seed, strata.

    None when the source's content has no identity (a dataset held only in memory): such a sample is not cached.
    """
    identity = source_identity(cfg.source, dataset)
    if identity is None:
        return None
    parts = dict(
        version=CACHE_VERSION, source=identity, subsets=sorted(cfg.subsets),
        pool_size=cfg.pool_size, seed=cfg.seed, stratify_by=cfg.stratify_by,
    )
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def source_identity(source: str, dataset: Dataset) -> object | None:
    """What identifies the source's content: a local file's SHA-256, else the Arrow files `datasets` read it from.

    A Hub dataset or a folder becomes Arrow files in the `datasets` cache; their names, sizes and modification
    times change when a new revision is downloaded or the folder's files change, so a stale sample is never reused.
    None for a dataset held only in memory: nothing then tells one content from another.
    """
    path = Path(source).expanduser()
    if path.is_file():
        return sha256_file(path)
    files = [Path(entry["filename"]) for entry in dataset.cache_files]
    if not files:
        return None
    return [[str(file), file.stat().st_size, file.stat().st_mtime_ns] for file in files]


def read_cache(path: Path, key: str) -> tuple[SampleResult | None, str]:
    """Return (cached result, "") when `path` holds a sample made with `key`; else (None, why it was not used)."""
    if not path.exists():
        return None, ""
    try:
        with open(path, "rb") as handle:  # a folder or a file without read permission cannot be a cache
            table = pq.read_table(handle)
    except (PermissionError, IsADirectoryError) as error:
        raise CacheError(
            f"cache {path} tidak bisa dibaca ({error.strerror}); "
            "hapus berkas itu atau pilih folder lain lewat cache_dir"
        ) from None
    except (OSError, pa.ArrowException) as error:
        return None, f"Cache {path} rusak ({first_line(error)}); sampel dibuat ulang."
    meta = json.loads((table.schema.metadata or {}).get(CACHE_METADATA_KEY, b"{}") or b"{}")
    if meta.get("key") != key or meta.get("rows") != table.num_rows:
        return None, f"Cache {path} tidak cocok dengan parameter ini; sampel dibuat ulang."
    rows = table.replace_schema_metadata(None).to_pandas()
    return SampleResult(
        rows=rows, pool=PoolReport(**meta["pool"]), strata=StrataReport(**meta["strata"]),
        cache_file=path, from_cache=True,
    ), ""


def write_cache(result: SampleResult, path: Path, key: str) -> None:
    """Write the sample and its reports to `path` atomically; the key in its metadata guards against staleness."""
    meta = dict(key=key, rows=len(result.rows), pool=dataclasses.asdict(result.pool),
                strata=dataclasses.asdict(result.strata))
    table = pa.Table.from_pandas(result.rows, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), CACHE_METADATA_KEY: json.dumps(meta).encode()}
    table = table.replace_schema_metadata(metadata)
    try:
        with atomic_path(path) as temporary:
            pq.write_table(table, temporary)
    except OSError as error:
        raise CacheError(
            f"cache {path} tidak bisa ditulis ({error.strerror or error}); pilih folder lain lewat cache_dir"
        ) from None
    result.cache_file = path


def write_sample(result: SampleResult, out: str | Path) -> Path:
    """Write the sampled rows to a .parquet file atomically and return its path (never over its source or a lesson)."""
    path = outputs.check_file(out, "sample", [result.pool.source])
    try:
        with atomic_path(path) as temporary:
            result.rows.to_parquet(temporary, index=False)
    except OSError as error:
        raise SourceError(f"{path} tidak bisa ditulis ({error.strerror or error}); pilih folder lain") from None
    return path


def _draw(dataset: Dataset, cfg: Config) -> SampleResult:
    """Clean `dataset` as `cfg` says and draw `cfg.pool_size` rows from it stratified (0: every row)."""
    pool = build_pool(dataset, cfg.source, cfg.subsets, cfg.stratify_by)
    return stratified_sample(pool, cfg.pool_size or len(pool), cfg.stratify_by, cfg.seed)


def _load(opener: Callable[[], Dataset], label: str, kind: str, hint: str = "") -> Dataset:
    """Run a `datasets` loader and turn any read failure into one SourceError line."""
    import datasets

    level = datasets.logging.get_verbosity()
    datasets.logging.set_verbosity(datasets.logging.CRITICAL)  # its own log line would repeat our message
    try:
        return opener()
    except Exception as error:  # datasets wraps parser errors in many types; all mean "cannot read this"
        cause = error.__cause__ or error.__context__ or error
        raise SourceError(f"{label} tidak bisa dibaca sebagai {kind}: {first_line(cause)}{hint}") from None
    finally:
        datasets.logging.set_verbosity(level)


def _is_blank(path: Path) -> bool:
    """True when the file holds nothing but whitespace (reads only up to its first other byte)."""
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 16):
            if chunk.strip():
                return False
    return True


def _raise_bad_json_line(path: Path) -> None:
    """Raise SourceError naming the first line of a JSON Lines file that does not parse; return if every line does."""
    with open(path, encoding="utf-8", errors="replace", newline="\n") as handle:  # bad bytes: `datasets` reads them too
        for number, line in enumerate(handle, start=1):
            try:
                if line.strip():
                    json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as error:
                raise SourceError(
                    f"{path} baris {number} bukan JSON yang valid: {error.msg} (kolom {error.colno})"
                ) from None


def _check_schema(dataset: Dataset, source: str, by: str) -> None:
    """Raise SchemaError naming every required column (and the stratification column `by`) the dataset lacks."""
    needed = dict.fromkeys((*REQUIRED_COLUMNS, by))
    missing = [column for column in needed if column not in dataset.column_names]
    if missing:
        raise SchemaError(
            f"{source} tidak punya kolom {', '.join(missing)}; "
            f"data Cendol perlu kolom {', '.join(REQUIRED_COLUMNS)}"
        )


def _check_subsets(dataset: Dataset, subsets: tuple[str, ...]) -> None:
    """Raise UnknownSubsetError when a requested subset never occurs, listing those that do."""
    known = {str(name) for name in dataset.unique("subset_name") if name is not None}
    unknown = [name for name in subsets if name not in known]
    if unknown:
        raise UnknownSubsetError(
            f"subset {', '.join(unknown)} tidak ada di data; yang ada: {', '.join(sorted(known))}"
        )


def _strata_columns(by: str) -> tuple[str, ...]:
    """The small columns kept for every pool row: subset_name and the stratification column `by`."""
    return tuple(dict.fromkeys(("subset_name", by)))


def _scan(dataset: Dataset, subsets: tuple[str, ...], by: str) -> dict[str, np.ndarray]:
    """One batched pass: positions of rows in `subsets`, their strata, non-empty flags and text hashes."""
    columns = (*_strata_columns(by), *TEXT_COLUMNS)
    wanted = pa.array(subsets, type=pa.string())
    parts: dict[str, list] = {name: [] for name in ("positions", "nonempty", "hash", *_strata_columns(by))}
    offset = 0
    for batch in dataset.select_columns(list(columns)).with_format("arrow").iter(batch_size=BATCH_ROWS):
        inside = pc.fill_null(pc.is_in(_as_text(batch["subset_name"]), value_set=wanted), False)
        batch = batch.filter(inside)
        parts["positions"].append(offset + np.flatnonzero(inside.to_numpy(zero_copy_only=False)))
        offset += len(inside)
        nonempty = np.logical_and(*(_nonempty(batch[column]) for column in TEXT_COLUMNS))
        parts["nonempty"].append(nonempty)
        parts["hash"].append(_hash_pairs(batch, nonempty))
        for column in _strata_columns(by):
            # Dictionary-encoded: millions of rows cost one small integer each, not one Python string.
            names = pc.cast(pc.fill_null(_as_text(batch[column]), MISSING_STRATUM), pa.string())
            values = pc.dictionary_encode(names)
            parts[column].extend(values.chunks)
    scan: dict = {
        name: np.concatenate(parts[name]) if parts[name] else np.empty(0) for name in ("positions", "nonempty", "hash")
    }
    for column in _strata_columns(by):
        encoded = pa.chunked_array(parts[column], type=pa.dictionary(pa.int32(), pa.string()))
        scan[column] = pd.Categorical(encoded.unify_dictionaries().to_pandas())
    scan["positions"] = scan["positions"].astype(np.int64)
    scan["nonempty"] = scan["nonempty"].astype(bool)
    scan["hash"] = scan["hash"].astype(np.uint64)
    return scan


def _clean_texts(table: pa.Table) -> pa.Table:
    r"""The table with its text columns as strings whose line breaks are all "\n" (CSV files may hold "\r\n")."""
    for column in TEXT_COLUMNS:
        table = table.set_column(table.schema.get_field_index(column), column, _normalised(table[column]))
    return table


def _normalised(column: pa.ChunkedArray) -> pa.ChunkedArray:
    r"""The column as strings, "\r\n" and lone "\r" line breaks replaced by "\n"."""
    text = _as_text(column)
    if not pc.any(pc.match_substring(text, "\r")).as_py():  # the usual case: a scan, no copies of the texts
        return text
    return pc.replace_substring(pc.replace_substring(text, "\r\n", "\n"), "\r", "\n")


def _as_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """The column as strings (CSV files may hold numbers in text columns)."""
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column
    return pc.cast(column, pa.string())


def _nonempty(column: pa.ChunkedArray) -> np.ndarray:
    """True where the text is present and not only whitespace (tested in place, without copying the text)."""
    text = _as_text(column)
    filled = pc.and_(pc.greater(pc.binary_length(text), 0), pc.invert(pc.utf8_is_space(text)))
    return pc.fill_null(filled, False).to_numpy(zero_copy_only=False)


def _hash_pairs(batch: pa.Table, nonempty: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row's (input, output), line breaks unified; 0 for empty rows, which are dropped anyway."""
    texts = _clean_texts(batch.select(list(TEXT_COLUMNS))).to_pandas()
    hashes = pd.util.hash_pandas_object(texts, index=False, categorize=False).to_numpy()
    return np.where(nonempty, hashes, 0).astype(np.uint64)


def _exact_duplicates(dataset: Dataset, scan: dict[str, np.ndarray]) -> np.ndarray:
    r"""True for every non-empty row whose exact (input, output) occurred earlier in the source ("\r\n" = "\n").

    Hashes find the candidates cheaply; the texts of candidate rows are then compared for real,
    so a hash collision can never drop a distinct row.
    """
    nonempty = np.flatnonzero(scan["nonempty"])
    repeated = pd.Series(scan["hash"][nonempty]).duplicated(keep=False).to_numpy()
    duplicate = np.zeros(len(scan["positions"]), dtype=bool)
    if repeated.any():
        suspects = nonempty[repeated]
        candidates = dataset.select(scan["positions"][suspects]).select_columns(list(TEXT_COLUMNS))
        texts = _clean_texts(candidates.with_format("arrow")[:]).to_pandas()
        duplicate[suspects] = texts.duplicated(keep="first").to_numpy()
    return duplicate


def _pool_report(source: str, rows_read: int, scan: dict, duplicate: np.ndarray, kept: np.ndarray,
                 strata: pd.DataFrame) -> PoolReport:
    """Count read, empty, duplicate and kept rows per subset."""
    subset = pd.Series(scan["subset_name"].astype(str))
    flags = pd.DataFrame({"dibaca": 1, "kosong": ~scan["nonempty"], "duplikat": duplicate, "tersisa": kept})
    per_subset = flags.groupby(subset.to_numpy()).sum().astype(int)
    kept_counts = {
        column: {str(name): int(count) for name, count in strata[column].value_counts().items() if count}
        for column in strata.columns
    }
    return PoolReport(
        source=source,
        rows_read=int(rows_read),
        rows_outside_subsets=int(rows_read - len(scan["positions"])),
        empty_dropped=int((~scan["nonempty"]).sum()),
        duplicates_dropped=int(duplicate.sum()),
        rows_kept=int(kept.sum()),
        per_subset={str(name): {k: int(v) for k, v in row.items()} for name, row in per_subset.iterrows()},
        kept_counts=kept_counts,
    )


def _plan_strata(strata: pd.Series, n: int) -> tuple[list[tuple[np.ndarray, int]], StrataReport]:
    """Quotas by largest remainder: each stratum whose share is >= 1 row gets floor or ceil of it.

    Strata whose proportional share is below one row cannot be represented in proportion; they are
    merged into one group that receives their summed share, drawn at random (the tutorial's fallback,
    applied only where stratification really fails).
    """
    codes = pd.Categorical(strata.astype(str))
    counts = pd.Series(np.bincount(codes.codes, minlength=len(codes.categories)), index=codes.categories)
    counts = counts[counts > 0].sort_index()
    share = counts * n / counts.sum()
    big = share[share >= 1]
    small = counts[share < 1]
    group_share = pd.concat([big, pd.Series({SMALL_STRATA: share[share < 1].sum()})]) if len(small) else big
    quota = _largest_remainder(group_share, n)
    members = {name: np.flatnonzero(codes.codes == codes.categories.get_loc(name)) for name in big.index}
    if len(small):
        small_codes = [codes.categories.get_loc(name) for name in small.index]
        members[SMALL_STRATA] = np.flatnonzero(np.isin(codes.codes, small_codes))
    groups = [(members[name], int(quota[name])) for name in group_share.index]
    report = StrataReport(
        column=str(strata.name), n=n, pool_rows=int(counts.sum()),
        quotas={str(name): int(quota[name]) for name in big.index},
        small_strata={str(name): int(count) for name, count in small.items()},
        small_quota=int(quota.get(SMALL_STRATA, 0)),
    )
    return groups, report


def _largest_remainder(shares: pd.Series, n: int) -> pd.Series:
    """Integer quotas summing to `n`: floors first, the rest to the largest remainders (ties by name)."""
    floors = np.floor(shares).astype(int)
    # Rounded so that shares equal in exact arithmetic (1/3 + 1/3 vs 2/3 in floating point) tie, and the tie is
    # broken by name: the same quotas on every machine, whatever order the floating-point sums took.
    remainder = (shares - floors).round(12)
    order = sorted(shares.index, key=lambda name: (-remainder[name], str(name)))
    floors[order[: n - int(floors.sum())]] += 1
    return floors
