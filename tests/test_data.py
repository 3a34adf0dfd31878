"""The data stage: loading, cleaning, de-duplication, stratified sampling and the cache."""

from __future__ import annotations

import csv
import math
import os
import shutil
from pathlib import Path

import datasets
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURE, row, write_jsonl

from olmo_id import config, data
from olmo_id.errors import (
    CacheError,
    ConfigError,
    EmptyDataError,
    SchemaError,
    SourceError,
    UnknownSubsetError,
)


def smoke(**overrides: object) -> config.Config:
    """The smoke profile with overrides."""
    return config.load("smoke", **overrides)


@pytest.fixture(scope="module")
def fixture_pool() -> data.Pool:
    """The cleaned pool of the shipped fixture (default subsets)."""
    return data.load_pool(smoke())


# --- loading and cleaning -------------------------------------------------------------------------

def test_pool_keeps_only_the_requested_subsets(fixture_pool: data.Pool, fixture_rows: list[dict]) -> None:
    kept = set(fixture_pool.strata["subset_name"].astype(str))
    assert kept == set(config.DEFAULT_SUBSETS)
    outside = sum(r["subset_name"] not in config.DEFAULT_SUBSETS for r in fixture_rows)
    assert outside > 0, "the fixture must hold subsets the default filter drops"
    assert fixture_pool.report.rows_outside_subsets == outside


def test_pool_counts_add_up(fixture_pool: data.Pool, fixture_rows: list[dict]) -> None:
    report = fixture_pool.report
    assert report.rows_read == len(fixture_rows)
    inside = report.rows_read - report.rows_outside_subsets
    assert inside == report.empty_dropped + report.duplicates_dropped + report.rows_kept
    table = report.table()
    assert table["tersisa"].sum() == report.rows_kept == len(fixture_pool.dataset) == len(fixture_pool.strata)


def test_empty_rows_are_dropped_and_counted(fixture_pool: data.Pool, fixture_rows: list[dict]) -> None:
    empty = sum(
        r["subset_name"] in config.DEFAULT_SUBSETS and (not r["input"].strip() or not r["output"].strip())
        for r in fixture_rows
    )
    assert empty > 0
    assert fixture_pool.report.empty_dropped == empty
    frame = fixture_pool.dataset.to_pandas()
    assert (frame["input"].str.strip() != "").all() and (frame["output"].str.strip() != "").all()


def test_exact_duplicates_are_dropped_keeping_the_first(fixture_pool: data.Pool) -> None:
    frame = fixture_pool.dataset.to_pandas()
    assert not frame.duplicated(["input", "output"]).any()
    per_subset = fixture_pool.report.table()["duplikat"]
    assert per_subset[["safety_prompt", "identity_prompt", "dolly"]].gt(0).all()


def test_duplicates_count_exactly(tmp_path: Path) -> None:
    rows = [row("dolly", "t", "a"), row("dolly", "t", "a"), row("dolly", "t", "a"), row("dolly", "t", "b"),
            row("dolly", "t", "a", "jawaban lain")]
    pool = data.load_pool(smoke(source=str(write_jsonl(tmp_path / "d.jsonl", rows)), subsets="dolly"))
    assert pool.report.duplicates_dropped == 2
    assert list(pool.dataset["prompt_id"]) == [rows[0]["prompt_id"], rows[3]["prompt_id"], rows[4]["prompt_id"]]


def test_a_hash_collision_never_drops_a_distinct_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [row("dolly", "t", f"teks {i}") for i in range(6)] + [row("dolly", "t", "teks 2")]
    monkeypatch.setattr(data, "_hash_pairs", lambda batch, nonempty: np.where(nonempty, 7, 0).astype(np.uint64))
    pool = data.load_pool(smoke(source=str(write_jsonl(tmp_path / "c.jsonl", rows)), subsets="dolly"))
    assert pool.report.duplicates_dropped == 1
    assert pool.report.rows_kept == 6


def test_whitespace_only_text_counts_as_empty(tmp_path: Path) -> None:
    rows = [row("dolly", "t", "ada"), row("dolly", "t", "   ", "x"), row("dolly", "t", "y", "\n\t ")]
    pool = data.load_pool(smoke(source=str(write_jsonl(tmp_path / "w.jsonl", rows)), subsets="dolly"))
    assert (pool.report.empty_dropped, pool.report.rows_kept) == (2, 1)



def test_numeric_text_columns_come_out_as_strings(tmp_path: Path) -> None:
    frame = pd.DataFrame([row("dolly", "t", "x") for _ in range(6)])
    frame["input"], frame["output"] = range(6), range(10, 16)
    frame.to_parquet(source := tmp_path / "angka.parquet")
    for size in (4, 0):  # a stratified sample, and the whole pool
        cfg = smoke(source=str(source), subsets="dolly", pool_size=size)
        written = pd.read_parquet(data.write_sample(data.sample(cfg, use_cache=False), tmp_path / "s.parquet"))
        assert set(written["input"]) <= {str(i) for i in range(6)}
        assert written["input"].map(type).eq(str).all() and written["output"].map(type).eq(str).all()


def test_csv_line_breaks_become_newlines_and_count_as_the_same_text(tmp_path: Path) -> None:
    texts = ["satu\r\ndua", "tiga\rempat", "satu\ndua", "lima"]
    frame = pd.DataFrame([row("dolly", "t", text, "jawab") for text in texts])
    frame["prompt_id"] = [f"p{i}" for i in range(len(texts))]
    frame.to_csv(source := tmp_path / "crlf.csv", index=False, quoting=csv.QUOTE_NONNUMERIC)  # a lone \r quoted too
    assert b"satu\r\ndua" in source.read_bytes()
    result = data.sample(smoke(source=str(source), subsets="dolly", pool_size=0), use_cache=False)
    assert result.pool.duplicates_dropped == 1
    assert sorted(result.rows["input"]) == ["lima", "satu\ndua", "tiga\nempat"]
    candidates = pd.read_parquet(data.write_sample(result, tmp_path / "c.parquet"))
    assert sorted(candidates["input"]) == ["lima", "satu\ndua", "tiga\nempat"]

# --- one code path for files, folders and the Hub ------------------------------------------------

@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_parquet_and_csv_give_the_same_sample_as_jsonl(tmp_path: Path, suffix: str) -> None:
    frame = pd.read_json(FIXTURE, lines=True, dtype=str)
    path = tmp_path / f"cendol{suffix}"
    frame.to_parquet(path) if suffix == ".parquet" else frame.to_csv(path, index=False)
    expected = data.sample(smoke(pool_size=120, seed=3), use_cache=False).rows
    got = data.sample(smoke(source=str(path), pool_size=120, seed=3), use_cache=False).rows
    assert got["prompt_id"].tolist() == expected["prompt_id"].tolist()


def test_a_dataset_folder_goes_through_the_hub_loader(tmp_path: Path) -> None:
    repo = tmp_path / "indonlp" / "cendol_collection_v2"
    (repo / "data").mkdir(parents=True)
    shutil.copy(FIXTURE, repo / "data" / "train.jsonl")
    expected = data.sample(smoke(pool_size=150, seed=1), use_cache=False).rows
    got = data.sample(smoke(source=str(repo), pool_size=150, seed=1), use_cache=False).rows
    assert got["prompt_id"].tolist() == expected["prompt_id"].tolist()


def test_a_hub_id_is_loaded_with_datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Hub branch calls `datasets.load_dataset(id, split="train")`; here the 'download' is the fixture."""
    calls = []
    real = datasets.load_dataset

    def fake_hub(path: str, *args: object, **kwargs: object) -> datasets.Dataset:
        calls.append((path, kwargs.get("split")))
        return real("json", data_files=str(FIXTURE), split="train")

    monkeypatch.setattr(datasets, "load_dataset", fake_hub)
    cfg = smoke(source=config.CENDOL_HUB_ID, pool_size=100, seed=5, cache_dir=str(tmp_path))
    result = data.sample(cfg)
    assert calls[0] == (config.CENDOL_HUB_ID, "train")
    assert len(result.rows) == 100 and set(result.rows["subset_name"]) <= set(config.DEFAULT_SUBSETS)
    assert data.sample(cfg).from_cache


# --- stratified sampling --------------------------------------------------------------------------

def test_sample_has_n_rows_of_the_default_subsets_without_duplicates() -> None:
    rows = data.sample(smoke(pool_size=200, seed=0), use_cache=False).rows
    assert len(rows) == 200
    assert set(rows["subset_name"]) <= set(config.DEFAULT_SUBSETS)
    assert not rows.duplicated(["input", "output"]).any()
    assert list(rows.columns[: len(data.REQUIRED_COLUMNS)]) == list(data.REQUIRED_COLUMNS)


@pytest.mark.parametrize(("n", "seed"), [(200, 0), (57, 3), (333, 11), (450, 42)])
def test_each_stratifiable_template_is_within_one_row_of_its_share(fixture_pool: data.Pool, n: int, seed: int) -> None:
    result = data.stratified_sample(fixture_pool, n, by="template_name", seed=seed)
    pool_counts = pd.Series(fixture_pool.report.kept_counts["template_name"])
    got = result.rows["template_name"].value_counts()
    share = pool_counts * n / pool_counts.sum()
    stratifiable = share[share >= 1].index
    assert set(result.strata.quotas) == set(stratifiable)
    for template in stratifiable:
        assert abs(got.get(template, 0) - share[template]) < 1, template
    small = set(pool_counts.index) - set(stratifiable)
    assert set(result.strata.small_strata) == small
    assert sum(got.get(t, 0) for t in small) == result.strata.small_quota
    assert abs(result.strata.small_quota - share[list(small)].sum()) < 1 + 1e-9


def test_sample_is_the_same_twice_for_one_seed() -> None:
    first = data.sample(smoke(pool_size=200, seed=0), use_cache=False).rows
    second = data.sample(smoke(pool_size=200, seed=0), use_cache=False).rows
    pd.testing.assert_frame_equal(first, second)


def test_another_seed_gives_other_rows() -> None:
    first = set(data.sample(smoke(pool_size=200, seed=0), use_cache=False).rows["prompt_id"])
    other = set(data.sample(smoke(pool_size=200, seed=1), use_cache=False).rows["prompt_id"])
    assert first != other


def test_tiny_templates_are_pooled_and_named(tmp_path: Path) -> None:
    rows = [row("dolly", "besar", f"b{i}") for i in range(40)] + [row("dolly", f"kecil{i}", f"k{i}") for i in range(5)]
    result = data.sample(smoke(source=str(write_jsonl(tmp_path / "t.jsonl", rows)), subsets="dolly", pool_size=9),
                         use_cache=False)
    assert result.strata.quotas == {"besar": 8}
    assert result.strata.small_strata == {f"kecil{i}": 1 for i in range(5)}
    assert result.strata.small_quota == 1
    assert "kecil0 (1)" in result.strata.summary()
    assert not result.strata.all_random


def test_when_every_template_is_tiny_the_sample_is_random_and_says_so(tmp_path: Path) -> None:
    rows = [row("dolly", f"t{i}", f"x{i}") for i in range(30)]
    result = data.sample(smoke(source=str(write_jsonl(tmp_path / "r.jsonl", rows)), subsets="dolly", pool_size=10),
                         use_cache=False)
    assert len(result.rows) == 10 and result.strata.all_random
    assert "fallback" in result.strata.summary()


def test_missing_template_names_form_their_own_stratum(tmp_path: Path) -> None:
    rows = [row("dolly", "t", f"a{i}") for i in range(10)] + [{**row("dolly", "t", f"b{i}"), "template_name": None}
                                                             for i in range(10)]
    result = data.sample(smoke(source=str(write_jsonl(tmp_path / "m.jsonl", rows)), subsets="dolly", pool_size=6),
                         use_cache=False)
    assert result.strata.quotas == {"t": 3, data.MISSING_STRATUM: 3}


def test_shares_table_compares_pool_and_sample() -> None:
    result = data.sample(smoke(pool_size=200, seed=0), use_cache=False)
    table = result.shares("subset_name")
    assert list(table.columns) == ["pool", "pool_%", "sampel", "sampel_%"]
    assert table["sampel"].sum() == 200 and table["pool"].sum() == result.pool.rows_kept
    assert math.isclose(table["sampel_%"].sum(), 100, abs_tol=0.6)


# --- bad input ------------------------------------------------------------------------------------

def test_missing_column_is_named(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row("dolly", "t", "a").items() if k not in ("output", "template_name")}]
    with pytest.raises(SchemaError, match="template_name, output"):
        data.load_pool(smoke(source=str(write_jsonl(tmp_path / "s.jsonl", rows))))


def test_all_rows_empty_is_an_error(tmp_path: Path) -> None:
    rows = [row("dolly", "t", f"a{i}", "") for i in range(5)] + [row("wikihow", "t", " ", "b")]
    with pytest.raises(EmptyDataError, match="kosong"):
        data.load_pool(smoke(source=str(write_jsonl(tmp_path / "e.jsonl", rows)), subsets="dolly,wikihow"))


def test_unknown_subset_lists_the_known_ones() -> None:
    with pytest.raises(UnknownSubsetError) as error:
        data.load_pool(smoke(subsets="dolly,puisi_jawa"))
    message = str(error.value)
    assert "puisi_jawa" in message and "wikihow" in message and "wikipedia_ms" in message


@pytest.mark.parametrize("n", [0, -1, "more than the pool"])
def test_a_sample_size_outside_the_pool_is_an_error(fixture_pool: data.Pool, n: int | str) -> None:
    size = len(fixture_pool) + 1 if isinstance(n, str) else n
    message = f"pool_size={size:,} harus antara 1 dan {len(fixture_pool):,}.*turunkan pool_size"
    with pytest.raises(ConfigError, match=message):
        data.stratified_sample(fixture_pool, size, by="template_name", seed=0)


def test_the_whole_pool_is_the_sample_when_pool_size_is_0(fixture_pool: data.Pool) -> None:
    rows = data.sample(smoke(pool_size=0), use_cache=False).rows
    assert len(rows) == len(fixture_pool) and not rows.duplicated(["input", "output"]).any()


def test_a_negative_pool_size_is_an_error() -> None:
    with pytest.raises(ConfigError, match="pool_size harus 0 .* bukan -5"):
        smoke(pool_size=-5)


def test_a_path_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="tidak ada"):
        data.load_pool(smoke(source=str(tmp_path / "hilang.jsonl")))


def test_truncated_parquet_is_an_error(tmp_path: Path) -> None:
    whole = tmp_path / "whole.parquet"
    pd.read_json(FIXTURE, lines=True, dtype=str).to_parquet(whole)
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(SourceError, match="cut.parquet tidak bisa dibaca sebagai parquet"):
        data.load_pool(smoke(source=str(cut)))


def test_a_text_file_named_parquet_is_an_error(tmp_path: Path) -> None:
    fake = tmp_path / "palsu.parquet"
    shutil.copy(FIXTURE, fake)
    with pytest.raises(SourceError, match="palsu.parquet tidak bisa dibaca"):
        data.load_pool(smoke(source=str(fake)))


def test_an_unsupported_format_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text("halo")
    with pytest.raises(SourceError, match=".txt"):
        data.load_pool(smoke(source=str(path)))



def test_a_malformed_jsonl_line_is_named_by_its_number(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "rusak.jsonl", [row("dolly", "t", f"a{i}") for i in range(4)])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:-2]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match="rusak.jsonl baris 3 bukan JSON yang valid: Unterminated string"):
        data.load_pool(smoke(source=str(path)))


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".parquet"])
@pytest.mark.parametrize("content", ["", " \n\n\t"])
def test_an_empty_source_file_says_it_is_empty(tmp_path: Path, suffix: str, content: str) -> None:
    path = tmp_path / f"kosong{suffix}"
    path.write_text(content)
    with pytest.raises(SourceError, match=f"kosong{suffix} kosong"):
        data.load_pool(smoke(source=str(path)))

# --- cache ----------------------------------------------------------------------------------------

def test_cache_is_reused_only_when_every_parameter_matches(cache_dir: Path) -> None:
    cfg = smoke(pool_size=100, seed=2, cache_dir=str(cache_dir))
    first = data.sample(cfg)
    assert not first.from_cache and first.cache_file.exists()
    again = data.sample(cfg)
    assert again.from_cache
    pd.testing.assert_frame_equal(first.rows, again.rows)
    assert again.pool == first.pool and again.strata == first.strata
    for change in (dict(seed=3), dict(pool_size=101), dict(subsets="wikihow,dolly"), dict(stratify_by="subset_name")):
        other = data.sample(config.with_overrides(cfg, **change))
        assert not other.from_cache, change


def test_a_changed_dataset_folder_is_not_served_from_cache(tmp_path: Path, cache_dir: Path) -> None:
    """A folder (like a Hub download) is identified by its Arrow files.

    Those are the files `datasets` built from it, not a private hash.
    """
    repo = tmp_path / "cendol"
    (repo / "data").mkdir(parents=True)
    shutil.copy(FIXTURE, repo / "data" / "train.jsonl")
    cfg = smoke(source=str(repo), pool_size=100, cache_dir=str(cache_dir))
    assert not data.sample(cfg).from_cache and data.sample(cfg).from_cache
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    (repo / "data" / "train.jsonl").write_text("".join(lines[:-50]), encoding="utf-8")
    changed = data.sample(cfg)
    assert not changed.from_cache and changed.pool.rows_read == len(lines) - 50


def test_a_dataset_held_only_in_memory_is_never_served_from_cache(cache_dir: Path, fixture_rows: list[dict[str, str]],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Without files on disk nothing identifies the content: two different datasets must not share a cached sample."""
    served = [fixture_rows, fixture_rows[:-100]]
    monkeypatch.setattr(datasets, "load_dataset", lambda *args, **kwargs: datasets.Dataset.from_list(served.pop(0)))
    cfg = smoke(source=config.CENDOL_HUB_ID, pool_size=100, cache_dir=str(cache_dir))
    first, second = data.sample(cfg), data.sample(cfg)
    assert not first.from_cache and not second.from_cache
    assert second.pool.rows_read == first.pool.rows_read - 100
    assert not list(cache_dir.rglob("*.parquet"))


def test_a_changed_source_file_is_not_served_from_cache(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "src.jsonl"
    shutil.copy(FIXTURE, path)
    cfg = smoke(source=str(path), pool_size=50, cache_dir=str(cache_dir))
    data.sample(cfg)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(path.read_text(encoding="utf-8").splitlines()[0] + "\n")
    assert not data.sample(cfg).from_cache


def test_a_corrupt_cache_is_rebuilt_not_trusted(cache_dir: Path) -> None:
    cfg = smoke(pool_size=80, cache_dir=str(cache_dir))
    good = data.sample(cfg)
    good.cache_file.write_bytes(good.cache_file.read_bytes()[:200])
    rebuilt = data.sample(cfg)
    assert not rebuilt.from_cache and "rusak" in rebuilt.notes[0]
    pd.testing.assert_frame_equal(rebuilt.rows, good.rows)
    assert data.sample(cfg).from_cache


def test_a_cache_made_with_other_parameters_is_rebuilt(cache_dir: Path) -> None:
    cfg = smoke(pool_size=80, cache_dir=str(cache_dir))
    target = data.sample(cfg).cache_file
    shutil.copy(data.sample(config.with_overrides(cfg, seed=9)).cache_file, target)
    rebuilt = data.sample(cfg)
    assert not rebuilt.from_cache and "tidak cocok" in rebuilt.notes[0]


def test_an_unreadable_cache_is_a_clear_error(cache_dir: Path) -> None:
    cfg = smoke(pool_size=80, cache_dir=str(cache_dir))
    path = data.sample(cfg).cache_file
    path.unlink()
    path.mkdir()
    with pytest.raises(CacheError, match="hapus berkas itu"):
        data.sample(cfg)


def test_a_crash_while_writing_leaves_no_cache_file(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(table: object, where: os.PathLike) -> None:
        Path(where).write_bytes(b"PAR1 half")
        raise OSError("disk penuh")

    monkeypatch.setattr(pq, "write_table", crash)
    cfg = smoke(pool_size=80, cache_dir=str(cache_dir))
    with pytest.raises(CacheError, match="tidak bisa ditulis"):
        data.sample(cfg)
    assert list((cache_dir / "samples").iterdir()) == []


def test_answers_cut_off_mid_sentence_are_found() -> None:
    rows = pd.DataFrame({"output": ["adalah sebuah stasiun kecil.", "Stasiun itu kecil.", "merupakan sungai.",
                                    "Adalah"]})
    assert data.cut_off_answers(rows)["output"].tolist() == ["adalah sebuah stasiun kecil.", "merupakan sungai."]
