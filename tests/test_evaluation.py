"""Held-out means held out: evaluation rows are proven unseen by the adapter, and results.json is always JSON."""

from __future__ import annotations

import dataclasses
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import selected_parquet

from olmo_id import cli, config, errors, evaluation, inference, runner, training
from olmo_id.errors import CourseError
from olmo_id.files import pair_hashes, sha256_file


def record_training(folder: Path, data: Path, trained: pd.DataFrame, pairs: bool = True, card: bool = True) -> Path:
    """An adapter folder's record of its training (run card, trained_pairs.parquet), as training writes it."""
    folder.mkdir(parents=True, exist_ok=True)
    if card:
        parameters = dataclasses.asdict(config.load("smoke"))
        run = {"profile": "smoke", "parameters": parameters, "data": {"file": data.name, "sha256": sha256_file(data)}}
        (folder / "run_card.json").write_text(json.dumps(run), encoding="utf-8")
    if pairs:
        pd.DataFrame({"pair": pair_hashes(trained)}).to_parquet(folder / evaluation.TRAINED_PAIRS, index=False)
    return folder


def tuned_for(folder: Path) -> inference.TunedModel:
    """A TunedModel that only knows its adapter folder: all that choosing held-out rows needs."""
    return inference.TunedModel(model=None, tokenizer=None, cfg=config.load("smoke"), adapter_dir=folder)


@pytest.fixture
def trained_on(tmp_path: Path) -> tuple[Path, inference.TunedModel, pd.DataFrame]:
    """A clustering file (20 of 60 rows selected) and an adapter record saying it trained on the selected rows."""
    data = selected_parquet(tmp_path / "clustered.parquet", n_rows=60, n_selected=20)
    rows = pd.read_parquet(data)
    adapter = record_training(tmp_path / "adapter", data, rows[rows["selected"]])
    return data, tuned_for(adapter), rows


def one_line(error: pytest.ExceptionInfo[BaseException]) -> str:
    """The error's message, asserted to be a single line."""
    message = str(error.value)
    assert "\n" not in message.strip(), message
    return message


def test_another_clustering_of_the_same_pool_is_refused(trained_on, tmp_path: Path) -> None:
    data, tuned, rows = trained_on
    other = tmp_path / "clustered_seed1.parquet"
    rows.assign(selected=rows.index >= 40).to_parquet(other, index=False)  # 20 of its "held-out" rows were trained on
    with pytest.raises(errors.HeldOutError) as error:
        evaluation.held_out_rows(tuned, other, 3, seed=0)
    message = one_line(error)
    assert other.name in message and data.name in message and "notebook 03" in message and "--held-out" in message


def test_held_out_rows_of_the_training_file_were_never_trained_on(trained_on) -> None:
    data, tuned, rows = trained_on
    picked = evaluation.held_out_rows(tuned, data, 100, seed=0)
    trained = set(pair_hashes(rows[rows["selected"]]))
    assert len(picked) == 40 and not set(pair_hashes(picked)) & trained


def test_an_unselected_copy_of_a_trained_pair_is_dropped_too(tmp_path: Path) -> None:
    rows = pd.read_parquet(selected_parquet(tmp_path / "base.parquet", n_rows=30, n_selected=10))
    copy = rows.iloc[[0]].assign(selected=False, prompt_id="copy")  # the same (input, output) as a trained row
    data = tmp_path / "clustered.parquet"
    pd.concat([rows, copy], ignore_index=True).to_parquet(data, index=False)
    tuned = tuned_for(record_training(tmp_path / "adapter", data, rows[rows["selected"]]))
    picked = evaluation.held_out_rows(tuned, data, 100, seed=0)
    assert len(picked) == 20 and rows["input"].iloc[0] not in set(picked["input"])


def test_an_explicit_file_sharing_pairs_with_training_is_refused_with_the_count(trained_on, tmp_path: Path) -> None:
    _, tuned, rows = trained_on
    explicit = tmp_path / "held_out.parquet"
    pd.concat([rows[~rows["selected"]], rows[rows["selected"]].head(3)]).to_parquet(explicit, index=False)
    with pytest.raises(errors.HeldOutError) as error:
        evaluation.held_out_rows(tuned, explicit, 3, seed=0, explicit=True)
    message = one_line(error)
    assert explicit.name in message and "3 baris" in message


def test_every_row_of_an_explicit_unseen_file_is_a_candidate(trained_on, tmp_path: Path) -> None:
    _, tuned, rows = trained_on
    explicit = tmp_path / "held_out.parquet"
    rows[~rows["selected"]].assign(selected=True).to_parquet(explicit, index=False)  # its own marks do not matter
    picked = evaluation.held_out_rows(tuned, explicit, 100, seed=0, explicit=True)
    assert len(picked) == 40
    assert picked.equals(evaluation.held_out_rows(tuned.adapter_dir, explicit, 100, seed=0, explicit=True))


@pytest.mark.parametrize("missing, words", [("card", "run_card.json"), ("pairs", "trained_pairs.parquet")])
@pytest.mark.parametrize("explicit", [False, True])
def test_an_adapter_whose_training_cannot_be_checked_is_refused(missing: str, words: str, explicit: bool,
                                                                 tmp_path: Path) -> None:
    rows = pd.read_parquet(data := selected_parquet(tmp_path / "clustered.parquet", n_rows=30, n_selected=10))
    folder = record_training(tmp_path / "adapter", data, rows[rows["selected"]], pairs=missing != "pairs",
                             card=missing != "card")
    with pytest.raises(errors.HeldOutError) as error:
        evaluation.held_out_rows(tuned_for(folder), data, 3, seed=0, explicit=explicit)
    assert words in one_line(error)


def test_a_tuned_model_without_adapter_folder_is_refused(trained_on) -> None:
    data, tuned, _ = trained_on
    with pytest.raises(errors.HeldOutError):
        evaluation.held_out_rows(dataclasses.replace(tuned, adapter_dir=None), data, 3, seed=0)


def test_results_json_stays_valid_json_with_non_finite_numbers(tmp_path: Path) -> None:
    results = {"rows": 1, "base": {"loss": float("nan"), "perplexity": float("inf"),
                                   "per_subset": {"x": {"bleu": -math.inf}}}}
    answers = pd.DataFrame({"subset_name": ["x"], "reference": ["a"], "base": [float("nan")]})
    path = evaluation.write_results(evaluation.Evaluation(results, answers), tmp_path / "results.json")

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    saved = json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)
    assert saved["base"]["loss"] is None and saved["base"]["perplexity"] is None
    assert saved["base"]["per_subset"]["x"]["bleu"] is None and saved["answers"][0]["base"] is None


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real smoke adapter trained by the CLI on a clustering file: (clustering file, adapter folder)."""
    folder = tmp_path_factory.mktemp("trained")
    data = selected_parquet(folder / "clustered.parquet", n_rows=60, n_selected=20)
    status = cli.main(["train", "--profile", "smoke", "--data", str(data), "--out", str(folder / "run"),
                       "--max-steps", "2", "-p", "max_length", "64", "-p", "batch_size", "2"])
    assert status == 0
    return data, folder / "run" / training.ADAPTER_DIR


def test_a_trained_adapter_is_evaluated_on_its_own_file_and_refuses_another(trained_run, tmp_path: Path) -> None:
    data, adapter = trained_run
    tuned = inference.load_tuned(adapter, max_new_tokens=4)
    assert tuned.adapter_dir == adapter
    rows = evaluation.held_out_rows(tuned, data, 2, seed=0)
    trained = set(pair_hashes(training.load_rows(data, tuned.cfg).train))
    assert len(rows) and not set(pair_hashes(rows)) & trained
    out = evaluation.write_results(evaluation.evaluate(tuned, rows), tmp_path / "results.json")
    assert json.loads(out.read_text(encoding="utf-8"))["rows"] == len(rows)

    other = tmp_path / "clustered_seed1.parquet"
    pd.read_parquet(data).assign(selected=lambda frame: frame.index >= 40).to_parquet(other, index=False)
    with pytest.raises(errors.HeldOutError, match="notebook 03"):
        evaluation.held_out_rows(tuned, other, 2, seed=0)


def test_results_json_records_the_wall_and_cpu_seconds_of_the_evaluation(trained_run, tmp_path: Path) -> None:
    data, adapter = trained_run
    tuned = inference.load_tuned(adapter, max_new_tokens=2)
    result = evaluation.evaluate(tuned, evaluation.held_out_rows(tuned, data, 1, seed=0))
    saved = json.loads(evaluation.write_results(result, tmp_path / "results.json").read_text(encoding="utf-8"))
    assert saved["seconds"] > 0 and saved["cpu_seconds"] > 0
    assert result.timing().startswith(f"evaluasi {saved['rows']} baris")


def test_notebook_05_after_a_reclustering_shows_the_refusal_instead_of_evaluating(trained_run, tmp_path: Path) -> None:
    data, adapter = trained_run
    run = tmp_path / "run"
    shutil.copytree(adapter, run / "training" / training.ADAPTER_DIR)
    # Notebook 02 run again with another seed: the same pool, other rows marked selected.
    pd.read_parquet(data).assign(selected=lambda frame: frame.index >= 40).to_parquet(
        run / "clustered.parquet", index=False)
    with pytest.raises(CourseError) as error:
        runner.run_course("smoke", run, only=["05"], progress=False)
    assert "HeldOutError" in str(error.value) and "notebook 03" in str(error.value)
    assert not (run / "results.json").exists()


def test_nearest_similarity_finds_each_rows_closest_training_row_across_batches() -> None:
    from sklearn.preprocessing import normalize

    rng = np.random.default_rng(0)
    held_out = normalize(rng.normal(size=(25, 8))).astype(np.float32)
    trained = normalize(rng.normal(size=(11, 8))).astype(np.float32)
    trained[3] = held_out[7]  # a held-out row whose twin was trained on
    nearest = evaluation.nearest_similarity(held_out, trained, batch_rows=4)  # 25 rows in 7 uneven pieces
    assert nearest.shape == (25,)
    assert np.allclose(nearest, (held_out @ trained.T).max(axis=1))
    assert nearest[7] == pytest.approx(1.0) and (np.delete(nearest, 7) < 0.999).all()


def test_nearest_similarity_without_training_rows_says_so() -> None:
    with pytest.raises(errors.EmptyDataError, match="baris latih"):
        evaluation.nearest_similarity(np.ones((2, 3), dtype=np.float32), np.empty((0, 3), dtype=np.float32))
