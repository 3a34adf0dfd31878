"""Lesson 02 writes TF-IDF, one-hot, SVD and k-means out with scikit-learn; these tests run the lesson's own cells
and check that they compute what `olmo_id.clustering` computes, so the lesson and the package cannot drift apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sklearn.decomposition
from lesson_cells import run_tagged

import olmo_id
from olmo_id import clustering, config, data

LESSON = "02"
# Fewer fitting rows than the pool holds, so the lesson's sample must pick the same rows as the package's.
FIT_ROWS = 300


def smoke() -> config.Config:
    return config.load("smoke", fit_rows=FIT_ROWS)


@pytest.fixture(scope="module")
def candidates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The smoke course's candidates.parquet."""
    return data.write_sample(data.sample(smoke(), use_cache=False),
                             tmp_path_factory.mktemp("craft") / "candidates.parquet")


@pytest.fixture(scope="module")
def package(candidates: Path) -> tuple[clustering.Embedding, dict[str, object]]:
    """The package's embedding, and the parameters of the TruncatedSVD it built."""
    seen: dict[str, object] = {}

    class Recording(sklearn.decomposition.TruncatedSVD):
        def fit(self, *args, **kwargs):
            seen.update(self.get_params())
            return super().fit(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sklearn.decomposition, "TruncatedSVD", Recording)
        embedding = clustering.embed(candidates, smoke())
    return embedding, seen


@pytest.fixture(scope="module")
def lesson(candidates: Path) -> dict[str, object]:
    """The namespace after the lesson's sample, TF-IDF and SVD cells ran on the smoke candidates."""
    pool = pd.read_parquet(candidates, columns=["input", "output", "subset_name", "template_name"])
    namespace: dict[str, object] = dict(np=np, pd=pd, olmo_id=olmo_id, cfg=smoke(), pool=pool)
    for tag in ("craft-sample", "craft-tfidf", "craft-svd"):
        run_tagged(LESSON, tag, namespace)
    return namespace


def test_the_lessons_sample_is_the_rows_the_package_fits_on(lesson, package) -> None:
    embedding, _ = package
    assert len(lesson["sample"]) == FIT_ROWS < len(lesson["pool"])
    assert np.array_equal(lesson["positions"], embedding.sample["row"].to_numpy())


def test_the_lessons_tfidf_vectorizer_has_the_packages_vocabulary_and_weights(lesson, package) -> None:
    embedding, _ = package
    ours = lesson["tfidf"].get_feature_names_out()
    assert list(ours) == list(embedding.features.vectorizer.get_feature_names_out())
    assert {"yang", "dan", "di", "untuk"}.isdisjoint(ours), "Indonesian stop words are not features"
    assert any(" " in term for term in ours), "bigrams are features"
    difference = lesson["X_text"] - embedding.features.tfidf(lesson["docs"])
    assert abs(difference).max() < 1e-6


def test_the_lessons_onehot_columns_and_weight_are_the_packages(lesson, package) -> None:
    embedding, _ = package
    assert abs(lesson["X"] - embedding.features.sparse(lesson["sample"])).max() < 1e-6


def test_the_lessons_truncated_svd_is_the_packages_and_gives_the_same_vectors(lesson, package) -> None:
    embedding, svd_parameters = package
    assert lesson["svd"].get_params() == svd_parameters
    rows = embedding.sample["row"].to_numpy()
    # Multi-threaded BLAS sums in another order than the package's single thread: about 1e-4 apart.
    assert np.allclose(lesson["vectors"], embedding.vectors[rows], atol=1e-3)


def _recorded_kmeans(monkeypatch: pytest.MonkeyPatch, name: str) -> dict[str, object]:
    """Replace `clustering.<name>` by a subclass that records its parameters at fit time."""
    seen: dict[str, object] = {}
    original = getattr(clustering, name)

    class Recording(original):
        def fit(self, *args, **kwargs):
            seen.update(self.get_params())
            return super().fit(*args, **kwargs)

    monkeypatch.setattr(clustering, name, Recording)
    return seen


def test_the_lessons_kmeans_is_the_packages_and_gives_the_same_labels(lesson, monkeypatch) -> None:
    cfg = smoke()
    namespace = dict(lesson, choice=clustering.KChoice(4, "manual"))
    run_tagged(LESSON, "craft-kmeans", namespace)
    seen = _recorded_kmeans(monkeypatch, "KMeans")
    labels, _ = clustering.fit_clusters(namespace["vectors"], 4, seed=cfg.seed, minibatch_above=cfg.minibatch_above)
    assert namespace["kmeans"].get_params() == seen
    assert np.array_equal(namespace["sample_labels"], labels)


def test_the_lessons_minibatch_kmeans_has_the_packages_settings(lesson, monkeypatch) -> None:
    cfg = smoke()
    namespace = dict(lesson, choice=clustering.KChoice(4, "manual"))
    run_tagged(LESSON, "craft-kmeans", namespace)
    run_tagged(LESSON, "craft-minibatch", namespace)
    seen = _recorded_kmeans(monkeypatch, "MiniBatchKMeans")
    clustering.fit_clusters(namespace["vectors"], 4, seed=cfg.seed, minibatch_above=0)  # force the large-pool path
    ours = namespace["fast"].get_params()
    # compute_labels=False only saves the package a pass: it labels every row with predict afterwards.
    assert {key: value for key, value in ours.items() if key != "compute_labels"} == \
        {key: value for key, value in seen.items() if key != "compute_labels"}
