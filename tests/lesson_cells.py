"""Reading a lesson's own code, so a test can run the cell a student sees and compare it with the package."""

from __future__ import annotations

import json
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def tagged_code(lesson: str, tag: str) -> str:
    """The source of the code cells in `notebooks/<lesson>*.ipynb` tagged `tag`, joined in order.

    Lessons tag the cells that write a library call out in the open (e.g. `craft-lora`); a test executes
    exactly that text, so an edit to the lesson that drifts from the package fails the test.
    """
    path = next(NOTEBOOKS.glob(f"{lesson}*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells
               if cell["cell_type"] == "code" and tag in cell.get("metadata", {}).get("tags", [])]
    if not sources:
        raise AssertionError(f"{path.name} has no code cell tagged {tag!r}")
    return "\n".join(sources)


def run_tagged(lesson: str, tag: str, namespace: dict[str, object]) -> dict[str, object]:
    """Execute the lesson's cells tagged `tag` in `namespace` (updated in place and returned)."""
    exec(compile(tagged_code(lesson, tag), f"<{lesson}:{tag}>", "exec"), namespace)  # noqa: S102 - our own lesson
    return namespace
