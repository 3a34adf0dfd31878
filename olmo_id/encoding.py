"""Turning rows into training examples: loss only on the answer and its EOS, no wasted padding.

The tutorial padded every row to 512 tokens and set `labels = input_ids`, with pad = EOS: the loss was spent on
the prompt, on padding (teaching "EOS again" over and over), and rows cut at 512 lost their EOS. Here each
example is prompt + answer + EOS with labels -100 on the prompt; padding happens per batch (to a multiple of 8)
with label -100; long rows are cut where an answer sentence ends, so EOS still follows a finished thought.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import datasets
import pandas as pd
import torch
from transformers import DataCollatorForSeq2Seq

from olmo_id import chat
from olmo_id.errors import EmptyDataError

IGNORE = -100  # label of a position that carries no loss (PyTorch's cross-entropy ignore_index)
PAD_MULTIPLE = 8  # tensor cores work on multiples of 8; costs at most 7 pad positions per row
SENTENCE_ENDS = ".!?…\n"
KEPT = "utuh"  # statuses of one encoded row, as the notebook shows them
PROMPT_CUT = "prompt dipotong"
SENTENCE_CUT = "jawaban dipotong di akhir kalimat"
MID_CUT = "jawaban dipotong di tengah kalimat"


@dataclass(frozen=True)
class TruncationReport:
    """How many rows fit whole and how the others were cut to `max_length` tokens."""

    rows: int
    max_length: int
    prompt_cut: int  # prompt shortened so that the answer keeps at least half the room
    sentence_cut: int  # answer cut after its last whole sentence that fits; EOS kept
    mid_cut: int  # answer cut inside a sentence (no sentence end fits); no EOS, since the answer goes on

    @property
    def truncated(self) -> int:
        """Rows that lost any tokens."""
        return self.prompt_cut + self.sentence_cut + self.mid_cut

    def summary(self) -> str:
        """One line for students."""
        return (
            f"{self.rows:,} contoh, batas {self.max_length} token: {self.rows - self.truncated:,} utuh, "
            f"{self.prompt_cut:,} prompt dipotong, "
            f"{self.sentence_cut:,} jawaban dipotong di akhir kalimat (EOS tetap), "
            f"{self.mid_cut:,} dipotong di tengah kalimat (tanpa EOS)"
        )


@dataclass(frozen=True)
class Encoded:
    """Training examples (`input_ids`, `labels`, `length`) and what truncation did to them."""

    dataset: datasets.Dataset
    report: TruncationReport


@dataclass(frozen=True)
class TokenStats:
    """Where the positions of a set of batches went: real tokens vs padding, loss-carrying vs not."""

    positions: int  # every position computed (rows x padded width)
    real: int  # positions holding a real token (attention mask 1)
    answer: int  # real positions whose token carries loss (answer tokens and EOS)

    @property
    def real_fraction(self) -> float:
        """Share of computed positions that hold a real token."""
        return self.real / self.positions if self.positions else 0.0

    @property
    def loss_fraction(self) -> float:
        """Share of computed positions whose loss teaches the answer."""
        return self.answer / self.positions if self.positions else 0.0


def encode_example(tokenizer: Any, instruction: str, answer: str, max_length: int) -> tuple[dict[str, list[int]], str]:
    """One example as token ids and labels (-100 on the prompt), and how it was cut (KEPT, PROMPT_CUT, ...)."""
    prompt_ids = _ids(tokenizer, chat.prompt(tokenizer, [chat.user(instruction)]))
    answer_ids, answer_ends = _ids_and_ends(tokenizer, chat.answer_text(answer))
    status = KEPT
    if len(prompt_ids) + len(answer_ids) + 1 > max_length:
        # The half-room rule, first half: a prompt is cut only as far as the whole answer and EOS need, and never
        # below half of max_length; an answer longer than the other half is cut below instead. So neither the
        # question nor the answer is squeezed out of the example by the other.
        prompt_room = max(max_length - len(answer_ids) - 1, max_length // 2)
        if len(prompt_ids) > prompt_room:
            prompt_ids = _cut_prompt(tokenizer, prompt_ids, prompt_room)
            status = PROMPT_CUT
    room = max_length - len(prompt_ids)
    if len(answer_ids) + 1 <= room:
        answer_ids = [*answer_ids, tokenizer.eos_token_id]
    else:
        keep = _last_sentence_end(answer_ends, room - 1)
        # Second half: the answer ends at its last sentence end that fits (then EOS follows) only when that keeps at
        # least half of its room; an earlier end would throw most of the room away, so the answer is then cut
        # mid-sentence, without EOS (the model must not learn to stop there).
        if keep >= (room - 1) / 2:
            answer_ids, status = [*answer_ids[:keep], tokenizer.eos_token_id], SENTENCE_CUT
        else:
            answer_ids, status = answer_ids[:room], MID_CUT
    ids = [*prompt_ids, *answer_ids]
    return {"input_ids": ids, "labels": [IGNORE] * len(prompt_ids) + answer_ids}, status


def encode_rows(rows: pd.DataFrame, tokenizer: Any, max_length: int) -> Encoded:
    """Encode every row (`input`, `output`) into a Dataset with `input_ids`, `labels` and `length`."""
    if rows.empty:
        raise EmptyDataError("tidak ada baris untuk dilatih")
    examples, statuses = [], []
    for instruction, answer in zip(rows["input"], rows["output"], strict=True):
        example, status = encode_example(tokenizer, instruction, answer, max_length)
        examples.append(example)
        statuses.append(status)
    input_ids = [example["input_ids"] for example in examples]
    table = {
        "input_ids": input_ids,
        "labels": [example["labels"] for example in examples],
        "length": [len(ids) for ids in input_ids],
    }
    report = TruncationReport(
        rows=len(rows), max_length=max_length, prompt_cut=statuses.count(PROMPT_CUT),
        sentence_cut=statuses.count(SENTENCE_CUT), mid_cut=statuses.count(MID_CUT),
    )
    return Encoded(datasets.Dataset.from_dict(table), report)


def collator(tokenizer: Any) -> DataCollatorForSeq2Seq:
    """Pads each batch to its longest row (rounded up to a multiple of 8); padded labels are -100."""
    return DataCollatorForSeq2Seq(
        tokenizer, padding="longest", pad_to_multiple_of=PAD_MULTIPLE, label_pad_token_id=IGNORE, return_tensors="pt"
    )


def tutorial_encode(rows: pd.DataFrame, tokenizer: Any, max_length: int) -> datasets.Dataset:
    """The tutorial's recipe, kept to compare with: whole text padded to `max_length` with EOS, labels = input_ids."""
    texts = [
        chat.prompt(tokenizer, [chat.user(instruction)]) + chat.answer_text(answer) + tokenizer.eos_token
        for instruction, answer in zip(rows["input"], rows["output"], strict=True)
    ]
    saved_pad = tokenizer.pad_token
    tokenizer.pad_token = tokenizer.eos_token  # the tutorial's `tokenizer.pad_token = tokenizer.eos_token`
    try:
        encoded = tokenizer(texts, padding="max_length", truncation=True, max_length=max_length,
                            add_special_tokens=False)
    finally:
        tokenizer.pad_token = saved_pad
    prompt_lengths = [len(_ids(tokenizer, chat.prompt(tokenizer, [chat.user(text)]))) for text in rows["input"]]
    return datasets.Dataset.from_dict({
        "input_ids": encoded["input_ids"], "attention_mask": encoded["attention_mask"],
        "labels": encoded["input_ids"], "prompt_length": prompt_lengths,
    })


def token_stats(batches: Iterable[Mapping[str, torch.Tensor]]) -> TokenStats:
    """Count computed, real and answer positions over collated batches (as the Trainer feeds them to the model)."""
    positions = real = answer = 0
    for batch in batches:
        mask = batch["attention_mask"].bool()
        positions += mask.numel()
        real += int(mask.sum())
        answer += int(((batch["labels"] != IGNORE) & mask).sum())
    return TokenStats(positions, real, answer)


def tutorial_stats(encoded: datasets.Dataset) -> TokenStats:
    """Token stats of the tutorial's recipe; its answer tokens are the real tokens after each prompt."""
    masks = encoded["attention_mask"]
    real = sum(sum(mask) for mask in masks)
    answer = sum(max(sum(mask) - prompt, 0) for mask, prompt in zip(masks, encoded["prompt_length"], strict=True))
    return TokenStats(positions=sum(len(mask) for mask in masks), real=real, answer=answer)


def fraction_table(recipes: Mapping[str, TokenStats]) -> pd.DataFrame:
    """Per recipe, the shares of computed positions that hold answer tokens, prompt tokens and padding."""
    return pd.DataFrame({
        name: {"token jawaban": stats.answer / stats.positions,
               "token prompt": (stats.real - stats.answer) / stats.positions,
               "padding": 1 - stats.real_fraction}
        for name, stats in recipes.items()
    }).T.round(3)


def label_table(tokenizer: Any, example: Mapping[str, list[int]], around: int = 3) -> pd.DataFrame:
    """Tokens and labels of one example around the prompt/answer boundary and at its end (-100: no loss)."""
    labels = example["labels"]
    boundary = next((i for i, label in enumerate(labels) if label != IGNORE), len(labels))
    shown = sorted({*range(max(boundary - around, 0), min(boundary + around, len(labels))),
                    *range(max(len(labels) - around, 0), len(labels))})
    return pd.DataFrame({
        "posisi": shown,
        "token": tokenizer.convert_ids_to_tokens([example["input_ids"][i] for i in shown]),
        "id": [example["input_ids"][i] for i in shown],
        "label": [labels[i] for i in shown],
    }).set_index("posisi")


def _ids(tokenizer: Any, text: str) -> list[int]:
    """Token ids of `text` without any special tokens added."""
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def _ids_and_ends(tokenizer: Any, text: str) -> tuple[list[int], list[bool]]:
    """Token ids of `text` and, per token, whether a sentence ends right after it."""
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ends = [end > 0 and text[end - 1] in SENTENCE_ENDS for _, end in encoded["offset_mapping"]]
    return encoded["input_ids"], ends


def _last_sentence_end(ends: list[bool], limit: int) -> int:
    """The largest token count <= `limit` after which a sentence ends (0 if none)."""
    for count in range(min(limit, len(ends)), 0, -1):
        if ends[count - 1]:
            return count
    return 0


def _cut_prompt(tokenizer: Any, prompt_ids: list[int], room: int) -> list[int]:
    """Keep the start of the instruction and the closing "Assistant:" so the prompt fits `room` tokens."""
    tail = _ids(tokenizer, "\n" + chat.ASSISTANT)
    return [*prompt_ids[: room - len(tail)], *tail]
