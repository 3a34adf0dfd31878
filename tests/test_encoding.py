"""Chat format and tokenisation: what reaches the loss, how long rows are cut, how batches are padded."""

from __future__ import annotations

import pandas as pd
import pytest
import torch

from olmo_id import chat, config, encoding, modeling

SENTENCE = "Kalimat ini menjelaskan satu langkah penting dengan cukup rinci. "


def test_the_real_olmo_tokenizer_is_used_offline(tokenizer) -> None:
    assert len(tokenizer) == 50280
    assert (tokenizer.eos_token, tokenizer.eos_token_id) == ("<|endoftext|>", 50279)
    assert (tokenizer.pad_token, tokenizer.pad_token_id) == ("<|padding|>", 1)


def test_history_and_eos_appear_in_the_chat_prompt(tokenizer) -> None:
    text = chat.prompt(tokenizer, [chat.user("Halo"), chat.assistant("Hai juga"), chat.user("Apa kabar?")])
    assert text == "User: Halo\nAssistant: Hai juga<|endoftext|>\nUser: Apa kabar?\nAssistant:"


def test_prompt_and_answer_tokenised_apart_equal_the_whole_text(tokenizer, rows: pd.DataFrame) -> None:
    for instruction, answer in zip(rows["input"], rows["output"], strict=True):
        example, status = encoding.encode_example(tokenizer, instruction, answer, 4096)
        whole = chat.prompt(tokenizer, [chat.user(instruction)]) + chat.answer_text(answer) + tokenizer.eos_token
        assert status == encoding.KEPT
        assert example["input_ids"] == tokenizer(whole, add_special_tokens=False)["input_ids"]


def test_prompt_tokens_never_reach_the_loss_and_eos_does(tokenizer, rows: pd.DataFrame) -> None:
    for instruction, answer in zip(rows["input"], rows["output"], strict=True):
        example, status = encoding.encode_example(tokenizer, instruction, answer, 4096)
        prompt = chat.prompt(tokenizer, [chat.user(instruction)])
        n_prompt = len(tokenizer(prompt, add_special_tokens=False)["input_ids"])
        assert set(example["labels"][:n_prompt]) == {encoding.IGNORE}
        assert example["labels"][n_prompt:] == example["input_ids"][n_prompt:]
        assert example["labels"][-1] == tokenizer.eos_token_id


def test_the_model_loss_has_no_gradient_at_prompt_or_pad_positions(tokenizer, rows: pd.DataFrame) -> None:
    encoded = encoding.encode_rows(rows.head(6), tokenizer, 256).dataset.remove_columns("length")
    batch = encoding.collator(tokenizer)([encoded[i] for i in range(len(encoded))])
    model = modeling.load_base(config.load("smoke"))
    output = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=batch["labels"])
    logits_grad = torch.autograd.grad(output.loss, output.logits)[0]
    # The logits at position i predict token i+1, so they carry loss exactly where labels[i+1] is set.
    carries = logits_grad[:, :-1].abs().sum(-1) > 0
    target = batch["labels"][:, 1:]
    assert torch.equal(carries, target != encoding.IGNORE)
    pads = batch["attention_mask"][:, 1:] == 0
    assert pads.any() and not carries[pads].any()
    assert carries[target == tokenizer.eos_token_id].all()


def test_batches_are_padded_to_a_multiple_of_eight_with_ignored_labels(tokenizer, rows: pd.DataFrame) -> None:
    encoded = encoding.encode_rows(rows.head(5), tokenizer, 256).dataset
    batch = encoding.collator(tokenizer)([encoded[i] for i in range(5)])
    width = batch["input_ids"].shape[1]
    assert width % 8 == 0 and width - max(encoded["length"]) < 8
    assert (batch["labels"][batch["attention_mask"] == 0] == encoding.IGNORE).all()


def test_a_long_answer_is_cut_after_its_last_whole_sentence_and_keeps_eos(tokenizer) -> None:
    example, status = encoding.encode_example(tokenizer, "Jelaskan panjang lebar.", SENTENCE * 40, 128)
    assert status == encoding.SENTENCE_CUT and len(example["input_ids"]) <= 128
    assert example["labels"][-1] == tokenizer.eos_token_id
    assert tokenizer.decode(example["input_ids"][:-1]).rstrip().endswith(".")


def test_an_answer_without_sentence_ends_is_cut_without_eos(tokenizer) -> None:
    example, status = encoding.encode_example(tokenizer, "Tulis terus.", "kata " * 400, 96)
    assert status == encoding.MID_CUT and len(example["input_ids"]) == 96
    assert tokenizer.eos_token_id not in example["labels"]


def test_a_long_prompt_is_shortened_so_the_answer_keeps_half_the_room(tokenizer) -> None:
    answer = "Jawabannya singkat dan jelas."
    example, status = encoding.encode_example(tokenizer, "konteks " * 500, answer, 128)
    n_answer = len(tokenizer(chat.answer_text(answer), add_special_tokens=False)["input_ids"]) + 1
    assert status == encoding.PROMPT_CUT and len(example["input_ids"]) <= 128
    assert sum(label != encoding.IGNORE for label in example["labels"]) == n_answer
    assert tokenizer.decode(example["input_ids"][:-n_answer]).endswith("\nAssistant:")


@pytest.mark.parametrize("max_length", [32, 64, 200])
def test_no_row_ever_loses_its_whole_answer(tokenizer, rows: pd.DataFrame, max_length: int) -> None:
    encoded = encoding.encode_rows(rows, tokenizer, max_length)
    assert max(encoded.dataset["length"]) <= max_length
    assert all(any(label != encoding.IGNORE for label in labels) for labels in encoded.dataset["labels"])
    assert encoded.report.truncated > 0 and encoded.report.rows == len(rows)


def test_ours_wastes_fewer_positions_than_the_tutorial_recipe(tokenizer, rows: pd.DataFrame) -> None:
    tutorial = encoding.tutorial_stats(encoding.tutorial_encode(rows, tokenizer, 512))
    encoded = encoding.encode_rows(rows, tokenizer, 512).dataset.remove_columns("length")
    ordered = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
    batches = [encoding.collator(tokenizer)([encoded[i] for i in ordered[start:start + 4]])
               for start in range(0, 60, 4)]
    ours = encoding.token_stats(batches)
    assert ours.real_fraction > 0.9 > tutorial.real_fraction
    table = encoding.fraction_table({"tutorial": tutorial, "kursus": ours})
    assert table.sum(axis=1).round(3).eq(1.0).all()
