"""The course as a static website: executed lessons, solutions and the README's pages, built with Sphinx + myst-nb.

Sphinx with myst-nb, not Jupyter Book 2: Jupyter Book 2 builds with the MyST engine on Node.js, a second runtime
for every instructor and CI machine, while Sphinx and myst-nb are Python packages that install beside the course
(myst-nb is what Jupyter Book 1 was built on, and the book theme is the same). The lessons are never executed by
the build (`nb_execution_mode = "off"`): they are read from a run folder that `olmo-id course` filled, and every
lesson page says which profile and date produced its outputs. A smoke run (random tiny model) is labelled as such.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from olmo_id import colab, config, runner
from olmo_id.errors import OutputError, SourceError

SITE_DIR = config.REPO_ROOT / "site"  # conf.py and the static files; the pages are assembled at build time
README = config.REPO_ROOT / "README.md"
SOLUTIONS_DIR = config.REPO_ROOT / "solutions"
BADGE_IMAGE = "colab-badge.svg"  # the site's own copy (site/): a page must not need Google's server to show it
# The README's sections that become pages of their own (file name, section title); the home page is its opening.
README_PAGES = (("pengajar", "Untuk pengajar"), ("angka", "Angka benchmark"))
PROFILE_NOTES = {
    "smoke": ("profil **smoke**: model OLMo mini berbobot acak di CPU, jadi jawaban dan skor di halaman ini tidak "
              "bermakna; yang terlihat adalah jalannya kode, bukan hasil belajar"),
    "cpu": "profil **cpu**: SmolLM2-135M (bobot asli, 135 juta parameter) pada data contoh, di CPU",
}


def build(run_dir: str | Path, out_dir: str | Path) -> Path:
    """Build the site from the executed lessons in `run_dir` into `out_dir`; returns its index.html."""
    run, out = Path(run_dir).expanduser().resolve(), Path(out_dir).expanduser().resolve()
    lessons = _executed_lessons(run)
    if out == run or run in out.parents or out in (config.REPO_ROOT, SITE_DIR):
        raise OutputError(f"--out {out} tidak boleh berupa folder run atau folder kursus; pakai folder baru")
    if out.exists() and (not out.is_dir() or any(out.iterdir()) and not (out / ".buildinfo").is_file()):
        raise OutputError(f"--out {out} sudah ada dan bukan situs hasil `olmo-id site`; pakai folder baru "
                          "(folder itu tidak disentuh)")
    with tempfile.TemporaryDirectory(prefix="olmo-id-site-") as folder:
        source = Path(folder) / "source"
        shutil.copytree(SITE_DIR, source)
        readme = README.read_text(encoding="utf-8")
        (source / "index.md").write_text(_home_page(readme), encoding="utf-8")
        for name, title in README_PAGES:
            (source / f"{name}.md").write_text(f"# {title}\n\n{_readme_section(readme, title)}", encoding="utf-8")
        (source / "lessons").mkdir()
        for path, notebook in lessons.items():
            _write_lesson(notebook, source / "lessons" / path.name)
        (source / "solutions").mkdir()
        for solution in sorted(SOLUTIONS_DIR.glob("*_solusi.ipynb")):
            notebook = _relinked(nbformat.read(solution, as_version=4), depth=1)
            nbformat.write(notebook, source / "solutions" / solution.name)
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(source), str(out)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SourceError(f"sphinx gagal membangun situs: {' '.join(result.stderr.split())[-300:]}")
    return out / "index.html"


def _executed_lessons(run: Path) -> dict[Path, nbformat.NotebookNode]:
    """The run folder's executed lessons, read, each proved executed by papermill; one line saying what is missing."""
    paths = [run / lesson.name for lesson in runner.notebooks(runner.NOTEBOOKS_DIR)]
    missing = [path.name for path in paths if not path.is_file()]
    if missing:
        raise SourceError(f"{run} bukan folder run kursus yang lengkap (tidak ada {', '.join(missing)}); jalankan "
                          "dulu `make course` atau `olmo-id course --profile cpu --out runs/cpu`")
    lessons = {path: nbformat.read(path, as_version=4) for path in paths}
    unexecuted = [path.name for path, notebook in lessons.items() if "papermill" not in notebook.metadata]
    if unexecuted:
        raise SourceError(f"{', '.join(unexecuted)} di {run} belum dijalankan oleh `olmo-id course` (tanpa keluaran "
                          "papermill); situs dibangun dari folder run, bukan dari notebooks/")
    return lessons


def _home_page(readme: str) -> str:
    """The README's opening (what, for whom, the path with times, the Colab badges) and the table of contents."""
    opening = readme.split("\n## ", 1)[0]
    badges = "## Buka di Colab\n" + _readme_section(readme, "Buka di Colab")
    contents = ("\n\n```{toctree}\n:maxdepth: 1\n:caption: Pelajaran\n:glob:\n\nlessons/*\n```\n\n"
                "```{toctree}\n:maxdepth: 1\n:caption: Jawaban latihan\n:glob:\n\nsolutions/*\n```\n\n"
                "```{toctree}\n:maxdepth: 1\n:caption: Untuk pengajar\n\n"
                + "\n".join(name for name, _ in README_PAGES) + "\n```\n")
    return _local_badges(f"{opening}\n\n{badges}{contents}", depth=0)


def _readme_section(readme: str, title: str) -> str:
    """The body of the README's `## title` section, without its heading."""
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", readme, flags=re.M | re.S)
    if found is None:
        raise SourceError(f"README.md tidak punya bagian '## {title}'")
    return found.group(1)


def _write_lesson(executed: nbformat.NotebookNode, target: Path) -> None:
    """An executed lesson with a first cell naming its run (profile, date) and a download link to the notebook."""
    notebook = _relinked(executed, depth=1)
    papermill = notebook.metadata.papermill
    finished = str(papermill.get("end_time") or "")[:10] or "tanggal tidak tercatat"
    profile = papermill.get("parameters", {}).get("profile", "tidak tercatat")
    note = PROFILE_NOTES.get(str(profile), f"profil **{profile}**")
    header = (f"```{{note}}\nKeluaran di halaman ini dari run kursus tanggal {finished}, {note}. "
              f"Jalankan sendiri: badge Colab di bawah, atau {{download}}`unduh notebook ini (.ipynb) "
              f"<{target.name}>`.\n```")
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(header, id="site-run"))
    nbformat.write(notebook, target)


def _relinked(notebook: nbformat.NotebookNode, depth: int) -> nbformat.NotebookNode:
    """The notebook with its Colab badges shown from the site's own copy (see `_local_badges`)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = _local_badges(cell.source, depth)
    return notebook


def _local_badges(markdown: str, depth: int) -> str:
    """Markdown whose Colab badge images come from the site (`depth` folders below its root), not from Google:
    a page read offline, or tested without network, still shows them. The links still open Colab."""
    return markdown.replace(f"]({colab.BADGE_IMAGE})", f"]({'../' * depth}{BADGE_IMAGE})")
