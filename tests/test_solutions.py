"""Exercises: every lesson opens with goals and run times, ends with a summary and graded exercises, and every
exercise has a worked solution in solutions/ that runs against a finished smoke course."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest

from olmo_id import config, runner

SOLUTIONS_DIR = config.REPO_ROOT / "solutions"
LESSONS = runner.notebooks(runner.NOTEBOOKS_DIR)
LEVELS = ("mudah", "sedang", "menantang")
EXERCISE = re.compile(r"^(\d+)\.\s+(.*)$")
LEVEL = re.compile(r"^\*?\((mudah|sedang|menantang)\)\*?\s")
SECTION = re.compile(r"^## Latihan (\d+)\b", re.M)
# What the test run injects: the shared run folder (the smoke profile; the solutions' seed is the lessons'), and
# shorter limits where a solution declares them.
RUN_PARAMETERS = {"profile": "smoke"}
FAST_PARAMETERS = {"max_length": 64, "max_new_tokens": 20}
CELL_TIMEOUT_S = 300
PARALLEL = 2  # two kernels at a time: imports and model set-up leave a core idle otherwise


def solution_for(lesson: Path) -> Path:
    """solutions/NN_name_solusi.ipynb for notebooks/NN_name.ipynb."""
    return SOLUTIONS_DIR / f"{lesson.stem}_solusi.ipynb"


def closing(lesson: Path) -> list[nbformat.NotebookNode]:
    """The lesson's last three cells: summary and exercises, further reading, the run-time appendix."""
    return nbformat.read(lesson, as_version=4).cells[-3:]


def exercises(lesson: Path) -> list[str]:
    """The numbered items under '## Latihan' in the lesson's summary cell, in order."""
    _, _, section = closing(lesson)[0].source.partition("## Latihan")
    items = [EXERCISE.match(line) for line in section.splitlines()]
    return [match.group(2) for match in items if match]


# ---- the lessons' frame: goals, prerequisites, summary, graded exercises, further reading, run times ----


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name)
def test_every_lesson_opens_with_goals_and_prerequisites(lesson: Path) -> None:
    first = nbformat.read(lesson, as_version=4).cells[0]
    assert "**Tujuan belajar**" in first.source and "**Prasyarat**" in first.source


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name)
def test_every_lesson_ends_with_a_summary_and_three_or_more_exercises_of_rising_difficulty(lesson: Path) -> None:
    summary = closing(lesson)[0]
    assert summary.cell_type == "markdown" and "## Ringkasan" in summary.source
    assert summary.source.index("## Ringkasan") < summary.source.index("## Latihan")
    items = exercises(lesson)
    assert len(items) >= 3, f"{lesson.name}: {len(items)} exercises"
    levels = [LEVEL.match(item) for item in items]
    assert all(levels), f"{lesson.name}: every exercise is marked (mudah), (sedang) or (menantang)"
    ranks = [LEVELS.index(level.group(1)) for level in levels]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 2, f"{lesson.name}: difficulty must rise: {ranks}"
    assert solution_for(lesson).name in summary.source, "the lesson says where the solutions are"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name)
def test_every_lesson_closes_with_further_reading_linked_to_primary_sources(lesson: Path) -> None:
    reading = closing(lesson)[1]
    assert reading.cell_type == "markdown" and reading.source.startswith("## Bacaan lanjutan")
    links = re.findall(r"\[[^\]]+\]\((https?://[^)\s]+)\)", reading.source)
    assert len(links) >= 3, f"{lesson.name}: {len(links)} links"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name)
def test_every_lesson_ends_with_an_appendix_of_run_times_for_cpu_t4_and_a100(lesson: Path) -> None:
    timing = closing(lesson)[2]
    assert timing.cell_type == "markdown" and timing.source.startswith("## Lampiran: waktu jalan")
    for profile in ("`smoke`", "`t4`", "`a100`"):
        row = re.search(rf"^\| {re.escape(profile)} \|.*\|$", timing.source, re.M)
        assert row, f"{lesson.name}: no run time for {profile}"
    assert "perkiraan" in timing.source and "README" in timing.source, "GPU times are labelled as estimates"
    assert "pengembangan" not in timing.source, "the appendix speaks of the course, not of how it was made"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name)
def test_every_lesson_has_a_solution_notebook_with_one_section_per_exercise(lesson: Path) -> None:
    solution = solution_for(lesson)
    assert solution.exists(), f"{solution.name} is missing"
    notebook = nbformat.read(solution, as_version=4)
    headings = [int(number) for cell in notebook.cells if cell.cell_type == "markdown"
                for number in SECTION.findall(cell.source)]
    assert headings == list(range(1, len(exercises(lesson)) + 1))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name)
def test_solutions_take_the_course_parameters_with_the_lessons_folder_and_seed(lesson: Path) -> None:
    declared = pm.inspect_notebook(str(solution_for(lesson)))
    assert {"profile", "out_dir", "seed"} <= set(declared)
    taught = pm.inspect_notebook(str(lesson))
    assert declared["profile"]["default"] == '"smoke"'
    assert declared["out_dir"]["default"] == taught["out_dir"]["default"], "a solution reads the lesson's run folder"
    assert declared["seed"]["default"] == taught["seed"]["default"], "a solution redraws what the lesson drew"


# ---- running the solutions against one finished smoke course ----


@dataclass
class SolutionRun:
    """One executed solution: its executed copy (or the error), its printed text and how long it took."""

    output: Path
    error: Exception | None
    seconds: float

    @property
    def text(self) -> str:
        """Everything the solution printed or displayed as plain text, in order.

        A print may arrive as several stream outputs (the kernel flushes when it likes: "...: " then "True"), so
        streams are joined as they came; a displayed value stands on lines of its own.
        """
        notebook = nbformat.read(self.output, as_version=4)
        text = ""
        for cell in notebook.cells:
            for out in cell.get("outputs", []):
                if out.output_type == "stream":
                    text += out.text
                elif "text/plain" in out.get("data", {}):
                    text += ("" if text.endswith("\n") or not text else "\n") + out.data["text/plain"] + "\n"
        return text


def _snapshot(folder: Path) -> dict[str, str]:
    """Content hash of every file in a run folder except the exercises' own `latihan/` subfolder."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.relative_to(folder).parts[0] != "latihan"}


def _execute(solution: Path, run_folder: Path, work: Path) -> SolutionRun:
    """Execute one solution with papermill in its own working folder."""
    declared = set(pm.inspect_notebook(str(solution)))
    parameters = {**RUN_PARAMETERS, **FAST_PARAMETERS, "out_dir": str(run_folder)}
    work.mkdir(parents=True)
    output = work / solution.name
    start = time.perf_counter()
    error = None
    try:
        pm.execute_notebook(
            str(solution), str(output), parameters={k: v for k, v in parameters.items() if k in declared},
            kernel_name=runner.KERNEL, cwd=str(work), progress_bar=False, execution_timeout=CELL_TIMEOUT_S,
            log_output=False,
        )
    except Exception as failure:  # noqa: BLE001 - reported by the test of that solution
        error = failure
    return SolutionRun(output, error, time.perf_counter() - start)


@dataclass
class SolutionRuns:
    """Every solution's run, by lesson number, and whether the run folder outside `latihan/` stayed the same."""

    runs: dict[str, SolutionRun]
    run_folder_untouched: bool


@pytest.fixture(scope="session")
def solution_runs(smoke_run: Path, tmp_path_factory: pytest.TempPathFactory) -> SolutionRuns:
    """Every solution executed once against the shared smoke run (two at a time); the run folder is checked after."""
    before = _snapshot(smoke_run)
    work = tmp_path_factory.mktemp("solutions")
    # The later lessons take longest: start them first, so that the two workers finish together.
    solutions = [solution_for(lesson) for lesson in reversed(LESSONS)]
    # One torch thread per kernel while two kernels share the cores.
    saved = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            runs = dict(zip((path.stem[:2] for path in solutions),
                            pool.map(lambda path: _execute(path, smoke_run, work / path.stem), solutions),
                            strict=True))
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved
    return SolutionRuns(runs, before == _snapshot(smoke_run))


def _ran(solutions: SolutionRuns, number: str) -> SolutionRun:
    """The run of solution `number`, failing with papermill's message if it broke."""
    run = solutions.runs[number]
    assert run.error is None, f"solution {number} failed after {run.seconds:.0f} s: {run.error}"
    return run


def test_solutions_never_change_the_run_folder_they_read(solution_runs: SolutionRuns) -> None:
    assert solution_runs.run_folder_untouched, "a solution wrote into the run folder outside latihan/"


def test_solution_01_keeps_quotas_across_seeds_and_loses_templates_at_60_rows(solution_runs: SolutionRuns) -> None:
    text = _ran(solution_runs, "01").text
    assert "kuota per template sama untuk kedua seed: True" in text
    shared, total = map(int, re.search(r"baris yang muncul di kedua sampel: (\d+) dari (\d+)", text).groups())
    assert shared < total, "another seed draws other rows"
    represented = re.search(r"template terwakili: (\d+) dengan pool_size=\d+, (\d+) dengan pool_size=60", text)
    many, few = map(int, represented.groups())
    assert few < many
    compared = re.findall(r"n = (\d+): selisih terbesar rata-rata ([\d.]+) \(acak\) vs ([\d.]+) \(bertingkat\) "
                          r"poin %; template hilang rata-rata ([\d.]+) vs ([\d.]+)", text)
    assert [int(size) for size, *_ in compared] == [400, 60], "the hand-written plain sample ran at both sizes"
    for _, plain_gap, stratified_gap, plain_missing, stratified_missing in compared:
        assert float(stratified_gap) < float(plain_gap), "stratified shares stay closer to the pool's"
        assert float(stratified_missing) <= float(plain_missing)


def test_solution_02_selects_the_runs_row_count_at_every_k(solution_runs: SolutionRuns, smoke_run: Path) -> None:
    text = _ran(solution_runs, "02").text
    chosen = int(pd.read_parquet(smoke_run / "clustered.parquet")["selected"].sum())
    for k in (2, 10):
        assert f"== k = {k}: terpilih {chosen} baris" in text
    for cluster_text in ("input", "output", "both"):
        assert f"== cluster_text = {cluster_text}: k = " in text
    stop = dict(re.findall(r"== (Indonesia|Inggris): kosakata \d+; stop words Indonesia di 12 teratas: (\d+)", text))
    assert stop["Indonesia"] == "0" and int(stop["Inggris"]) > 0, "English stop words let Indonesian ones through"
    shares = re.findall(r"tetangga > (0\.95|0\.8): TF-IDF saja (\d+)%, ruang SVD (\d+)%", text)
    assert len(shares) == 2 and all(int(words) < int(svd) for _, words, svd in shares), \
        "the SVD space flags more near-duplicates than the words alone"


def test_solution_03_counts_lora_parameters_and_resumes_from_the_last_checkpoint(solution_runs: SolutionRuns,
                                                                                 smoke_run: Path) -> None:
    text = _ran(solution_runs, "03").text
    assert text.count("-> tepat: True") == 3, "the LoRA formula matches peft for r = 4, 8, 16"
    assert "OLMo-1B dengan r = 16: 4.194.304 parameter latih" in text
    assert "folder run berbeda untuk r = 4, 8, 16: True" in text
    assert "lapisan buatan sendiri sama dengan peft: True" in text and "B·A mengubah keluaran: True" in text
    assert "max_steps 8: run baru di folder lain: True" in text and "run tersimpan: 2" in text
    assert "dilanjutkan dari: checkpoint-2" in text
    assert "bobot akhir sama (selisih terbesar < 1e-6): True" in text
    work = smoke_run / "latihan" / "03_lora_training"
    resumed = json.loads((work / "terputus" / "adapter" / "run_card.json").read_text(encoding="utf-8"))
    assert resumed["result"]["global_step"] == 4 and resumed["parameters"]["max_steps"] == 4
    steps = sorted(json.loads(card.read_text(encoding="utf-8"))["result"]["global_step"]
                   for card in (work / "training").glob("run-*/adapter/run_card.json"))
    assert steps == [4, 8], "a changed max_steps trains a new run beside the first, which is kept"


def test_solution_03_compares_olmo_and_olmo2_on_the_same_rows_per_token_and_per_word(
        solution_runs: SolutionRuns) -> None:
    text = _ran(solution_runs, "03").text
    assert "satu folder run untuk setiap model: True" in text and "baris held-out sama untuk kedua model: True" in text
    table = dict(re.findall(r"^(tiny-olmo2?)\s+(\d+\s+\d+\s+\d+(?:\s+[\d.]+){4})\s*$", text, re.M))
    olmo, olmo2 = ([float(value) for value in table[name].split()] for name in ("tiny-olmo", "tiny-olmo2"))
    assert olmo[0] == olmo2[0] and olmo[2] == olmo2[2] == 0, "the same words, every answer scored whole"
    assert olmo2[1] < olmo[1], "OLMo 2's tokenizer spends fewer tokens on the same Indonesian answers"
    # Random weights: per token OLMo 2 looks worse (twice the vocabulary), per word better (fewer tokens).
    assert olmo2[3] > olmo[3] and olmo2[5] < olmo[5]


def test_solution_04_keeps_fewer_turns_with_more_room_and_writes_top_p_and_multi_turn_labels_by_hand(
        solution_runs: SolutionRuns) -> None:
    text = _ran(solution_runs, "04").text
    assert text.count("nukleus sama dengan transformers: True") == 3, "top-p by hand equals transformers' warpers"
    assert text.count("teks sama dengan chat template: True") == 3, "multi-turn rows render as the chat template"
    assert "satu giliran sama dengan encode_example notebook 03: True" in text
    table = re.findall(r"^\s*(\d+)\s+\d+\s+\d+\s+(\d+)\s*$", text, re.M)
    kept = [pairs for _, pairs in sorted((int(room), int(pairs)) for room, pairs in table)]
    assert len(kept) == 4 and kept == sorted(kept, reverse=True) and kept[-1] < kept[0], table
    assert re.search(r"dengan riwayat: \d+ token, 3 giliran User", text)
    assert re.search(r"setelah reset: \d+ token, 1 giliran User", text)


def test_solution_05_shows_loss_ignores_answer_length_writes_batch_loss_and_compares_two_adapters(
        solution_runs: SolutionRuns, smoke_run: Path) -> None:
    text = _ran(solution_runs, "05").text
    assert "loss dan perplexity sama persis: True" in text
    assert "sama dengan answer_losses: True" in text  # exercise 4: a padded batch's loss written by hand
    work = smoke_run / "latihan" / "05_evaluation"
    for side in ("klaster", "acak"):
        results = json.loads((work / f"results_{side}.json").read_text(encoding="utf-8"))
        assert math.isfinite(results["adapter"]["loss"]) and results["rows"] > 0
    assert re.search(r"seluruhnya: \d+ baris, selisih [+-]\d", text)
