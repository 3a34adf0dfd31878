"""Lesson 04 writes `model.generate` with a GenerationConfig and streams with TextIteratorStreamer in a thread;
these tests run the lesson's own cells and hold them to what `olmo_id.inference` does."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import torch
from conftest import random_adapter
from lesson_cells import run_tagged
from transformers import GenerationConfig, TextIteratorStreamer

from olmo_id import inference

LESSON = "04"


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory) -> inference.TunedModel:
    """The tiny model with a smoke adapter whose LoRA weights are random (not zero), so its answers are not blank."""
    return inference.load_tuned(random_adapter(tmp_path_factory.mktemp("craft04") / "adapter"), max_new_tokens=16)


@pytest.fixture(scope="module")
def lesson(tuned: inference.TunedModel) -> dict[str, Any]:
    """The namespace after the lesson's `craft-generate` cells ran on the tiny model (as they run in the notebook)."""
    namespace: dict[str, Any] = {"tuned": tuned, "torch": torch, "GenerationConfig": GenerationConfig}
    return run_tagged(LESSON, "craft-generate", namespace)


def _set_fields(generation: GenerationConfig) -> dict[str, Any]:
    """The fields a GenerationConfig sets away from the library's defaults (what `generate` will use)."""
    return {key: value for key, value in generation.to_diff_dict().items() if key != "transformers_version"}


@pytest.mark.parametrize(("name", "greedy"), [("greedy", True), ("sampling", False)])
def test_the_lessons_generation_config_is_the_packages_generation_settings(lesson: dict[str, Any],
                                                                           tuned: inference.TunedModel,
                                                                           name: str, greedy: bool) -> None:
    package = inference.generation_settings(tuned.cfg, tuned.tokenizer, greedy=greedy)
    assert package.pop("tokenizer") is tuned.tokenizer
    written = _set_fields(lesson[name])
    if greedy:  # the package leaves temperature/top_p out; the lesson blanks them: both mean "not used"
        assert written.pop("temperature", None) is None and written.pop("top_p", None) is None
    assert written == package


def test_the_lessons_greedy_answer_is_the_packages_answer(lesson: dict[str, Any], tuned: inference.TunedModel) -> None:
    answer = lesson["answer"]
    assert answer, "the tiny model with random LoRA weights writes a visible answer, so the comparison means something"
    assert answer == inference.generate(tuned, [lesson["question"]], greedy=True)[0]


def test_the_lesson_decodes_only_the_new_tokens(lesson: dict[str, Any], tuned: inference.TunedModel) -> None:
    prompt_length = lesson["inputs"]["input_ids"].shape[1]
    assert lesson["output"].shape[1] == prompt_length + len(lesson["new_tokens"])
    assert "User:" not in lesson["raw"].split("\nUser:")[0]
    assert 0 < len(lesson["new_tokens"]) <= tuned.cfg.max_new_tokens


def test_the_lessons_stream_joins_to_the_greedy_answer(lesson: dict[str, Any]) -> None:
    namespace = dict(lesson, threading=threading, time=time, TextIteratorStreamer=TextIteratorStreamer)
    run_tagged(LESSON, "craft-stream", namespace)
    pieces = namespace["pieces"]
    assert len(pieces) > 1, "text arrives in pieces, not as one finished string"
    assert not namespace["worker"].is_alive()
    assert "".join(pieces).split("\nUser:")[0].strip() == lesson["answer"]
