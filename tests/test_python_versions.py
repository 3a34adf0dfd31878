"""The package supports Python 3.10–3.13 (pyproject.toml): nothing in the code may need a newer Python.

`make test` runs on 3.11 and `make test-colab` on 3.13; these checks keep 3.10 honest without a 3.10 run:
the syntax is parsed with 3.10's grammar, and vermin flags standard-library names that 3.10 lacks
(`tomllib`, `datetime.UTC`, `typing.Self`, ...).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
OLDEST = (3, 10)
SOURCES = sorted(path for folder in ("olmo_id", "bench", "tests") for path in (ROOT / folder).rglob("*.py"))
NOTEBOOKS = sorted(path for folder in ("notebooks", "colab", "solutions") for path in (ROOT / folder).glob("*.ipynb"))


def notebook_code(path: Path) -> str:
    """The code cells of a notebook as one module (the course uses no IPython magics)."""
    cells = nbformat.read(path, as_version=4).cells
    return "\n\n".join(cell.source for cell in cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", SOURCES + NOTEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_source_parses_with_the_oldest_supported_grammar(path: Path) -> None:
    source = notebook_code(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    ast.parse(source, filename=str(path), feature_version=OLDEST)


def test_no_standard_library_name_newer_than_the_oldest_supported_python(tmp_path: Path) -> None:
    for notebook in NOTEBOOKS:  # vermin reads .py files: the notebooks' code goes through as modules
        (tmp_path / f"{notebook.parent.name}_{notebook.stem}.py").write_text(notebook_code(notebook), encoding="utf-8")
    vermin = Path(sys.executable).with_name("vermin")
    target = "-t={}.{}-".format(*OLDEST)
    result = subprocess.run(
        [str(vermin), target, "--violations", "--no-tips", *(str(ROOT / f) for f in ("olmo_id", "bench", "tests")),
         str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
