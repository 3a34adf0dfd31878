"""Lesson 05 computes loss and perplexity by hand for one answer; its cell must give the package's loss.

The test executes the lesson's own cell tagged `craft-perplexity` (tests/lesson_cells.py) for several held-out-like
rows with a tiny random OLMo and the real tokenizer, and compares it with `olmo_id.evaluation.answer_losses`.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
import torch
from conftest import FIXTURE
from lesson_cells import run_tagged, tagged_code

from olmo_id import config, evaluation, inference, modeling

LESSON = "05"
TAG = "craft-perplexity"
SHIFT = "log_probs[start - 1:-1]"  # how the lesson writes the one-position shift


@pytest.fixture(scope="module")
def tuned() -> inference.TunedModel:
    """The smoke profile's tiny random OLMo (no adapter: the loss is computed the same way with or without one)."""
    cfg = config.load("smoke")
    return inference.TunedModel(modeling.load_base(cfg).eval(), modeling.load_tokenizer(cfg.model_id), cfg)


@pytest.fixture(scope="module")
def rows(tuned: inference.TunedModel) -> pd.DataFrame:
    """One short row per subset of the fixture (short: no truncation at max_length, as the lesson picks)."""
    frame = pd.read_json(FIXTURE, lines=True, dtype=str)
    short = frame[(frame["input"] + frame["output"]).str.len() < tuned.cfg.max_length]
    return short.groupby("subset_name").head(1).reset_index(drop=True)[["input", "output", "subset_name"]]


def by_hand(tuned: inference.TunedModel, row: pd.Series, code: str | None = None) -> dict[str, object]:
    """The lesson's cell executed for one row; `code` replaces the cell's text (to show a broken copy fails)."""
    namespace: dict[str, object] = {"torch": torch, "tuned": tuned, "row": row}
    if code is None:
        return run_tagged(LESSON, TAG, namespace)
    exec(compile(code, f"<{LESSON}:{TAG} edited>", "exec"), namespace)  # noqa: S102 - our own lesson, edited
    return namespace


def package_loss(tuned: inference.TunedModel, rows: pd.DataFrame, index: int) -> tuple[float, int]:
    """The package's mean loss over the answer tokens of one row, and how many tokens that covers."""
    losses = evaluation.answer_losses(tuned, rows.loc[[index]]).iloc[0]
    return float(losses["loss_sum"] / losses["tokens"]), int(losses["tokens"])


def test_the_lessons_perplexity_by_hand_equals_the_package_for_every_row(tuned, rows: pd.DataFrame) -> None:
    assert rows["subset_name"].nunique() >= 4
    for index, row in rows.iterrows():
        done = by_hand(tuned, row)
        expected, tokens = package_loss(tuned, rows, index)
        loss = done["loss"].item()
        assert len(done["answer_ids"]) == tokens, row["input"]
        assert loss == pytest.approx(expected, abs=1e-4), row["input"]
        assert done["perplexity"].item() == pytest.approx(math.exp(loss), rel=1e-5)


def test_the_lessons_cell_without_the_one_position_shift_no_longer_matches(tuned, rows: pd.DataFrame) -> None:
    code = tagged_code(LESSON, TAG)
    assert SHIFT in code, "the lesson writes the shift as log_probs[start - 1:-1]"
    unshifted = code.replace(SHIFT, "log_probs[start:]")
    for index, row in rows.iterrows():
        expected, _ = package_loss(tuned, rows, index)
        assert abs(by_hand(tuned, row, unshifted)["loss"].item() - expected) > 1e-3, row["input"]
