"""nbval runs the references in this folder; each run starts from an empty run folder.

The references were made with `-p out_dir _nbval_run`. A folder left by an earlier run would make notebook 03
resume from its finished checkpoint instead of training, and its marked outputs would differ, so
`pytest --nbval-lax tests/references` could pass only once in a row.
"""

from __future__ import annotations

import shutil
from pathlib import Path

RUN_FOLDER = Path(__file__).parent / "_nbval_run"


def pytest_sessionstart(session: object) -> None:
    """Remove the previous run's folder before the first reference executes."""
    shutil.rmtree(RUN_FOLDER, ignore_errors=True)
