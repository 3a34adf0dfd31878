"""Benchmark LoRA steps on an OLMo-1B-shaped model on a CUDA GPU: the tutorial's recipe against ours, per profile.

What is measured
----------------
The model is OLMo-1B-hf's architecture (`modeling.olmo1b_config()`: hidden 2048, 16 layers, MLP 8192,
vocabulary 50,304) with seeded random weights, so no download is needed and the step cost is the real
model's. Each profile builds it the way the course trains it (`config.load(profile)`):

* t4: fp16 weights, LoRA adapters kept in fp32 (`modeling.add_lora`, peft's autocast_adapter_dtype),
  forward under `torch.autocast(float16)`, loss scaled by a GradScaler, gradient checkpointing on;
* a100: bf16 weights, adapters in fp32, `torch.autocast(bfloat16)`, no scaler, no checkpointing.

Both run on whatever GPU is present (on an A100 or H100 the t4 profile shows the precision settings'
cost, not a T4's speed). The data are bench_tokens.py's: the same Cendol-like length mix, the tutorial's
recipe (pad to 512 with EOS, labels = input_ids) and ours (masked labels, dynamic padding to a multiple
of 8, length-grouped batches). Per profile and recipe, a fresh AdamW over the adapters runs --warmup
untimed steps, then one whole epoch of ceil(rows / batch) steps timed together (CUDA synchronised
before and after); one step is forward with the labels, backward, optimizer step, zeroing the
gradients. An epoch rather than a few steps, because ours' batches differ in length and the grouping
puts the longest first. Reported: seconds per step, answer tokens per second (ours: positions with a
label; the tutorial: real tokens after the prompt, as in bench_tokens.py) and the peak GPU memory of
the recipe's steps (`torch.cuda.max_memory_allocated`, reset before its warmup; the weights count in
it), with ours-over-tutorial ratios.

Without a CUDA GPU the script says so and prints {"skipped": "no CUDA GPU"} (exit 0).
--cpu-dry-run checks the logic on the CPU instead: the smoke profile's tiny OLMo (`tiny_config()`,
fp32, so no autocast and no scaler; checkpointing as the profile says), two timed steps per recipe.

Usage: python bench/bench_gpu.py [--rows 256] [--batch 8] [--warmup 3] [--seed 42] [--profiles t4,a100]
       [--cpu-dry-run]
The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tokens import MAX_LENGTH, Recipe, mix_rows, our_recipe, tutorial_recipe  # noqa: E402

from olmo_id import config, modeling  # noqa: E402

GB = 1024 ** 3
PROFILE_NAMES = ("t4", "a100")


def build_model(cfg: config.Config, device: torch.device, dtype: torch.dtype, dry_run: bool) -> torch.nn.Module:
    """OLMo-1B's shape (the tiny OLMo for a dry run) with seeded random `dtype` weights, LoRA added, ready to train."""
    from transformers import AutoModelForCausalLM

    shape = modeling.tiny_config() if dry_run else modeling.olmo1b_config()
    torch.manual_seed(cfg.seed)
    with device:
        base = AutoModelForCausalLM.from_config(shape, dtype=dtype)
    model, _ = modeling.add_lora(base, cfg)
    if cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model.train()
    return model


def measure(model: torch.nn.Module, recipe: Recipe, cfg: config.Config, device: torch.device, dtype: torch.dtype,
            warmup: int) -> dict[str, Any]:
    """Warm up, then time one epoch of the recipe's steps; seconds per step, answer tokens/s, peak memory."""
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg.learning_rate)
    scaler = torch.amp.GradScaler(device.type, enabled=dtype == torch.float16)
    on_gpu = device.type == "cuda"

    def step(index: int) -> None:
        batch = {key: value.to(device, non_blocking=True) for key, value in recipe.batch(index).items()}
        with torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32):
            loss = model(**batch, use_cache=False).loss
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad(set_to_none=True)

    if on_gpu:
        torch.cuda.reset_peak_memory_stats(device)
    for index in range(warmup):
        step(index % len(recipe.batches))
    if on_gpu:
        torch.cuda.synchronize(device)
    started = time.perf_counter()
    for index in range(len(recipe.batches)):
        step(index)
    if on_gpu:
        torch.cuda.synchronize(device)
    seconds = time.perf_counter() - started
    return dict(step_s=seconds / len(recipe.batches), tok_s=recipe.stats.answer / seconds,
                peak_gb=torch.cuda.max_memory_allocated(device) / GB if on_gpu else None)


def profile_figures(name: str, recipes: tuple[Recipe, Recipe], args: argparse.Namespace,
                    device: torch.device) -> dict[str, Any]:
    """Both recipes on one model built as profile `name` trains it; per-recipe figures and ours/seed ratios."""
    cfg = config.load(name, seed=args.seed, batch_size=args.batch, max_length=MAX_LENGTH)
    dtype = torch.float32 if args.cpu_dry_run else modeling.DTYPES[cfg.precision]
    model = build_model(cfg, device, dtype, args.cpu_dry_run)
    figures: dict[str, Any] = dict(dtype=str(dtype).removeprefix("torch."),
                                   gradient_checkpointing=cfg.gradient_checkpointing)
    for recipe in recipes:
        measured = measure(model, recipe, cfg, device, dtype, args.warmup)
        figures.update({f"{recipe.name}_{key}": value for key, value in measured.items()})
        peak = "-" if measured["peak_gb"] is None else f"{measured['peak_gb']:.2f}"
        print(f"{name}, {recipe.name}: {measured['step_s']:.3f} s/step, {measured['tok_s']:,.0f} answer tokens/s, "
              f"peak {peak} GB", flush=True)
    del model
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()
    figures["speedup"] = figures["ours_tok_s"] / figures["seed_tok_s"]
    if figures["ours_peak_gb"] is not None:
        figures["memory_ratio"] = figures["ours_peak_gb"] / figures["seed_peak_gb"]
    return {key: round(value, 4) if isinstance(value, float) else value for key, value in figures.items()}


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=256, help="rows of the timed epoch (ceil(rows / batch) steps)")
    parser.add_argument("--batch", type=int, default=8, help="rows per optimizer step (the tutorial's 8)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed steps before each recipe's timed epoch")
    parser.add_argument("--seed", type=int, default=42,
                        help="seed of the rows, the weights, the adapters and the batch order")
    parser.add_argument("--profiles", default=",".join(PROFILE_NAMES), help="comma-separated profiles to measure")
    parser.add_argument("--cpu-dry-run", action="store_true",
                        help="check the logic on the CPU: tiny model, fp32, two steps")
    args = parser.parse_args()
    args.profiles = [name.strip() for name in args.profiles.split(",") if name.strip()]
    if unknown := set(args.profiles) - set(PROFILE_NAMES):
        parser.error(f"unknown profile(s) {', '.join(sorted(unknown))}; choose from {', '.join(PROFILE_NAMES)}")
    if args.cpu_dry_run:
        args.rows, args.warmup = 2 * args.batch, 1
    return args


def main() -> None:
    """Measure every asked-for profile and print the JSON line (or say that there is no GPU)."""
    args = parse_args()
    if not (torch.cuda.is_available() or args.cpu_dry_run):
        print("no CUDA GPU here: nothing to measure (run on a GPU machine, or pass --cpu-dry-run to check the logic)")
        print(json.dumps({"skipped": "no CUDA GPU"}))
        return
    device = torch.device("cpu" if args.cpu_dry_run else "cuda")
    tokenizer = modeling.load_tokenizer(modeling.TINY_MODEL)
    rows = mix_rows(tokenizer, args.rows, args.seed)
    recipes = (tutorial_recipe(rows, tokenizer, args.batch, args.seed, 1),
               our_recipe(rows, tokenizer, args.batch, args.seed, 1)[0])
    tutorial, ours = recipes
    result: dict[str, Any] = dict(
        device=torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu (dry run)",
        rows=args.rows, batch=args.batch, steps=len(ours.batches), warmup=args.warmup,
        seed_real_fraction=round(tutorial.stats.real_fraction, 4),
        ours_real_fraction=round(ours.stats.real_fraction, 4),
        limit_speedup=round(tutorial.stats.positions / tutorial.stats.real, 4),
    )
    print(f"{result['device']}: {args.rows} rows, {result['steps']} timed steps per recipe after {args.warmup} warmup "
          f"step(s), batch {args.batch}", flush=True)
    for name in args.profiles:
        result[name] = profile_figures(name, recipes, args, device)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
