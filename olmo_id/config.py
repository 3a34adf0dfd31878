"""Course profiles: every number the tutorial hard-codes, as plain data with overrides by name."""

from __future__ import annotations

import dataclasses
import math
import os
import typing
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from olmo_id import hardware
from olmo_id.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE = REPO_ROOT / "data" / "cendol_mini.jsonl"
CENDOL_HUB_ID = "indonlp/cendol_collection_v2"
OLMO_HUB_ID = "allenai/OLMo-1B-hf"
SMOLLM_HUB_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"  # the cpu profile's model; offline from olmo_id.smollm
DEFAULT_SUBSETS = ("indo_puisi", "wikihow", "wikipedia_id", "safety_prompt", "identity_prompt", "dolly")
CLUSTER_TEXTS = ("input", "output", "both")
# Schedulers that transformers builds from the warmup and step counts alone (a test keeps them in its SchedulerType).
LR_SCHEDULERS = ("linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup",
                 "inverse_sqrt")
# Free text, nearly one value per row: every stratum would hold a single row.
TEXT_STRATA = ("input", "output", "prompt_id")
STRATA_SUGGESTIONS = ("template_name", "subset_name", "dataset_name")
SEED_MAX = 2**32 - 1  # numpy, scikit-learn and torch all accept seeds in [0, 2**32 - 1]
# The offline profiles' benchmarks: hand-written items in two real tasks' schemas (data/benchmarks); the third,
# mini_copal_id, is the lesson's exercise.
MINI_TASKS = ("mini_belebele_ind", "mini_xcopa_id")


@dataclass(frozen=True)
class Config:
    """All settings of one course run; a notebook parameter or CLI flag overrides a field by name."""

    profile: str
    seed: int = 42
    # Data stage (notebook 01): the cleaned, stratified candidate pool that notebook 02 clusters.
    source: str = CENDOL_HUB_ID
    subsets: tuple[str, ...] = DEFAULT_SUBSETS
    pool_size: int = 200_000  # candidate rows drawn (stratified) into candidates.parquet; 0 = the whole pool
    stratify_by: str = "template_name"
    cache_dir: str = ""  # empty: $OLMO_ID_CACHE or ~/.cache/olmo_id
    # Clustering (notebook 02). The tutorial used 100 TF-IDF features; 20,000 keep the topic words
    # (cost follows the non-zeros, not the vocabulary). Which text is clustered is chosen, never guessed:
    # instructions by default, as the tutorial intended (answers are long and cost ~10x more to vectorise).
    cluster_text: str = "input"  # "input" (instruction), "output" (answer) or "both"
    n_samples: int = 10_000  # training rows selected from the candidates (the tutorial trained on 10,000)
    tfidf_max_features: int = 20_000
    ngram_max: int = 2
    svd_components: int = 64
    onehot_weight: float = 0.5
    fit_rows: int = 10_000  # rows that fit TF-IDF and the SVD (the rest are only transformed); cost is linear
    elbow_rows: int = 5_000  # rows the elbow curve is computed on (silhouette: fewer)
    minibatch_above: int = 20_000  # more rows than this: MiniBatchKMeans instead of KMeans(n_init=10)
    near_duplicate: float = 0.95  # cosine similarity above which two rows count as near-duplicates
    k_min: int = 2
    k_max: int = 15
    k: int = 0  # 0 = automatic (elbow); the tutorial's CUSTOM_K otherwise
    # Model and precision (notebook 03).
    model_id: str = OLMO_HUB_ID
    precision: str = "fp16"
    gradient_checkpointing: bool = True
    # LoRA adapters.
    lora_r: int = 8
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    lora_target_modules: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")
    # Trainer.
    learning_rate: float = 2e-4
    batch_size: int = 8
    epochs: float = 3.0
    max_length: int = 512
    lr_scheduler: str = "cosine"
    warmup_ratio: float = 0.03
    gradient_accumulation_steps: int = 1
    max_steps: int = 0  # 0 = train for `epochs`; otherwise stop after this many optimizer steps
    group_by_length: bool = True  # batches of similar length: little padding (the tutorial's intent)
    eval_fraction: float = 0.05  # share of the selected rows held out for the eval loss during training
    logging_steps: int = 10
    save_steps: int = 100  # checkpoint (and eval) every N steps; a disconnect loses at most N steps
    save_total_limit: int = 2
    # Evaluation (notebook 05): held-out rows per subset.
    eval_per_subset: int = 20
    # Benchmarks (notebook 05, olmo_id.benchmark): lm-evaluation-harness tasks, scored by log-likelihood. Four
    # Indonesian tasks, 2,518 items: ~400k tokens a pass (Belebele's 900 prompts of ~310 OLMo tokens are most of
    # it), four passes (base and adapter, raw and chat template) ~1.6M tokens x 2.4 GFLOP, an estimated 5-8 T4
    # minutes with the downloads: inside the ~10 minutes a free session can spare.
    benchmark_tasks: tuple[str, ...] = ("belebele_ind_Latn", "xcopa_id", "copal_id_standard", "copal_id_colloquial")
    benchmark_limit: int = 0  # 0 = every item; otherwise the first N items of each (sub)task, for a quick look
    # Generation (notebook 04).
    max_new_tokens: int = 300
    temperature: float = 0.7
    top_p: float = 0.9
    repetition_penalty: float = 1.1

    @property
    def cache_path(self) -> Path:
        """Folder for the course's own caches (sampled parquet files and the like)."""
        if self.cache_dir:
            return Path(self.cache_dir).expanduser()
        env = os.environ.get("OLMO_ID_CACHE")
        return Path(env).expanduser() if env else Path.home() / ".cache" / "olmo_id"


PROFILES: dict[str, dict[str, object]] = {
    # CPU, offline: the shipped fixture and (from notebook 03 on) a tiny OLMo-architecture model.
    "smoke": dict(
        source=str(FIXTURE), pool_size=400, n_samples=200, k_max=10, model_id="tiny-olmo", precision="fp32",
        gradient_checkpointing=False, batch_size=4, epochs=1.0, max_new_tokens=40,
        learning_rate=1e-2, max_length=256, eval_fraction=0.1, logging_steps=5, save_steps=20, eval_per_subset=3,
        benchmark_tasks=MINI_TASKS,
    ),
    # CPU, real weights: SmolLM2-135M-Instruct (English-pretrained, 135M) on the shipped fixture, offline after
    # `make setup`. The recipe `make realweights` found to teach it on 2 cores (bench/realweights.py): lr 1e-2 with
    # 10 % warmup, batch 4 x <= 256 tokens, one epoch over 256 selected rows (61 steps of the 243 train rows, two
    # whole blocks of the length-grouped sampler); answers of at most 120 new tokens (Indonesian costs its
    # English tokenizer ~3 tokens a word).
    "cpu": dict(
        source=str(FIXTURE), pool_size=0, n_samples=256, k_max=10, model_id=SMOLLM_HUB_ID, precision="fp32",
        gradient_checkpointing=False, batch_size=4, epochs=1.0, max_length=256, learning_rate=1e-2,
        warmup_ratio=0.1, eval_fraction=0.05, logging_steps=5, save_steps=20, eval_per_subset=5, max_new_tokens=120,
        benchmark_tasks=MINI_TASKS,
    ),
    # Colab's free T4: fp16 weights, fp32 adapters under autocast, gradient checkpointing. One epoch over notebook
    # 02's 10,000 diverse rows (9,500 train rows / batch 8 = 1,188 optimizer steps x ~1.0-1.6 s, ~20-32 minutes by
    # notebook 03's arithmetic) fits one free session: each selected row is seen once rather than a third of them
    # three times. The tutorial's 3 epochs stay one parameter away (epochs=3, ~1.25-2 hours).
    "t4": dict(precision="fp16", gradient_checkpointing=True, epochs=1.0),
    # A100 (compute capability 8.0): native bf16, memory to spare for larger batches; the tutorial's full recipe.
    # Its benchmarks add school knowledge (Global-MMLU Lite) and Indonesian exam questions (INCLUDE).
    "a100": dict(precision="bf16", gradient_checkpointing=False, epochs=3.0,
                 benchmark_tasks=("belebele_ind_Latn", "xcopa_id", "copal_id_standard", "copal_id_colloquial",
                                  "global_mmlu_id", "include_base_44_indonesian")),
}
PROFILE_NAMES = (*PROFILES, "auto")


def load(profile: str = "auto", **overrides: object) -> Config:
    """The profile's Config with `overrides` applied; values may be strings, as papermill and the CLI give them."""
    name = _resolve_profile(profile)
    given = {key: coerce(key, value) for key, value in overrides.items() if value is not None}
    # Any: each value has its own field's type, which only `coerce` and the Config fields know.
    fields: dict[str, Any] = {**PROFILES[name], **given}
    cfg = Config(profile=name, **fields)
    _check(cfg)
    return cfg


def with_overrides(cfg: Config, **overrides: object) -> Config:
    """Return a copy of `cfg` with some fields changed (values coerced and checked like `load`)."""
    changes: dict[str, Any] = {key: coerce(key, value) for key, value in overrides.items() if value is not None}
    new = replace(cfg, **changes)
    _check(new)
    return new


def field_names() -> tuple[str, ...]:
    """Names that a notebook parameter, a CLI flag or `load(**overrides)` may set."""
    return tuple(f.name for f in dataclasses.fields(Config) if f.name != "profile")


def coerce(key: str, value: object) -> object:
    """Convert `value` (often a string from papermill or the command line) to the type of field `key`."""
    hints = typing.get_type_hints(Config)
    if key not in hints or key == "profile":
        raise ConfigError(f"parameter '{key}' tidak dikenal; yang dikenal: {', '.join(field_names())}")
    kind = hints[key]
    try:
        if kind is bool:
            return _to_bool(value)
        if kind in (int, float):
            number = kind(value)
            if kind is int and isinstance(value, float) and value != number:
                raise ValueError
            return number
        if kind == tuple[str, ...]:
            if not isinstance(value, Iterable):
                raise TypeError(value)
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(item).strip() for item in items if str(item).strip())
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"parameter '{key}' harus bertipe {_type_name(kind)}, bukan {value!r}") from None


def _resolve_profile(profile: str) -> str:
    """Map 'auto' to 't4' or 'a100' by the GPU's compute capability; reject unknown names."""
    if profile not in PROFILE_NAMES:
        raise ConfigError(f"profil '{profile}' tidak dikenal; pilih salah satu: {', '.join(PROFILE_NAMES)}")
    if profile != "auto":
        return profile
    capability = hardware.gpu_capability()
    if capability is None:
        raise hardware.no_gpu_error(profile)
    # bf16 only from compute capability 8.0 (A100 and newer): a T4 (7.5) reports bf16 but emulates it slowly.
    return "a100" if capability >= (8, 0) else "t4"


def _check(cfg: Config) -> None:
    """Reject values no run can use, naming the parameter to change."""
    for key, kind in typing.get_type_hints(Config).items():
        if kind is float and not math.isfinite(getattr(cfg, key)):
            raise ConfigError(f"{key} harus angka biasa (bukan nan atau tak hingga), bukan {getattr(cfg, key)}")
    if not 0 <= cfg.seed <= SEED_MAX:
        raise ConfigError(f"seed harus di antara 0 dan {SEED_MAX}, bukan {cfg.seed}")
    positive = ("n_samples", "tfidf_max_features", "ngram_max", "svd_components", "fit_rows", "elbow_rows",
                "lora_r", "lora_alpha", "batch_size", "max_length", "max_new_tokens", "learning_rate", "epochs",
                "gradient_accumulation_steps", "logging_steps", "save_steps", "save_total_limit", "eval_per_subset")
    for key in positive:
        if getattr(cfg, key) <= 0:
            raise ConfigError(f"{key} harus lebih dari 0, bukan {getattr(cfg, key)}")
    if not 2 <= cfg.k_min <= cfg.k_max:
        raise ConfigError(f"rentang k harus 2 <= k_min <= k_max, bukan k_min={cfg.k_min}, k_max={cfg.k_max}")
    if cfg.k < 0 or cfg.k == 1:
        raise ConfigError(f"k harus 0 (otomatis) atau minimal 2, bukan {cfg.k}")
    if cfg.max_steps < 0:
        raise ConfigError(f"max_steps harus 0 (pakai epochs) atau lebih, bukan {cfg.max_steps}")
    if not 0 < cfg.eval_fraction < 1:
        raise ConfigError(f"eval_fraction harus di antara 0 dan 1 (tidak termasuk), bukan {cfg.eval_fraction}")
    if cfg.max_length < 32:
        raise ConfigError(f"max_length minimal 32 token (prompt dan jawaban harus muat), bukan {cfg.max_length}")
    if cfg.benchmark_limit < 0:
        raise ConfigError(f"benchmark_limit harus 0 (semua butir) atau lebih, bukan {cfg.benchmark_limit}")
    if cfg.pool_size < 0:
        raise ConfigError(f"pool_size harus 0 (seluruh pool) atau lebih, bukan {cfg.pool_size}")
    if cfg.cluster_text not in CLUSTER_TEXTS:
        raise ConfigError(f"cluster_text harus salah satu dari {', '.join(CLUSTER_TEXTS)}, bukan '{cfg.cluster_text}'")
    if cfg.lr_scheduler not in LR_SCHEDULERS:
        raise ConfigError(f"lr_scheduler harus salah satu dari {', '.join(LR_SCHEDULERS)}, bukan '{cfg.lr_scheduler}'")
    if cfg.stratify_by in TEXT_STRATA:
        raise ConfigError(
            f"stratify_by '{cfg.stratify_by}' berisi teks bebas, hampir satu nilai per baris, jadi setiap strata "
            f"hanya berisi satu baris; pakai kolom kategori seperti {', '.join(STRATA_SUGGESTIONS)}"
        )
    if cfg.precision not in ("fp32", "fp16", "bf16"):
        raise ConfigError(f"precision harus fp32, fp16 atau bf16, bukan '{cfg.precision}'")
    if not cfg.subsets:
        raise ConfigError("subsets kosong: sebutkan minimal satu subset, mis. 'wikihow,dolly'")
    for key in ("lora_dropout", "warmup_ratio", "top_p", "near_duplicate", "onehot_weight"):
        if not 0 <= getattr(cfg, key) <= 1:
            raise ConfigError(f"{key} harus di antara 0 dan 1, bukan {getattr(cfg, key)}")


def _to_bool(value: object) -> bool:
    """Read a boolean from True/False or the usual spellings in English and Indonesian."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "ya", "on"):
        return True
    if text in ("0", "false", "no", "tidak", "off"):
        return False
    raise ValueError(text)


def _type_name(kind: object) -> str:
    """A short human name for a field type."""
    names: dict[object, str] = {bool: "boolean (true/false)", int: "bilangan bulat", float: "bilangan"}
    return names.get(kind, "daftar dipisah koma" if kind == tuple[str, ...] else "teks")
