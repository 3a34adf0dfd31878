"""Benchmark the data stage: `olmo_id.data.sample` against the tutorial's pandas recipe.

What is measured
----------------
Both recipes draw n rows, stratified by template_name, from the Indonesian subsets of a synthetic
Cendol-shaped parquet file of --rows rows. Each runs in its own fresh child process, one after the
other, so neither inherits the other's memory:

* seed, the tutorial's recipe: `pd.read_parquet` of every column of the whole file, the subset filter,
  no de-duplication, then `train_test_split(df, train_size=n, stratify=df.template_name,
  random_state=seed)`, falling back to `df.sample(n, random_state=seed)` when that raises ValueError.
  train_test_split also materialises the test half (every other filtered row), which the tutorial
  pays for and never uses.
* ours: `olmo_id.data.sample(cfg, use_cache=False)` with `cfg.pool_size = n` (the smoke profile otherwise),
  which also drops empty rows and exact duplicates. It reads through `datasets.load_dataset("parquet")`,
  whose first call converts the file into an Arrow cache. The child times that cold call (conversion
  included) and then a warm one; the ratios use the warm call, because a Hub dataset is converted
  once, when it is downloaded.

For each: wall seconds; CPU seconds of the child (`time.process_time`), reported beside wall seconds
because the machine's cores are shared and wall time is noisy; and peak resident memory. Peak memory is
the kernel's high-water mark (VmHWM in /proc/self/status), reset through /proc/self/clear_refs before
each timed call, reported absolute and above the RSS measured right after the imports (pandas,
pyarrow, datasets and olmo_id, the same in both children), so import cost is excluded.
`getrusage().ru_maxrss` is not used: after fork and exec it starts from the parent's high-water mark
(the parent holds the corpus generator's memory), and it cannot be reset between the cold and the warm
call. Ours memory-maps the Arrow cache, so its RSS also counts file pages the kernel may drop at will:
an upper bound. Both children are pinned to one thread (OpenMP, OpenBLAS, MKL, and Arrow's CPU and I/O
pools), so neither gains from parallelism the other does not get.

The corpus
----------
bench/_corpus.py's synthetic corpus (the one bench_clustering.py clusters), generated untimed from RNG
seed 0 into a temporary folder that also holds both caches and is deleted at the end, with its two
options for a raw Cendol file: `dropped_subsets=True`, so 48.6% of the rows are other-language or
classification subsets the filter drops (wikipedia_id is 47.7%; the kept six are ~51%, as in Cendol
v2's 12.8M rows), and `empty_share=EMPTY_SHARE` (0.5%) blank rows. Among the kept rows: dolly repeats each
distinct row ~5 times, safety_prompt and identity_prompt a few distinct rows ~500 times (the exact
duplicates ours drops); 40 template names of uneven sizes (50 with the dropped subsets').

Usage: python bench/bench_sampling.py [--rows 200000] [--n 10000] [--seed 0] [--skip-seed]
The last line of stdout is one JSON object with the figures (seed fields null with --skip-seed).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import write_corpus  # noqa: E402
from _measure import PINNED_ENV, measured, memory_mb  # noqa: E402

from olmo_id.config import DEFAULT_SUBSETS  # noqa: E402

EMPTY_SHARE = 0.005  # blank rows in the corpus (the fixture has 6 of 740)
MB = 1024 * 1024
CHILD_ENV = {**PINNED_ENV, "HF_DATASETS_DISABLE_PROGRESS_BARS": "1"}


# ---------------------------------------------------------------- measurement (children)

def import_stack() -> float:
    """Import what either recipe needs (the same in both children), pin Arrow to one thread; return RSS in MB."""
    import datasets  # noqa: F401
    import pandas  # noqa: F401
    import sklearn.model_selection  # noqa: F401

    import olmo_id.data  # noqa: F401

    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    gc.collect()
    return memory_mb("VmRSS")


def tutorial_recipe(source: str, n: int, seed: int) -> tuple[Any, str]:
    """The tutorial's data stage: whole file into pandas, subset filter, stratified split or random fallback."""
    import pandas as pd
    from sklearn.model_selection import train_test_split

    df = pd.read_parquet(source)
    df = df[df.subset_name.isin(DEFAULT_SUBSETS)]  # the tutorial's six subsets
    try:
        sample, _unused_test = train_test_split(df, train_size=n, stratify=df.template_name, random_state=seed)
        return sample, "stratified"
    except ValueError:
        return df.sample(n, random_state=seed), "random fallback"


def child_seed(source: str, n: int, seed: int) -> dict[str, Any]:
    """Measure the tutorial's recipe in this (fresh) process."""
    baseline = import_stack()
    (sample, split), timing = measured(lambda: tutorial_recipe(source, n, seed))
    duplicates = int(sample.duplicated(subset=["input", "output"]).sum())
    return dict(baseline_mb=baseline, **timing, rows=len(sample), split=split, duplicates_in_sample=duplicates)


def child_ours(source: str, n: int, seed: int) -> dict[str, Any]:
    """Measure `olmo_id.data.sample` in this (fresh) process: a cold call, then a warm one."""
    from olmo_id import config, data

    baseline = import_stack()
    cfg = config.load("smoke", source=source, pool_size=n, seed=seed)
    cold = measured(lambda: data.sample(cfg, use_cache=False))[1]
    result, warm = measured(lambda: data.sample(cfg, use_cache=False))
    return dict(baseline_mb=baseline, cold=cold, warm=warm, rows=len(result.rows),
                rows_kept=result.pool.rows_kept, duplicates_dropped=result.pool.duplicates_dropped,
                empty_dropped=result.pool.empty_dropped)


# ---------------------------------------------------------------- orchestration (parent)

def run_child(role: str, source: Path, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Run one recipe in a fresh interpreter (one thread, offline, caches in `workdir`); return its JSON line."""
    env = {**os.environ, **CHILD_ENV,
           "HF_DATASETS_CACHE": str(workdir / "hf_datasets"), "OLMO_ID_CACHE": str(workdir / "olmo_id")}
    command = [sys.executable, __file__, "--child", role, "--source", str(source), "--n", str(args.n),
               "--seed", str(args.seed)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"the {role} child failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def summary(args: argparse.Namespace, ours: dict[str, Any], seed: dict[str, Any] | None) -> dict[str, Any]:
    """The JSON figures: warm ours against the seed recipe; peaks above the post-import baseline."""
    warm = ours["warm"]
    ours_peak = warm["peak_abs_mb"] - ours["baseline_mb"]
    figures: dict[str, Any] = dict(
        rows=args.rows, n=args.n,
        ours_s=warm["wall_s"], ours_cpu_s=warm["cpu_s"], ours_cold_s=ours["cold"]["wall_s"],
        ours_peak_mb=ours_peak, ours_peak_abs_mb=warm["peak_abs_mb"],
        seed_s=None, seed_cpu_s=None, seed_peak_mb=None, seed_peak_abs_mb=None, speedup=None, mem_ratio=None,
        seed_duplicates_in_sample=None, ours_duplicates_dropped=ours["duplicates_dropped"],
        ours_empty_dropped=ours["empty_dropped"],
    )
    if seed:
        seed_peak = seed["peak_abs_mb"] - seed["baseline_mb"]
        figures.update(
            seed_s=seed["wall_s"], seed_cpu_s=seed["cpu_s"],
            seed_peak_mb=seed_peak, seed_peak_abs_mb=seed["peak_abs_mb"],
            speedup=seed["wall_s"] / warm["wall_s"], mem_ratio=seed_peak / ours_peak,
            seed_duplicates_in_sample=seed["duplicates_in_sample"],
        )
    return {key: round(value, 2) if isinstance(value, float) else value for key, value in figures.items()}


def print_table(ours: dict[str, Any], seed: dict[str, Any] | None, figures: dict[str, Any], arrow_mb: float) -> None:
    """A small human-readable table of the measurements."""
    print(f"{'':34}{'wall s':>9}{'CPU s':>9}{'peak MB':>10}{'peak abs MB':>13}")
    rows = [("ours, cold (Arrow conversion)", ours["cold"], ours["baseline_mb"]),
            ("ours, warm", ours["warm"], ours["baseline_mb"])]
    if seed:
        rows.append(("seed (tutorial recipe)", seed, seed["baseline_mb"]))
    for label, timing, baseline in rows:
        print(f"{label:34}{timing['wall_s']:9.2f}{timing['cpu_s']:9.2f}"
              f"{timing['peak_abs_mb'] - baseline:10.1f}{timing['peak_abs_mb']:13.1f}")
    print(f"ours: {ours['rows_kept']:,} rows kept, {ours['duplicates_dropped']:,} exact duplicates and "
          f"{ours['empty_dropped']:,} empty rows dropped, "
          f"{ours['rows']:,} sampled; its peak counts pages of the {arrow_mb:,.0f} MB Arrow cache it memory-maps")
    if seed:
        print(f"seed: {seed['split']} split, {seed['rows']:,} sampled, "
              f"{seed['duplicates_in_sample']:,} of them repeat an earlier (input, output) of the sample")
        print(f"speedup (seed / ours warm) {figures['speedup']:.2f}x, "
              f"memory ratio (seed / ours warm, above baseline) {figures['mem_ratio']:.2f}x")


def parse_args() -> argparse.Namespace:
    """Command-line options; --child and --source are internal (the parent starts the children with them)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="rows in the synthetic corpus")
    parser.add_argument("--n", type=int, default=10_000, help="rows to sample")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed")
    parser.add_argument("--skip-seed", action="store_true", help="measure only ours")
    parser.add_argument("--child", choices=("seed", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    return parser.parse_args()


def arrow_cache_mb(workdir: Path) -> float:
    """Size of the Arrow files `datasets` wrote into the run's cache."""
    return sum(path.stat().st_size for path in (workdir / "hf_datasets").rglob("*.arrow")) / MB


def main() -> None:
    """Parent: generate the corpus, run both children, print the table and the JSON line. Child: measure one recipe."""
    args = parse_args()
    if args.child:
        child = child_seed if args.child == "seed" else child_ours
        print(json.dumps(child(args.source, args.n, args.seed)))
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench_sampling_"))
    try:
        source = workdir / f"cendol_synthetic_{args.rows}.parquet"
        started = time.perf_counter()
        write_corpus(source, args.rows, dropped_subsets=True, empty_share=EMPTY_SHARE)
        print(f"corpus: {args.rows:,} rows, {source.stat().st_size / MB:,.1f} MB parquet "
              f"(generated in {time.perf_counter() - started:.1f} s, not timed); n = {args.n:,}, seed {args.seed}")
        ours = run_child("ours", source, args, workdir)
        arrow_mb = arrow_cache_mb(workdir)
        seed = None if args.skip_seed else run_child("seed", source, args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    figures = summary(args, ours, seed)
    print_table(ours, seed, figures, arrow_mb)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
