"""Benchmark training-token efficiency: the tutorial's padding and labels against ours, on one tiny model.

What is measured
----------------
One synthetic Cendol-like training set (--rows rows, the length mix below) is tokenised with the real
OLMo tokenizer in two ways, both cut at 512 tokens:

* seed, the tutorial's recipe (`encoding.tutorial_encode`): the whole text padded to 512 with EOS as the
  pad token, `labels = input_ids`, batches of --batch rows in a random order (the tutorial asked for
  `group_by_length`, which orders nothing when every row is 512 long);
* ours (`encoding.encode_rows` + `encoding.collator`): labels -100 on the prompt and on padding, EOS
  after the answer, each batch padded to its longest row rounded up to a multiple of 8, batches drawn
  from length-sorted groups. The grouping is transformers' `get_length_grouped_indices`, the function
  behind the Trainer's length-grouped sampler, seeded per epoch as `training._EpochSeededSampler` is,
  with megabatches of 50 batches: the size the Trainer's rule (min(50, rows / (4 x batch)) batches)
  gives at the course's 10,000 rows. At this benchmark's hundred or so rows the rule would give
  megabatches of 3 or 4 batches, a grouping far coarser than in the course; the JSON reports what that
  grouping would cost as ours_real_fraction_small_megabatch (counted, not trained).

The same tiny OLMo (`modeling.load_base` of the smoke profile, hidden 64, 2 layers, OLMo's 50,304-token
vocabulary, fp32, seeded) with the same LoRA adapters (`modeling.add_lora`, r=8 on q/k/v/o) is built
twice, once per recipe, and each copy trains with its own AdamW (lr of the smoke profile) for the same
number of optimizer steps: --epochs whole epochs of ceil(rows / batch) batches. Each step is real:
collate the batch, forward with the labels, backward, optimizer step, zero the gradients. The two
recipes take turns step by step in one process (seed step 1, ours step 1, seed step 2, ...), so load
from other programs on the shared cores falls on both alike; each step's wall seconds
(`time.perf_counter`) and CPU seconds (`time.process_time`) are summed per recipe. The process runs with
one thread for torch, OpenMP and the BLAS libraries (bench/_measure.py's PINNED_ENV), in a child that
the script starts. With a 64-wide model the vocabulary projection and its cross-entropy dominate, so
the time of a step follows the positions it computes, padding included.

Figures, per recipe: the real-token fraction (non-pad positions / computed positions), the loss
fraction (positions whose loss teaches the answer / computed positions), and answer tokens per second
and per CPU-second. Answer tokens are, for ours, the positions with a label (answer tokens and EOS);
for the tutorial, the real (non-pad) tokens after the prompt (`encoding.tutorial_stats`), although its
loss also covers the prompt and the padding. speedup = ours' answer tokens/s over the tutorial's.
limit_speedup is the padding-free limit: the tutorial's computed positions over its real ones, i.e.
the speedup if no computed position were padding and time followed positions; limit_ratio = speedup /
limit_speedup (1.0 would be padding-free). cpu_speedup and cpu_limit_ratio are the same on CPU seconds.

The length mix
--------------
Rows are drawn by subset in fixed shares (largest-remainder quotas, so a small --rows keeps the mix);
within a subset the answer length in tokens is spread evenly over a range (one draw in each of n equal
slices, then shuffled). The shares stand for a training sample stratified by template, in which the
small subsets are not drowned by wikipedia_id's 93 % of the Cendol pool:

    subset            share   answer tokens   text
    wikipedia_id       26 %     300 - 1500    encyclopedic sentences, place and person names
    wikihow            31 %     150 -  480    how-to sentences (cooking and technology words)
    dolly              20 %      20 -  300    sentences on any theme
    indo_puisi         13 %      50 -  250    poem lines, four to a stanza
    safety_prompt       5 %      30 -  120    refusals and advice
    identity_prompt     5 %      20 -   60    the assistant introducing itself

With the question and the chat template this gives a mean of about 435 tokens per row with ~24 % of
rows over 512, nearly all of them wikipedia_id sections (DESIGN.md's training-token figures were
measured on a mix with a mean of 459 and 24 % over 512). The JSON reports the measured mean_tokens and
over_512. Texts are Indonesian words from bench/_corpus.py's vocabulary (function words, theme words,
names) in sentences of 6-20 words; an answer is whole sentences added until its token count reaches its
drawn length, so sentence-aware truncation finds sentence ends as it would in real text.

Usage: python bench/bench_tokens.py [--rows 96] [--batch 8] [--epochs 1] [--seed 42]
(the default run takes about 3 minutes on two shared cores; the tutorial's 512-wide steps take most of it)
The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import (  # noqa: E402
    FREQUENT_FUNCTION_WORDS,
    HOWTO,
    IDENTITY,
    POETRY,
    SAFETY,
    SUBSETS,
    THEMES,
    _words,
    proper_nouns,
)
from _measure import PINNED_ENV  # noqa: E402

if TYPE_CHECKING:
    import torch

    from olmo_id.config import Config
    from olmo_id.encoding import TokenStats

CHILD_ENV = {**PINNED_ENV, "OMP_WAIT_POLICY": "passive", "HF_HUB_DISABLE_PROGRESS_BARS": "1"}
MAX_LENGTH = 512  # the tutorial's cut, used by both recipes
MEGABATCH_BATCHES = 50  # batches per length-sorted group: the Trainer's rule at the course's 10,000 rows
SENTENCE_WORDS = (6, 20)  # words per sentence, inclusive
POEM_LINE_WORDS = (3, 7)
FUNCTION_SHARE = 0.45  # share of words that are function words
QUESTION_WORDS = (2, 8)  # topic words inside a question
SENTENCES_PER_SUBSET = 1500  # pool each subset's answers draw their sentences from


@dataclass(frozen=True)
class MixPart:
    """One subset of the length mix: its share of the rows, its answer lengths and its words."""

    subset: str
    share: float
    answer_tokens: tuple[int, int]  # answer length in tokens, spread evenly over [low, high)
    vocabulary: tuple[str, ...]
    poem: bool = False  # lines and stanzas instead of sentences


def _theme_words(*names: str) -> tuple[str, ...]:
    """Content words of the named themes of bench/_corpus.py (all themes when none is named)."""
    return tuple(word for name in (names or THEMES) for word in _words(THEMES[name]))


LENGTH_MIX = (
    MixPart("wikipedia_id", 0.26, (300, 1500), _theme_words() + tuple(proper_nouns()[::7])),
    MixPart("wikihow", 0.31, (150, 480), tuple(_words(HOWTO)) + _theme_words("kuliner", "teknologi")),
    MixPart("dolly", 0.20, (20, 300), _theme_words()),
    MixPart("indo_puisi", 0.13, (50, 250), tuple(_words(POETRY)), poem=True),
    MixPart("safety_prompt", 0.05, (30, 120), tuple(_words(SAFETY))),
    MixPart("identity_prompt", 0.05, (20, 60), tuple(_words(IDENTITY))),
)


# ---------------------------------------------------------------- the synthetic rows

def quotas(rows: int, shares: Sequence[float]) -> list[int]:
    """Rows per share, rounded by largest remainder so that they sum to `rows`."""
    exact = np.asarray(shares) / sum(shares) * rows
    counts = np.floor(exact).astype(int)
    counts[np.argsort(counts - exact)[: rows - counts.sum()]] += 1
    return counts.tolist()


def _sentence(rng: np.random.Generator, vocabulary: Sequence[str], words: tuple[int, int]) -> list[str]:
    """Words of one sentence: function words and content words, mixed."""
    n = int(rng.integers(words[0], words[1] + 1))
    functional = rng.random(n) < FUNCTION_SHARE
    return [FREQUENT_FUNCTION_WORDS[rng.integers(len(FREQUENT_FUNCTION_WORDS))] if is_function
            else vocabulary[rng.integers(len(vocabulary))] for is_function in functional]


def _capitalized(text: str) -> str:
    """`text` with its first letter upper-case (the rest unchanged: names and acronyms keep their case)."""
    return text[:1].upper() + text[1:]


def _sentence_pool(part: MixPart, rng: np.random.Generator, tokenizer: Any) -> tuple[list[str], np.ndarray]:
    """Sentences (or poem lines) of one subset, each with a leading separator, and their token counts."""
    pieces = []
    for index in range(SENTENCES_PER_SUBSET):
        if part.poem:
            line = _capitalized(" ".join(_sentence(rng, part.vocabulary, POEM_LINE_WORDS)))
            pieces.append(("\n\n" if index % 4 == 0 else "\n") + line)
        else:
            pieces.append(" " + _capitalized(" ".join(_sentence(rng, part.vocabulary, SENTENCE_WORDS))) + ".")
    counts = np.array([len(ids) for ids in tokenizer(pieces, add_special_tokens=False)["input_ids"]])
    return pieces, counts


def _answer(rng: np.random.Generator, pieces: list[str], counts: np.ndarray, target: int) -> str:
    """Whole sentences from the pool, added until the answer holds at least `target` tokens."""
    chosen, total = [], 0
    while total < target:
        index = int(rng.integers(len(pieces)))
        chosen.append(pieces[index])
        total += int(counts[index])
    return "".join(chosen).strip()


def _question(rng: np.random.Generator, part: MixPart, forms: Sequence[str]) -> str:
    """A question in one of the subset's template forms around a few of its words."""
    topic = " ".join(part.vocabulary[rng.integers(len(part.vocabulary))]
                     for _ in range(int(rng.integers(QUESTION_WORDS[0], QUESTION_WORDS[1] + 1))))
    return forms[rng.integers(len(forms))].format(topic)


def mix_rows(tokenizer: Any, rows: int, seed: int) -> pd.DataFrame:
    """`rows` synthetic training rows (subset_name, input, output) in LENGTH_MIX's shares, shuffled."""
    rng = np.random.default_rng(seed)
    forms = {subset.name: [form for _, form in subset.templates] for subset in SUBSETS}
    frames = []
    for part, count in zip(LENGTH_MIX, quotas(rows, [part.share for part in LENGTH_MIX]), strict=True):
        pieces, counts = _sentence_pool(part, rng, tokenizer)
        low, high = part.answer_tokens
        targets = low + (high - low) * (rng.permutation(count) + rng.random(count)) / max(count, 1)
        frames.append(pd.DataFrame({
            "subset_name": part.subset,
            "input": [_question(rng, part, forms[part.subset]) for _ in range(count)],
            "output": [_answer(rng, pieces, counts, int(target)) for target in targets],
        }))
    mixed = pd.concat(frames, ignore_index=True)
    return mixed.iloc[rng.permutation(len(mixed))].reset_index(drop=True)


def full_lengths(rows: pd.DataFrame, tokenizer: Any) -> np.ndarray:
    """Tokens per row before any cut: chat prompt, answer and EOS."""
    from olmo_id import chat

    texts = [chat.prompt(tokenizer, [chat.user(question)]) + chat.answer_text(answer)
             for question, answer in zip(rows["input"], rows["output"], strict=True)]
    return np.array([len(ids) + 1 for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]])


# ---------------------------------------------------------------- the two recipes

@dataclass
class Recipe:
    """One recipe's examples, the order its batches come in, and what those batches hold."""

    name: str
    features: list[dict[str, list[int]]]  # one dict of token lists per row
    collate: Callable[[list[dict[str, list[int]]]], dict[str, torch.Tensor]]
    batches: list[list[int]]  # row indices of every step, all epochs
    stats: TokenStats
    wall_s: float = 0.0
    cpu_s: float = 0.0

    def batch(self, step: int) -> dict[str, torch.Tensor]:
        """The collated tensors of step `step`."""
        return self.collate([self.features[index] for index in self.batches[step]])


def grouped_order(lengths: Sequence[int], batch: int, seed: int, epochs: int,
                  megabatch_batches: int) -> list[list[int]]:
    """Batches of row indices over `epochs` epochs, length-grouped and seeded per epoch as our Trainer does."""
    import torch
    from transformers.trainer_pt_utils import get_length_grouped_indices

    order = []
    for epoch in range(epochs):
        indices = get_length_grouped_indices(list(lengths), batch, mega_batch_mult=megabatch_batches,
                                             generator=torch.Generator().manual_seed(seed + epoch))
        order += [indices[start:start + batch] for start in range(0, len(indices), batch)]
    return order


def tutorial_recipe(rows: pd.DataFrame, tokenizer: Any, batch: int, seed: int, epochs: int) -> Recipe:
    """Pad to 512 with EOS, labels = input_ids, random batches."""
    from transformers import default_data_collator

    from olmo_id import encoding

    dataset = encoding.tutorial_encode(rows, tokenizer, MAX_LENGTH)
    stats = encoding.tutorial_stats(dataset)
    features = dataset.remove_columns("prompt_length").to_list()
    order = grouped_order([MAX_LENGTH] * len(features), batch, seed, epochs, MEGABATCH_BATCHES)
    total = encoding.TokenStats(stats.positions * epochs, stats.real * epochs, stats.answer * epochs)
    return Recipe("seed", features, default_data_collator, order, total)


def our_recipe(rows: pd.DataFrame, tokenizer: Any, batch: int, seed: int,
               epochs: int) -> tuple[Recipe, TokenStats]:
    """Masked prompt and padding labels, EOS, dynamic padding to a multiple of 8, length-grouped batches.

    Also returns the token stats the same batches would have with the Trainer's megabatch rule at this row
    count (min(50, rows / (4 x batch)) batches per group), which is coarser than at the course's size.
    """
    from olmo_id import encoding

    dataset = encoding.encode_rows(rows, tokenizer, MAX_LENGTH).dataset
    features = dataset.select_columns(["input_ids", "labels"]).to_list()
    collate = encoding.collator(tokenizer)
    lengths = dataset["length"]

    def stats(order: list[list[int]]) -> TokenStats:
        return encoding.token_stats(collate([features[index] for index in indices]) for indices in order)

    order = grouped_order(lengths, batch, seed, epochs, MEGABATCH_BATCHES)
    trainer_rule = max(1, min(len(lengths) // (4 * batch), MEGABATCH_BATCHES))
    small_megabatch = stats(grouped_order(lengths, batch, seed, epochs, trainer_rule))
    return Recipe("ours", features, collate, order, stats(order)), small_megabatch


# ---------------------------------------------------------------- training, step by step

def lora_model(cfg: Config) -> tuple[torch.nn.Module, torch.optim.Optimizer]:
    """The smoke profile's tiny OLMo with LoRA adapters (seeded: every call builds the same one) and its AdamW."""
    import torch

    from olmo_id import modeling

    model, _ = modeling.add_lora(modeling.load_base(cfg), cfg)
    model.train()
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]
    return model, torch.optim.AdamW(trainable, lr=cfg.learning_rate)


def train_in_turns(recipes: Sequence[Recipe], cfg: Config) -> Iterator[tuple[int, dict[str, float]]]:
    """Train one model per recipe, the recipes taking turns step by step; yields each step's losses."""
    models = [lora_model(cfg) for _ in recipes]
    for step in range(len(recipes[0].batches)):
        losses = {}
        for recipe, (model, optimizer) in zip(recipes, models, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            loss = model(**recipe.batch(step), use_cache=False).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            recipe.wall_s += time.perf_counter() - wall
            recipe.cpu_s += time.process_time() - cpu
            losses[recipe.name] = loss.detach().item()
        yield step, losses


# ---------------------------------------------------------------- figures

def figures(args: argparse.Namespace, lengths: np.ndarray, tutorial: Recipe, ours: Recipe,
            small_megabatch: TokenStats) -> dict[str, Any]:
    """The JSON figures of one run."""
    result: dict[str, Any] = dict(rows=args.rows, batch=args.batch, epochs=args.epochs, steps=len(ours.batches),
                                  mean_tokens=float(lengths.mean()), over_512=float((lengths > MAX_LENGTH).mean()))
    for recipe in (tutorial, ours):
        stats, name = recipe.stats, recipe.name
        result.update({
            f"{name}_real_fraction": stats.real_fraction, f"{name}_loss_fraction": stats.loss_fraction,
            f"{name}_positions": stats.positions, f"{name}_answer_tokens": stats.answer,
            f"{name}_s": recipe.wall_s, f"{name}_cpu_s": recipe.cpu_s,
            f"{name}_tok_s": stats.answer / recipe.wall_s, f"{name}_tok_cpu_s": stats.answer / recipe.cpu_s,
            f"{name}_ms_per_1k_positions": 1e6 * recipe.wall_s / stats.positions,
        })
    result["ours_real_fraction_small_megabatch"] = small_megabatch.real_fraction
    result["speedup"] = result["ours_tok_s"] / result["seed_tok_s"]
    result["cpu_speedup"] = result["ours_tok_cpu_s"] / result["seed_tok_cpu_s"]
    result["limit_speedup"] = tutorial.stats.positions / tutorial.stats.real
    result["limit_ratio"] = result["speedup"] / result["limit_speedup"]
    result["cpu_limit_ratio"] = result["cpu_speedup"] / result["limit_speedup"]
    return {key: round(value, 4) if isinstance(value, float) else value for key, value in result.items()}


def print_table(rows: pd.DataFrame, lengths: np.ndarray, result: Mapping[str, Any]) -> None:
    """The length mix per subset and the per-recipe figures, for a reader."""
    mix = pd.DataFrame({"subset": rows["subset_name"], "tokens": lengths}).groupby("subset")["tokens"]
    print(mix.agg(["count", "mean", "min", "max"]).round(0).astype(int).to_string())
    print(f"all rows: mean {result['mean_tokens']:.0f} tokens, {100 * result['over_512']:.1f} % over {MAX_LENGTH}")
    print(f"{'':6}{'real':>7}{'loss':>7}{'positions':>11}{'answer':>9}{'wall s':>9}{'CPU s':>8}"
          f"{'answer/s':>10}{'answer/CPU s':>14}{'ms/1k pos':>11}")
    for name in ("seed", "ours"):
        print(f"{name:6}{result[f'{name}_real_fraction']:7.3f}{result[f'{name}_loss_fraction']:7.3f}"
              f"{result[f'{name}_positions']:11,}{result[f'{name}_answer_tokens']:9,}{result[f'{name}_s']:9.1f}"
              f"{result[f'{name}_cpu_s']:8.1f}{result[f'{name}_tok_s']:10.0f}{result[f'{name}_tok_cpu_s']:14.0f}"
              f"{result[f'{name}_ms_per_1k_positions']:11.0f}")
    print(f"speedup {result['speedup']:.2f}x wall, {result['cpu_speedup']:.2f}x CPU; padding-free limit "
          f"{result['limit_speedup']:.2f}x; reached {100 * result['limit_ratio']:.0f} % of it (CPU "
          f"{100 * result['cpu_limit_ratio']:.0f} %); ours with the Trainer's small-data megabatches would keep "
          f"{result['ours_real_fraction_small_megabatch']:.3f} real positions")


# ---------------------------------------------------------------- entry point

def parse_args() -> argparse.Namespace:
    """Command-line options; --child is internal (the pinned child process)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=96, help="training rows (one epoch = ceil(rows / batch) steps)")
    parser.add_argument("--batch", type=int, default=8, help="rows per optimizer step (the tutorial's 8)")
    parser.add_argument("--epochs", type=int, default=1, help="whole epochs each recipe trains")
    parser.add_argument("--seed", type=int, default=42,
                        help="seed of the rows, the model, the adapters and the batch order")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rows < args.batch or args.batch < 1 or args.epochs < 1:
        parser.error("need --rows >= --batch >= 1 and --epochs >= 1")
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build both recipes, train them in turns and return the figures (printing progress and a table)."""
    import torch

    from olmo_id import config, modeling

    torch.set_num_threads(1)
    cfg = config.load("smoke", seed=args.seed, batch_size=args.batch, max_length=MAX_LENGTH)
    tokenizer = modeling.load_tokenizer(cfg.model_id)
    rows = mix_rows(tokenizer, args.rows, args.seed)
    lengths = full_lengths(rows, tokenizer)
    tutorial = tutorial_recipe(rows, tokenizer, args.batch, args.seed, args.epochs)
    ours, small_megabatch = our_recipe(rows, tokenizer, args.batch, args.seed, args.epochs)
    steps = len(ours.batches)
    print(f"{len(rows)} rows, {steps} steps per recipe (batch {args.batch}, {args.epochs} epoch(s)), seed {args.seed}",
          flush=True)
    for step, losses in train_in_turns([tutorial, ours], cfg):
        if step % 4 == 0 or step == steps - 1:
            print(f"step {step + 1}/{steps}: loss seed {losses['seed']:.3f}, ours {losses['ours']:.3f}; "
                  f"seconds so far seed {tutorial.wall_s:.1f}, ours {ours.wall_s:.1f}", flush=True)
    result = figures(args, lengths, tutorial, ours, small_megabatch)
    print_table(rows, lengths, result)
    return result


def main() -> None:
    """Parent: rerun this script in a child with pinned threads. Child: measure and print the JSON line."""
    args = parse_args()
    if not args.child:
        command = [sys.executable, __file__, "--child", *sys.argv[1:]]
        sys.exit(subprocess.run(command, env={**os.environ, **CHILD_ENV}, check=False).returncode)
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main()
