"""Indonesian benchmarks with EleutherAI's lm-evaluation-harness: base vs adapter on the same items, one load.

Lesson 05's held-out rows come from Cendol itself, so a lower loss there says "learned Cendol's format". These
tasks were written by others, for other purposes: reading comprehension (Belebele), cause and effect (XCOPA),
Indonesian cultural commonsense (COPAL-ID), school and exam knowledge (Global-MMLU, INCLUDE). Each item is scored
by log-likelihood: the model reads the question and the choice it finds most likely counts as its answer, so no
text is generated and a 1B model is scored in minutes. The harness runs twice on the already-loaded model, once
with the adapter switched off (the base model) and once with it on, on the very same items; the difference is
judged against its paired standard error.

The smoke and cpu profiles run the same code on the mini tasks in data/benchmarks: hand-written items in the real
tasks' schemas, declared as lm-eval task configs, so the offline tests go through the real harness path.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from olmo_id import config, evaluation, hardware, inference
from olmo_id.errors import ConfigError, SourceError, first_line
from olmo_id.files import read_rows, sha256_file, write_json_atomic

FIXTURE_DIR = config.REPO_ROOT / "data" / "benchmarks"
TASK_DIRS = [FIXTURE_DIR]  # lm-eval task configs besides the harness's own (the tests add their own checks)
FORMATS = ("raw", "chat")  # raw continuations (how the harness scores every model), then the chat template
Z_95 = 1.96  # a difference beyond 1.96 paired standard errors: outside the noise, at about 95 %


@dataclass(frozen=True)
class Task:
    """A benchmark the course knows: its lm-eval name, what it asks (for the lesson) and where its items live."""

    name: str
    measures: str
    items: str  # the size of the evaluated split, as its data card gives it
    fixture: bool = False


TASKS = {task.name: task for task in (
    Task("belebele_ind_Latn", "pemahaman bacaan: paragraf FLORES lalu satu pertanyaan, 4 pilihan (A-D)", "900"),
    Task("xcopa_id", "penalaran sebab-akibat: premis lalu 'karena'/'maka', 2 pilihan", "500"),
    Task("copal_id_standard", "akal sehat budaya Indonesia, bahasa baku, 2 pilihan", "559"),
    Task("copal_id_colloquial", "akal sehat budaya Indonesia, bahasa sehari-hari Jakarta, 2 pilihan", "559"),
    Task("global_mmlu_id", "pengetahuan sekolah dan profesi (Global-MMLU Lite, terjemahan), 4 pilihan", "400"),
    Task("include_base_44_indonesian", "soal ujian asli dari Indonesia (INCLUDE), 4 pilihan", "beberapa ratus"),
    Task("mini_belebele_ind", "fixture kursus berskema belebele_ind_Latn (tulisan tangan)", "24", fixture=True),
    Task("mini_xcopa_id", "fixture kursus berskema xcopa_id (tulisan tangan)", "40", fixture=True),
    Task("mini_copal_id", "fixture kursus berskema copal_id_standard (tulisan tangan)", "40", fixture=True),
)}


@dataclass(frozen=True)
class Benchmark:
    """Scores of base and adapter per task (and with the chat template), as written to benchmark.json."""

    results: dict[str, Any]
    items: pd.DataFrame  # one row per item, form and side: task, subtask, doc_id, form, side, acc

    def table(self, form: str = "raw") -> pd.DataFrame:
        """One row per task: items, chance, base, adapter accuracy, the difference, its 95 % margin (1.96 paired
        standard errors) and whether the difference clears it. `form`: "raw", or "chat" for the chat template."""
        rows = {}
        for name, task in self.results["tasks"].items():
            scores = task if form == "raw" else task[form]
            rows[name] = {"n": task["n"], "chance": task["chance"], "base": scores["base"],
                          "adapter": scores["adapter"], "selisih": scores["difference"],
                          "± 95%": Z_95 * scores["difference_stderr"], "di atas noise": scores["exceeds_noise"]}
        return pd.DataFrame.from_dict(rows, orient="index").round(3)

    def timing(self) -> str:
        """One line for students: how long the benchmark took, in wall and CPU seconds."""
        return (f"benchmark {len(self.results['tasks'])} tugas x 2 sisi x {len(self.results['formats'])} format: "
                f"{self.results['seconds']:.1f} detik dinding, {self.results['cpu_seconds']:.1f} detik CPU")


def check_tasks(names: Sequence[str] | str) -> tuple[str, ...]:
    """The task names, each one the course knows; an unknown one is refused in one line listing the rest."""
    given = tuple(name.strip() for name in (names.split(",") if isinstance(names, str) else names) if name.strip())
    if not given:
        raise ConfigError(f"tidak ada tugas benchmark; pilih dari: {', '.join(TASKS)}")
    unknown = [name for name in given if name not in TASKS]
    if unknown:
        raise ConfigError(f"tugas benchmark tidak dikenal: {', '.join(unknown)}; yang tersedia: {', '.join(TASKS)}")
    return tuple(dict.fromkeys(given))


def run(tuned: inference.TunedModel, tasks: Sequence[str] | None = None, limit: int | None = None,
        formats: Sequence[str] = FORMATS) -> Benchmark:
    """Score base and adapter on each task with lm-eval's HFLM around the loaded model; `limit` items per task.

    One harness run per side and format on the same items; the per-item answers are kept, so the difference
    adapter - base gets a paired standard error (the same items twice, not two independent samples).
    """
    names = check_tasks(tasks or tuned.cfg.benchmark_tasks)
    limit = limit or tuned.cfg.benchmark_limit or None
    started, cpu_started = time.perf_counter(), time.process_time()
    manager = _task_manager(names)
    _load_tasks(names, manager)  # data that cannot be fetched fails here, in one line, before the model runs
    model = _wrapped(tuned)
    passes = []
    for form in formats:
        for side in evaluation.SIDES:
            with evaluation.adapter_switched(tuned, on=side == "adapter"):
                scored = _harness(model, manager, names, limit, tuned.cfg.seed, chat=form == "chat")
            passes += [frame.assign(task=name, form=form, side=side) for name, frame in scored.items()]
    items = pd.concat(passes, ignore_index=True)
    tasks_out = {}
    for name in names:
        mine = items[items["task"] == name]
        entry: dict[str, Any] = {"n": int((mine["form"] == formats[0]).sum() // len(evaluation.SIDES)),
                                 "chance": float(mine["chance"].mean()), "about": TASKS[name].measures}
        entry |= _sides(mine[mine["form"] == formats[0]])
        for form in formats[1:]:
            entry[form] = _sides(mine[mine["form"] == form])
        tasks_out[name] = entry
    results = {"adapter": str(tuned.adapter_dir), "model_id": tuned.cfg.model_id, "limit": limit,
               "formats": list(formats), "lm_eval_version": version("lm_eval"), "tasks": tasks_out,
               "seconds": round(time.perf_counter() - started, 2),
               "cpu_seconds": round(time.process_time() - cpu_started, 2)}
    return Benchmark(results, items)


def contamination(training_texts: Sequence[str], tasks: Sequence[str], limit: int | None = None) -> pd.DataFrame:
    """Per task: how many training texts share a word n-gram with a benchmark item, and which items they touch
    (`overlapping`: "subtask:doc_id", as the harness numbers its items).

    The method of GPT-3's contamination study (Brown et al. 2020, appendix C): lower-cased words without
    punctuation; n is the 5th percentile of the task's item lengths in words, kept between 8 and 13, so short
    items (XCOPA's premises) are checked too. An item shorter than n words cannot be matched and is counted apart.
    An item is the prompt the harness shows plus the correct choice.
    """
    rows = {}
    for name, items in _items(check_tasks(tasks), limit).items():
        lengths = np.array([len(_WORDS(text)) for text in items.values()])
        n = int(np.clip(np.percentile(lengths, 5), 8, 13))
        grams = CountVectorizer(ngram_range=(n, n), token_pattern=_TOKEN, binary=True, dtype=np.int32)
        checked = [key for key, length in zip(items, lengths, strict=True) if length >= n]
        overlap_rows, overlapping = 0, []
        if checked and len(training_texts):
            in_items = grams.fit_transform([items[key] for key in checked])
            shared = grams.transform(training_texts) @ in_items.T  # (training text, item) pairs sharing n-grams
            overlap_rows = int((shared.getnnz(axis=1) > 0).sum())
            overlapping = [key for key, hit in zip(checked, shared.getnnz(axis=0) > 0, strict=True) if hit]
        rows[name] = {"items": len(items), "n_gram": n, "too_short": len(items) - len(checked),
                      "training_rows": len(training_texts), "overlapping_rows": overlap_rows,
                      "overlapping_items": len(overlapping), "flagged": bool(overlapping), "overlapping": overlapping}
    return pd.DataFrame.from_dict(rows, orient="index")


def training_file(adapter_dir: str | os.PathLike[str]) -> Path | None:
    """The file the adapter trained on, found beside its run folder (`out/training/run-*/adapter` -> `out/`) and
    proved by the sha256 in its run card; None when it is not there (an adapter from the Hub, a moved folder)."""
    folder = Path(adapter_dir).resolve()
    card = inference.run_card(folder) if (folder / inference.RUN_CARD).is_file() else {}
    data = card["data"] if isinstance(card.get("data"), dict) else {}
    name, digest = str(data.get("file", "")), data.get("sha256")
    if not name or not digest:
        return None
    for parent in folder.parents[:4]:
        candidate = parent / name
        if candidate.is_file() and sha256_file(candidate) == digest:
            return candidate
    return None


def training_texts(path: str | os.PathLike[str]) -> list[str]:
    """The selected training rows of a clustered.parquet (notebook 02), instruction and answer as one text."""
    rows = read_rows(Path(path), ("input", "output", "selected"),
                     "beri clustered.parquet dari notebook 02 (kolom input, output, selected)")
    chosen = rows[rows["selected"].astype(bool)]
    return (chosen["input"].astype(str) + "\n" + chosen["output"].astype(str)).tolist()


def clean_scores(bench: Benchmark, contaminated: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Per flagged task: the raw scores again without its overlapping items (what the gain is worth unlearned)."""
    scores = {}
    for name in contaminated.index[contaminated["flagged"].astype(bool)]:
        mine = bench.items[(bench.items["task"] == name) & (bench.items["form"] == bench.results["formats"][0])]
        keys = mine["subtask"] + ":" + mine["doc_id"].astype(str)
        kept = mine[~keys.isin(set(contaminated.loc[name, "overlapping"]))]
        if name in bench.results["tasks"] and not kept.empty:
            scores[name] = {"n": int(len(kept) // len(evaluation.SIDES)), **_sides(kept)}
    return scores


def write_results(bench: Benchmark, out: str | os.PathLike[str],
                  contaminated: pd.DataFrame | None = None) -> Path:
    """Write benchmark.json atomically; with the contamination table, each task carries its own row, and a flagged
    task its scores without the overlapping items (`contamination.clean`)."""
    results = bench.results
    if contaminated is not None:
        clean = clean_scores(bench, contaminated)
        tasks = {name: {**entry, "contamination": {**contaminated.loc[name].to_dict(), "clean": clean.get(name)}}
                 for name, entry in results["tasks"].items() if name in contaminated.index}
        results = {**results, "tasks": {**results["tasks"], **tasks}}
    return write_json_atomic(out, evaluation.finite(results))


def _sides(items: pd.DataFrame) -> dict[str, Any]:
    """`_compare` of one form's items: the base side's answers against the adapter's, item by item."""
    by_side = {side: part.sort_values(["subtask", "doc_id"])["acc"].reset_index(drop=True)
               for side, part in items.groupby("side")}
    return _compare(by_side["base"], by_side["adapter"])


def _compare(base: pd.Series, adapter: pd.Series) -> dict[str, Any]:
    """Accuracy of each side with its standard error, and the paired difference with its own."""
    difference = adapter.to_numpy(float) - base.to_numpy(float)
    spread = _stderr(difference)
    mean = float(difference.mean())
    return {"base": float(base.mean()), "adapter": float(adapter.mean()),
            "stderr": {"base": _stderr(base.to_numpy(float)), "adapter": _stderr(adapter.to_numpy(float))},
            "difference": mean, "difference_stderr": spread, "exceeds_noise": bool(abs(mean) > Z_95 * spread)}


def _stderr(values: np.ndarray) -> float:
    """Standard error of a mean (sample standard deviation / sqrt(n)), as lm-eval reports for accuracy."""
    return float(values.std(ddof=1) / math.sqrt(len(values))) if len(values) > 1 else float("nan")


def _wrapped(tuned: inference.TunedModel) -> Any:
    """lm-eval's HFLM around the loaded model (no second copy); on a GPU the harness finds the largest batch once."""
    from lm_eval.models.huggingface import HFLM

    with _quiet_harness():
        return HFLM(pretrained=tuned.model, tokenizer=tuned.tokenizer,
                    batch_size="auto" if hardware.has_gpu() else tuned.cfg.batch_size)


def _harness(model: Any, manager: Any, names: tuple[str, ...], limit: int | None, seed: int,
             chat: bool) -> dict[str, pd.DataFrame]:
    """Per task: each item's correctness and its chance level (1 / choices), from one `simple_evaluate` run."""
    from lm_eval import simple_evaluate

    with _quiet_harness():
        out = simple_evaluate(model=model, tasks=list(names), task_manager=manager, limit=limit,
                              apply_chat_template=chat, log_samples=True, bootstrap_iters=0, random_seed=seed,
                              numpy_random_seed=seed, torch_random_seed=seed, fewshot_random_seed=seed)
    return {name: _per_item(out, name) for name in names}


def _per_item(out: dict[str, Any], name: str) -> pd.DataFrame:
    """A task's items (a group's: all its subtasks'), one row each: subtask, doc_id, acc, chance."""
    leaves = _leaves(out.get("group_subtasks", {}), name)
    return pd.DataFrame([{"subtask": leaf, "doc_id": sample["doc_id"], "acc": float(sample["acc"]),
                          "chance": 1 / len(sample["arguments"])}
                         for leaf in leaves for sample in out["samples"][leaf]])


def _leaves(groups: dict[str, list[str]], name: str) -> list[str]:
    """The tasks under a group, subgroups walked through; a plain task is its own only leaf."""
    if name not in groups:
        return [name]
    return [leaf for child in groups[name] for leaf in _leaves(groups, child)]


def _items(names: tuple[str, ...], limit: int | None) -> dict[str, dict[str, str]]:
    """Each task's items as text (the prompt the harness shows, then the correct choice), keyed "subtask:doc_id"
    as the harness numbers them (its position among the evaluated items); `limit` per subtask."""
    loaded = _load_tasks(names, _task_manager(names))
    return {name: {f"{leaf}:{index}": text for leaf in _leaves(loaded["group_map"], name)
                   for index, text in enumerate(_task_texts(loaded["tasks"][leaf], limit))} for name in names}


def _load_tasks(names: tuple[str, ...], manager: Any) -> dict[str, Any]:
    """lm-eval's tasks with their data (downloaded on first use): {"tasks": leaves, "group_map": groups}.

    A task whose data cannot be had (offline, the Hub unreachable, a dataset the installed `datasets` can no
    longer read) is refused in one line naming the tasks.
    """
    try:
        with _quiet_harness():
            return manager.load(list(names))
    except (ConnectionError, OSError, RuntimeError) as error:
        if all(TASKS[name].fixture for name in names):
            raise
        raise SourceError(f"data benchmark {', '.join(names)} tidak bisa dimuat ({first_line(error)}); periksa "
                          "koneksi internet, atau pilih tugas lain (tugas mini_* jalan tanpa internet)") from None


def _task_texts(task: Any, limit: int | None) -> Iterator[str]:
    """The prompt and the correct choice of each of the task's first `limit` evaluated items."""
    for index, doc in enumerate(task.eval_docs):
        if limit is not None and index >= limit:
            return
        choices, target = task.doc_to_choice(doc), task.doc_to_target(doc)
        answer = choices[int(target)] if isinstance(choices, list) else str(target)
        yield f"{task.doc_to_text(doc)} {answer}"


def _task_manager(names: tuple[str, ...]) -> Any:
    """lm-eval's task index: the course's mini tasks, and the harness's own only when a real task is asked for."""
    from lm_eval.tasks import TaskManager

    real = any(not TASKS[name].fixture for name in names)
    return TaskManager(include_path=[str(folder) for folder in TASK_DIRS], include_defaults=real)


@contextlib.contextmanager
def _quiet_harness() -> Iterator[None]:
    """The harness's warnings about passing a loaded model (meant for its own CLI) kept out of the lesson, and its
    progress bars too where TQDM_DISABLE asks for none (the harness passes `disable=` itself, overriding it)."""
    logger = logging.getLogger("lm_eval")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.ExitStack() as stack:
            if os.environ.get("TQDM_DISABLE"):
                stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
            yield
    finally:
        logger.setLevel(level)


_TOKEN = r"(?u)\b\w+\b"  # every word, one letter included (scikit-learn's default drops those)
_WORDS = CountVectorizer(token_pattern=_TOKEN).build_analyzer()  # lower-cased words, punctuation dropped
