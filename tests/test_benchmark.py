"""The benchmark stage runs the real lm-evaluation-harness path offline, and cannot silently score nothing."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest
from lm_eval.tasks._yaml_loader import load_yaml as load_yaml_config  # the harness reading its own YAML

from olmo_id import benchmark, cli, config, inference
from olmo_id.errors import ConfigError

HARNESS_TASKS = Path(__import__("lm_eval").__file__).parent / "tasks"
SCHEMAS = {  # each mini task's fields: those of the real task it stands in for
    "mini_belebele_ind": {"link", "question_number", "flores_passage", "question", "mc_answer1", "mc_answer2",
                          "mc_answer3", "mc_answer4", "correct_answer_num", "dialect", "ds"},
    "mini_xcopa_id": {"premise", "choice1", "choice2", "question", "label", "idx", "changed"},
    "mini_copal_id": {"premise", "choice1", "choice2", "question", "label", "idx", "terminology", "culture",
                      "language"},
}
SHORT, LONG = "hujan.", "pedagang di pasar pagi menjual sayur segar dengan harga yang cukup murah hari itu."


@pytest.fixture(scope="module")
def tuned(smoke_run: Path) -> inference.TunedModel:
    """The smoke course's adapter on the tiny OLMo (random weights: every token about equally likely)."""
    return inference.load_tuned(smoke_run / "training")


@pytest.fixture
def check_task(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Register a task named NAME with mini_xcopa_id's config and the given items; returns its name."""
    def register(name: str, items: list[dict[str, object]]) -> str:
        data = tmp_path / f"{name}.jsonl"
        data.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in items), encoding="utf-8")
        (tmp_path / f"{name}.yaml").write_text(
            f"include: {benchmark.FIXTURE_DIR / 'mini_xcopa_id.yaml'}\ntask: {name}\n"
            f"dataset_kwargs:\n  data_files: {data}\n", encoding="utf-8")
        monkeypatch.setattr(benchmark, "TASK_DIRS", [*benchmark.TASK_DIRS, tmp_path])
        monkeypatch.setitem(benchmark.TASKS, name, benchmark.Task(name, "uji", str(len(items)), fixture=True))
        return name
    return register


def known_answer_items(count: int = 60) -> list[dict[str, object]]:
    """Two-choice items whose right choice is one word and whose wrong one is fifteen: a model that finds every
    token about equally likely (the tiny random OLMo) must pick the one-word choice, so the gold label is known."""
    rng = random.Random(0)
    items = []
    for idx in range(count):
        choices = [SHORT.capitalize(), LONG.capitalize()]
        rng.shuffle(choices)
        items.append({"premise": f"Jalan di depan rumah nomor {idx} basah pagi ini.", "choice1": choices[0],
                      "choice2": choices[1], "question": "cause", "label": choices.index(SHORT.capitalize()),
                      "idx": idx, "changed": False})
    return items


def test_items_with_known_answers_score_one_on_both_sides_and_formats(tuned, check_task) -> None:
    name = check_task("known_answers", known_answer_items())
    result = benchmark.run(tuned, [name]).results["tasks"][name]
    assert (result["n"], result["chance"]) == (60, 0.5)
    for scores in (result, result["chat"]):
        assert (scores["base"], scores["adapter"]) == (1.0, 1.0)
        assert not scores["exceeds_noise"]


def test_shuffled_answers_score_near_chance(tuned, check_task) -> None:
    items = known_answer_items()
    labels = [item["label"] for item in items]
    random.Random(1).shuffle(labels)
    name = check_task("shuffled_answers", [{**item, "label": label} for item, label in zip(items, labels, strict=True)])
    result = benchmark.run(tuned, [name], formats=("raw",)).results["tasks"][name]
    for side in ("base", "adapter"):
        assert abs(result[side] - result["chance"]) <= 3 * result["stderr"][side], result
        assert result[side] < 0.8


def test_the_profile_tasks_report_every_figure_per_task(tuned) -> None:
    bench = benchmark.run(tuned)
    assert list(bench.results["tasks"]) == list(config.MINI_TASKS)
    for name, result in bench.results["tasks"].items():
        assert result["n"] == len(fixture_items(name))
        assert result["chance"] == pytest.approx({"mini_belebele_ind": 0.25, "mini_xcopa_id": 0.5}[name])
        assert {"base", "adapter", "stderr", "difference", "difference_stderr", "exceeds_noise", "chat"} <= set(result)
        assert 0 <= result["base"] <= 1 and result["stderr"]["base"] > 0
    assert list(bench.table().index) == list(config.MINI_TASKS)


def test_limit_takes_the_first_items_of_each_task(tuned) -> None:
    result = benchmark.run(tuned, ["mini_xcopa_id"], limit=7, formats=("raw",)).results
    assert result["limit"] == 7 and result["tasks"]["mini_xcopa_id"]["n"] == 7


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_mini_items_have_the_real_schema_and_balanced_answers(name: str) -> None:
    items = fixture_items(name)
    assert all(set(item) == SCHEMAS[name] for item in items)
    golds = [int(item["correct_answer_num"]) - 1 if "correct_answer_num" in item else item["label"] for item in items]
    counts = pd.Series(golds).value_counts()
    assert counts.max() - counts.min() <= 4, counts


def test_mini_tasks_ask_as_the_real_tasks_ask() -> None:
    real = load_yaml_config(str(HARNESS_TASKS / "belebele" / "belebele_ind_Latn.yaml"))
    mini = load_yaml_config(str(benchmark.FIXTURE_DIR / "mini_belebele_ind.yaml"))
    for key in ("output_type", "doc_to_text", "doc_to_choice", "doc_to_target"):
        assert mini[key] == real[key], key
    for mini_name, real_file in (("mini_xcopa_id", "xcopa/default_id.yaml"),
                                 ("mini_copal_id", "copal_id/standard.yaml")):
        real = load_yaml_config(str(HARNESS_TASKS / real_file))
        mini = load_yaml_config(str(benchmark.FIXTURE_DIR / f"{mini_name}.yaml"))
        doc = fixture_items(mini_name)[0]
        for key in ("doc_to_text", "doc_to_choice"):
            assert mini[key](doc) == real[key](doc), key
        assert mini["doc_to_target"] == real["doc_to_target"]


def test_an_unknown_task_is_refused_naming_the_available_ones() -> None:
    with pytest.raises(ConfigError, match="tidak dikenal: hellaswag_id; yang tersedia: belebele_ind_Latn") as error:
        benchmark.check_tasks("mini_xcopa_id,hellaswag_id")
    assert "\n" not in str(error.value) and "mini_copal_id" in str(error.value)
    assert benchmark.check_tasks(" mini_xcopa_id, mini_xcopa_id ,") == ("mini_xcopa_id",)


def test_contamination_flags_training_rows_that_hold_an_item() -> None:
    item = fixture_items("mini_belebele_ind")[0]
    clean = ["Apa ibu kota Indonesia?\nJakarta."] * 3
    copied = f"Baca paragraf ini.\n{item['flores_passage'].upper()}!"  # case and punctuation do not hide it
    table = benchmark.contamination([*clean, copied], ["mini_belebele_ind", "mini_xcopa_id"])
    assert table.loc["mini_belebele_ind", "overlapping_rows"] == 1
    assert table.loc["mini_belebele_ind", "overlapping_items"] >= 1 and table.loc["mini_belebele_ind", "flagged"]
    assert table.loc["mini_xcopa_id", "overlapping_rows"] == 0 and not table.loc["mini_xcopa_id", "flagged"]
    assert 8 <= table.loc["mini_xcopa_id", "n_gram"] <= 13
    assert benchmark.contamination(clean, ["mini_belebele_ind"]).loc["mini_belebele_ind", "overlapping_rows"] == 0


def test_a_flagged_task_is_also_scored_without_its_overlapping_items(tuned, tmp_path: Path) -> None:
    items = fixture_items("mini_belebele_ind")
    copied = [f"{item['flores_passage']}\n{item['question']}" for item in items[:4]]  # passages 1-2, both questions
    table = benchmark.contamination(copied, ["mini_belebele_ind"])
    assert table.loc["mini_belebele_ind", "overlapping"] == [f"mini_belebele_ind:{index}" for index in range(4)]
    bench = benchmark.run(tuned, ["mini_belebele_ind"], formats=("raw",))
    saved = json.loads(benchmark.write_results(bench, tmp_path / "b.json", table).read_text(encoding="utf-8"))
    clean = saved["tasks"]["mini_belebele_ind"]["contamination"]["clean"]
    kept = bench.items[(bench.items["side"] == "adapter") & (bench.items["doc_id"] >= 4)]
    assert clean["n"] == 20 and clean["adapter"] == pytest.approx(kept["acc"].mean())


def test_the_training_file_is_found_beside_the_run_and_proved_by_its_digest(smoke_run: Path, tmp_path: Path) -> None:
    adapter = inference.local_adapter(smoke_run / "training")
    assert benchmark.training_file(adapter) == (smoke_run / "clustered.parquet").resolve()
    moved = tmp_path / "training" / "run-x" / "adapter"
    moved.parent.mkdir(parents=True)
    (moved.parent.parent.parent / "clustered.parquet").write_bytes(b"another file")
    shutil.copytree(adapter, moved)
    assert benchmark.training_file(moved) is None


def test_the_cli_writes_every_figure_per_task(smoke_run: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "benchmark.json"
    code = cli.main(["benchmark", "--adapter", str(smoke_run / "training"), "--out", str(out), "--limit", "10"])
    assert code == 0, capsys.readouterr().err
    tasks = json.loads(out.read_text(encoding="utf-8"))["tasks"]
    assert list(tasks) == list(config.MINI_TASKS)
    for result in tasks.values():
        assert {"base", "adapter", "stderr", "n", "chance", "contamination"} <= set(result)
        assert result["n"] == 10 and result["contamination"]["training_rows"] > 0
    assert "mini_xcopa_id" in capsys.readouterr().out


@pytest.mark.parametrize(("flags", "words"), [
    (["--tasks", "mini_xcopa_id,hellaswag_id"], "tidak dikenal: hellaswag_id; yang tersedia:"),
    (["--tasks", ","], "tidak ada tugas benchmark"),
    (["--limit", "0"], "--limit harus lebih dari 0"),
    (["--tasks", "xcopa_id"], "data benchmark xcopa_id tidak bisa dimuat"),  # the tests run offline
    (["--data", str(benchmark.FIXTURE_DIR / "mini_xcopa_id.jsonl")], "tidak bisa dibaca sebagai parquet"),
])
def test_the_cli_refuses_bad_input_in_one_line_without_a_file(smoke_run: Path, tmp_path: Path, capsys, flags,
                                                              words: str) -> None:
    out = tmp_path / "benchmark.json"
    assert cli.main(["benchmark", "--adapter", str(smoke_run / "training"), "--out", str(out), *flags]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
    assert not out.exists()


def test_the_benchmarks_follow_the_machine_profile_not_the_run_card(smoke_run: Path, tmp_path: Path) -> None:
    adapter = shutil.copytree(inference.local_adapter(smoke_run / "training"), tmp_path / "adapter")
    card = json.loads((adapter / "run_card.json").read_text(encoding="utf-8"))
    card["parameters"] |= {"benchmark_tasks": ["mini_copal_id"], "benchmark_limit": 5}
    (adapter / "run_card.json").write_text(json.dumps(card), encoding="utf-8")
    assert inference.check_adapter(adapter).cfg.benchmark_tasks == ("mini_copal_id",)
    here = inference.load_tuned(adapter, profile="smoke").cfg
    assert (here.benchmark_tasks, here.benchmark_limit) == (config.MINI_TASKS, 0)


def test_a_negative_benchmark_limit_is_refused() -> None:
    with pytest.raises(ConfigError, match="benchmark_limit"):
        config.load("smoke", benchmark_limit=-1)


def fixture_items(name: str) -> list[dict[str, object]]:
    """The shipped items of a mini task."""
    lines = (benchmark.FIXTURE_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
