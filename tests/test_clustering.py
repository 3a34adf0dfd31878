"""Clustering and diversity selection: features, k, clusters, selection, metrics, and the `cluster` command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURE, row

from olmo_id import cli, clustering, config, data, selection
from olmo_id.errors import ConfigError, EmptyDataError

# The algorithms take plain values (cluster_pool reads them from a Config); these are the smoke profile's.
ELBOW = dict(k_min=2, k_max=10, sample_rows=5_000, seed=42)
KMEANS = dict(seed=42, minibatch_above=20_000)


def smoke(**overrides: object) -> config.Config:
    return config.load("smoke", **overrides)


@pytest.fixture(scope="module")
def candidates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The smoke course's candidates.parquet: what notebook 01 writes and notebook 02 clusters."""
    return data.write_sample(data.sample(smoke(), use_cache=False),
                             tmp_path_factory.mktemp("cand") / "candidates.parquet")


@pytest.fixture(scope="module")
def embedding(candidates: Path) -> clustering.Embedding:
    return clustering.embed(candidates, smoke())


def test_vectors_are_unit_length_and_one_per_row(embedding: clustering.Embedding, candidates: Path) -> None:
    assert embedding.vectors.shape == (len(pd.read_parquet(candidates)), smoke().svd_components)
    assert np.allclose(np.linalg.norm(embedding.vectors, axis=1), 1, atol=1e-4)


def test_indonesian_stop_words_are_not_features(embedding: clustering.Embedding) -> None:
    vocabulary = embedding.features.vectorizer.vocabulary_
    assert {"yang", "dan", "di", "untuk", "adalah"}.isdisjoint(vocabulary)
    assert len(clustering.indonesian_stop_words()) > 500


def test_the_clustered_text_is_the_one_asked_for(candidates: Path) -> None:
    answers = clustering.embed(candidates, smoke(cluster_text="output", fit_rows=300)).features.vectorizer.vocabulary_
    questions = clustering.embed(candidates, smoke(cluster_text="input", fit_rows=300)).features.vectorizer.vocabulary_
    assert "buatkan" in questions and len(answers) > len(questions)


def test_features_stay_sparse_and_are_fitted_on_a_sample(candidates: Path) -> None:
    emb = clustering.embed(candidates, smoke(fit_rows=100))
    assert len(emb.sample) == 100 and len(emb) > 100
    assert emb.features.sparse(emb.sample).format == "csr"


def test_choose_k_draws_the_elbow_and_reports_silhouette(embedding: clustering.Embedding) -> None:
    import matplotlib.pyplot as plt

    plt.close("all")
    choice = clustering.choose_k(embedding.vectors, **ELBOW)
    figure = plt.gcf()
    assert choice.method == "elbow" and choice.k == choice.elbow_k
    assert set(choice.inertia) == set(choice.silhouette) == set(range(2, 11))
    lines = [line for ax in figure.axes for line in ax.get_lines()]
    assert any(len(line.get_xdata()) == 9 for line in lines), "the inertia curve is on the figure"
    assert "siku" in figure.axes[0].get_title()


def test_a_manual_k_overrides_the_elbow_and_still_gets_the_curves(embedding: clustering.Embedding) -> None:
    choice = clustering.choose_k(embedding.vectors, **ELBOW, k=6, draw=False)
    assert (choice.k, choice.method) == (6, "manual")
    assert set(choice.inertia) == set(choice.silhouette) == set(range(2, 11))


def test_yellowbricks_elbow_accepts_our_kmeans_and_finds_the_blobs() -> None:
    from sklearn.datasets import make_blobs
    from yellowbrick.cluster import KElbowVisualizer

    blobs, _ = make_blobs(n_samples=600, centers=4, cluster_std=0.5, random_state=0)
    visualizer = KElbowVisualizer(clustering.kmeans_for_yellowbrick(seed=0), k=(2, 9), timings=False)
    visualizer.fit(blobs)
    assert visualizer.elbow_value_ == 4


@pytest.mark.parametrize("k", [1, 10_000])
def test_k_below_2_or_above_the_rows_is_an_error(embedding: clustering.Embedding, k: int) -> None:
    with pytest.raises(ConfigError, match="k harus"):
        clustering.fit_clusters(embedding.vectors, k, **KMEANS)


def test_clusters_are_the_same_for_one_seed(embedding: clustering.Embedding) -> None:
    first, _ = clustering.fit_clusters(embedding.vectors, 5, seed=3, minibatch_above=20_000)
    again, _ = clustering.fit_clusters(embedding.vectors, 5, seed=3, minibatch_above=20_000)
    assert np.array_equal(first, again)


def test_minibatch_kmeans_takes_over_above_the_threshold(embedding: clustering.Embedding) -> None:
    labels, centroids = clustering.fit_clusters(embedding.vectors, 4, seed=42, minibatch_above=100)
    assert len(centroids) == 4 and set(labels) == {0, 1, 2, 3}


def test_describe_names_each_cluster(embedding: clustering.Embedding) -> None:
    labels, centroids = clustering.fit_clusters(embedding.vectors, 4, **KMEANS)
    table = clustering.describe(embedding, labels, centroids)
    assert table["baris"].sum() == len(labels)
    assert table["label"].str.len().gt(0).all() and table["kata_kunci"].str.len().gt(0).all()
    assert all(1 <= len(examples) <= 3 for examples in table["contoh"])


def test_sqrt_quotas_sum_to_n_and_respect_sizes() -> None:
    sizes = np.array([400, 100, 25, 4, 1])
    quotas = selection.sqrt_quotas(sizes, 60)
    assert quotas.sum() == 60 and (quotas <= sizes).all()
    assert quotas[0] > quotas[1] > quotas[2] and quotas[0] / quotas[2] < 400 / 25
    assert selection.sqrt_quotas(sizes, sizes.sum()).tolist() == sizes.tolist()


def test_selection_has_exactly_n_rows_and_is_deterministic(embedding: clustering.Embedding) -> None:
    labels, _ = clustering.fit_clusters(embedding.vectors, 4, **KMEANS)
    first = selection.select(embedding.vectors, labels, 120, seed=1, near_duplicate=0.95)
    again = selection.select(embedding.vectors, labels, 120, seed=1, near_duplicate=0.95)
    assert first.mask.sum() == 120 and np.array_equal(first.mask, again.mask)


def test_near_duplicates_are_skipped_while_distinct_rows_remain() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(size=(50, 8))
    vectors = np.vstack([base, base + 1e-4])  # every row has a twin
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.zeros(100, dtype=int)
    chosen = selection.select(vectors.astype(np.float32), labels, 50, seed=0, near_duplicate=0.99)
    picked = vectors[chosen.mask]
    similarity = picked @ picked.T
    np.fill_diagonal(similarity, 0)
    assert similarity.max() < 0.99 and chosen.near_duplicates_used == 0


def test_selecting_more_than_the_pool_is_an_error(embedding: clustering.Embedding) -> None:
    labels = np.zeros(len(embedding), dtype=int)
    with pytest.raises(ConfigError, match=r"antara 1 dan .* \(jumlah kandidat\).*perbesar pool_size di notebook 01"):
        selection.select(embedding.vectors, labels, len(embedding) + 1, seed=0, near_duplicate=0.95)


def test_vendi_score_counts_distinct_directions() -> None:
    identical = np.tile(np.eye(4)[:1], (10, 1))
    assert selection.vendi_score(identical) == pytest.approx(1.0)
    assert selection.vendi_score(np.eye(4)) == pytest.approx(4.0)


def test_mean_pairwise_distance_matches_the_direct_computation(embedding: clustering.Embedding) -> None:
    mask = np.zeros(len(embedding), dtype=bool)
    mask[:50] = True
    metrics = selection.diversity(embedding.vectors, np.zeros(len(embedding), int), mask, 2, 0.95)
    block = embedding.vectors[:50]
    direct = 1 - (block @ block.T)[np.triu_indices(50, 1)].mean()
    assert metrics["jarak_kosinus_rata_rata"] == pytest.approx(direct, abs=1e-4)


def test_a_random_mask_has_exactly_n_rows_and_is_the_same_for_one_seed() -> None:
    mask = selection.random_mask(100, 30, seed=4)
    assert mask.dtype == bool and mask.sum() == 30
    assert np.array_equal(mask, selection.random_mask(100, 30, seed=4))
    assert not np.array_equal(mask, selection.random_mask(100, 30, seed=5))


def test_selected_beats_random_on_entropy_and_distance_over_five_seeds(embedding: clustering.Embedding) -> None:
    k = clustering.choose_k(embedding.vectors, **ELBOW, draw=False).k
    study = clustering.seed_study(embedding.vectors, k, n_select=200, near_duplicate=0.95, minibatch_above=20_000,
                                  seeds=range(5))
    assert study.loc["entropi_klaster", "terpilih"] > study.loc["entropi_klaster", "acak"]
    assert study.loc["jarak_kosinus_rata_rata", "terpilih"] > study.loc["jarak_kosinus_rata_rata", "acak"]


def test_text_that_is_only_stop_words_is_a_clear_error(tmp_path: Path) -> None:
    rows = [row("dolly", "t", "yang dan di", "untuk pada ke") for _ in range(5)]
    path = tmp_path / "stop.parquet"
    pd.DataFrame(rows).to_parquet(path)
    with pytest.raises(EmptyDataError, match="stop words"):
        clustering.embed(path, smoke())


# --- the `olmo-id cluster` command ------------------------------------------------------------------

def test_cluster_command_adds_cluster_and_exactly_n_selected(candidates: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.parquet"
    status = cli.main(["cluster", "--input", str(candidates), "--out", str(out), "--select", "150", "--seed", "1"])
    assert status == 0, capsys.readouterr().err
    source, result = pd.read_parquet(candidates), pd.read_parquet(out)
    assert list(result.columns) == [*source.columns, "cluster", "selected"]
    pd.testing.assert_frame_equal(result[source.columns], source)
    assert result["selected"].sum() == 150 and result["cluster"].dtype == np.int32


def test_cluster_command_with_a_fixed_k(candidates: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "k.parquet"
    assert cli.main(["cluster", "--input", str(candidates), "--out", str(out), "--k", "3"]) == 0
    result = pd.read_parquet(out)
    assert sorted(result["cluster"].unique()) == [0, 1, 2] and not result["selected"].any()


def test_a_single_subset_still_clusters(tmp_path: Path, capsys) -> None:
    sample = tmp_path / "dolly.parquet"
    assert cli.main(["sample", "--subsets", "dolly", "--n", "100", "--out", str(sample)]) == 0
    assert cli.main(["cluster", "--input", str(sample), "--out", str(tmp_path / "o.parquet"), "--select", "30"]) == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--k", "1"], "k harus"),
    (["--k", "5000"], "k harus"),
    (["--k", "banyak"], "--k harus"),
    (["--select", "100000"], "lebih besar dari pool"),
    (["--select", "0"], "--select harus"),
])
def test_cluster_bad_input_is_one_line_exit_2(candidates: Path, tmp_path: Path, capsys, args: list,
                                              message: str) -> None:
    out = tmp_path / "bad.parquet"
    status = cli.main(["cluster", "--input", str(candidates), "--out", str(out), *args])
    stderr = capsys.readouterr().err
    assert status == 2 and message in stderr and len(stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_cluster_input_that_does_not_exist_is_exit_2(tmp_path: Path, capsys) -> None:
    status = cli.main(["cluster", "--input", str(tmp_path / "none.parquet"), "--out", str(tmp_path / "o.parquet")])
    assert status == 2 and "tidak ada" in capsys.readouterr().err


def test_cluster_input_that_is_not_parquet_is_exit_2(tmp_path: Path, capsys) -> None:
    fake = tmp_path / "fake.parquet"
    fake.write_text(FIXTURE.read_text(encoding="utf-8")[:500])
    status = cli.main(["cluster", "--input", str(fake), "--out", str(tmp_path / "o.parquet")])
    assert status == 2 and "tidak bisa dibaca sebagai parquet" in capsys.readouterr().err


def test_fast_tfidf_equals_scikit_learns_tfidf_vectorizer(embedding: clustering.Embedding, candidates: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    cfg = smoke()
    reference = TfidfVectorizer(
        max_features=cfg.tfidf_max_features,
        analyzer=clustering.NgramAnalyzer(clustering.indonesian_stop_words(), cfg.ngram_max),
        sublinear_tf=True, dtype=np.float32,
    ).fit(clustering.texts(embedding.sample, cfg.cluster_text))
    documents = clustering.texts(pd.read_parquet(candidates), cfg.cluster_text)
    ours = embedding.features.tfidf(documents)
    assert ours.shape == (len(documents), len(reference.vocabulary_))
    assert np.allclose(ours.toarray(), reference.transform(documents).toarray(), atol=1e-6)
    assert list(embedding.features.vectorizer.get_feature_names_out()) == list(reference.get_feature_names_out())


def test_the_lean_analyzer_gives_scikit_learns_tokens(candidates: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    stop = clustering.indonesian_stop_words()
    reference = TfidfVectorizer(ngram_range=(1, 3), stop_words=stop,
                                token_pattern=clustering.TOKEN_PATTERN).build_analyzer()
    lean = clustering.NgramAnalyzer(stop, 3)
    for text in clustering.texts(pd.read_parquet(candidates), "both")[:200]:
        assert sorted(lean(text)) == sorted(reference(text))


def test_english_stop_words_let_indonesian_ones_through() -> None:
    missed = clustering.stop_words_english_misses(["yang dan di rumah", "yang di pasar", "the yang"])
    assert missed[:2] == ["yang", "di"] and "the" not in missed and "rumah" not in missed


def test_examples_text_lists_each_cluster_with_its_examples(embedding: clustering.Embedding) -> None:
    labels, centroids = clustering.fit_clusters(embedding.vectors, 3, **KMEANS)
    text = clustering.examples_text(clustering.describe(embedding, labels, centroids))
    assert [line[:3] for line in text.splitlines() if not line.startswith(" ")] == ["[0]", "[1]", "[2]"]


ENGLISH_PLOT_WORDS = ("elbow", "distortion", "score", "sample", "cluster ", "fit time")


def _figure_texts(figure) -> list[str]:
    """Every title, axis label, tick label and legend entry on `figure`, lower-cased."""
    texts = []
    for ax in figure.axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [label.get_text() for label in (*ax.get_xticklabels(), *ax.get_yticklabels())]
        if ax.get_legend() is not None:
            texts += [entry.get_text() for entry in ax.get_legend().get_texts()]
    return [text.lower() for text in texts]


def test_the_elbow_figure_has_no_english_left(embedding: clustering.Embedding) -> None:
    import matplotlib.pyplot as plt

    plt.close("all")
    choice = clustering.choose_k(embedding.vectors, **ELBOW)
    texts = _figure_texts(plt.gcf())
    assert f"siku di k = {choice.elbow_k}" in texts
    assert not [text for text in texts if any(word in text for word in ENGLISH_PLOT_WORDS)], texts
    plt.close("all")


def test_the_share_plot_draws_horizontal_bars_per_cluster_with_a_terpilih_legend() -> None:
    import matplotlib.pyplot as plt

    from olmo_id import plots

    labels = np.array([0] * 6 + [1] * 3 + [2] * 1)
    mask = np.array([True, False, True, False, False, False, True, True, False, True])
    shares = selection.cluster_shares(labels, mask)
    assert list(shares.columns) == ["pool", "pool_%", "terpilih", "terpilih_%"]
    ax = plots.compare_shares(shares, "Bagian setiap klaster", names={0: "puisi"})
    assert [label.get_text() for label in ax.get_yticklabels()] == ["0 · puisi", "1", "2"]
    assert [entry.get_text() for entry in ax.get_legend().get_texts()] == ["pool", "terpilih"]
    widths = sorted(round(bar.get_width(), 1) for bar in ax.patches if bar.get_width() > 0)
    assert widths == sorted([60.0, 30.0, 10.0, 40.0, 40.0, 20.0]), "bars are horizontal: their length is the share"
    assert "%" in ax.xaxis.get_major_formatter()(50, 0)
    assert not [t for t in _figure_texts(ax.figure) if any(word in t for word in ENGLISH_PLOT_WORDS)]
    plt.close("all")
