"""Figures for the lessons (labels in Indonesian); each returns the matplotlib Axes it drew on."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import PercentFormatter


def counts(counts: dict[str, int] | pd.Series, title: str, top: int = 20, xlabel: str = "jumlah baris") -> plt.Axes:
    """Horizontal bars of the `top` largest counts, largest first."""
    series = pd.Series(counts, dtype="int64").sort_values(ascending=False).head(top)
    frame = series.rename_axis("kategori").reset_index(name="jumlah")
    _, ax = plt.subplots(figsize=(8, 0.3 * len(frame) + 1.2))
    sns.barplot(data=frame, y="kategori", x="jumlah", color="#4c72b0", ax=ax)
    ax.set(title=title, xlabel=xlabel, ylabel="")
    plt.tight_layout()
    return ax


def compare_shares(shares: pd.DataFrame, title: str, top: int = 20,
                   names: Mapping[object, str] | None = None) -> plt.Axes:
    """Horizontal percentage bars, pool next to sample, one pair per category (a `share_table`-shaped table).

    The second set is named as the table names it (its third column: "sampel" or "terpilih"). `names` maps a
    category to a short description drawn after it ("0 · puisi").
    """
    head = shares.head(top)
    chosen = str(head.columns[2])
    frame = head[["pool_%", f"{chosen}_%"]].rename(columns={"pool_%": "pool", f"{chosen}_%": chosen})
    labels = [f"{key} · {names[key]}" if names is not None and key in names else str(key) for key in frame.index]
    # Category labels as strings: numeric labels (cluster numbers) would make seaborn draw vertical bars.
    long = frame.set_axis(labels).rename_axis("kategori").reset_index().melt(
        "kategori", var_name="himpunan", value_name="persen")
    _, ax = plt.subplots(figsize=(8, 0.45 * len(head) + 1.2))
    sns.barplot(data=long, y="kategori", x="persen", hue="himpunan", orient="h", ax=ax)
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=100, decimals=0))
    ax.set(title=title, xlabel="bagian baris", ylabel="")
    ax.legend(title="")
    plt.tight_layout()
    return ax


def silhouette(scores: dict[int, float], chosen: int) -> plt.Axes:
    """Silhouette score per k, with the chosen k marked."""
    _, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(list(scores), list(scores.values()), marker="o")
    ax.axvline(chosen, color="grey", linestyle="--", label=f"k terpilih = {chosen}")
    ax.set(title="Silhouette per k (makin tinggi makin terpisah)", xlabel="k (jumlah klaster)", ylabel="silhouette")
    ax.legend()
    plt.tight_layout()
    return ax


def clusters_2d(vectors: np.ndarray, labels: np.ndarray, selected: np.ndarray | None = None, seed: int = 0,
                limit: int = 5_000) -> plt.Axes:
    """Rows projected to 2-D (PCA of the reduced vectors), coloured by cluster; selected rows outlined in black."""
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(seed)
    shown = np.sort(rng.choice(len(vectors), size=min(limit, len(vectors)), replace=False))
    points = PCA(n_components=2, random_state=seed).fit_transform(vectors[shown])
    _, ax = plt.subplots(figsize=(7, 5.5))
    names = labels[shown].astype(str)
    order = sorted(set(names), key=int)
    sns.scatterplot(x=points[:, 0], y=points[:, 1], hue=names, hue_order=order, palette="tab10", s=18,
                    linewidth=0, alpha=0.7, ax=ax)
    if selected is not None:
        picked = selected[shown]
        ax.scatter(points[picked, 0], points[picked, 1], s=26, facecolors="none", edgecolors="black", linewidths=0.6,
                   label="terpilih")
    ax.legend(title="klaster", fontsize=8, loc="best", markerscale=1.2)
    ax.set(title="Klaster dalam 2 dimensi (PCA)", xlabel="komponen 1", ylabel="komponen 2")
    plt.tight_layout()
    return ax


def loss_curves(history: pd.DataFrame, title: str = "Loss selama pelatihan") -> plt.Axes:
    """Training and eval loss per optimizer step (a `TrainResult.history` table)."""
    _, ax = plt.subplots(figsize=(7, 3.5))
    train = history.dropna(subset=["loss"])
    held_out = history.dropna(subset=["eval_loss"])
    ax.plot(train["step"], train["loss"], marker=".", label="loss latih")
    ax.plot(held_out["step"], held_out["eval_loss"], marker="o", label="loss evaluasi (data tidak dilatih)")
    ax.set(title=title, xlabel="langkah optimizer", ylabel="cross-entropy per token jawaban")
    ax.legend()
    plt.tight_layout()
    return ax


def token_fractions(fractions: pd.DataFrame, title: str = "Ke mana posisi token pergi?") -> plt.Axes:
    """Stacked bars per recipe: answer positions (carry loss), other real tokens, padding (shares of all positions)."""
    ax = fractions.plot.barh(stacked=True, figsize=(8, 0.6 * len(fractions) + 1.4),
                             color=["#55a868", "#8172b2", "#c44e52"])
    ax.set(title=title, xlabel="bagian dari semua posisi yang dihitung", ylabel="", xlim=(0, 1))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.08), ncol=3, frameon=False)
    plt.tight_layout()
    return ax


def base_vs_adapter(scores: pd.DataFrame, title: str, digits: int = 2) -> plt.Axes:
    """Dots, base vs adapter, one line per row of `scores` (an `Evaluation.table`, `per_subset` or
    `Benchmark.table`; a `chance` column, as the benchmark table has, is drawn as a red tick per row).

    Bars from 0 hid a loss of 10.82 against 10.73; here the axis is zoomed to the values (the label says when it
    does not start at 0), each line is written out on the right (base -> adapter, and the difference), and the
    legend sits above the plot, clear of the dots.
    """
    base, adapter = scores["base"].astype(float).to_numpy(), scores["adapter"].astype(float).to_numpy()
    y = np.arange(len(scores))[::-1]  # the first row at the top
    _, ax = plt.subplots(figsize=(8.5, 0.55 * len(scores) + 1.8))
    ax.hlines(y, np.fmin(base, adapter), np.fmax(base, adapter), color="#c8c8c8", linewidth=4, zorder=1)
    ax.scatter(base, y, s=60, color="#8c8c8c", label="model dasar", zorder=2)
    ax.scatter(adapter, y, s=60, color="#4c72b0", label="dengan adapter", zorder=3)
    chance = scores["chance"].astype(float).to_numpy() if "chance" in scores else None
    if chance is not None:
        ax.scatter(chance, y, s=140, marker="|", color="#c44e52", label="tebakan acak", zorder=2)
    shown = [base, adapter] if chance is None else [base, adapter, chance]
    low, high = float(np.nanmin(shown)), float(np.nanmax(shown))
    span = (high - low) or abs(high) or 1.0
    left_end = low - 0.25 * span
    ax.set_xlim(0 if low >= 0 > left_end else left_end, high + 0.25 * span)  # scores that cannot be negative stop at 0
    column = ("axes fraction", "data")
    ax.annotate("dasar → adapter (selisih)", (1.02, len(scores) - 0.45), xycoords=column, va="center", fontsize=8,
                fontweight="bold")
    for row, (before, after) in enumerate(zip(base, adapter, strict=True)):
        text = f"{_number(before, digits)} → {_number(after, digits)} ({_number(after - before, digits, sign=True)})"
        ax.annotate(text, (1.02, y[row]), xycoords=column, va="center", fontsize=8)
    ax.set_yticks(y, [str(name) for name in scores.index])
    ax.set_ylim(-0.7, len(scores) - 0.3)
    ax.xaxis.set_major_locator(plt.MaxNLocator(6))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda value, _: f"{value:g}".replace(".", ",")))
    zoomed = ax.get_xlim()[0] > 0
    ax.set_xlabel("nilai (sumbu tidak dimulai dari 0)" if zoomed else "nilai")
    ax.set_title(title, pad=26)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    plt.tight_layout()
    return ax


def _number(value: float, digits: int, sign: bool = False) -> str:
    """A number written the Indonesian way (decimal comma), with its sign when asked."""
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    return text.replace(".", ",")
