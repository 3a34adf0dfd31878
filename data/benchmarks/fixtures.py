"""Loaders and prompt functions of the course's mini benchmark tasks (the YAML files next to this one).

lm-evaluation-harness imports this file through `!function fixtures.NAME`. The prompts are the real tasks' own
functions, imported from the installed harness, so a mini task asks its items exactly as xcopa_id or
copal_id_standard asks theirs; belebele's prompt is a template string, repeated in mini_belebele_ind.yaml and
compared with the real one by tests/test_benchmark.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import datasets
from lm_eval.tasks.copal_id.utils import doc_to_choice as copal_choice  # noqa: F401 - used by the YAML files
from lm_eval.tasks.copal_id.utils import doc_to_text_id as copal_text  # noqa: F401
from lm_eval.tasks.xcopa.utils import doc_to_choice as xcopa_choice  # noqa: F401
from lm_eval.tasks.xcopa.utils import doc_to_text_id as xcopa_text  # noqa: F401

HERE = Path(__file__).resolve().parent


def _load(name: str, data_files: str | None = None, **_metadata: Any) -> datasets.DatasetDict:
    """The task's items as a one-split ("test") DatasetDict; `data_files` swaps in other items (the tests do)."""
    return datasets.load_dataset("json", data_files={"test": data_files or str(HERE / f"{name}.jsonl")})


def mini_belebele_ind(**kwargs: Any) -> datasets.DatasetDict:
    """Reading comprehension items in belebele_ind_Latn's schema."""
    return _load("mini_belebele_ind", **kwargs)


def mini_xcopa_id(**kwargs: Any) -> datasets.DatasetDict:
    """Cause-and-effect items in xcopa_id's schema."""
    return _load("mini_xcopa_id", **kwargs)


def mini_copal_id(**kwargs: Any) -> datasets.DatasetDict:
    """Indonesian cultural commonsense items in copal_id_standard's schema."""
    return _load("mini_copal_id", **kwargs)
