"""Lesson 01 writes the loading, cleaning and stratified quotas out with `datasets` and pandas; they agree with
`olmo_id.data`, so the lesson and the package cannot drift apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import row, write_jsonl
from lesson_cells import run_tagged

import olmo_id
from olmo_id import config, data

LESSON = "01"


@pytest.fixture(scope="module")
def smoke() -> config.Config:
    return config.load("smoke")


@pytest.fixture(scope="module")
def pool(smoke: config.Config) -> data.Pool:
    return data.load_pool(smoke)


def _cleaned(cfg: config.Config) -> dict[str, object]:
    """The lesson's load and cleaning cells run on `cfg.source`."""
    namespace: dict[str, object] = {"olmo_id": olmo_id, "cfg": cfg}
    run_tagged(LESSON, "craft-load", namespace)
    return run_tagged(LESSON, "craft-clean", namespace)


def test_the_lessons_load_dataset_reads_the_rows_the_package_reads(smoke: config.Config) -> None:
    namespace = run_tagged(LESSON, "craft-load", {"olmo_id": olmo_id, "cfg": smoke})
    assert list(namespace["raw"]["prompt_id"]) == list(data.open_source(smoke.source)["prompt_id"])


def test_the_lessons_pandas_cleaning_keeps_the_packages_pool_rows_in_order(smoke: config.Config,
                                                                            pool: data.Pool) -> None:
    namespace = _cleaned(smoke)
    assert namespace["df"]["prompt_id"].tolist() == list(pool.dataset["prompt_id"])


def test_the_lessons_cleaning_agrees_on_blank_null_and_line_break_duplicates(tmp_path: Path) -> None:
    rows = [
        row("wikihow", "w0", "satu"),
        row("wikihow", "w0", "   ", "jawaban"),  # whitespace only: empty
        row("wikihow", "w1", "dua", "baris\r\nkedua"),
        {**row("wikihow", "w1", "dua", "baris\nkedua"), "prompt_id": "same-pair"},  # "\r\n" = "\n": a duplicate
        row("dolly", "d0", "tiga", "\t"),
        {**row("dolly", "d0", "empat"), "output": None},  # missing answer: empty
        row("dolly", "d1", "enam"),
        row("wikipedia_ms", "m0", "lima"),  # outside the subsets
        {**row("dolly", "d1", "enam"), "prompt_id": "dolly-again"},  # the same pair again
    ]
    cfg = config.with_overrides(config.load("smoke"), source=str(write_jsonl(tmp_path / "rows.jsonl", rows)),
                                subsets="wikihow,dolly")
    namespace = _cleaned(cfg)
    kept = data.build_pool(data.open_source(cfg.source), cfg.source, cfg.subsets, cfg.stratify_by)
    assert namespace["df"]["prompt_id"].tolist() == list(kept.dataset["prompt_id"])
    assert len(kept) == 3


@pytest.mark.parametrize("by", ["template_name", "subset_name"])
@pytest.mark.parametrize("n", [400, 60, 7, 123, 594])
def test_the_lessons_largest_remainder_quotas_are_the_packages(pool: data.Pool, n: int, by: str) -> None:
    namespace = run_tagged(LESSON, "craft-quota", {"olmo_id": olmo_id, "pool": pool, "n": n, "by": by})
    quota = namespace["quota"]
    report = data.stratified_sample(pool, n, by=by, seed=0).strata
    assert quota.drop(data.SMALL_STRATA).to_dict() == report.quotas
    assert int(quota[data.SMALL_STRATA]) == report.small_quota
    assert sorted(namespace["small"]) == sorted(report.small_strata)


@pytest.mark.parametrize("n", [400, 60])
def test_the_lessons_pandas_draw_takes_each_groups_quota_of_distinct_rows(smoke: config.Config, pool: data.Pool,
                                                                          n: int) -> None:
    namespace = {"olmo_id": olmo_id, "pool": pool, "n": n, "by": smoke.stratify_by, "cfg": smoke}
    run_tagged(LESSON, "craft-quota", namespace)
    run_tagged(LESSON, "craft-draw", namespace)
    drawn = namespace["drawn"]
    report = data.stratified_sample(pool, n, by=smoke.stratify_by, seed=smoke.seed).strata
    assert len(drawn) == n and drawn.index.is_unique
    counts = pool.strata.loc[drawn.index, smoke.stratify_by].astype(str).value_counts()
    assert {name: int(counts.get(name, 0)) for name in report.quotas} == report.quotas
    small = counts[counts.index.isin(report.small_strata)].sum()
    assert small == report.small_quota
