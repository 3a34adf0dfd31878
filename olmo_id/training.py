"""LoRA training with the transformers Trainer: the selected rows, an eval split, checkpoints and resume.

`train` is the whole stage (the CLI calls it); the notebook calls its steps one by one to show each:
`load_rows` -> `split` -> `encode` -> `modeling.add_lora` -> `run_dir` -> `CourseTrainer` -> `fit`.
`fit` also measures itself (`Measurements`: wall time, answer tokens per second, steps, peak GPU memory), the
figures that replace the README's GPU estimates; `planned_steps` is the step count the lesson's time arithmetic uses.
In a course folder every set of settings trains in its own `training/run-<hash>` folder (`run_dir`), so a lesson
re-run with a changed parameter starts a new run beside the earlier ones, and `newest_adapter` finds the latest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import platform
import shutil
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
import torch
from peft import PeftModel, set_peft_model_state_dict
from safetensors.torch import load_file
from transformers import Trainer, TrainerCallback, TrainerState, TrainingArguments
from transformers.trainer_pt_utils import LengthGroupedSampler
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR

from olmo_id import config, credentials, encoding, hardware, locking, modeling
from olmo_id.config import Config
from olmo_id.errors import EmptyDataError, IncompatibleRunError, OlmoIdError, SourceError
from olmo_id.files import (
    TRAINED_PAIRS,
    atomic_path,
    pair_hashes,
    read_rows,
    sha256_file,
    why_unreadable,
    write_json_atomic,
)

if TYPE_CHECKING:
    from datasets import Dataset

TRAIN_COLUMNS = ("input", "output", "subset_name", "selected")
ADAPTER_DIR = "adapter"
RUN_CARD = "run_card.json"
RUN_IDENTITY = "run_identity.json"
EVAL_ROWS = "eval_rows.parquet"
FIRST_EVAL = "first_eval.json"
STEP_LOSSES = "step_losses.json"  # per optimizer step training loss, kept in every checkpoint
LOCK = "olmo-id-train"  # the run folder's lock file: one trainer per folder (see olmo_id.locking)
BROKEN_PREFIX = "rusak-"  # a checkpoint whose files do not load is renamed aside with this prefix
# Settings that must match for a checkpoint to be resumed: the model, the data and the batches are built from them.
IDENTITY_FIELDS = ("model_id", "seed", "max_length", "batch_size", "gradient_accumulation_steps", "lora_r",
                   "lora_alpha", "lora_dropout", "lora_target_modules", "eval_fraction")
# Settings that shape the optimisation: a resumed run keeps the values of its first attempt (its optimizer and
# schedule state are restored from the checkpoint), so a changed value would only be recorded, never in effect.
TRAJECTORY_FIELDS = ("learning_rate", "lr_scheduler", "warmup_ratio", "epochs", "max_steps", "group_by_length")
RUN_PREFIX = "run-"  # run_dir's folders: run-<first 8 hex digits of the settings' hash>
# What a checkpoint needs to be resumed; the .pt files are torch zip archives. STEP_LOSSES is written just after
# the Trainer's own files: a checkpoint without it still resumes (its run card then has no whole-run train_loss).
CHECKPOINT_FILES = ("trainer_state.json", "adapter_config.json", "adapter_model.safetensors", "optimizer.pt",
                    "scheduler.pt")
# Parameters that may name a local file or folder: the run card keeps them without the machine's own paths.
PATH_FIELDS = ("source", "cache_dir", "model_id")
RUN_TABLE_FIELDS = ("model_id", "lora_r", "max_length", "learning_rate", "epochs", "max_steps", "batch_size", "seed")
PACKAGES = ("olmo-id", "torch", "transformers", "peft", "accelerate", "datasets")


@dataclass(frozen=True)
class TrainingRows:
    """Selected rows split into train and held-out eval parts, and the file they came from."""

    train: pd.DataFrame
    eval: pd.DataFrame
    source: Path
    sha256: str

    def summary(self) -> str:
        """One line for students."""
        return (f"{len(self.train):,} baris latih, {len(self.eval):,} baris evaluasi (tidak pernah dilatih) "
                f"dari {self.source.name}")


@dataclass(frozen=True)
class EncodedSplits:
    """Tokenised train and eval examples."""

    train: encoding.Encoded
    eval: encoding.Encoded


@dataclass(frozen=True)
class Measurements:
    """What one call of `fit` cost on its machine: the figures an instructor copies into the README's GPU table.

    A resumed run measures its own session only: `session_steps`, `answer_tokens` and the seconds are this
    session's, while `optimizer_steps` counts every step of the run.
    """

    device: str  # the GPU's name (torch.cuda.get_device_name), or "cpu"
    optimizer_steps: int  # global_step at the end: all sessions of the run
    session_steps: int  # optimizer steps trained in this session (0: the run had nothing left to train)
    answer_tokens: int  # positions with a label (answer tokens and EOS) trained in this session, on this process
    train_seconds: float  # wall time of trainer.train(): steps, periodic evaluations, checkpoints (0: not called)
    fit_seconds: float  # wall time of the whole fit up to saving: the evaluations before and after included
    peak_gpu_memory_gib: float | None  # torch.cuda.max_memory_allocated() during fit, weights included; None on CPU

    @property
    def seconds_per_step(self) -> float | None:
        """Wall seconds of trainer.train() per optimizer step of this session; None when it trained none."""
        return self.train_seconds / self.session_steps if self.session_steps else None

    @property
    def answer_tokens_per_second(self) -> float | None:
        """Answer tokens trained per wall second of trainer.train(); None when it trained none."""
        return self.answer_tokens / self.train_seconds if self.session_steps and self.train_seconds > 0 else None

    def record(self) -> dict[str, Any]:
        """The run card's `measurements` object: the fields and the two rates, rounded; None where not measured."""
        figures = {**dataclasses.asdict(self), "seconds_per_step": self.seconds_per_step,
                   "answer_tokens_per_second": self.answer_tokens_per_second}
        return {key: round(value, 3) if isinstance(value, float) else value for key, value in figures.items()}

    def summary(self) -> str:
        """One line for students."""
        memory = "-" if self.peak_gpu_memory_gib is None else f"{self.peak_gpu_memory_gib:.2f} GiB"
        if not self.session_steps:
            trained = f"tidak ada langkah yang dilatih di sesi ini (run sudah di langkah {self.optimizer_steps})"
        else:
            whole = f" (run: {self.optimizer_steps:,} langkah)" if self.session_steps != self.optimizer_steps else ""
            trained = (f"{self.session_steps:,} langkah di sesi ini{whole} dalam {_duration(self.train_seconds)}, "
                       f"{self.seconds_per_step:.2f} s/langkah, {self.answer_tokens_per_second:,.0f} token jawaban/s")
        return (f"terukur di {self.device}: {trained}; memori GPU puncak {memory}; "
                f"seluruh fit {_duration(self.fit_seconds)}")


@dataclass(frozen=True)
class TrainResult:
    """What a finished training run produced and measured."""

    adapter_dir: Path
    global_step: int
    train_loss: float | None  # mean training loss over every step of the run (all attempts); None if unknown
    eval_loss: float
    first_eval_loss: float | None  # eval loss of the untrained adapter (step 0), if measured
    resumed_from: str | None  # name of the checkpoint this attempt started from
    history: pd.DataFrame  # one row per logged step: step, loss, eval_loss, learning_rate
    measurements: Measurements  # what this session cost: time, answer tokens per second, steps, peak GPU memory
    cfg: Config  # the settings in effect (a resume keeps its run's TRAJECTORY_FIELDS)
    skipped: tuple[str, ...] = ()  # checkpoints set aside because their files did not load, with why

    def summary(self) -> str:
        """One line for students."""
        start = f"{self.first_eval_loss:.3f} -> " if self.first_eval_loss is not None else ""
        resumed = f", dilanjutkan dari {self.resumed_from}" if self.resumed_from else ""
        train = f"{self.train_loss:.3f}" if self.train_loss is not None else "-"
        return (f"selesai di langkah {self.global_step}: loss latih {train}, loss evaluasi "
                f"{start}{self.eval_loss:.3f}{resumed}; "
                f"adapter di {self.adapter_dir.parent.name}/{self.adapter_dir.name}")


def load_rows(path: str | os.PathLike[str], cfg: Config) -> TrainingRows:
    """The rows notebook 02 selected (`selected` is True), split into train and eval."""
    source = Path(path)
    rows = read_rows(source, TRAIN_COLUMNS, "latih pada clustered.parquet dari notebook 02 (atau `olmo-id cluster "
                     "--select N`), yang menandai baris terpilih di kolom 'selected'")
    chosen = rows[rows["selected"].astype(bool)]
    if len(chosen) < 2:
        raise EmptyDataError(
            f"{source} hanya punya {len(chosen)} baris terpilih dengan input dan output; "
            "pilih lebih banyak baris di notebook 02"
        )
    train, held_out = split(chosen.reset_index(drop=True), cfg)
    return TrainingRows(train, held_out, source, sha256_file(source))


def split(rows: pd.DataFrame, cfg: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hold out `eval_fraction` of the rows, stratified by subset where every subset has two rows or more."""
    from sklearn.model_selection import train_test_split

    n_eval = _eval_count(len(rows), cfg)
    counts = rows["subset_name"].value_counts()
    stratify = rows["subset_name"] if counts.min() >= 2 and n_eval >= len(counts) else None
    train, held_out = train_test_split(rows, test_size=n_eval, random_state=cfg.seed, stratify=stratify)
    return train.reset_index(drop=True), held_out.reset_index(drop=True)


def planned_steps(cfg: Config, train_rows: int | None = None) -> int:
    """Optimizer steps a run of `cfg` takes, counted as the Trainer counts them: `max_steps` when set, else
    epochs x ceil(ceil(train_rows / batch_size) / gradient_accumulation_steps), rounded up.

    `train_rows` defaults to what `split` leaves of `n_samples` selected rows (10,000 -> 9,500 on a GPU profile).
    """
    rows = cfg.n_samples - _eval_count(cfg.n_samples, cfg) if train_rows is None else train_rows
    per_epoch = math.ceil(math.ceil(rows / cfg.batch_size) / cfg.gradient_accumulation_steps)
    return cfg.max_steps or math.ceil(cfg.epochs * per_epoch)


def encode(rows: TrainingRows, tokenizer: Any, cfg: Config) -> EncodedSplits:
    """Tokenise both splits with masked prompts, EOS and sentence-aware truncation."""
    return EncodedSplits(
        encoding.encode_rows(rows.train, tokenizer, cfg.max_length),
        encoding.encode_rows(rows.eval, tokenizer, cfg.max_length),
    )


def run_dir(root: str | os.PathLike[str], cfg: Config, rows: TrainingRows) -> Path:
    """The run folder under `root` for these settings and data: `root/run-<hash>`.

    Same settings, same folder (a re-run resumes there); any changed setting, a new folder beside the earlier runs,
    which are kept. The hash covers the data and every IDENTITY_FIELDS and TRAJECTORY_FIELDS value.
    """
    settings = {key: _plain(getattr(cfg, key)) for key in (*IDENTITY_FIELDS, *TRAJECTORY_FIELDS)}
    text = json.dumps(settings | {"data_sha256": rows.sha256}, sort_keys=True)
    return Path(root) / f"{RUN_PREFIX}{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def newest_adapter(root: str | os.PathLike[str]) -> Path:
    """The most recently saved adapter in a training folder: `root/*/adapter` (run_dir's runs) or `root/adapter`."""
    found = _saved_adapters(Path(root))
    if not found:
        raise SourceError(f"{root} bukan folder adapter (tanpa adapter_config.json) dan tidak berisi run dengan "
                          f"adapter/{RUN_CARD}; latih dulu di notebook 03 atau sebutkan folder adapternya")
    return found[-1]


def runs_table(root: str | os.PathLike[str]) -> pd.DataFrame:
    """One row per saved adapter under `root`, oldest first: its run folder, main settings, steps, eval loss, newest."""
    folder = Path(root)
    records = []
    for adapter in _saved_adapters(folder):
        card = json.loads((adapter / RUN_CARD).read_text(encoding="utf-8"))
        settings, result = card.get("parameters", {}), card.get("result", {})
        records.append({"run": adapter.parent.name if adapter.parent != folder else ".",
                        **{key: settings.get(key) for key in RUN_TABLE_FIELDS},
                        "langkah": result.get("global_step"), "loss_evaluasi": result.get("eval_loss")})
    table = pd.DataFrame(records, columns=["run", *RUN_TABLE_FIELDS, "langkah", "loss_evaluasi"])
    table["terbaru"] = table.index == len(table) - 1
    return table


def training_arguments(cfg: Config, out_dir: str | os.PathLike[str], report_wandb: bool) -> TrainingArguments:
    """TrainingArguments from the profile: precision, schedule, eval and checkpoints every `save_steps`."""
    on_gpu = hardware.has_gpu()
    # Recompute activations in the backward pass: ~30 % slower, far less memory (OLMo-1B on a 15 GB T4).
    # Passed only when on: transformers 5 warns about these names whenever they are given, even as False.
    checkpointing: dict[str, Any] = (
        {"gradient_checkpointing": True, "gradient_checkpointing_kwargs": {"use_reentrant": False}}
        if cfg.gradient_checkpointing else {}
    )
    return TrainingArguments(
        output_dir=str(out_dir),
        seed=cfg.seed,
        learning_rate=cfg.learning_rate,
        per_device_train_batch_size=cfg.batch_size,
        per_device_eval_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.gradient_accumulation_steps,
        num_train_epochs=cfg.epochs,
        max_steps=cfg.max_steps or -1,
        lr_scheduler_type=cfg.lr_scheduler,
        warmup_steps=cfg.warmup_ratio,  # a float below 1 is a share of all steps (warmup_ratio is deprecated)
        # fp16 weights train through autocast with fp32 adapters and a loss scaler; bf16 needs no scaler.
        fp16=on_gpu and cfg.precision == "fp16",
        bf16=cfg.precision == "bf16",
        use_cpu=not on_gpu,
        **checkpointing,
        train_sampling_strategy="group_by_length" if cfg.group_by_length else "random",
        eval_strategy="steps",
        eval_steps=cfg.save_steps,
        save_strategy="steps",
        save_steps=cfg.save_steps,
        save_total_limit=cfg.save_total_limit,
        logging_steps=cfg.logging_steps,
        report_to=["wandb"] if report_wandb else "none",
        run_name=f"olmo-id-{cfg.profile}-seed{cfg.seed}",
        dataloader_num_workers=0,
        disable_tqdm=os.environ.get("TQDM_DISABLE") == "1",
    )


def make_trainer(cfg: Config, model: torch.nn.Module, tokenizer: Any, data: EncodedSplits,
                 out_dir: str | os.PathLike[str]) -> CourseTrainer:
    """A Trainer on the encoded splits; wandb only with a key or WANDB_MODE, never a login prompt."""
    report_wandb = credentials.wandb_enabled()
    if report_wandb:
        os.environ.setdefault("WANDB_PROJECT", "olmo-id")
        os.environ.setdefault("WANDB_DIR", str(out_dir))
        _require_wandb()
    return CourseTrainer(
        model=model,
        args=training_arguments(cfg, out_dir, report_wandb),
        train_dataset=data.train.dataset,
        eval_dataset=data.eval.dataset,
        data_collator=encoding.collator(tokenizer),
        processing_class=tokenizer,
    )


def batch_stats(trainer: Trainer) -> encoding.TokenStats:
    """Real-token and loss fractions over one epoch of the batches the Trainer will feed (same order, same padding)."""
    with torch.random.fork_rng():
        return encoding.token_stats(trainer.get_train_dataloader())


def latest_checkpoint(out_dir: str | os.PathLike[str]) -> Path | None:
    """The newest checkpoint in `out_dir` whose files all load (a half-written or damaged one is skipped)."""
    return next((path for path in _checkpoints(out_dir) if checkpoint_problem(path) is None), None)


def checkpoint_problem(checkpoint: Path) -> str | None:
    """Why `checkpoint` cannot be resumed (a missing or damaged file), or None when every file loads."""
    # Every file a resume reads: the required ones, and the optional ones present (rng_state*.pth, scaler.pt, ...).
    present = sorted(path.name for path in checkpoint.iterdir() if path.is_file() and path.name not in CHECKPOINT_FILES)
    for name in (*CHECKPOINT_FILES, *present):
        problem = why_unreadable(checkpoint / name)
        if problem:
            return f"{name} {problem}"
    return None


def resume_point(out_dir: str | os.PathLike[str]) -> tuple[Path | None, list[str]]:
    """The newest good checkpoint (None: a fresh start), after renaming every newer, damaged one to
    `rusak-checkpoint-N-<time>`; with 'name: why' for each one set aside.

    Renamed, not deleted (nothing a student made is thrown away), and out of the Trainer's sight: it only
    counts and rotates folders named checkpoint-N.
    """
    skipped: list[str] = []
    for path in _checkpoints(out_dir):
        problem = checkpoint_problem(path)
        if problem is None:
            return path, skipped
        path.rename(path.with_name(f"{BROKEN_PREFIX}{path.name}-{int(time.time())}"))
        skipped.append(f"{path.name}: {problem}")
    return None, skipped


def fit(trainer: CourseTrainer, cfg: Config, rows: TrainingRows, tokenizer: Any, data: EncodedSplits) -> TrainResult:
    """Train (resuming from the newest good checkpoint in the output folder), evaluate, save adapter and run card.

    `trainer` comes from `make_trainer` (it records every step's loss). Holds the folder's lock throughout: a
    second trainer on the same folder is refused at once.
    """
    started = time.perf_counter()
    if trainer.args.device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(trainer.args.device)
    out_dir = _output_dir(trainer.args)
    with locking.hold(out_dir, LOCK):
        resume, skipped = resume_point(out_dir)
        for line in skipped:
            print(f"Checkpoint {line}; dilewati, dilanjutkan dari checkpoint sebelumnya.", flush=True)
        cfg = claim_folder(out_dir, cfg, rows, resume)
        if any(getattr(cfg, key) != _argument(trainer.args, key) for key in TRAJECTORY_FIELDS):
            # TrainingArguments' __post_init__ turns report_to into a list ("none": []), never None.
            trainer.args = training_arguments(cfg, out_dir, report_wandb="wandb" in (trainer.args.report_to or []))
        trainer.step_losses = _read_step_losses(resume)
        first_eval = _first_eval(trainer, out_dir, fresh=resume is None)
        # Read before training: the Trainer may rotate the resumed checkpoint away (save_total_limit).
        first_step, trainer.answer_tokens, train_seconds = _global_step(resume), 0, 0.0
        if resume and _finished(resume, cfg):
            _restore(trainer, resume)
        else:
            train_started = time.perf_counter()
            trainer.train(resume_from_checkpoint=str(resume) if resume else None)
            train_seconds = time.perf_counter() - train_started
        history = _history(trainer, first_eval)
        evaluated = history.dropna(subset=["eval_loss"])
        # The Trainer evaluates every save_steps, maybe not at the end.
        final_eval = (float(evaluated["eval_loss"].iloc[-1]) if evaluated["step"].iloc[-1] == trainer.state.global_step
                      else trainer.evaluate()["eval_loss"])
        result = TrainResult(
            adapter_dir=out_dir / ADAPTER_DIR, global_step=trainer.state.global_step,
            train_loss=_run_mean(trainer.step_losses, trainer.state.global_step), eval_loss=float(final_eval),
            first_eval_loss=first_eval, resumed_from=resume.name if resume else None, history=history,
            measurements=_measure(trainer, first_step, train_seconds, time.perf_counter() - started),
            cfg=cfg, skipped=tuple(skipped),
        )
        if trainer.is_world_process_zero():  # under `accelerate launch`, one process writes
            _save(trainer, tokenizer, result, rows, data)
    return result


def train(cfg: Config, data_path: str | os.PathLike[str], out_dir: str | os.PathLike[str],
          log: Any = print) -> TrainResult:
    """The whole stage: selected rows -> LoRA adapter in `out_dir/adapter`, resuming automatically.

    Everything a user can get wrong (device, model, LoRA targets, data, another run's folder, a busy folder) is
    refused before the model loads, and before the run folder is created.
    """
    hardware.require_gpu(cfg.profile)
    modeling.check_model(cfg)
    rows = load_rows(data_path, cfg)
    with locking.hold(out_dir, LOCK):
        # Refuse another run's checkpoints before minutes of loading.
        cfg = claim_folder(out_dir, cfg, rows, latest_checkpoint(out_dir), log)
        log(rows.summary())
        tokenizer = modeling.load_tokenizer(cfg.model_id)
        data = encode(rows, tokenizer, cfg)
        log(data.train.report.summary())
        model, params = modeling.add_lora(modeling.load_base(cfg), cfg)
        log(params.summary())
        trainer = make_trainer(cfg, model, tokenizer, data, out_dir)
        stats = batch_stats(trainer)
        log(f"token asli per batch: {100 * stats.real_fraction:.1f} %, "
            f"posisi yang membawa loss: {100 * stats.loss_fraction:.1f} %")
        result = fit(trainer, cfg, rows, tokenizer, data)
    log(result.summary())
    log(result.measurements.summary())
    return result


def claim_folder(out_dir: str | os.PathLike[str], cfg: Config, rows: TrainingRows, resume: Path | None,
                 log: Any = None) -> Config:
    """Record what run owns `out_dir` and return the settings in effect; refuse another run's checkpoints.

    `resume` is the checkpoint the run will continue from (None: a fresh start). A resume keeps its run's
    TRAJECTORY_FIELDS (the optimizer and schedule continue from the checkpoint), and says which requested values
    it did not take.
    """
    out_dir = Path(out_dir)
    identity = {key: _plain(getattr(cfg, key)) for key in IDENTITY_FIELDS} | {"data_sha256": rows.sha256}
    marker = out_dir / RUN_IDENTITY
    if resume is not None:
        owner = _read_identity(marker, out_dir)
        changed = [key for key in identity if owner.get(key) != identity[key]]
        if changed:
            raise IncompatibleRunError(
                f"{out_dir} berisi checkpoint dari run lain (beda {', '.join(changed)}); pakai folder --out lain "
                "atau hapus folder itu untuk mulai dari awal"
            )
        cfg, ignored = _keep_trajectory(cfg, owner.get("parameters", {}))
        if ignored and log:
            log(f"Run ini dilanjutkan dengan pengaturan awalnya ({', '.join(ignored)}); "
                "untuk run baru pakai folder lain.")
    if int(os.environ.get("RANK", "0")) == 0:  # under `accelerate launch`, one process writes
        identity["parameters"] = {key: _plain(getattr(cfg, key)) for key in TRAJECTORY_FIELDS}
        write_json_atomic(marker, identity)
    return cfg


def zip_adapter(adapter_dir: str | os.PathLike[str]) -> Path:
    """Zip the adapter folder next to itself (for download from Colab); returns the .zip path."""
    folder = Path(adapter_dir)
    if not (folder / "adapter_config.json").is_file():
        raise SourceError(f"{folder} tidak berisi adapter (adapter_config.json); latih dulu di notebook 03")
    target = folder.with_name(folder.name + ".zip")
    with atomic_path(target) as temporary:
        shutil.move(shutil.make_archive(str(temporary), "zip", root_dir=folder), temporary)
    return target


def push_to_hub(adapter_dir: str | os.PathLike[str], repo_id: str, private: bool = True) -> str:
    """Upload the adapter folder to a (private by default) Hub model repo with HF_TOKEN; returns its URL."""
    from huggingface_hub import HfApi

    token = credentials.get("HF_TOKEN")
    if not token:
        raise OlmoIdError(
            "HF_TOKEN tidak ada: simpan token Hugging Face (izin write) di Colab Secrets atau variabel lingkungan"
        )
    api = HfApi(token=token)
    api.create_repo(repo_id, private=private, exist_ok=True, repo_type="model")
    api.upload_folder(folder_path=str(adapter_dir), repo_id=repo_id, repo_type="model")
    return f"https://huggingface.co/{repo_id}"


class _EpochSeededSampler(LengthGroupedSampler):
    """Length-grouped batches in an order drawn from (seed, epoch), so a resumed run sees the same batches.

    The library's sampler draws from the global RNG when an epoch starts; after a resume that state differs
    from an unbroken run's, and later epochs would see other batches (other final weights). The Trainer calls
    `set_epoch` on it at the start of every epoch (`Trainer._inner_training_loop`, transformers/trainer.py).
    """

    def __init__(self, batch_size: int, lengths: list[int], seed: int) -> None:
        super().__init__(batch_size, lengths=lengths)
        self.seed = seed
        self.set_epoch(0)

    def set_epoch(self, epoch: int) -> None:
        """Use the order of `epoch` on the next pass."""
        self.generator = torch.Generator().manual_seed(self.seed + epoch)


class _StepLossRecorder(TrainerCallback):
    """Writes the per-step training losses into each checkpoint, so a resumed run knows its whole history."""

    def __init__(self, trainer: CourseTrainer) -> None:
        self.trainer = trainer

    def on_save(self, args: TrainingArguments, state: Any, control: Any, **kwargs: Any) -> None:
        if not state.is_world_process_zero:
            return
        checkpoint = _output_dir(args) / f"{PREFIX_CHECKPOINT_DIR}-{state.global_step}"
        losses = {str(step): float(loss) for step, loss in sorted(self.trainer.step_losses.items())
                  if step <= state.global_step}
        write_json_atomic(checkpoint / STEP_LOSSES, losses, indent=None)


class CourseTrainer(Trainer):
    """Trainer whose length-grouped sampler is seeded per epoch (see `_EpochSeededSampler`), and which keeps the
    training loss of every optimizer step (the Trainer's own `train_loss` averages only the last attempt)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step_losses: dict[int, Any] = {}  # optimizer step -> summed loss of its micro-batches (a tensor)
        self.answer_tokens: Any = 0  # labelled positions trained since `fit` reset it (a tensor, read once at the end)
        self.add_callback(_StepLossRecorder(self))

    def training_step(self, model: Any, inputs: Any, num_items_in_batch: Any = None) -> torch.Tensor:
        loss = super().training_step(model, inputs, num_items_in_batch)
        step = self.state.global_step + 1  # the step this micro-batch belongs to: global_step counts finished ones
        self.step_losses[step] = self.step_losses.get(step, 0.0) + loss
        # Summed on the batch's device without reading it back: no wait for the GPU at every step.
        self.answer_tokens = self.answer_tokens + (inputs["labels"] != encoding.IGNORE).sum()
        return loss

    def _get_train_sampler(self, train_dataset: Any = None) -> Any:
        # Upstream, `Trainer._get_train_sampler` (transformers/trainer.py, 5.x) builds `LengthGroupedSampler`
        # without a generator, so `get_length_grouped_indices` (transformers/trainer_pt_utils.py) shuffles with
        # `torch.randperm` on the global RNG. Ours is the same sampler with its own generator per epoch.
        if self.args.train_sampling_strategy != "group_by_length":
            return super()._get_train_sampler(train_dataset)
        batch = self.args.train_batch_size * self.args.gradient_accumulation_steps
        # The Trainer drops columns the model does not take ('length') before asking; the rows keep their order.
        # `make_trainer` passes the encoded rows, a datasets.Dataset with a 'length' column.
        rows = cast("Dataset", self.train_dataset)
        return _EpochSeededSampler(batch, list(rows["length"]), self.args.seed)


def _saved_adapters(root: Path) -> list[Path]:
    """The adapter folders with a run card in `root` (`adapter`, `*/adapter`), the one saved last at the end."""
    found = [path for path in (root / ADAPTER_DIR, *root.glob(f"*/{ADAPTER_DIR}")) if (path / RUN_CARD).is_file()]
    return sorted(found, key=lambda path: (path / RUN_CARD).stat().st_mtime_ns)


def _first_eval(trainer: Trainer, out_dir: Path, fresh: bool) -> float | None:
    """Eval loss before any training: measured on a fresh start, read back from the folder on a resume."""
    record = out_dir / FIRST_EVAL
    if fresh:
        loss = trainer.evaluate()["eval_loss"]
        if trainer.is_world_process_zero():
            write_json_atomic(record, {"eval_loss": _finite(loss)})
        return loss
    try:
        return float(json.loads(record.read_text(encoding="utf-8"))["eval_loss"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not measured, or damaged: the curve then starts at the first logged step


def _read_identity(marker: Path, out_dir: Path) -> dict[str, Any]:
    """The run identity of a folder with checkpoints; a missing or damaged one means we cannot tell whose they are."""
    try:
        owner = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IncompatibleRunError(
            f"{out_dir} berisi checkpoint yang bukan dari olmo-id; pakai folder --out lain"
        ) from None
    except (OSError, ValueError):
        owner = None
    if not isinstance(owner, dict):
        raise IncompatibleRunError(
            f"{marker} rusak, jadi checkpoint di {out_dir} tidak bisa dipastikan milik run ini; pakai folder --out lain"
        )
    return owner


def _keep_trajectory(cfg: Config, stored: dict[str, Any]) -> tuple[Config, list[str]]:
    """`cfg` with the run's own TRAJECTORY_FIELDS, and 'name X (bukan Y)' for each requested value not taken."""
    # Any: each value has its own field's type, which only `config.coerce` and the Config fields know.
    kept: dict[str, Any] = {key: config.coerce(key, stored[key]) for key in TRAJECTORY_FIELDS if key in stored}
    ignored = [f"{key} {kept[key]} (bukan {getattr(cfg, key)})" for key in kept if kept[key] != getattr(cfg, key)]
    return dataclasses.replace(cfg, **kept), ignored


def _argument(args: TrainingArguments, key: str) -> Any:
    """The value a TrainingArguments holds for a TRAJECTORY_FIELDS name (as `training_arguments` set it)."""
    return {
        "learning_rate": args.learning_rate,
        "lr_scheduler": str(getattr(args.lr_scheduler_type, "value", args.lr_scheduler_type)),
        "warmup_ratio": args.warmup_steps, "epochs": args.num_train_epochs, "max_steps": max(args.max_steps, 0),
        "group_by_length": args.train_sampling_strategy == "group_by_length",
    }[key]


def _finished(checkpoint: Path, cfg: Config) -> bool:
    """Whether the checkpoint already holds all `cfg.max_steps` steps.

    Needed because the Trainer, resumed at exactly `max_steps`, takes one more step before it checks the limit.
    """
    return bool(cfg.max_steps) and _global_step(checkpoint) >= cfg.max_steps


def _global_step(checkpoint: Path | None) -> int:
    """The optimizer steps a checkpoint holds (0 for a fresh start)."""
    if checkpoint is None:
        return 0
    state = json.loads((checkpoint / "trainer_state.json").read_text(encoding="utf-8"))
    return int(state.get("global_step", 0))


def _measure(trainer: CourseTrainer, first_step: int, train_seconds: float, fit_seconds: float) -> Measurements:
    """This session's figures: `first_step` is where it started (the resumed checkpoint's global_step)."""
    device = trainer.args.device
    on_gpu = device.type == "cuda"
    return Measurements(
        device=torch.cuda.get_device_name(device) if on_gpu else "cpu",
        optimizer_steps=trainer.state.global_step, session_steps=trainer.state.global_step - first_step,
        answer_tokens=int(trainer.answer_tokens), train_seconds=train_seconds, fit_seconds=fit_seconds,
        peak_gpu_memory_gib=torch.cuda.max_memory_allocated(device) / 2**30 if on_gpu else None,
    )


def _restore(trainer: Trainer, checkpoint: Path) -> None:
    """Put a finished checkpoint's adapter weights and state into `trainer`, as a resume with nothing left to do."""
    set_peft_model_state_dict(trainer.model, load_file(checkpoint / "adapter_model.safetensors"))
    trainer.state = TrainerState.load_from_json(str(checkpoint / "trainer_state.json"))


def _read_step_losses(checkpoint: Path | None) -> dict[int, Any]:
    """The per-step losses saved with a checkpoint ({} for a fresh start)."""
    if checkpoint is None or not (checkpoint / STEP_LOSSES).is_file():
        return {}
    saved = json.loads((checkpoint / STEP_LOSSES).read_text(encoding="utf-8"))
    return {int(step): loss for step, loss in saved.items()}


def _run_mean(step_losses: dict[int, Any], steps: int) -> float | None:
    """Mean training loss over steps 1..`steps`; None when a step is missing or the mean is not finite."""
    if steps == 0 or any(step not in step_losses for step in range(1, steps + 1)):
        return None
    return _finite(sum(float(step_losses[step]) for step in range(1, steps + 1)) / steps)


def _history(trainer: Trainer, first_eval: float | None) -> pd.DataFrame:
    """Logged training and eval losses per step, one row per step; step 0 holds the eval loss before training."""
    records = [entry for entry in trainer.state.log_history if "step" in entry]
    if first_eval is not None:
        records.insert(0, {"step": 0, "eval_loss": first_eval})
    table = pd.DataFrame(records)
    for column in ("loss", "eval_loss", "learning_rate"):
        if column not in table:
            table[column] = float("nan")
    return table.groupby("step", as_index=False)[["loss", "eval_loss", "learning_rate"]].first()


def _save(trainer: Trainer, tokenizer: Any, result: TrainResult, rows: TrainingRows, data: EncodedSplits) -> None:
    """Write adapter, tokenizer, eval rows, trained pairs and run card to `adapter/`, replaced only when complete."""
    final = result.adapter_dir
    staging, old = final.with_name(f".{final.name}.tmp"), final.with_name(f".{final.name}.old")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    model = cast(PeftModel, trainer.model)  # make_trainer's model: the base wrapped by modeling.add_lora
    model.peft_config["default"].base_model_name_or_path = portable(result.cfg.model_id)
    model.save_pretrained(str(staging))
    tokenizer.save_pretrained(staging)
    rows.eval.to_parquet(staging / EVAL_ROWS, index=False)
    pd.DataFrame({"pair": pair_hashes(rows.train)}).to_parquet(staging / TRAINED_PAIRS, index=False)
    card = json.dumps(_run_card(result, rows, data), indent=2, ensure_ascii=False, allow_nan=False)
    (staging / RUN_CARD).write_text(card, encoding="utf-8")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)


def _run_card(result: TrainResult, rows: TrainingRows, data: EncodedSplits) -> dict[str, Any]:
    """Everything needed to know what this adapter is and to train it again: finite numbers, no local paths."""
    cfg = result.cfg
    return {
        "profile": cfg.profile,
        "parameters": {key: portable(value) if key in PATH_FIELDS else _plain(value)
                       for key, value in dataclasses.asdict(cfg).items()},
        "data": {"file": rows.source.name, "sha256": rows.sha256, "train_rows": len(rows.train),
                 "eval_rows": len(rows.eval), "subsets": rows.train["subset_name"].value_counts().to_dict(),
                 "trained_pairs": TRAINED_PAIRS},
        "truncation": dataclasses.asdict(data.train.report),
        "result": {"global_step": result.global_step, "train_loss": _finite(result.train_loss),
                   "eval_loss": _finite(result.eval_loss), "first_eval_loss": _finite(result.first_eval_loss),
                   "resumed_from": result.resumed_from, "skipped_checkpoints": list(result.skipped)},
        "measurements": result.measurements.record(),
        "versions": {"python": platform.python_version(), **{name: _version(name) for name in PACKAGES}},
    }


def portable(value: str) -> str:
    """A parameter that names a local path, without the machine's own folders: relative to the course's folder
    when inside it, else only its name (a run card travels: zipped, pushed to the Hub); anything else unchanged."""
    if not value:
        return value
    path = Path(value).expanduser()
    if not (path.is_absolute() or path.exists()):
        return value  # a Hub id or a name such as tiny-olmo
    try:
        return path.resolve().relative_to(config.REPO_ROOT).as_posix()
    except ValueError:
        return path.name


def _eval_count(rows: int, cfg: Config) -> int:
    """How many of `rows` selected rows `split` holds out: `eval_fraction` of them, at least one, never all."""
    return min(max(1, round(rows * cfg.eval_fraction)), rows - 1)


def _duration(seconds: float) -> str:
    """Seconds for students: '42.1 detik' under two minutes, else '25.3 menit'."""
    return f"{seconds:.1f} detik" if seconds < 120 else f"{seconds / 60:.1f} menit"


def _finite(value: float | None) -> float | None:
    """`value` as a float, or None when it is missing, NaN or infinite (JSON has no NaN)."""
    return float(value) if value is not None and math.isfinite(value) else None


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a config value (tuples become lists)."""
    return list(value) if isinstance(value, tuple) else value


def _output_dir(args: TrainingArguments) -> Path:
    """The run folder the Trainer writes to (never None once TrainingArguments is built: it fills in a default)."""
    assert args.output_dir is not None
    return Path(args.output_dir)


def _checkpoints(out_dir: str | os.PathLike[str]) -> list[Path]:
    """The folder's checkpoint-N folders, newest first."""
    folder = Path(out_dir)
    if not folder.is_dir():
        return []
    found = [path for path in folder.glob(f"{PREFIX_CHECKPOINT_DIR}-*")
             if path.is_dir() and path.name.split("-")[-1].isdigit()]
    return sorted(found, key=lambda path: int(path.name.split("-")[-1]), reverse=True)


def _version(package: str) -> str | None:
    """Installed version of `package`, or None."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _require_wandb() -> None:
    """A one-line error instead of a traceback when wandb reporting is asked for but wandb is missing."""
    try:
        import wandb  # noqa: F401
    except ImportError:
        raise OlmoIdError(
            "WANDB_API_KEY/WANDB_MODE diset tetapi paket wandb tidak terpasang: `pip install wandb`"
        ) from None
