"""Stop-word lists, from the maintained `stopwordsiso` package: one loader for clustering and evaluation."""

from __future__ import annotations

import functools

import stopwordsiso


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """stopwordsiso's stop words of `language` (an ISO 639-1 code: "id", "en"), read once per process."""
    return frozenset(stopwordsiso.stopwords(language))
