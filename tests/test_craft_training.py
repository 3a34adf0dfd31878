"""Lesson 03 writes the training calls out in the open; each written call must equal what the package does.

Every test executes the lesson's own tagged cell (tests/lesson_cells.py), so an edit to an argument in the lesson
that drifts from `olmo_id` fails here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
import torch
import transformers.training_args
from lesson_cells import NOTEBOOKS, run_tagged

import olmo_id
from olmo_id import config, encoding, hardware, modeling, training

LESSON = "03"
# TrainingArguments fields that may differ between the lesson's call and `training_arguments`: none. Both write to
# the same run folder, read the same profile and see the same GPU; any difference is a drift to fix.
MAY_DIFFER: frozenset[str] = frozenset()


@pytest.fixture
def no_wandb(monkeypatch: pytest.MonkeyPatch) -> None:
    """No wandb key or mode: the lesson and the package both report to nobody."""
    for name in [name for name in os.environ if name.startswith("WANDB")]:
        monkeypatch.delenv(name)


def test_the_lessons_masking_equals_the_package_for_every_row_that_fits(tokenizer, rows: pd.DataFrame) -> None:
    cfg = config.load("smoke")
    checked = 0
    for _, example in rows.iterrows():
        packaged, status = encoding.encode_example(tokenizer, example["input"], example["output"], cfg.max_length)
        if status != encoding.KEPT:
            continue  # long rows: the package's sentence-aware truncation, shown after the hand-written version
        lesson = run_tagged(LESSON, "craft-masking", {"tokenizer": tokenizer, "example": example})
        assert {"input_ids": lesson["input_ids"], "labels": lesson["labels"]} == packaged
        learned = tokenizer.decode([label for label in lesson["labels"] if label != encoding.IGNORE])
        assert learned == " " + example["output"].strip() + tokenizer.eos_token, "the loss sees the answer and EOS only"
        checked += 1
    assert checked >= 40, f"only {checked} fixture rows fit whole"


@pytest.mark.parametrize("lora_r", [8, 4])
def test_the_lessons_lora_config_and_wrapped_model_equal_the_packages(lora_r: int) -> None:
    cfg = config.load("smoke", lora_r=lora_r)
    lesson = run_tagged(LESSON, "craft-lora", {"cfg": cfg, "torch": torch,
                                                "base": modeling.load_base(cfg)})
    assert modeling.lora_settings(lesson["lora"]) == modeling.lora_settings(modeling.lora_config(cfg))
    assert lesson["lora"].target_modules == modeling.lora_config(cfg).target_modules  # also the set peft keeps
    wrapped, params = modeling.add_lora(modeling.load_base(cfg), cfg)
    assert lesson["model"].get_nb_trainable_parameters() == (params.trainable, params.total)
    ours = {name: value for name, value in lesson["model"].state_dict().items() if "lora_" in name}
    theirs = {name: value for name, value in wrapped.state_dict().items() if "lora_" in name}
    assert ours.keys() == theirs.keys() and ours
    assert all(torch.equal(ours[name], theirs[name]) for name in ours), "same seed, same initial adapter"


# ("t4", None): a GPU profile's settings on a machine without a GPU, where fp16 must stay off (the package's rule).
@pytest.mark.parametrize(("profile", "capability"),
                         [("smoke", None), ("t4", (7, 5)), ("a100", (8, 0)), ("t4", None)])
def test_the_lessons_training_arguments_equal_the_packages_on_every_profile(
        profile: str, capability: tuple[int, int] | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_wandb: None) -> None:
    # The lesson and the package both ask `olmo_id.hardware.has_gpu`, which asks `gpu_capability`: on a GPU
    # profile both see the GPU that profile is made for (transformers must also accept bf16 without one here).
    monkeypatch.setattr(hardware, "gpu_capability", lambda: capability)
    monkeypatch.setattr(transformers.training_args, "is_torch_bf16_gpu_available", lambda: capability is not None)
    cfg = config.load(profile)
    run_folder = tmp_path / "training" / "run-00000000"
    lesson = run_tagged(LESSON, "craft-args", {"cfg": cfg, "training_dir": run_folder, "olmo_id": olmo_id,
                                                "os": os})
    ours = lesson["args"].to_dict()
    theirs = training.training_arguments(cfg, run_folder, report_wandb=False).to_dict()
    differ = {key for key in ours.keys() | theirs.keys() if ours.get(key) != theirs.get(key)}
    assert differ <= MAY_DIFFER, {key: (ours.get(key), theirs.get(key)) for key in differ}
    expected = {"smoke": (False, False), "t4": (True, False), "a100": (False, True)}[profile]
    assert (ours["fp16"], ours["bf16"]) == (expected if capability or profile == "smoke" else (False, False))
    assert ours["gradient_checkpointing"] == cfg.gradient_checkpointing
    assert ours["train_sampling_strategy"] == "group_by_length"


def test_the_lessons_trainer_equals_make_trainer(tokenizer, rows: pd.DataFrame, tmp_path: Path,
                                                  no_wandb: None) -> None:
    cfg = config.load("smoke", max_length=64)
    model, _ = modeling.add_lora(modeling.load_base(cfg), cfg)
    data = training.EncodedSplits(encoding.encode_rows(rows.head(12), tokenizer, cfg.max_length),
                                  encoding.encode_rows(rows.tail(4), tokenizer, cfg.max_length))
    namespace = {"cfg": cfg, "training_dir": tmp_path / "run", "olmo_id": olmo_id, "os": os, "model": model,
                 "tokenizer": tokenizer, "data": data}
    run_tagged(LESSON, "craft-args", namespace)
    lesson = run_tagged(LESSON, "craft-trainer", namespace)["trainer"]
    package = training.make_trainer(cfg, model, tokenizer, data, tmp_path / "run")
    assert type(lesson) is type(package) is training.CourseTrainer
    assert lesson.args.to_dict() == package.args.to_dict()
    assert lesson.data_collator == package.data_collator == encoding.collator(tokenizer)
    assert (lesson.data_collator.padding, lesson.data_collator.pad_to_multiple_of,
            lesson.data_collator.label_pad_token_id) == ("longest", encoding.PAD_MULTIPLE, encoding.IGNORE)
    assert lesson.train_dataset is package.train_dataset is data.train.dataset
    assert lesson.eval_dataset is package.eval_dataset is data.eval.dataset
    assert lesson.processing_class is package.processing_class is tokenizer


def test_the_lesson_asks_the_base_model_before_lora_and_trains_in_a_run_folder() -> None:
    path = next(NOTEBOOKS.glob(f"{LESSON}*.ipynb"))
    cells = [cell for cell in json.loads(path.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"]
    sources = ["".join(cell["source"]) for cell in cells]
    asked = next(i for i, text in enumerate(sources) if "BASE_ANSWERS" in text)
    wrapped = next(i for i, text in enumerate(sources) if "get_peft_model(" in text)
    assert asked < wrapped, "the base model answers before any adapter is added"
    assert any('training_dir = olmo_id.training.run_dir(out / "training", cfg, rows)' in text for text in sources)


def test_the_parameter_count_uses_indonesian_separators() -> None:
    line = modeling.ParameterCount(trainable=8_192, total=3_358_720).summary()
    assert line == "parameter dilatih: 8.192 dari 3.358.720 (0,244 %) — sisanya dibekukan"
