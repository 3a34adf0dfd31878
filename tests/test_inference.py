"""Inference and evaluation: history is used, streaming is real, EOS stops, merging changes nothing, results.json."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import torch
from conftest import selected_parquet

from olmo_id import chat, cli, config, evaluation, inference, modeling


@pytest.fixture(scope="module")
def adapter_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A smoke adapter with random (non-zero) LoRA weights, saved the way training saves it."""
    cfg = config.load("smoke")
    model, _ = modeling.add_lora(modeling.load_base(cfg), cfg)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(0, 0.05, generator=torch.Generator().manual_seed(0))
    folder = tmp_path_factory.mktemp("adapter") / "adapter"
    model.save_pretrained(folder)
    modeling.load_tokenizer(cfg.model_id).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tuned(adapter_dir: Path) -> inference.Tuned:
    return inference.load(adapter_dir, max_new_tokens=12)


def test_the_adapter_names_its_base_and_loads_on_it(tuned: inference.Tuned) -> None:
    assert tuned.cfg.model_id == modeling.TINY_MODEL and tuned.tokenizer.chat_template == chat.CHAT_TEMPLATE


def test_history_changes_the_prompt(tuned: inference.Tuned) -> None:
    session = inference.ChatSession(tuned)
    alone = session.prompt_ids("Dan Surabaya?")
    session.history += [chat.user("Apa ibu kota Jawa Timur?"), chat.assistant("Surabaya.")]
    with_history = session.prompt_ids("Dan Surabaya?")
    assert len(with_history) > len(alone) and with_history[-len(alone):] == alone
    assert "Apa ibu kota Jawa Timur?" in tuned.tokenizer.decode(with_history)


def test_trimming_drops_the_oldest_turns_and_keeps_the_newest(tuned: inference.Tuned, monkeypatch) -> None:
    session = inference.ChatSession(tuned)
    for n in range(30):
        session.history += [chat.user(f"pertanyaan nomor {n} " * 5), chat.assistant(f"jawaban nomor {n} " * 5)]
    monkeypatch.setattr(inference.ChatSession, "context_limit", property(lambda self: 200))
    text = tuned.tokenizer.decode(session.prompt_ids("pertanyaan terbaru"))
    assert text.endswith("User: pertanyaan terbaru\nAssistant:") and text.startswith("User:")
    assert "pertanyaan nomor 29" in text and "pertanyaan nomor 0 " not in text


def test_streaming_yields_several_pieces_before_generation_ends(tuned: inference.Tuned, monkeypatch) -> None:
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


def test_generation_stops_at_eos(tuned: inference.Tuned) -> None:
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


def test_the_merged_model_gives_the_same_logits(adapter_dir: Path, tuned: inference.Tuned) -> None:
    merged = inference.load(adapter_dir, merge=True)
    ids = torch.tensor([inference.ChatSession(tuned).prompt_ids("Apa itu gotong royong?")])
    with torch.no_grad():
        expected, got = tuned.model(input_ids=ids).logits, merged.model(input_ids=ids).logits
        base = modeling.load_base(tuned.cfg)(input_ids=ids).logits
    assert (expected - base).abs().max() > 1e-3  # the adapter really changes the output
    torch.testing.assert_close(got, expected, rtol=0, atol=1e-4)


def test_evaluate_writes_results_for_base_and_adapter(adapter_dir: Path, tmp_path: Path, capsys) -> None:
    data = selected_parquet(tmp_path / "clustered.parquet", n_rows=60, n_selected=40)
    out = tmp_path / "results.json"
    status = cli.main(["evaluate", "--adapter", str(adapter_dir), "--data", str(data), "--out", str(out),
                       "--per-subset", "2", "--max-new-tokens", "8"])
    assert status == 0, capsys.readouterr().err
    results = json.loads(out.read_text(encoding="utf-8"))
    for side in ("base", "adapter"):
        assert set(evaluation.METRICS) <= set(results[side])
        assert results[side]["perplexity"] == pytest.approx(2.718281828 ** results[side]["loss"], rel=1e-6)
        assert results[side]["per_subset"] and all(set(evaluation.METRICS) <= set(v) for v in results[side]["per_subset"].values())
    assert results["base"]["loss"] != results["adapter"]["loss"]
    assert len(results["answers"]) == results["rows"] <= 2 * len(results["base"]["per_subset"])


def test_indonesian_answers_are_told_from_english_ones() -> None:
    assert evaluation.is_indonesian("Ibu kota Indonesia adalah Jakarta, yang terletak di pulau Jawa.")
    assert not evaluation.is_indonesian("The capital of Indonesia is Jakarta, which lies on the island of Java.")


def test_metrics_reward_the_reference_itself() -> None:
    import pandas as pd

    losses = pd.DataFrame({"loss_sum": [2.0], "tokens": [4]})
    perfect = evaluation._scores(losses, pd.Series(["saya suka makan nasi goreng"]), pd.Series(["saya suka makan nasi goreng"]))
    assert perfect["chrf"] == pytest.approx(100) and perfect["rougeL"] == pytest.approx(100) and perfect["loss"] == 0.5


@pytest.mark.parametrize("argv, words", [
    (["generate", "--adapter", "{tmp}", "--prompt", "Halo"], "adapter_config.json"),
    (["generate", "--adapter", "{adapter}", "--prompt", "  "], "kosong"),
    (["evaluate", "--adapter", "{adapter}", "--data", "{empty}", "--out", "{tmp}/r.json"], "held-out"),
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
    with pytest.raises(inference.AdapterError, match="tiny-olmo"):
        inference.load(adapter_dir, base_model="allenai/OLMo-1B-hf")


def test_a_message_longer_than_the_context_is_refused_not_cut(tuned: inference.Tuned, monkeypatch) -> None:
    monkeypatch.setattr(inference.ChatSession, "context_limit", property(lambda self: 50))
    with pytest.raises(inference.OlmoIdError, match="terlalu panjang"):
        inference.ChatSession(tuned).prompt_ids("kata " * 100)


def test_another_profile_changes_machine_settings_and_keeps_the_trained_ones(adapter_dir: Path) -> None:
    tuned = inference.load(adapter_dir, profile="smoke", precision="bf16", max_new_tokens=5)
    assert tuned.cfg.precision == "bf16" and tuned.cfg.max_new_tokens == 5
    assert tuned.cfg.model_id == modeling.TINY_MODEL and tuned.model.dtype == torch.bfloat16
