"""Diversity selection: training rows chosen by cluster, near-duplicates skipped, and metrics that compare sets.

Quotas are proportional to the square root of each cluster's size (capped at its size): large clusters
still give the most rows, but small clusters are no longer drowned out. Inside a cluster rows are
drawn spread out (k-means++-style sampling), and a row whose cosine similarity to a row already
chosen from that cluster exceeds `near_duplicate` is never drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from olmo_id.errors import ConfigError
from olmo_id.tables import share_table

PAIRWISE_ROWS = 2_000
CANDIDATES_PER_PICK = 4
MAX_CANDIDATES_PER_PICK = 50
MIN_CANDIDATES = 1_000
SIMILARITY_BLOCK = 8_192


@dataclass
class Selection:
    """Which rows were selected, each cluster's quota, and how many near-duplicates were skipped."""

    mask: np.ndarray
    quotas: dict[int, int]
    near_duplicates_skipped: int
    near_duplicates_used: int

    def summary(self) -> str:
        """Two Indonesian sentences on the selection."""
        line = (
            f"{int(self.mask.sum()):,} baris dipilih dari {len(self.mask):,} kandidat di {len(self.quotas)} klaster "
            f"(kuota sebanding akar ukuran klaster); {self.near_duplicates_skipped:,} baris dilewati karena hampir "
            "sama dengan baris yang sudah dipilih."
        )
        if self.near_duplicates_used:
            line += f" {self.near_duplicates_used:,} di antaranya terpaksa dipakai lagi agar jumlahnya cukup."
        return line


def select(vectors: np.ndarray, labels: np.ndarray, n: int, seed: int, near_duplicate: float) -> Selection:
    """Choose exactly `n` rows: sqrt-of-size quotas per cluster, spread-out draws, no near-duplicates while avoidable.

    A cluster with fewer distinct rows than its quota fills the rest with its own near-duplicates
    (the summary counts them): its share of the training set is kept, which is the point of the quotas.
    """
    if not 0 < n <= len(vectors):
        raise ConfigError(
            f"jumlah baris yang dipilih (n_samples) harus antara 1 dan {len(vectors):,} (jumlah kandidat), "
            f"bukan {n:,}; kecilkan n_samples atau perbesar pool_size di notebook 01"
        )
    sizes = np.bincount(labels, minlength=int(labels.max()) + 1)
    quotas = sqrt_quotas(sizes, n)
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(vectors), dtype=bool)
    skipped = used = 0
    for cluster, quota in enumerate(quotas):
        members = rng.permutation(np.flatnonzero(labels == cluster))
        picker = _ClusterPicker(members, vectors, near_duplicate, rng, int(quota))
        picker.take(int(quota))
        near = rng.permutation(picker.near_duplicates())
        shortfall = int(quota) - len(picker.picked)
        mask[picker.rows()] = True
        mask[near[:shortfall]] = True
        skipped += len(near)
        used += shortfall
    return Selection(mask, {c: int(q) for c, q in enumerate(quotas)}, skipped, used)


def sqrt_quotas(sizes: np.ndarray, n: int) -> np.ndarray:
    """Integer quotas summing to `n`, proportional to sqrt(size) and never above a cluster's size (water-filling)."""
    sizes = np.asarray(sizes, dtype=float)
    weights = np.sqrt(sizes)
    low, high = 0.0, float(n) / max(weights[weights > 0].min(), 1e-12) + 1
    for _ in range(100):  # find t with sum(min(size, t * sqrt(size))) = n
        middle = (low + high) / 2
        low, high = (middle, high) if np.minimum(sizes, middle * weights).sum() < n else (low, middle)
    share = np.minimum(sizes, high * weights)
    quotas = np.floor(share).astype(int)
    room = quotas < sizes
    order = sorted(np.flatnonzero(room), key=lambda c: (-(share[c] - quotas[c]), c))
    quotas[order[: n - quotas.sum()]] += 1
    return quotas


def diversity(vectors: np.ndarray, labels: np.ndarray, mask: np.ndarray, k: int, near_duplicate: float,
              seed: int = 0) -> dict[str, float]:
    """Diversity of the rows in `mask`, as five numbers.

    Cluster entropy and coverage, mean pairwise cosine distance, Vendi score, and near-duplicate rate.
    """
    chosen = vectors[mask]
    counts = np.bincount(labels[mask], minlength=k)
    share = counts[counts > 0] / counts.sum()
    entropy = float(-(share * np.log(share)).sum() / np.log(k)) if k > 1 else 0.0
    n = len(chosen)
    total = chosen.sum(axis=0)
    # For unit vectors the sum of all pairwise dot products is |sum|^2, so the mean over pairs is exact in O(n d).
    mean_similarity = (float(total @ total) - n) / (n * (n - 1)) if n > 1 else 1.0
    return dict(
        entropi_klaster=round(entropy, 4),
        cakupan_klaster=round(float((counts > 0).mean()), 4),
        jarak_kosinus_rata_rata=round(1 - mean_similarity, 4),
        vendi=round(vendi_score(chosen), 3),
        laju_hampir_duplikat=round(near_duplicate_rate(chosen, near_duplicate, seed), 4),
    )


def vendi_score(vectors: np.ndarray) -> float:
    """Vendi score, cosine kernel: exp of the entropy of K/n's eigenvalues (exactly, from the d x d Gram matrix)."""
    if len(vectors) == 0:
        return 0.0
    eigen = np.clip(np.linalg.eigvalsh((vectors.T @ vectors).astype(np.float64) / len(vectors)), 0, None)
    eigen = eigen[eigen > 1e-12] / eigen.sum()
    return float(np.exp(-(eigen * np.log(eigen)).sum()))


def near_duplicate_rate(vectors: np.ndarray, threshold: float, seed: int = 0) -> float:
    """Share of rows with another row above `threshold` cosine similarity (estimated on at most PAIRWISE_ROWS rows)."""
    if len(vectors) < 2:
        return 0.0
    rng = np.random.default_rng(seed)
    probe = rng.choice(len(vectors), size=min(PAIRWISE_ROWS, len(vectors)), replace=False)
    similarity = vectors[probe] @ vectors.T
    similarity[np.arange(len(probe)), probe] = -1  # a row is not its own duplicate
    return float((similarity.max(axis=1) > threshold).mean())


def cluster_shares(labels: np.ndarray, mask: np.ndarray) -> pd.DataFrame:
    """Rows and percentages per cluster in the pool and in the selection: pool, pool_%, terpilih, terpilih_%."""
    pool = pd.Series(labels).value_counts().sort_index()
    return share_table(pool, pd.Series(labels[mask]).value_counts(), "klaster", drawn="terpilih")


def compare_with_random(vectors: np.ndarray, labels: np.ndarray, mask: np.ndarray, k: int, near_duplicate: float,
                        seeds: range = range(5)) -> pd.DataFrame:
    """Metrics of the selected rows next to the mean (and spread) of random sets of the same size."""
    n = int(mask.sum())
    picked = diversity(vectors, labels, mask, k, near_duplicate)
    randoms = []
    for seed in seeds:
        randoms.append(diversity(vectors, labels, random_mask(len(vectors), n, seed), k, near_duplicate, seed))
    random_frame = pd.DataFrame(randoms)
    table = pd.DataFrame({
        "terpilih": pd.Series(picked),
        f"acak_rata_rata ({len(randoms)}x)": random_frame.mean().round(4),
        "acak_simpangan": random_frame.std(ddof=0).round(4),
    })
    table.index.name = "metrik"
    return table


def random_mask(rows: int, n: int, seed: int) -> np.ndarray:
    """A boolean mask of `rows` entries with `n` of them True, drawn uniformly without replacement by `seed`."""
    mask = np.zeros(rows, dtype=bool)
    mask[np.random.default_rng(seed).choice(rows, size=n, replace=False)] = True
    return mask


class _ClusterPicker:
    """Spread-out draws from one cluster, k-means++ style.

    The first row is random; each next row is drawn with probability proportional to the squared
    cosine distance to its nearest picked row, and rows closer than the near-duplicate threshold are
    never drawn: spread-out rows without the outlier bias of always taking the farthest one. Only
    rows still drawable are kept in the working set, and a large cluster draws from a random window
    of CANDIDATES_PER_PICK rows per quota slot, widened when it runs dry, so the cost follows the
    quota rather than the cluster's size. A cluster still short of distinct rows after
    MAX_CANDIDATES_PER_PICK rows per quota slot is saturated with near-duplicates and stops looking.
    """

    def __init__(self, order: np.ndarray, vectors: np.ndarray, threshold: float, rng: np.random.Generator,
                 quota: int) -> None:
        self.order, self.vectors, self.floor, self.rng = order, vectors, 1.0 - threshold, rng
        self.limit = min(len(order), max(MAX_CANDIDATES_PER_PICK * quota, MIN_CANDIDATES))
        self.window = 0
        self.active = np.empty(0, dtype=np.int64)  # positions in `order` that can still be drawn
        self.active_vectors = np.empty((0, vectors.shape[1]), dtype=vectors.dtype)
        self.distance = np.empty(0)  # cosine distance of each active row to its nearest picked row
        self.picked: list[int] = []
        self.passed: list[np.ndarray] = []  # positions judged near-duplicates of a picked row
        self._widen(max(CANDIDATES_PER_PICK * quota, MIN_CANDIDATES))

    def take(self, count: int) -> None:
        """Draw up to `count` more rows."""
        while count > 0:
            if not len(self.active):
                if self.window >= self.limit:  # saturated with near-duplicates: the rest is filled from them
                    return
                self._widen(max(self.window, MIN_CANDIDATES))
                continue
            weights = self.distance ** 2
            index = int(self.rng.choice(len(weights), p=weights / weights.sum())) if self.picked else 0
            chosen = self.active_vectors[index]
            self.picked.append(int(self.active[index]))
            count -= 1
            self.distance = np.minimum(self.distance, 1.0 - self.active_vectors @ chosen)
            alive = self.distance > self.floor
            alive[index] = False
            self.passed.append(np.setdiff1d(self.active[~alive], self.active[index]))
            self.active, self.active_vectors, self.distance = (
                self.active[alive], self.active_vectors[alive], self.distance[alive]
            )

    def rows(self) -> np.ndarray:
        """Pool positions of the picked rows."""
        return self.order[np.asarray(self.picked, dtype=np.int64)]

    def near_duplicates(self) -> np.ndarray:
        """Pool positions of rows passed over as near-duplicates of a picked row."""
        return self.order[np.concatenate(self.passed)] if self.passed else np.empty(0, dtype=np.int64)

    def _widen(self, extra: int) -> None:
        """Bring `extra` more rows of the random order into the window; those already too close are passed over."""
        positions = np.arange(self.window, min(self.window + extra, self.limit))
        vectors = self.vectors[self.order[positions]]
        distance = np.full(len(positions), 2.0)
        if self.picked:
            picked = self.vectors[self.rows()].T
            for start in range(0, len(positions), SIMILARITY_BLOCK):  # bounded memory: block x picked
                block = vectors[start:start + SIMILARITY_BLOCK]
                distance[start:start + SIMILARITY_BLOCK] = 1.0 - (block @ picked).max(axis=1)
        alive = distance > self.floor
        self.passed.append(positions[~alive])
        self.active = np.concatenate([self.active, positions[alive]])
        self.active_vectors = np.vstack([self.active_vectors, vectors[alive]])
        self.distance = np.concatenate([self.distance, distance[alive]])
        self.window += len(positions)
