"""Figures for the lessons (labels in Indonesian); each returns the matplotlib Axes it drew on."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns


def counts(counts: dict[str, int] | pd.Series, title: str, top: int = 20, xlabel: str = "jumlah baris") -> plt.Axes:
    """Horizontal bars of the `top` largest counts, largest first."""
    series = pd.Series(counts, dtype="int64").sort_values(ascending=False).head(top)
    frame = series.rename_axis("kategori").reset_index(name="jumlah")
    _, ax = plt.subplots(figsize=(8, 0.3 * len(frame) + 1.2))
    sns.barplot(data=frame, y="kategori", x="jumlah", color="#4c72b0", ax=ax)
    ax.set(title=title, xlabel=xlabel, ylabel="")
    plt.tight_layout()
    return ax


def compare_shares(shares: pd.DataFrame, title: str, top: int = 20) -> plt.Axes:
    """Side-by-side percentage bars of the pool and the sample (a table from `SampleResult.shares`)."""
    head = shares.head(top)
    frame = head[["pool_%", "sampel_%"]].rename(columns={"pool_%": "pool", "sampel_%": "sampel"})
    long = frame.rename_axis("kategori").reset_index().melt("kategori", var_name="himpunan", value_name="persen")
    _, ax = plt.subplots(figsize=(8, 0.45 * len(head) + 1.2))
    sns.barplot(data=long, y="kategori", x="persen", hue="himpunan", ax=ax)
    ax.set(title=title, xlabel="persen baris (%)", ylabel="")
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


def base_vs_adapter(scores: pd.DataFrame, title: str) -> plt.Axes:
    """Grouped bars, base vs adapter, one group per row of `scores` (an `Evaluation.table` or `per_subset`)."""
    ax = scores.plot.barh(figsize=(8, 0.5 * len(scores) + 1.4), color=["#8c8c8c", "#4c72b0"])
    ax.set(title=title, xlabel="", ylabel="")
    ax.legend(["model dasar", "dengan adapter"], loc="lower right")
    plt.tight_layout()
    return ax
