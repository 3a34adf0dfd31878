"""LoRA training with the transformers Trainer: the selected rows, an eval split, checkpoints and resume.

`train` is the whole stage (the CLI calls it); the notebook calls its steps one by one to show each:
`load_rows` -> `split` -> `encode` -> `modeling.add_lora` -> `make_trainer` -> `fit`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import shutil
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import torch
from transformers import Trainer, TrainingArguments
from transformers.trainer_pt_utils import LengthGroupedSampler
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR

from olmo_id import encoding, modeling, secrets
from olmo_id.config import Config
from olmo_id.errors import EmptyDataError, OlmoIdError, SourceError
from olmo_id.io import read_rows, sha256_file

TRAIN_COLUMNS = ("input", "output", "subset_name", "selected")
ADAPTER_DIR = "adapter"
RUN_CARD = "run_card.json"
RUN_IDENTITY = "run_identity.json"
EVAL_ROWS = "eval_rows.parquet"
FIRST_EVAL = "first_eval.json"
# Settings that must match for a checkpoint to be resumed: anything else may change between attempts.
IDENTITY_FIELDS = ("model_id", "seed", "max_length", "batch_size", "gradient_accumulation_steps", "lora_r",
                   "lora_alpha", "lora_dropout", "lora_target_modules", "eval_fraction")
PACKAGES = ("olmo-id", "torch", "transformers", "peft", "accelerate", "datasets")


class IncompatibleRunError(OlmoIdError):
    """The output folder holds checkpoints of a run with other settings or other data."""


@dataclass(frozen=True)
class TrainingRows:
    """Selected rows split into train and held-out eval parts, and the file they came from."""

    train: pd.DataFrame
    eval: pd.DataFrame
    source: Path
    sha256: str

    def summary(self) -> str:
        """One line for students."""
        return f"{len(self.train):,} baris latih, {len(self.eval):,} baris evaluasi (tidak pernah dilatih) dari {self.source.name}"


@dataclass(frozen=True)
class EncodedSplits:
    """Tokenised train and eval examples."""

    train: encoding.Encoded
    eval: encoding.Encoded


@dataclass(frozen=True)
class TrainResult:
    """What a finished training run produced and measured."""

    adapter_dir: Path
    global_step: int
    train_loss: float  # mean training loss of the last logging window
    eval_loss: float
    first_eval_loss: float | None  # eval loss of the untrained adapter (step 0), if measured
    resumed_from: str | None  # name of the checkpoint this attempt started from
    history: pd.DataFrame  # one row per logged step: step, loss, eval_loss, learning_rate
    seconds: float

    def summary(self) -> str:
        """One line for students."""
        start = f"{self.first_eval_loss:.3f} -> " if self.first_eval_loss is not None else ""
        resumed = f", dilanjutkan dari {self.resumed_from}" if self.resumed_from else ""
        return (f"selesai di langkah {self.global_step}: loss latih {self.train_loss:.3f}, loss evaluasi "
                f"{start}{self.eval_loss:.3f}{resumed}; adapter di {self.adapter_dir.parent.name}/{self.adapter_dir.name}")


def load_rows(path: str | os.PathLike[str], cfg: Config) -> TrainingRows:
    """The rows notebook 02 selected (`selected` is True), split into train and eval."""
    source = Path(path)
    rows = read_rows(source, TRAIN_COLUMNS, "latih pada clustered.parquet dari notebook 02 (atau `olmo-id cluster "
                     "--select N`), yang menandai baris terpilih di kolom 'selected'")
    chosen = rows[rows["selected"].astype(bool)]
    if len(chosen) < 2:
        raise EmptyDataError(
            f"{source} hanya punya {len(chosen)} baris terpilih dengan input dan output; pilih lebih banyak baris di notebook 02"
        )
    train, held_out = split(chosen.reset_index(drop=True), cfg)
    return TrainingRows(train, held_out, source, sha256_file(source))


def split(rows: pd.DataFrame, cfg: Config) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hold out `eval_fraction` of the rows, stratified by subset where every subset has two rows or more."""
    from sklearn.model_selection import train_test_split

    n_eval = min(max(1, round(len(rows) * cfg.eval_fraction)), len(rows) - 1)
    counts = rows["subset_name"].value_counts()
    stratify = rows["subset_name"] if counts.min() >= 2 and n_eval >= len(counts) else None
    train, held_out = train_test_split(rows, test_size=n_eval, random_state=cfg.seed, stratify=stratify)
    return train.reset_index(drop=True), held_out.reset_index(drop=True)


def encode(rows: TrainingRows, tokenizer: Any, cfg: Config) -> EncodedSplits:
    """Tokenise both splits with masked prompts, EOS and sentence-aware truncation."""
    return EncodedSplits(
        encoding.encode_rows(rows.train, tokenizer, cfg.max_length),
        encoding.encode_rows(rows.eval, tokenizer, cfg.max_length),
    )


def training_arguments(cfg: Config, out_dir: str | os.PathLike[str], report_wandb: bool) -> TrainingArguments:
    """TrainingArguments from the profile: precision, schedule, eval and checkpoints every `save_steps`."""
    on_gpu = torch.cuda.is_available()
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
        # Recompute activations in the backward pass: ~30 % slower, far less memory (OLMo-1B on a 15 GB T4).
        **({"gradient_checkpointing": True, "gradient_checkpointing_kwargs": {"use_reentrant": False}}
           if cfg.gradient_checkpointing else {}),
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
                 out_dir: str | os.PathLike[str]) -> Trainer:
    """A Trainer on the encoded splits; wandb only with a key or WANDB_MODE, never a login prompt."""
    report_wandb = secrets.wandb_enabled()
    if report_wandb:
        os.environ.setdefault("WANDB_PROJECT", "olmo-id")
        os.environ.setdefault("WANDB_DIR", str(out_dir))
        _require_wandb()
    return _CourseTrainer(
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
        return encoding.batch_stats(trainer.get_train_dataloader())


def latest_checkpoint(out_dir: str | os.PathLike[str]) -> Path | None:
    """The newest complete checkpoint in `out_dir` (a half-written one, from a kill during saving, is skipped)."""
    folder = Path(out_dir)
    if not folder.is_dir():
        return None
    complete = [
        path for path in folder.glob(f"{PREFIX_CHECKPOINT_DIR}-*")
        if path.name.split("-")[-1].isdigit() and (path / "trainer_state.json").is_file()
        and (path / "adapter_model.safetensors").is_file()
    ]
    return max(complete, key=lambda path: int(path.name.split("-")[-1]), default=None)


def fit(trainer: Trainer, cfg: Config, rows: TrainingRows, tokenizer: Any, data: EncodedSplits) -> TrainResult:
    """Train (resuming from the newest checkpoint in the output folder), evaluate, save adapter and run card."""
    started = time.perf_counter()
    out_dir = Path(trainer.args.output_dir)
    claim_folder(out_dir, cfg, rows)
    resume = latest_checkpoint(out_dir)
    first_eval = _first_eval(trainer, out_dir, fresh=resume is None)
    trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    history = _history(trainer, first_eval)
    evaluated = history.dropna(subset=["eval_loss"])
    final_eval = (float(evaluated["eval_loss"].iloc[-1]) if evaluated["step"].iloc[-1] == trainer.state.global_step
                  else trainer.evaluate()["eval_loss"])  # the Trainer evaluates every save_steps, maybe not at the end
    train_losses = history["loss"].dropna()
    result = TrainResult(
        adapter_dir=out_dir / ADAPTER_DIR, global_step=trainer.state.global_step,
        train_loss=float(train_losses.iloc[-1]) if len(train_losses) else float("nan"), eval_loss=float(final_eval),
        first_eval_loss=first_eval, resumed_from=resume.name if resume else None, history=history,
        seconds=time.perf_counter() - started,
    )
    if trainer.is_world_process_zero():  # under `accelerate launch`, one process writes
        _save(trainer, tokenizer, result, cfg, rows, data)
    return result


def train(cfg: Config, data_path: str | os.PathLike[str], out_dir: str | os.PathLike[str], log: Any = print) -> TrainResult:
    """The whole stage: selected rows -> LoRA adapter in `out_dir/adapter`, resuming automatically."""
    modeling.require_device(cfg)
    rows = load_rows(data_path, cfg)
    claim_folder(out_dir, cfg, rows)  # refuse another run's checkpoints before minutes of loading
    log(rows.summary())
    tokenizer = modeling.load_tokenizer(cfg.model_id)
    data = encode(rows, tokenizer, cfg)
    log(data.train.report.summary())
    model, params = modeling.add_lora(modeling.load_base(cfg), cfg)
    log(params.summary())
    trainer = make_trainer(cfg, model, tokenizer, data, out_dir)
    stats = batch_stats(trainer)
    log(f"token asli per batch: {100 * stats.real_fraction:.1f} %, posisi yang membawa loss: {100 * stats.loss_fraction:.1f} %")
    result = fit(trainer, cfg, rows, tokenizer, data)
    log(result.summary())
    return result


def claim_folder(out_dir: str | os.PathLike[str], cfg: Config, rows: TrainingRows) -> None:
    """Record what run owns `out_dir`; refuse to resume checkpoints that another run left there."""
    out_dir = Path(out_dir)
    identity = {key: _plain(getattr(cfg, key)) for key in IDENTITY_FIELDS} | {"data_sha256": rows.sha256}
    marker = out_dir / RUN_IDENTITY
    if marker.is_file() and latest_checkpoint(out_dir):
        owner = json.loads(marker.read_text(encoding="utf-8"))
        changed = [key for key in identity if owner.get(key) != identity[key]]
        if changed:
            raise IncompatibleRunError(
                f"{out_dir} berisi checkpoint dari run lain (beda {', '.join(changed)}); pakai folder --out lain "
                "atau hapus folder itu untuk mulai dari awal"
            )
    elif latest_checkpoint(out_dir):
        raise IncompatibleRunError(f"{out_dir} berisi checkpoint yang bukan dari olmo-id; pakai folder --out lain")
    if int(os.environ.get("RANK", "0")) == 0:  # under `accelerate launch`, one process writes
        out_dir.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps(identity, indent=2), encoding="utf-8")


def zip_adapter(adapter_dir: str | os.PathLike[str]) -> Path:
    """Zip the adapter folder next to itself (for download from Colab); returns the .zip path."""
    folder = Path(adapter_dir)
    if not (folder / "adapter_config.json").is_file():
        raise SourceError(f"{folder} tidak berisi adapter (adapter_config.json); latih dulu di notebook 03")
    return Path(shutil.make_archive(str(folder), "zip", root_dir=folder))


def push_to_hub(adapter_dir: str | os.PathLike[str], repo_id: str, private: bool = True) -> str:
    """Upload the adapter folder to a (private by default) Hub model repo with HF_TOKEN; returns its URL."""
    from huggingface_hub import HfApi

    token = secrets.get("HF_TOKEN")
    if not token:
        raise OlmoIdError("HF_TOKEN tidak ada: simpan token Hugging Face (izin write) di Colab Secrets atau variabel lingkungan")
    api = HfApi(token=token)
    api.create_repo(repo_id, private=private, exist_ok=True, repo_type="model")
    api.upload_folder(folder_path=str(adapter_dir), repo_id=repo_id, repo_type="model")
    return f"https://huggingface.co/{repo_id}"


class _EpochSeededSampler(LengthGroupedSampler):
    """Length-grouped batches in an order drawn from (seed, epoch), so a resumed run sees the same batches.

    The library's sampler draws from the global RNG when an epoch starts; after a resume that state differs
    from an unbroken run's, and later epochs would see other batches (other final weights).
    """

    def __init__(self, batch_size: int, lengths: list[int], seed: int) -> None:
        super().__init__(batch_size, lengths=lengths)
        self.seed = seed
        self.set_epoch(0)

    def set_epoch(self, epoch: int) -> None:
        """Use the order of `epoch` on the next pass."""
        self.generator = torch.Generator().manual_seed(self.seed + epoch)


class _CourseTrainer(Trainer):
    """Trainer whose length-grouped sampler is seeded per epoch (see `_EpochSeededSampler`)."""

    def _get_train_sampler(self, train_dataset: Any = None) -> Any:
        if self.args.train_sampling_strategy != "group_by_length":
            return super()._get_train_sampler(train_dataset)
        batch = self.args.train_batch_size * self.args.gradient_accumulation_steps
        # The Trainer drops columns the model does not take ('length') before asking; the rows keep their order.
        return _EpochSeededSampler(batch, list(self.train_dataset["length"]), self.args.seed)


def _first_eval(trainer: Trainer, out_dir: Path, fresh: bool) -> float | None:
    """Eval loss before any training: measured on a fresh start, read back from the folder on a resume."""
    record = out_dir / FIRST_EVAL
    if fresh:
        loss = trainer.evaluate()["eval_loss"]
        if trainer.is_world_process_zero():
            record.write_text(json.dumps({"eval_loss": loss}), encoding="utf-8")
        return loss
    return json.loads(record.read_text(encoding="utf-8"))["eval_loss"] if record.is_file() else None


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


def _save(trainer: Trainer, tokenizer: Any, result: TrainResult, cfg: Config, rows: TrainingRows,
          data: EncodedSplits) -> None:
    """Write adapter, tokenizer, eval rows and run_card.json into `adapter/`, replacing it only when complete."""
    final = result.adapter_dir
    staging = final.with_name(f".{final.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    trainer.model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    rows.eval.to_parquet(staging / EVAL_ROWS, index=False)
    card = _run_card(result, cfg, rows, data)
    (staging / RUN_CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)
    os.replace(staging, final)


def _run_card(result: TrainResult, cfg: Config, rows: TrainingRows, data: EncodedSplits) -> dict[str, Any]:
    """Everything needed to know what this adapter is and to train it again."""
    return {
        "profile": cfg.profile,
        "parameters": {key: _plain(value) for key, value in dataclasses.asdict(cfg).items()},
        "data": {"file": rows.source.name, "sha256": rows.sha256, "train_rows": len(rows.train),
                 "eval_rows": len(rows.eval), "subsets": rows.train["subset_name"].value_counts().to_dict()},
        "truncation": dataclasses.asdict(data.train.report),
        "result": {"global_step": result.global_step, "train_loss": result.train_loss, "eval_loss": result.eval_loss,
                   "first_eval_loss": result.first_eval_loss, "resumed_from": result.resumed_from,
                   "seconds": round(result.seconds, 1)},
        "versions": {"python": platform.python_version(), **{name: _version(name) for name in PACKAGES}},
    }


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a config value (tuples become lists)."""
    return list(value) if isinstance(value, tuple) else value


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
        raise OlmoIdError("WANDB_API_KEY/WANDB_MODE diset tetapi paket wandb tidak terpasang: `pip install wandb`") from None
