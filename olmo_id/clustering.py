"""Clustering the candidate pool: sparse TF-IDF features, SVD reduction, choosing k, k-means, describing clusters.

Everything streams: the parquet file is read in batches with only the columns the features need,
TF-IDF and the SVD are fitted on a sample of `fit_rows` rows and then applied batch by batch, and
only the reduced vectors (rows x `svd_components` float32) are held for the whole pool. The sparse
matrix is never made dense.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import scipy.sparse as sp
from pandas.api.types import union_categoricals
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import OneHotEncoder, normalize
from threadpoolctl import threadpool_limits

from olmo_id import outputs
from olmo_id.config import Config
from olmo_id.errors import ConfigError, EmptyDataError
from olmo_id.files import atomic_path, check_columns, iter_parquet, open_parquet, parquet_row_count
from olmo_id.selection import Selection, diversity, random_mask, select
from olmo_id.stopwords import stop_words

if TYPE_CHECKING:
    from sklearn.decomposition import TruncatedSVD

CATEGORY_COLUMNS = ("subset_name", "template_name")
SOURCE_HINT = "buat berkas itu dengan `olmo-id sample` atau notebook 01"
SILHOUETTE_ROWS = 2_000
KMEANS_FIT_ROWS = 200_000
# A topic shows in the first paragraphs; cutting long answers bounds the cost of a row.
TEXT_CHARS = 2_000
# Word tokens of two or more letters; digits and punctuation carry no topic.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
SUBSET_NAMES_ID = {
    "wikipedia_id": "pengetahuan ensiklopedis", "wikihow": "panduan langkah demi langkah",
    "indo_puisi": "puisi", "dolly": "tanya-jawab umum", "safety_prompt": "permintaan berbahaya",
    "identity_prompt": "identitas asisten",
}


def one_thread(function):
    """Run `function` with OpenMP and BLAS limited to one thread.

    Measured on 2 shared cores: idle OpenMP threads spinning between k-means calls made the elbow and
    silhouette curves 5-30x slower than one thread; one thread is never slower for these sizes.
    """
    @functools.wraps(function)
    def limited(*args, **kwargs):
        with threadpool_limits(limits=1):
            return function(*args, **kwargs)
    return limited


class NgramAnalyzer:
    """Lower-cased word tokens without stop words, plus their n-grams up to `ngram_max`.

    The same output as scikit-learn's word analyzer with these settings, written out because it
    is the hot loop of the whole stage: measured 27% faster on 100k instructions (2.3 s vs 3.1 s),
    since it skips the generic preprocessing chain. A class, not a closure, so it pickles.
    """

    def __init__(self, stop_words: list[str], ngram_max: int) -> None:
        self.stop_words = frozenset(stop_words)
        self.ngram_max = ngram_max
        self.pattern = re.compile(TOKEN_PATTERN)

    def __call__(self, text: str) -> list[str]:
        tokens = [word for word in self.pattern.findall(text.lower()) if word not in self.stop_words]
        grams = list(tokens)
        for n in range(2, self.ngram_max + 1):
            # The shifted copies are shorter by 0..n-1 tokens: zip stops at the shortest, so each n-gram is whole.
            grams.extend(map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False)))
        return grams


@dataclass
class Features:
    """Fitted feature maps: TF-IDF on the chosen text, weighted one-hot categories, SVD to a few dense dimensions.

    TF-IDF is kept as its two halves, n-gram counts (`vectorizer`, whose `vocabulary_` names the columns) and
    their weighting (`weighting`): `tfidf` counts faster than the vectorizer does, then weights with the fitted
    transformer. Together they equal a `TfidfVectorizer` with the same settings (a test checks it).
    """

    vectorizer: CountVectorizer
    weighting: TfidfTransformer
    onehot: OneHotEncoder
    svd: TruncatedSVD
    text: str
    onehot_weight: float

    def tfidf(self, documents: list[str]) -> sp.csr_matrix:
        """TF-IDF rows of `documents`: `vectorizer.transform` (the counts) built about twice as fast, then weighted.

        scikit-learn counts n-grams in a per-token Python loop with a dictionary per document (measured:
        the largest single cost of clustering a million rows); here each document's n-grams are looked up
        with one `map` and the counts are summed by scipy.
        """
        lookup = self.vectorizer.vocabulary_.get
        analyzer = self.vectorizer.build_analyzer()
        columns: list[int] = []
        lengths = np.zeros(len(documents) + 1, dtype=np.int64)
        for row, document in enumerate(documents):
            found = [column for column in map(lookup, analyzer(document)) if column is not None]
            columns.extend(found)
            lengths[row + 1] = len(found)
        indptr = np.cumsum(lengths)
        counts = sp.csr_matrix(
            (np.ones(len(columns), dtype=np.float32), np.asarray(columns, dtype=np.int32), indptr),
            shape=(len(documents), len(self.vectorizer.vocabulary_)),
        )
        counts.sum_duplicates()
        return self.weighting.transform(counts, copy=False)  # sublinear tf, idf and l2 norm, as fitted

    def sparse(self, frame: pd.DataFrame) -> sp.csr_matrix:
        """The sparse feature rows of `frame`: TF-IDF next to the weighted one-hot categories."""
        tfidf = self.tfidf(texts(frame, self.text))
        categories = self.onehot.transform(frame[list(CATEGORY_COLUMNS)].astype(str)) * self.onehot_weight
        return sp.hstack([tfidf, categories], format="csr", dtype=np.float32)

    def reduce(self, frame: pd.DataFrame) -> np.ndarray:
        """Unit-length reduced vectors of `frame`, so dot products are cosine similarities."""
        return normalize(self.svd.transform(self.sparse(frame))).astype(np.float32)


@dataclass
class Embedding:
    """The reduced vectors of every pool row, the fitted features, and the fitting sample kept for descriptions."""

    vectors: np.ndarray
    features: Features
    sample: pd.DataFrame  # the fitting rows (text and categories) with their pool position in `row`
    categories: pd.DataFrame  # subset_name and template_name of every pool row (categorical)

    def __len__(self) -> int:
        return len(self.vectors)


@dataclass
class KChoice:
    """How k was chosen: the elbow and silhouette curves and the decision."""

    k: int
    method: str  # "manual", "elbow" or "silhouette"
    elbow_k: int | None = None
    inertia: dict[int, float] = field(default_factory=dict)
    silhouette: dict[int, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One Indonesian sentence on the decision."""
        best = max(self.silhouette, key=lambda n: self.silhouette[n]) if self.silhouette else None
        reasons = {
            "manual": "dipilih manual (parameter k)",
            "elbow": "titik siku (elbow) kurva inersia",
            "silhouette": "kurva inersia tidak punya siku yang jelas, jadi dipakai silhouette tertinggi",
        }
        line = f"k = {self.k}: {reasons[self.method]}."
        if best is not None:
            line += f" Pendapat kedua, silhouette tertinggi di k = {best} ({self.silhouette[best]:.3f})."
        return line


@dataclass
class ClusterRun:
    """A whole clustering run on one file: vectors, the k decision, labels, the selection, the output file."""

    embedding: Embedding
    choice: KChoice
    labels: np.ndarray
    centroids: np.ndarray
    selection: Selection | None
    out: Path | None = None

    @property
    def mask(self) -> np.ndarray:
        """The `selected` column: the selection, or all False when nothing was selected."""
        return self.selection.mask if self.selection else np.zeros(len(self.labels), dtype=bool)

    @property
    def rows(self) -> int:
        return len(self.labels)

    @property
    def k(self) -> int:
        return self.choice.k


def cluster_file(source: str | Path, out: str | Path, cfg: Config, n_select: int | None = None,
                 draw: bool = False) -> ClusterRun:
    """Cluster `source` (see `cluster_pool`) and write `out`: every column plus `cluster` and `selected`.

    `out` is checked before any work: it may not replace `source` or anything but an earlier clustering output.
    """
    outputs.check_file(out, "cluster", [source])
    run = cluster_pool(source, cfg, n_select, draw)
    run.out = write_clustered(source, out, run.labels, run.mask)
    return run


@one_thread
def cluster_pool(source: str | Path, cfg: Config, n_select: int | None = None, draw: bool = False) -> ClusterRun:
    """Embed `source`, choose k (or take cfg.k), cluster, and select `n_select` rows (none when None)."""
    if n_select is not None and n_select <= 0:
        raise ConfigError(f"--select harus lebih dari 0, bukan {n_select}")
    embedding = embed(source, cfg)
    if n_select is not None and n_select > len(embedding):
        raise ConfigError(f"--select {n_select:,} lebih besar dari pool ({len(embedding):,} baris); kecilkan --select")
    if cfg.k:
        choice = KChoice(_check_k(cfg.k, len(embedding)), "manual")
    else:
        choice = choose_k(embedding.vectors, k_min=cfg.k_min, k_max=cfg.k_max, sample_rows=cfg.elbow_rows,
                          seed=cfg.seed, draw=draw)
    labels, centroids = fit_clusters(embedding.vectors, choice.k, seed=cfg.seed, minibatch_above=cfg.minibatch_above)
    chosen = select(embedding.vectors, labels, n_select, cfg.seed, cfg.near_duplicate) if n_select else None
    return ClusterRun(embedding, choice, labels, centroids, chosen)


@one_thread
def embed(source: str | Path, cfg: Config) -> Embedding:
    """Read `source` (parquet) in batches, fit features on a sample of rows, return the reduced vectors of all rows."""
    path = Path(source)
    total = parquet_row_count(path, SOURCE_HINT)
    columns = [*_text_columns(cfg.cluster_text), *CATEGORY_COLUMNS]
    check_columns(path, columns, SOURCE_HINT)
    rng = np.random.default_rng(cfg.seed)
    fit_positions = np.sort(rng.choice(total, size=min(cfg.fit_rows, total), replace=False))
    sample = _take(path, columns, fit_positions)
    features = fit_features(sample, text=cfg.cluster_text, max_features=cfg.tfidf_max_features,
                            ngram_max=cfg.ngram_max, svd_components=cfg.svd_components,
                            onehot_weight=cfg.onehot_weight, seed=cfg.seed)
    vectors = np.empty((total, features.svd.n_components), dtype=np.float32)
    parts: dict[str, list[pd.Categorical]] = {column: [] for column in CATEGORY_COLUMNS}
    for start, frame in _batches(path, columns):
        vectors[start:start + len(frame)] = features.reduce(frame)
        for column in CATEGORY_COLUMNS:
            parts[column].append(pd.Categorical(frame[column].astype(str)))
    # Categorical codes, not strings: millions of rows cost a few bytes each.
    categories = pd.DataFrame({column: union_categoricals(chunks) for column, chunks in parts.items()})
    return Embedding(vectors=vectors, features=features, sample=sample.assign(row=fit_positions), categories=categories)


def fit_features(sample: pd.DataFrame, *, text: str, max_features: int, ngram_max: int, svd_components: int,
                 onehot_weight: float, seed: int) -> Features:
    """Fit TF-IDF (Indonesian stop words, 1..ngram_max-grams), one-hot categories and TruncatedSVD on `sample`.

    `text` is the clustered text ("input", "output" or "both"); the one-hot columns are scaled by `onehot_weight`.
    """
    from sklearn.decomposition import TruncatedSVD

    vectorizer = CountVectorizer(max_features=max_features, analyzer=NgramAnalyzer(indonesian_stop_words(), ngram_max),
                                 dtype=np.float32)
    try:
        counts = vectorizer.fit_transform(texts(sample, text))
    except ValueError:
        raise EmptyDataError(
            f"teks '{text}' kosong setelah kata umum (stop words) dibuang; "
            "pilih cluster_text lain (input, output atau both)"
        ) from None
    weighting = TfidfTransformer(sublinear_tf=True).fit(counts)
    tfidf = weighting.transform(counts, copy=False)
    onehot = OneHotEncoder(handle_unknown="ignore", dtype=np.float32).fit(sample[list(CATEGORY_COLUMNS)].astype(str))
    categories = onehot.transform(sample[list(CATEGORY_COLUMNS)].astype(str)) * onehot_weight
    matrix = sp.hstack([tfidf, categories], format="csr", dtype=np.float32)
    components = max(1, min(svd_components, matrix.shape[1] - 1, matrix.shape[0] - 1))
    svd = TruncatedSVD(n_components=components, n_iter=4, random_state=seed).fit(matrix)
    return Features(vectorizer, weighting, onehot, svd, text, onehot_weight)


@one_thread
def choose_k(vectors: np.ndarray, *, k_min: int, k_max: int, sample_rows: int, seed: int, k: int = 0,
             draw: bool = True) -> KChoice:
    """The elbow (yellowbrick's KElbowVisualizer, KMeans on `sample_rows` rows) with silhouette as a second opinion.

    Both curves run over k_min..k_max. `k` > 0 is a manual decision: the curves are still computed, for comparison.
    `draw=False` closes the elbow figure instead of leaving it for the notebook to show.
    """
    import matplotlib.pyplot as plt
    from yellowbrick.cluster import KElbowVisualizer

    # yellowbrick's style names only fonts that may be missing; matplotlib's own DejaVu Sans is always there.
    if "DejaVu Sans" not in plt.rcParams["font.sans-serif"]:
        plt.rcParams["font.sans-serif"] = [*plt.rcParams["font.sans-serif"], "DejaVu Sans"]

    rows = _subsample(vectors, sample_rows, seed)
    high = min(k_max, len(rows) - 1)
    if high < k_min:
        raise ConfigError(
            f"hanya {len(vectors)} baris: terlalu sedikit untuk k_min={k_min}; tambah baris atau kecilkan k_min"
        )
    figure, ax = plt.subplots(figsize=(7, 4))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        visualizer = KElbowVisualizer(kmeans_for_yellowbrick(seed), k=(k_min, high + 1), timings=False, ax=ax)
        visualizer.fit(rows)
        visualizer.finalize()
    ax.set(title="Metode siku: inersia per k", xlabel="k (jumlah klaster)", ylabel="inersia")
    if visualizer.elbow_value_ is not None:  # yellowbrick's own legend is English ("elbow at k=...")
        ax.lines[1].set_label(f"siku di k = {visualizer.elbow_value_}")
        ax.legend(handles=ax.lines[1:2], loc="best")
    if not draw:
        plt.close(figure)
    inertia = {int(n): float(score) for n, score in zip(visualizer.k_values_, visualizer.k_scores_, strict=True)}
    silhouette = silhouette_curve(rows, range(k_min, high + 1), seed)
    elbow = int(visualizer.elbow_value_) if visualizer.elbow_value_ is not None else None
    if k:
        return KChoice(_check_k(k, len(vectors)), "manual", elbow, inertia, silhouette)
    if elbow is not None:
        return KChoice(elbow, "elbow", elbow, inertia, silhouette)
    return KChoice(max(silhouette, key=lambda n: silhouette[n]), "silhouette", None, inertia, silhouette)


def kmeans_for_yellowbrick(seed: int) -> KMeans:
    """KMeans for yellowbrick's KElbowVisualizer: one k-means++ start per k, which is enough for a curve.

    yellowbrick 1.5 (its last release, the one Colab preinstalls) accepts only an estimator whose
    `_estimator_type` is "clusterer"; scikit-learn >= 1.8 dropped that attribute for `__sklearn_tags__`,
    so it is set here by hand. On older scikit-learn (1.6 on Colab) it already has that value.
    """
    estimator = KMeans(n_init=1, random_state=seed)
    estimator._estimator_type = "clusterer"
    return estimator


def silhouette_curve(vectors: np.ndarray, ks: range, seed: int) -> dict[int, float]:
    """Silhouette score (cosine) of KMeans for each k, on at most SILHOUETTE_ROWS rows."""
    rows = _subsample(vectors, SILHOUETTE_ROWS, seed)
    scores = {}
    for k in ks:
        labels = KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(rows)
        scores[int(k)] = float(silhouette_score(rows, labels, metric="cosine")) if len(set(labels)) > 1 else -1.0
    return scores


@one_thread
def fit_clusters(vectors: np.ndarray, k: int, *, seed: int, minibatch_above: int) -> tuple[np.ndarray, np.ndarray]:
    """(labels, centroids): KMeans with 10 restarts on small pools, MiniBatchKMeans above `minibatch_above` rows."""
    k = _check_k(k, len(vectors))
    if len(vectors) <= minibatch_above:
        model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(vectors)
    else:
        # Centroids from a random subsample: its cost is bounded, while on 6.5M rows the full-data fit
        # ran ~150k mini-batch steps (measured: 181 s) for centroids no better than a 200k sample's.
        # One k-means++ start and no label pass inside fit (predict below labels every row once).
        model = MiniBatchKMeans(n_clusters=k, batch_size=4096, n_init=1, compute_labels=False,
                                random_state=seed).fit(_subsample(vectors, KMEANS_FIT_ROWS, seed))
    chunks = np.array_split(vectors, max(1, len(vectors) // 200_000))
    labels = np.concatenate([model.predict(chunk) for chunk in chunks])
    return labels.astype(np.int32), model.cluster_centers_


def describe(embedding: Embedding, labels: np.ndarray, centroids: np.ndarray, n_terms: int = 6,
             n_examples: int = 3) -> pd.DataFrame:
    """One row per cluster: size, share, top subsets, templates and terms, examples nearest the centroid, a label."""
    categories = embedding.categories
    sample = embedding.sample
    sample_labels = labels[sample["row"].to_numpy()]
    tfidf = embedding.features.tfidf(texts(sample, embedding.features.text))
    terms = embedding.features.vectorizer.get_feature_names_out()
    sample_vectors = embedding.vectors[sample["row"].to_numpy()]
    rows = []
    for cluster in range(len(centroids)):
        members = labels == cluster
        in_sample = np.flatnonzero(sample_labels == cluster)
        subsets = categories["subset_name"][members].value_counts(normalize=True)
        templates = categories["template_name"][members].value_counts(normalize=True)
        weights = np.asarray(tfidf[in_sample].mean(axis=0)).ravel() if len(in_sample) else np.zeros(len(terms))
        top_terms = [terms[i] for i in np.argsort(-weights)[:n_terms] if weights[i] > 0]
        nearest = in_sample[np.argsort(-(sample_vectors[in_sample] @ centroids[cluster]))[:n_examples]]
        examples = [_shorten(text) for text in texts(sample.iloc[nearest], embedding.features.text)]
        rows.append(dict(
            cluster=cluster, baris=int(members.sum()), persen=round(100 * members.mean(), 1),
            label=_label(subsets, top_terms), subset_teratas=_top(subsets), template_teratas=_top(templates),
            kata_kunci=", ".join(top_terms), contoh=examples,
        ))
    return pd.DataFrame(rows).set_index("cluster")


@one_thread
def seed_study(vectors: np.ndarray, k: int, *, n_select: int, near_duplicate: float, minibatch_above: int,
               seeds: range = range(5)) -> pd.DataFrame:
    """Per seed: k-means, a selection of `n_select` rows and one random set of that size; the mean of their metrics."""
    rows = []
    for seed in seeds:
        labels, _ = fit_clusters(vectors, k, seed=seed, minibatch_above=minibatch_above)
        chosen = select(vectors, labels, n_select, seed, near_duplicate).mask
        for name, mask in (("terpilih", chosen), ("acak", random_mask(len(vectors), n_select, seed))):
            rows.append(dict(seed=seed, himpunan=name, **diversity(vectors, labels, mask, k, near_duplicate, seed)))
    frame = pd.DataFrame(rows)
    return frame.groupby("himpunan").mean(numeric_only=True).drop(columns="seed").T.round(4)


def write_clustered(source: str | Path, out: str | Path, labels: np.ndarray, selected: np.ndarray) -> Path:
    """Copy every column of `source` to `out` with `cluster` and `selected` set, batch by batch, atomically.

    A source that was clustered before has its old `cluster` and `selected` columns replaced, not repeated.
    """
    path = outputs.check_file(out, "cluster", [source])
    given = open_parquet(source, SOURCE_HINT).schema_arrow
    kept = [column for column in given if column.name not in ("cluster", "selected")]
    schema = pa.schema([*kept, pa.field("cluster", pa.int32()), pa.field("selected", pa.bool_())], given.metadata)
    with atomic_path(path) as temporary, pq.ParquetWriter(temporary, schema) as writer:
        start = 0
        for batch in iter_parquet(source, [column.name for column in kept]):
            end = start + batch.num_rows
            columns = [*batch.columns, pa.array(labels[start:end], pa.int32()),
                       pa.array(selected[start:end], pa.bool_())]
            writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))
            start = end
    return path


def texts(frame: pd.DataFrame, which: str) -> list[str]:
    """The text a row is clustered on: its instruction, its answer, or both joined (each cut to TEXT_CHARS)."""
    columns = _text_columns(which)
    parts = [frame[column].fillna("").astype(str).str.slice(0, TEXT_CHARS) for column in columns]
    return (parts[0] + "\n" + parts[1] if len(parts) == 2 else parts[0]).tolist()


def stop_words_english_misses(documents: list[str], top: int = 30) -> list[str]:
    """Among the `top` most frequent words, the Indonesian stop words that an English stop-word list lets through."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    frequent = pd.Series(" ".join(documents).lower().split()).value_counts().head(top).index
    indonesian = set(indonesian_stop_words())
    return [word for word in frequent if word in indonesian and word not in ENGLISH_STOP_WORDS]


def examples_text(table: pd.DataFrame) -> str:
    """Each cluster's label followed by its examples nearest the centroid (a `describe` table), one per line."""
    lines = []
    for cluster, row in table.iterrows():
        lines.append(f"[{cluster}] {row['label']}")
        lines.extend(f"     - {example}" for example in row["contoh"])
    return "\n".join(lines)


def indonesian_stop_words() -> list[str]:
    """Indonesian stop words (stopwordsiso's list) as the tokenizer sees them, sorted for determinism.

    Hyphenated entries ("berkali-kali") are left out: the tokenizer splits them, and their halves
    ("kali") are not always stop words.
    """
    return sorted(word for word in stop_words("id") if re.fullmatch(TOKEN_PATTERN, word))


def _batches(path: Path, columns: list[str]) -> Iterator[tuple[int, pd.DataFrame]]:
    """(first row position, DataFrame) for each batch of the needed columns."""
    start = 0
    for batch in iter_parquet(path, columns):
        yield start, batch.to_pandas()
        start += batch.num_rows


def _take(path: Path, columns: list[str], positions: np.ndarray) -> pd.DataFrame:
    """The rows at sorted `positions`, read batch by batch."""
    parts, start = [], 0
    for batch in iter_parquet(path, columns):
        inside = positions[(positions >= start) & (positions < start + batch.num_rows)] - start
        if len(inside):
            parts.append(batch.take(pa.array(inside)).to_pandas())
        start += batch.num_rows
    return pd.concat(parts, ignore_index=True)


def _text_columns(which: str) -> list[str]:
    """Columns that hold the clustered text."""
    return ["input", "output"] if which == "both" else [which]


def _check_k(k: int, rows: int) -> int:
    """k itself, or a ConfigError when it is below 2 or above the number of rows."""
    if not 2 <= k <= rows:
        raise ConfigError(f"k harus antara 2 dan jumlah baris ({rows}), bukan {k}")
    return k


def _subsample(vectors: np.ndarray, limit: int, seed: int) -> np.ndarray:
    """At most `limit` rows of `vectors`, drawn without replacement by `seed`."""
    if len(vectors) <= limit:
        return vectors
    return vectors[np.sort(np.random.default_rng(seed).choice(len(vectors), size=limit, replace=False))]


def _top(shares: pd.Series, n: int = 3) -> str:
    """'name 62%, other 20%' for the `n` largest shares."""
    return ", ".join(f"{name} {100 * share:.0f}%" for name, share in shares.head(n).items() if share > 0)


def _label(subsets: pd.Series, top_terms: list[str]) -> str:
    """A short Indonesian label: the dominant subset's kind (or 'campuran') and the three strongest terms."""
    name, share = (subsets.index[0], subsets.iloc[0]) if len(subsets) else ("", 0.0)
    kind = SUBSET_NAMES_ID.get(str(name), str(name))
    head = kind if share >= 0.6 else f"campuran, terbanyak {kind}"
    return f"{head}: {', '.join(top_terms[:3])}" if top_terms else head


def _shorten(text: str, limit: int = 90) -> str:
    """The first line of `text`, cut to `limit` characters."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
