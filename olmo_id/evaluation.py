"""Measuring the tuned model on rows it never saw: loss and perplexity, chrF/BLEU/ROUGE-L, base vs adapter.

The tutorial loaded BLEU and ROUGE and never ran them. Here every figure is computed on held-out rows
(rows the adapter provably never trained on: see `held_out_rows`), per subset and overall, for the base model
(adapter switched off) and the tuned one. The metrics come from sacrebleu and rouge-score directly:
`evaluate.load("bleu")` fetches its script from the Hub and fails offline, and these two libraries are the
engines it would call anyway.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sacrebleu
import torch
from rouge_score import rouge_scorer

from olmo_id import encoding, inference
from olmo_id.errors import EmptyDataError, HeldOutError, SchemaError, first_line
from olmo_id.files import TRAINED_PAIRS, pair_hashes, read_rows, sha256_file, write_json_atomic
from olmo_id.stopwords import stop_words

EVAL_COLUMNS = ("input", "output", "subset_name")
SIDES = ("base", "adapter")
METRICS = ("loss", "perplexity", "chrf", "bleu", "rougeL", "indonesian")
_WORD = re.compile(r"[a-zA-Z]+")


@dataclass(frozen=True)
class Evaluation:
    """Scores of base and adapter, overall and per subset, with the answers behind them."""

    results: dict[str, Any]  # the content of results.json
    answers: pd.DataFrame  # subset, input, reference, base, adapter

    def table(self) -> pd.DataFrame:
        """Overall scores: one row per metric, one column per side."""
        return pd.DataFrame({side: {m: self.results[side][m] for m in METRICS} for side in SIDES}).round(3)

    def per_subset(self, metric: str = "perplexity") -> pd.DataFrame:
        """One metric per subset, base vs adapter."""
        return pd.DataFrame({side: {s: v[metric] for s, v in self.results[side]["per_subset"].items()}
                             for side in SIDES}).round(3)

    def timing(self) -> str:
        """One line for students: how long `evaluate` took, in wall and CPU seconds."""
        return (f"evaluasi {self.results['rows']} baris (model dasar dan adapter): {self.results['seconds']:.1f} "
                f"detik dinding, {self.results['cpu_seconds']:.1f} detik CPU")


def held_out_rows(tuned: inference.TunedModel | str | os.PathLike[str], path: str | os.PathLike[str], per_subset: int,
                  seed: int, explicit: bool = False) -> pd.DataFrame:
    """Up to `per_subset` rows per subset of `path` that the adapter provably never trained on.

    `tuned` is the loaded model or only its adapter folder (so a command line can check before loading anything).
    `explicit=False`: `path` must be the very file the adapter was trained on (its sha256 is in the run card); its
    rows with `selected` False are the candidates. `explicit=True`: every row of `path` is a candidate, and the file
    must share no (input, output) pair with the training rows. Either way the adapter's trained_pairs.parquet is
    the proof: trained pairs are dropped, and a file that cannot be checked is refused in one line.
    """
    source = Path(path)
    folder = _adapter_folder(tuned)
    card = inference.run_card(folder) if (folder / inference.RUN_CARD).is_file() else None
    if card is None:
        raise HeldOutError(f"{folder} tidak punya {inference.RUN_CARD}, jadi tidak bisa dibuktikan baris mana yang "
                           "belum pernah dilatih; evaluasi adapter hasil notebook 03 (folder adapter/ lengkap)")
    trained = _trained_pairs(folder, card)
    hint = ("beri clustered.parquet tempat adapter dilatih (notebook 03), atau berkas held-out eksplisit "
            "berkolom input, output, subset_name")
    rows = read_rows(source, EVAL_COLUMNS, hint)
    shared = pd.Series(pair_hashes(rows), index=rows.index).isin(trained) if len(rows) else pd.Series(dtype=bool)
    if explicit:
        if shared.any():
            raise HeldOutError(
                f"{source} berbagi {int(shared.sum())} baris (input dan output sama persis) dengan data latih adapter "
                f"di {folder}; buang baris itu dari berkas held-out, karena baris yang pernah dilatih tidak mengukur "
                "apa pun"
            )
    else:
        data = _card_data(card)
        trained_file = data.get("file", "berkas latihnya")
        if sha256_file(source) != data.get("sha256"):
            raise HeldOutError(
                f"{source} bukan berkas tempat adapter di {folder} dilatih ({trained_file}): kolom 'selected'-nya "
                f"tidak menandai baris latih adapter ini; jalankan lagi notebook 03 pada berkas ini, atau beri berkas "
                f"held-out eksplisit (CLI: --held-out FILE)"
            )
        if "selected" not in rows.columns:
            raise SchemaError(f"{source} tidak punya kolom 'selected'; {hint}")
        rows = rows[~rows["selected"].astype(bool) & ~shared]
    if rows.empty:
        raise EmptyDataError(f"{source} tidak punya baris held-out (semua baris dipakai latihan, atau kosong)")
    picked = rows.sample(frac=1.0, random_state=seed).groupby("subset_name").head(per_subset)
    return picked[list(EVAL_COLUMNS)].sort_values(["subset_name", "input"]).reset_index(drop=True)


def evaluate(tuned: inference.TunedModel, rows: pd.DataFrame) -> Evaluation:
    """Loss, perplexity and answer metrics of the base model and of the adapter on `rows`, and how long it took."""
    started, cpu_started = time.perf_counter(), time.process_time()
    answers = rows.rename(columns={"output": "reference"}).copy()
    losses = {}
    for side in SIDES:
        with adapter_switched(tuned, on=side == "adapter"):
            losses[side] = answer_losses(tuned, rows)
            answers[side] = inference.generate(tuned, list(rows["input"]))
    results: dict[str, Any] = {"rows": len(rows), "max_new_tokens": tuned.cfg.max_new_tokens}
    for side in SIDES:
        results[side] = _scores(losses[side], answers[side], answers["reference"])
        results[side]["per_subset"] = {
            subset: _scores(losses[side].loc[part.index], part[side], part["reference"])
            for subset, part in answers.groupby("subset_name")
        }
    # Wall and CPU seconds, as course.json times each notebook; on a GPU these are what the README's table needs.
    results |= {"seconds": round(time.perf_counter() - started, 2),
                "cpu_seconds": round(time.process_time() - cpu_started, 2)}
    return Evaluation(results, answers)


def answer_losses(tuned: inference.TunedModel, rows: pd.DataFrame, batch_size: int = 8) -> pd.DataFrame:
    """Per row: summed cross-entropy over the answer tokens (and EOS), and how many tokens that covers."""
    encoded = encoding.encode_rows(rows, tuned.tokenizer, tuned.cfg.max_length).dataset.remove_columns("length")
    collate = encoding.collator(tuned.tokenizer)
    sums, counts = [], []
    for start in range(0, len(encoded), batch_size):
        batch = collate([encoded[i] for i in range(start, min(start + batch_size, len(encoded)))])
        batch = {key: value.to(tuned.model.device) for key, value in batch.items()}
        with torch.no_grad():
            logits = tuned.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        targets = batch["labels"][:, 1:]
        # Flat (rows x positions, vocabulary) logits: the same values as the (B, V, T) layout, ~3x faster.
        token_loss = torch.nn.functional.cross_entropy(
            logits[:, :-1].float().reshape(-1, logits.shape[-1]), targets.reshape(-1),
            ignore_index=encoding.IGNORE, reduction="none",
        ).view(targets.shape)
        sums += token_loss.sum(1).tolist()
        counts += (targets != encoding.IGNORE).sum(1).tolist()
    return pd.DataFrame({"loss_sum": sums, "tokens": counts}, index=rows.index)


def nearest_similarity(vectors: np.ndarray, others: np.ndarray, batch_rows: int = 2_048) -> np.ndarray:
    """Per row of `vectors`: the cosine similarity to its most similar row of `others` (both unit length).

    Lesson 05 asks it of every held-out row against the training rows, in notebook 02's reduced space: a held-out
    row whose nearest training row is >= 0.95 is mostly a sibling from the same template, not a new question.
    The product is taken `batch_rows` rows at a time, so 200,000 x 10,000 rows never sit in memory at once.
    """
    if len(others) == 0:
        raise EmptyDataError("tidak ada baris pembanding (baris latih) untuk mencari tetangga terdekat")
    best = np.empty(len(vectors), dtype=np.float32)
    for start in range(0, len(vectors), batch_rows):
        best[start:start + batch_rows] = (vectors[start:start + batch_rows] @ others.T).max(axis=1)
    return best


def is_indonesian(text: str) -> bool:
    """True when the text uses more Indonesian than English function words (stopwordsiso's lists)."""
    words = [word.lower() for word in _WORD.findall(text)]
    indonesian = sum(word in _STOP_ID for word in words)
    english = sum(word in _STOP_EN for word in words)
    return indonesian > english


def write_results(evaluation: Evaluation, out: str | os.PathLike[str]) -> Path:
    """Write results.json (scores and the side-by-side answers) atomically; a non-finite number becomes null."""
    answers = evaluation.answers.to_dict(orient="records")
    return write_json_atomic(out, finite({**evaluation.results, "answers": answers}))


def _scores(losses: pd.DataFrame, hypotheses: pd.Series, references: pd.Series) -> dict[str, float]:
    """Token-weighted loss and perplexity, corpus chrF and BLEU, mean ROUGE-L F1, share of Indonesian answers."""
    loss = float(losses["loss_sum"].sum() / max(losses["tokens"].sum(), 1))
    hyps, refs = list(hypotheses), list(references)
    rouge = [_ROUGE.score(ref, hyp)["rougeL"].fmeasure for ref, hyp in zip(refs, hyps, strict=True)]
    return {
        "loss": loss,
        "perplexity": math.exp(min(loss, 50.0)),
        "chrf": sacrebleu.corpus_chrf(hyps, [refs]).score,
        "bleu": sacrebleu.corpus_bleu(hyps, [refs]).score,
        "rougeL": 100 * sum(rouge) / len(rouge),
        "indonesian": sum(map(is_indonesian, hyps)) / len(hyps),
    }


def _adapter_folder(tuned: inference.TunedModel | str | os.PathLike[str]) -> Path:
    """The adapter folder of a loaded model, or the folder (or Hub id) given directly."""
    if isinstance(tuned, inference.TunedModel):
        if tuned.adapter_dir is None:
            raise HeldOutError("model ini tidak tahu folder adapternya, jadi baris latihnya tidak bisa diperiksa; "
                               "muat dengan olmo_id.inference.load_tuned(folder_adapter)")
        return Path(tuned.adapter_dir)
    return inference.local_adapter(tuned)


def _trained_pairs(folder: Path, card: dict[str, Any]) -> set[str]:
    """The digests of the pairs the adapter trained on, from its trained_pairs.parquet."""
    path = folder / str(_card_data(card).get("trained_pairs", TRAINED_PAIRS))
    if not path.is_file():
        raise HeldOutError(f"{folder} tidak punya {path.name} (daftar pasangan yang dilatih), jadi tidak bisa "
                           "dibuktikan baris mana yang belum pernah dilatih; latih lagi adapter ini di notebook 03")
    try:
        pairs = pd.read_parquet(path, columns=["pair"])["pair"]
    except Exception as error:  # noqa: BLE001 - pyarrow raises several types for a damaged or foreign file
        raise HeldOutError(f"{path} rusak atau tidak berkolom 'pair' ({first_line(error)}); latih lagi adapter ini "
                           "di notebook 03") from None
    return set(pairs.astype(str))


def _card_data(card: dict[str, Any]) -> dict[str, Any]:
    """The run card's `data` section (the file the adapter trained on and its digests), or {} when it has none."""
    data = card.get("data")
    return data if isinstance(data, dict) else {}


def finite(value: Any) -> Any:
    """A JSON-ready copy: numpy scalars as Python numbers, NaN and infinities as None, containers walked through."""
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", None) == 0:
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@contextlib.contextmanager
def adapter_switched(tuned: inference.TunedModel, on: bool) -> Iterator[None]:
    """Run the block with the adapter on, or switched off so that the base model alone answers."""
    if on:
        yield
    else:
        with tuned.model.disable_adapter():
            yield


_STOP_ID = stop_words("id") - stop_words("en")  # function words only Indonesian uses
_STOP_EN = stop_words("en") - stop_words("id")
# rouge-score's default tokenizer keeps [a-z0-9] words, which covers Indonesian's Latin alphabet.
_ROUGE = rouge_scorer.RougeScorer(["rougeL"])
