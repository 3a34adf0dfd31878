"""Base model, tokenizer and LoRA adapters, with the precision each profile needs.

GPU profiles load `allenai/OLMo-1B-hf` (or any Hub id / local folder). The smoke profile builds a tiny
OLMo-architecture model with seeded random weights and the real OLMo tokenizer, so the whole course runs on a
CPU in minutes with the same code path and the same token counts as the real model. `tiny-olmo2` does the same for
OLMo 2 (`allenai/OLMo-2-0425-1B`, the other base the course supports: see `olmo2_1b_config`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import torch
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import (
    AutoConfig,
    AutoModelForCausalLM,
    AutoTokenizer,
    Olmo2Config,
    Olmo2ForCausalLM,
    OlmoConfig,
    OlmoForCausalLM,
    PretrainedConfig,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    PreTrainedTokenizerFast,
)

from olmo_id import assets, chat, config, hardware, smollm
from olmo_id.config import Config
from olmo_id.errors import ConfigError, SourceError, first_line
from olmo_id.files import is_hub_id

TINY_MODEL = "tiny-olmo"
TINY_OLMO2 = "tiny-olmo2"
OLMO2_HUB_ID = "allenai/OLMo-2-0425-1B"
# How the tiny models shrink their real architecture: 64 wide, 2 layers, 4 heads (vocabulary and the rest kept).
TINY_SHAPE = dict(hidden_size=64, intermediate_size=256, num_hidden_layers=2, num_attention_heads=4,
                  num_key_value_heads=4)
# Noise a student can do nothing about: peft looks for the base model's config on the Hub when it saves an adapter,
# to learn whether the vocabulary was resized (the course never resizes it; a tiny model or an offline run has no
# Hub config to find), and peft 0.21 calls a name transformers 5 renamed.
warnings.filterwarnings("ignore", message="Could not find a config file in ")
warnings.filterwarnings("ignore", message="`is_gradient_checkpointing` is deprecated", category=FutureWarning)
DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


@dataclass(frozen=True)
class ParameterCount:
    """Trainable (LoRA) parameters against all parameters of the model."""

    trainable: int
    total: int

    @property
    def fraction(self) -> float:
        """Share of parameters the optimiser updates."""
        return self.trainable / self.total

    def summary(self) -> str:
        """One line for students, with Indonesian separators (8.192 dari 3.358.720, 0,244 %)."""
        percent = f"{100 * self.fraction:.3f}".replace(".", ",")
        return (f"parameter dilatih: {_thousands(self.trainable)} dari {_thousands(self.total)} "
                f"({percent} %) — sisanya dibekukan")


def olmo1b_config(**changes: Any) -> OlmoConfig:
    """OLMo-1B-hf's architecture (hidden 2048, 16 layers, MLP 8192, vocab 50304); `changes` shrink it."""
    shape = dict(
        vocab_size=50304, hidden_size=2048, intermediate_size=8192, num_hidden_layers=16, num_attention_heads=16,
        num_key_value_heads=16, max_position_embeddings=2048, rope_theta=10000.0, tie_word_embeddings=True,
        pad_token_id=1, eos_token_id=50279, bos_token_id=None,
    )
    return OlmoConfig(**{**shape, **changes})


def tiny_config() -> OlmoConfig:
    """The smoke profile's model: OLMo's architecture and vocabulary, 64 wide and 2 layers deep."""
    return olmo1b_config(**TINY_SHAPE)


def olmo2_1b_config(**changes: Any) -> Olmo2Config:
    """OLMo-2-0425-1B's architecture (hidden 2048, 16 layers, MLP 8192, vocab 100352, context 4096); `changes`
    shrink it.

    Numbers from its config.json on the Hub and its model card, which OLMo 2's own code repeats (OLMo-core's dolma2
    tokenizer: 100,278 tokens padded to 100,352, eos 100257, pad 100277, no BOS). 1.48 billion parameters, against
    OLMo-1B's 1.18: the 16 layers are the same size, but the vocabulary is twice as large and the input and output
    embeddings are not tied. Attention has the same q/k/v/o projections as OLMo-1B, plus RMSNorm on queries and
    keys (q_norm, k_norm: not linear layers, not LoRA targets), so the course's LoRA targets apply unchanged.

    Precision: OLMo 2 was trained in bf16 mixed precision, as OLMo-1B was. The t4 profile loads it in fp16, as it
    loads OLMo-1B, and transformers' OLMo 2 docs run this very model in fp16 too. Its QK-norm and the norm on every
    attention and MLP output were added against growing activations and attention logits (OLMo 2 report, arXiv
    2501.00656), which is what fp16's narrow range needs. Not measured on real weights in this course: should the
    loss turn NaN on a T4, train with `precision="fp32"` (5.9 GB of weights, fits a T4).
    """
    shape = dict(
        vocab_size=100352, hidden_size=2048, intermediate_size=8192, num_hidden_layers=16, num_attention_heads=16,
        num_key_value_heads=16, max_position_embeddings=4096, rope_theta=500000.0, rms_norm_eps=1e-6,
        tie_word_embeddings=False, pad_token_id=100277, eos_token_id=100257, bos_token_id=None,
    )
    return Olmo2Config(**{**shape, **changes})


def tiny_olmo2_config() -> Olmo2Config:
    """`tiny-olmo2`: OLMo 2's architecture and vocabulary, shrunk like the smoke profile's tiny OLMo."""
    return olmo2_1b_config(**TINY_SHAPE)


@dataclass(frozen=True)
class TinyModel:
    """A random-weight stand-in for a real base model: its architecture shrunk, and its real tokenizer."""

    config: Callable[[], PretrainedConfig]
    model: type[PreTrainedModel]
    tokenizer: assets.Tokenizer


TINY_MODELS = {
    TINY_MODEL: TinyModel(tiny_config, OlmoForCausalLM, assets.OLMO),
    TINY_OLMO2: TinyModel(tiny_olmo2_config, Olmo2ForCausalLM, assets.OLMO2),
}


def model_config(model_id: str) -> PretrainedConfig:
    """The base model's configuration (a few kB: no weights), or one line saying why it cannot be had."""
    if model_id in TINY_MODELS:
        return TINY_MODELS[model_id].config()
    try:
        return AutoConfig.from_pretrained(_check_source(model_id), trust_remote_code=False)
    except (OSError, ValueError) as error:
        raise SourceError(
            f"model '{model_id}' tidak bisa dibuka: {first_line(error)}; periksa id-nya dan koneksi internet "
            "(offline, model harus sudah ada di cache Hugging Face)"
        ) from None


def context_length(cfg: Config) -> int:
    """Tokens the base model reads at once (prompt and answer together), from its configuration."""
    return int(getattr(model_config(cfg.model_id), "max_position_embeddings", 2048))


def check_model(cfg: Config) -> None:
    """Refuse, before any weights load, a model that cannot be had, LoRA targets it lacks, or rows past its context."""
    settings = model_config(cfg.model_id)
    with torch.device("meta"):  # the layer names without allocating a single weight
        skeleton = AutoModelForCausalLM.from_config(settings, trust_remote_code=False)
    linear = [name for name, module in skeleton.named_modules() if isinstance(module, torch.nn.Linear)]
    names = {name.rsplit(".", 1)[-1] for name in linear}
    unknown = [name for name in cfg.lora_target_modules if name not in names]
    if unknown:
        raise ConfigError(
            f"lora_target_modules {', '.join(unknown)} tidak ada di {cfg.model_id}; "
            f"lapisan linear yang ada: {', '.join(sorted(names))}"
        )
    limit = int(getattr(settings, "max_position_embeddings", 2048))
    if cfg.max_length > limit:
        raise ConfigError(
            f"max_length {cfg.max_length} melebihi konteks {cfg.model_id} ({limit} token); pakai paling banyak {limit}"
        )


def load_tokenizer(model_id: str) -> Any:
    """The model's tokenizer with a pad token and the course's chat template installed."""
    tokenizer: PreTrainedTokenizerBase
    if model_id in TINY_MODELS:
        real = TINY_MODELS[model_id].tokenizer
        tokenizer = PreTrainedTokenizerFast(
            tokenizer_file=str(assets.tokenizer_file(real)), eos_token=real.eos_token, pad_token=real.pad_token
        )
    else:
        tokenizer = AutoTokenizer.from_pretrained(_check_source(model_id), trust_remote_code=False)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token  # safe: labels are masked by position, never by pad id
    tokenizer.padding_side = "right"
    return chat.install(tokenizer)


def load_base(cfg: Config) -> torch.nn.Module:
    """The frozen base model in the profile's precision (tiny and seeded for the smoke profile)."""
    hardware.require_gpu(cfg.profile)
    if cfg.model_id in TINY_MODELS:
        tiny = TINY_MODELS[cfg.model_id]
        with torch.random.fork_rng():
            torch.manual_seed(cfg.seed)
            # Typed as a Module: mypy cannot call PreTrainedModel.to through transformers' `@wraps`.
            model: torch.nn.Module = tiny.model(tiny.config())
        return model.to(DTYPES[cfg.precision])
    # Left on the CPU: the Trainer moves it to this process's GPU (one per process under `accelerate launch`).
    return AutoModelForCausalLM.from_pretrained(_check_source(cfg.model_id), dtype=DTYPES[cfg.precision],
                                                trust_remote_code=False)


def lora_config(cfg: Config) -> LoraConfig:
    """The LoRA settings of the profile (tutorial: r=8, alpha=32, dropout 0.05 on q/k/v/o)."""
    return LoraConfig(
        r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
        target_modules=list(cfg.lora_target_modules), bias="none", task_type="CAUSAL_LM",
    )


def lora_settings(lora: LoraConfig) -> dict[str, Any]:
    """The LoRA settings of a config, without what `get_peft_model` stamps on it (which base model it wrapped:
    peft 0.20 writes '' for a model built from a config, 0.21 leaves None)."""
    return {key: value for key, value in lora.to_dict().items() if key not in ("base_model_name_or_path", "revision")}


def add_lora(model: torch.nn.Module, cfg: Config) -> tuple[PeftModel, ParameterCount]:
    """Wrap `model` with fresh LoRA adapters (kept in fp32 even on fp16 weights) and count what trains."""
    with torch.random.fork_rng():
        torch.manual_seed(cfg.seed)
        peft_model = get_peft_model(model, lora_config(cfg), autocast_adapter_dtype=True)
    # Recorded in adapter_config.json, so that inference knows which base the adapter belongs to.
    peft_model.peft_config["default"].base_model_name_or_path = cfg.model_id
    trainable, total = peft_model.get_nb_trainable_parameters()
    return peft_model, ParameterCount(trainable, total)


def dtype_table(model: torch.nn.Module) -> pd.DataFrame:
    """Parameters per dtype, split into trainable (adapters) and frozen (base weights)."""
    counts: dict[tuple[str, str], int] = {}
    for parameter in model.parameters():
        key = ("dilatih" if parameter.requires_grad else "dibekukan", str(parameter.dtype).removeprefix("torch."))
        counts[key] = counts.get(key, 0) + parameter.numel()
    index = pd.MultiIndex.from_tuples(list(counts), names=["bagian", "dtype"])
    return pd.DataFrame({"parameter": list(counts.values())}, index=index)


def _thousands(count: int) -> str:
    """An integer with Indonesian thousands separators: 3358720 -> '3.358.720'."""
    return f"{count:,}".replace(",", ".")


def _check_source(model_id: str) -> str:
    """The id to load: a local model folder (also one a run card names relative to the course folder), the offline
    copy of a Hub model converted at setup (SmolLM2, see olmo_id.smollm), or a Hub id."""
    converted = smollm.local_copy(model_id)
    if converted is not None:
        return str(converted)
    path = Path(model_id).expanduser()
    if not path.exists() and not path.is_absolute() and (config.REPO_ROOT / path).exists():
        path = config.REPO_ROOT / path  # run cards keep the course's own folders relative (training.portable)
    if is_hub_id(model_id) and not path.exists():
        return model_id
    if not (path / "config.json").is_file():
        raise SourceError(
            f"{model_id} bukan folder model (tidak ada config.json); beri id Hub (pemilik/nama) atau folder hasil "
            "save_pretrained"
        )
    return str(path)
