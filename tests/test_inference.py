"""Inference and evaluation: history is used, streaming is real, EOS stops, merging changes nothing, results.json."""

from __future__ import annotations

import dataclasses
import json
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
import torch
from conftest import random_adapter, selected_parquet
from safetensors.torch import save_file

from olmo_id import chat, cli, config, errors, evaluation, inference, modeling
from olmo_id.files import pair_hashes, sha256_file, why_unreadable


@pytest.fixture(scope="module")
def adapter_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A smoke adapter with random (non-zero) LoRA weights, saved the way training saves it."""
    return random_adapter(tmp_path_factory.mktemp("adapter") / "adapter")


def record(adapter_dir: Path, folder: Path, data: Path, **card_changes: object) -> Path:
    """A copy of the adapter with the run card and trained pairs training writes (trained on `data`'s selected rows)."""
    shutil.copytree(adapter_dir, folder)
    rows = pd.read_parquet(data)
    card = {"profile": "smoke", "parameters": dataclasses.asdict(config.load("smoke")),
            "data": {"file": data.name, "sha256": sha256_file(data)}} | card_changes
    (folder / "run_card.json").write_text(json.dumps(card), encoding="utf-8")
    pd.DataFrame({"pair": pair_hashes(rows[rows["selected"]])}).to_parquet(folder / evaluation.TRAINED_PAIRS,
                                                                          index=False)
    return folder


@pytest.fixture(scope="module")
def recorded_adapter(adapter_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The adapter with a run card and trained pairs, and the clustering file it was (said to be) trained on."""
    folder = tmp_path_factory.mktemp("recorded")
    data = selected_parquet(folder / "clustered.parquet", n_rows=60, n_selected=40)
    return record(adapter_dir, folder / "adapter", data), data


@pytest.fixture(scope="module")
def tuned(adapter_dir: Path) -> inference.TunedModel:
    return inference.load_tuned(adapter_dir, max_new_tokens=12)


def test_the_adapter_names_its_base_and_loads_on_it(tuned: inference.TunedModel) -> None:
    assert tuned.cfg.model_id == modeling.TINY_MODEL and tuned.tokenizer.chat_template == chat.CHAT_TEMPLATE


def test_history_changes_the_prompt(tuned: inference.TunedModel) -> None:
    session = inference.ChatSession(tuned)
    alone = session.prompt_ids("Dan Surabaya?")
    session.history += [chat.user("Apa ibu kota Jawa Timur?"), chat.assistant("Surabaya.")]
    with_history = session.prompt_ids("Dan Surabaya?")
    assert len(with_history) > len(alone) and with_history[-len(alone):] == alone
    assert "Apa ibu kota Jawa Timur?" in tuned.tokenizer.decode(with_history)


def test_trimming_drops_the_oldest_turns_and_keeps_the_newest(tuned: inference.TunedModel, monkeypatch) -> None:
    session = inference.ChatSession(tuned)
    for n in range(30):
        session.history += [chat.user(f"pertanyaan nomor {n} " * 5), chat.assistant(f"jawaban nomor {n} " * 5)]
    monkeypatch.setattr(inference.ChatSession, "context_limit", property(lambda self: 200))
    text = tuned.tokenizer.decode(session.prompt_ids("pertanyaan terbaru"))
    assert text.endswith("User: pertanyaan terbaru\nAssistant:") and text.startswith("User:")
    assert "pertanyaan nomor 29" in text and "pertanyaan nomor 0 " not in text


def test_streaming_yields_several_pieces_before_generation_ends(tuned: inference.TunedModel, monkeypatch) -> None:
    finished: list[float] = []
    original = tuned.model.generate

    def timed_generate(**kwargs):
        output = original(**kwargs)
        finished.append(time.perf_counter())
        return output

    monkeypatch.setattr(tuned.model, "generate", timed_generate)
    session = inference.ChatSession(tuned)
    arrivals = [time.perf_counter() for _ in session.stream("Ceritakan tentang Bandung.", greedy=True)]
    assert len(arrivals) >= 2 and sum(arrival < finished[0] for arrival in arrivals) >= 2
    assert session.history[-1]["role"] == "assistant" and len(session.history) == 2


def test_generation_stops_at_eos(tuned: inference.TunedModel) -> None:
    eos, calls = tuned.tokenizer.eos_token_id, []

    def force_eos_on_third_token(module, inputs, output):
        calls.append(1)
        if len(calls) == 3:
            output[:, -1, eos] = 1e4
        return output

    head = tuned.model.get_output_embeddings()
    handle = head.register_forward_hook(force_eos_on_third_token)
    try:
        with torch.no_grad():
            ids = torch.tensor([inference.ChatSession(tuned).prompt_ids("Halo")])
            out = tuned.model.generate(input_ids=ids, attention_mask=torch.ones_like(ids),
                                       **inference.generation_settings(tuned.cfg, tuned.tokenizer, greedy=True))
    finally:
        handle.remove()
    new = out[0, ids.shape[1]:].tolist()
    assert new[-1] == eos and len(new) == 3 < tuned.cfg.max_new_tokens


def test_a_new_user_turn_in_the_stream_ends_the_answer() -> None:
    pieces = iter(["Jakarta", " adalah ibu kota.", "\nUs", "er: dan", " lagi"])
    assert "".join(inference.until_next_turn(pieces)) == "Jakarta adalah ibu kota."


def test_the_merged_model_gives_the_same_logits(adapter_dir: Path, tuned: inference.TunedModel) -> None:
    merged = inference.load_tuned(adapter_dir, merge=True)
    ids = torch.tensor([inference.ChatSession(tuned).prompt_ids("Apa itu gotong royong?")])
    with torch.no_grad():
        expected, got = tuned.model(input_ids=ids).logits, merged.model(input_ids=ids).logits
        base = modeling.load_base(tuned.cfg)(input_ids=ids).logits
    assert (expected - base).abs().max() > 1e-3  # the adapter really changes the output
    torch.testing.assert_close(got, expected, rtol=0, atol=1e-4)


def test_evaluate_writes_results_for_base_and_adapter(recorded_adapter: tuple[Path, Path], tmp_path: Path) -> None:
    adapter, data = recorded_adapter
    tuned = inference.load_tuned(adapter, max_new_tokens=8)
    rows = evaluation.held_out_rows(tuned, data, 2, seed=0)
    out = evaluation.write_results(evaluation.evaluate(tuned, rows), tmp_path / "results.json")
    results = json.loads(out.read_text(encoding="utf-8"))
    for side in ("base", "adapter"):
        assert set(evaluation.METRICS) <= set(results[side])
        assert results[side]["perplexity"] == pytest.approx(2.718281828 ** results[side]["loss"], rel=1e-6)
        assert results[side]["per_subset"]
        assert all(set(evaluation.METRICS) <= set(v) for v in results[side]["per_subset"].values())
    assert results["base"]["loss"] != results["adapter"]["loss"]
    assert len(results["answers"]) == results["rows"] <= 2 * len(results["base"]["per_subset"])


def test_a_file_with_every_row_trained_on_has_no_held_out_rows(adapter_dir: Path, tmp_path: Path) -> None:
    data = selected_parquet(tmp_path / "all_selected.parquet", n_rows=10)
    adapter = record(adapter_dir, tmp_path / "adapter", data)
    with pytest.raises(inference.OlmoIdError, match="held-out"):
        evaluation.held_out_rows(adapter, data, 2, seed=0)


def test_indonesian_answers_are_told_from_english_ones() -> None:
    assert evaluation.is_indonesian("Ibu kota Indonesia adalah Jakarta, yang terletak di pulau Jawa.")
    assert not evaluation.is_indonesian("The capital of Indonesia is Jakarta, which lies on the island of Java.")


def test_metrics_reward_the_reference_itself() -> None:
    import pandas as pd

    losses = pd.DataFrame({"loss_sum": [2.0], "tokens": [4]})
    perfect = evaluation._scores(losses, pd.Series(["saya suka makan nasi goreng"]),
                                 pd.Series(["saya suka makan nasi goreng"]))
    assert perfect["chrf"] == pytest.approx(100) and perfect["rougeL"] == pytest.approx(100) and perfect["loss"] == 0.5


@pytest.mark.parametrize("argv, words", [
    (["generate", "--adapter", "{tmp}", "--prompt", "Halo"], "adapter_config.json"),
    (["generate", "--adapter", "{adapter}", "--prompt", "  "], "kosong"),
])
def test_bad_inference_input_gives_one_line_and_exit_2(argv: list[str], words: str, adapter_dir: Path, tmp_path: Path,
                                                       capsys) -> None:
    empty = selected_parquet(tmp_path / "all_selected.parquet", n_rows=10)
    values = {"tmp": str(tmp_path), "adapter": str(adapter_dir), "empty": str(empty)}
    status = cli.main([arg.format(**values) for arg in argv])
    err = capsys.readouterr().err
    assert status == 2 and words in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.json").exists()


def test_an_adapter_for_another_base_is_refused(adapter_dir: Path) -> None:
    with pytest.raises(errors.AdapterError, match="tiny-olmo"):
        inference.load_tuned(adapter_dir, base_model="allenai/OLMo-1B-hf")


def test_a_message_longer_than_the_context_is_refused_not_cut(tuned: inference.TunedModel, monkeypatch) -> None:
    monkeypatch.setattr(inference.ChatSession, "context_limit", property(lambda self: 50))
    with pytest.raises(inference.OlmoIdError, match="terlalu panjang"):
        inference.ChatSession(tuned).prompt_ids("kata " * 100)


def test_another_profile_changes_machine_settings_and_keeps_the_trained_ones(adapter_dir: Path) -> None:
    tuned = inference.load_tuned(adapter_dir, profile="smoke", precision="bf16", max_new_tokens=5)
    assert tuned.cfg.precision == "bf16" and tuned.cfg.max_new_tokens == 5
    assert tuned.cfg.model_id == modeling.TINY_MODEL and tuned.model.dtype == torch.bfloat16


def _no_base_model(*args: object, **kwargs: object) -> None:
    raise AssertionError("the base model was loaded before the bad input was refused")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _set_base(path: Path) -> None:
    settings = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(settings | {"base_model_name_or_path": "allenai/OLMo-1B-hf"}), encoding="utf-8")


@pytest.mark.parametrize("name, tamper, words", [
    ("adapter_model.safetensors", Path.unlink, "tidak ada"),
    ("adapter_model.safetensors", lambda path: path.write_bytes(b""), "kosong"),
    ("adapter_model.safetensors", _truncate, "rusak"),
    ("adapter_model.safetensors", lambda path: save_file({}, str(path)), "tidak berisi"),
    ("adapter_config.json", lambda path: path.write_text('{"peft_type": ', encoding="utf-8"), "JSON"),
    ("run_card.json", lambda path: path.write_text('{"profile": ', encoding="utf-8"), "JSON"),
    ("run_card.json", lambda path: path.write_text('{"profile": "smoke"}', encoding="utf-8"), "parameters"),
    ("run_card.json", lambda path: path.write_text('["smoke"]', encoding="utf-8"), "objek JSON"),
    ("adapter_config.json", _set_base, "allenai/OLMo-1B-hf"),
])
def test_a_tampered_adapter_is_refused_in_one_line_before_the_base_model_loads(
        name: str, tamper, words: str, recorded_adapter: tuple[Path, Path], tmp_path: Path, monkeypatch,
        capsys) -> None:
    folder = tmp_path / "adapter"
    shutil.copytree(recorded_adapter[0], folder)
    tamper(folder / name)
    monkeypatch.setattr(modeling, "load_base", _no_base_model)
    status = cli.main(["generate", "--adapter", str(folder), "--prompt", "Halo", "--max-new-tokens", "4"])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1, err
    assert name in err and words in err and "notebook 03" in err


def test_the_recorded_adapter_itself_loads(recorded_adapter: tuple[Path, Path]) -> None:
    tuned = inference.load_tuned(recorded_adapter[0], max_new_tokens=4)
    assert tuned.adapter_dir == recorded_adapter[0] and tuned.cfg.profile == "smoke"


def test_max_new_tokens_beyond_the_context_blames_the_limit_not_the_message(adapter_dir: Path, monkeypatch,
                                                                           capsys) -> None:
    context = modeling.context_length(config.load("smoke"))
    largest = context - inference.MIN_PROMPT_TOKENS
    monkeypatch.setattr(modeling, "load_base", _no_base_model)
    for too_many in (5000, context, largest + 1):
        status = cli.main(["generate", "--adapter", str(adapter_dir), "--prompt", "Halo",
                           "--max-new-tokens", str(too_many)])
        err = capsys.readouterr().err
        assert status == 2 and len(err.strip().splitlines()) == 1, err
        assert "max_new_tokens" in err and str(context) in err and str(largest) in err and "pesan" not in err
    monkeypatch.undo()
    assert inference.load_tuned(adapter_dir, max_new_tokens=largest).cfg.max_new_tokens == largest


def test_one_message_longer_than_the_prompt_room_is_refused_and_the_session_goes_on(
        tuned: inference.TunedModel) -> None:
    roomy = dataclasses.replace(tuned, cfg=config.with_overrides(tuned.cfg, max_new_tokens=2000))
    session = inference.ChatSession(roomy)
    with pytest.raises(errors.MessageTooLongError, match="terlalu panjang") as error:
        session.prompt_ids("kata " * 200)
    assert "\n" not in str(error.value) and session.history == []
    assert len(session.prompt_ids("Halo")) <= session.context_limit


def test_a_hub_id_is_downloaded_and_a_path_never_is(tmp_path: Path, monkeypatch) -> None:
    import huggingface_hub

    asked = []
    monkeypatch.setattr(huggingface_hub, "snapshot_download",
                        lambda repo_id, token=None: asked.append(repo_id) or str(tmp_path / "downloaded"))
    assert inference.local_adapter("budi/olmo-id-adapter") == tmp_path / "downloaded"
    for path in ("./runs/adapter", "runs/t4/adapter", "adapter", str(tmp_path / "adapter")):
        assert inference.local_adapter(path) == Path(path)
    assert asked == ["budi/olmo-id-adapter"]


def test_evaluate_checks_the_adapter_once_before_the_base_model_loads(recorded_adapter: tuple[Path, Path],
                                                                      tmp_path: Path, monkeypatch, capsys) -> None:
    folder, data = recorded_adapter
    checked = []

    def counting(path: Path) -> str | None:
        checked.append(Path(path).name)
        return why_unreadable(path)

    def stop(tuned: inference.TunedModel, rows: pd.DataFrame) -> None:
        raise errors.EmptyDataError("model termuat; berhenti di sini")

    monkeypatch.setattr(inference, "why_unreadable", counting)
    monkeypatch.setattr(evaluation, "evaluate", stop)
    status = cli.main(["evaluate", "--adapter", str(folder), "--data", str(data), "--out", str(tmp_path / "r.json"),
                       "--max-new-tokens", "4"])
    assert status == 2 and "berhenti di sini" in capsys.readouterr().err
    assert checked.count(inference.ADAPTER_WEIGHTS) == 1 and checked.count(inference.ADAPTER_SETTINGS) == 1


def test_saved_base_answers_are_read_back_only_for_the_same_model(tmp_path: Path) -> None:
    path = inference.save_answers(tmp_path / inference.BASE_ANSWERS, ["Apa?", "Siapa?"], ["Ini.", "Dia."], "m/a")
    assert inference.read_answers(path, "m/a") == {"Apa?": "Ini.", "Siapa?": "Dia."}
    assert inference.read_answers(path, "m/b") == {}, "answers of another base model are asked again"
    path.write_text('{"model_id": "m/a", "answ', encoding="utf-8")  # a kill in the middle of a save
    assert inference.read_answers(path, "m/a") == {} and inference.read_answers(tmp_path / "none.json", "m/a") == {}
    with pytest.raises(inference.OlmoIdError, match="jumlahnya harus sama"):
        inference.save_answers(tmp_path / "x.json", ["Apa?"], [], "m/a")
