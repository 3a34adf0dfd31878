"""Colab: the setup a Colab notebook runs first, and the colab/ variants generated from notebooks/.

`python -m olmo_id.colab` (`make colab`) rewrites colab/ from the lessons, and the badges of the lessons and README;
`python -m olmo_id.colab --check` only reports what is out of date. Never edit colab/ by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from olmo_id import config, credentials
from olmo_id.errors import ConfigError, NoGpuError
from olmo_id.files import atomic_path

# Where Colab installs the course from: the one place to change for a fork or a release tag (then `make colab`).
GITHUB_REPOSITORY = "olmo-id/olmo-id"
REF = "main"

COLAB_DIR = config.REPO_ROOT / "colab"
README = config.REPO_ROOT / "README.md"
CHECKOUT = "/content/olmo-id"
DRIVE_ROOT = "/content/drive"
DRIVE_FOLDER = f"{DRIVE_ROOT}/MyDrive/olmo-id"
RUN_FOLDER = "olmo_id_run"  # the lessons' default out_dir; on Colab it goes under DRIVE_FOLDER
SECRET_NAMES = ("HF_TOKEN", "WANDB_API_KEY")
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_LINE = re.compile(r"\A\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)\s*")
BADGES_START, BADGES_END = "<!-- colab-badges:start -->", "<!-- colab-badges:end -->"


@dataclass(frozen=True)
class ColabSetup:
    """What the setup cell decided: the profile, the run folder, and whether this is Colab."""

    profile: str
    out_dir: str
    on_colab: bool


def prepare(use_drive: bool = True, out_dir: str = RUN_FOLDER) -> ColabSetup:
    """Pick the profile by the GPU; on Colab also put the run folder on Drive and export secrets to the environment."""
    on_colab = "google.colab" in sys.modules
    profile = _pick_profile()
    if on_colab:
        out_dir = _run_folder(use_drive, out_dir)
        _export_secrets()
    print(f"profil: {profile} | folder hasil: {out_dir}")
    return ColabSetup(profile, out_dir, on_colab)


def notebook_url(name: str) -> str:
    """The Colab address of colab/`name` at the course's repository and ref."""
    return f"https://colab.research.google.com/github/{GITHUB_REPOSITORY}/blob/{REF}/colab/{name}"


def badge(name: str) -> str:
    """The "Open in Colab" badge (markdown) for colab/`name`."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({notebook_url(name)})"


def setup_source() -> str:
    """The code of the first cell of every Colab variant (self-contained: the package is not installed yet)."""
    return f'''# @title Persiapan Colab: jalankan sel ini dulu
# Dibuat otomatis oleh `make colab`, jangan diedit di sini.
# Di Colab sel ini memasang kursus tanpa mengganti torch bawaan Colab, memeriksa GPU dan memilih profil,
# menyimpan hasil di Google Drive bila USE_DRIVE, dan membaca HF_TOKEN / WANDB_API_KEY dari Colab Secrets.
# Di luar Colab ia hanya memilih profil menurut GPU.
USE_DRIVE = True  # @param {{type:"boolean"}}

import subprocess
import sys
from pathlib import Path

if "google.colab" in sys.modules:
    import torch

    if not Path("{CHECKOUT}").exists():
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "{REF}",
                        "https://github.com/{GITHUB_REPOSITORY}", "{CHECKOUT}"], check=True)
    # Naming the torch that is already installed keeps pip from replacing it.
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", "{CHECKOUT}",
                    f"torch=={{torch.__version__}}"], check=True)
    sys.path.insert(0, "{CHECKOUT}")  # an editable install is seen by new kernels only

import olmo_id.colab

colab = olmo_id.colab.prepare(use_drive=USE_DRIVE)
'''


def variant(lesson: Path) -> nbformat.NotebookNode:
    """The Colab variant of a lesson: the setup cell and a note first, the parameters cell fed by the setup."""
    notebook = with_badge(nbformat.read(lesson, as_version=4), lesson.name)
    setup = nbformat.v4.new_code_cell(setup_source(), id="colab-setup")
    note = nbformat.v4.new_markdown_cell(_note(lesson.name), id="colab-note")
    cells = [_fed_by_setup(cell, lesson.name) if _is_parameters(cell) else cell for cell in notebook.cells]
    notebook.cells = [setup, note, *cells]
    notebook.metadata["colab"] = {"name": lesson.name, "provenance": [], "gpuType": "T4"}
    notebook.metadata["accelerator"] = "GPU"
    return notebook


def with_badge(notebook: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """`notebook` whose first (markdown) cell opens with the current badge of colab/`name`, replacing an older one."""
    first = notebook.cells[0]
    if first.cell_type != "markdown":
        raise ConfigError(f"{name} harus dibuka dengan sel markdown (judul), tempat badge Colab")
    first.source = f"{badge(name)}\n\n{BADGE_LINE.sub('', first.source, count=1)}"
    return notebook


def render(notebook: nbformat.NotebookNode) -> str:
    """A notebook as the exact text written to disk."""
    return nbformat.writes(notebook) + "\n"


def readme_badges(lessons: list[Path]) -> str:
    """The README's table of badges, between its markers."""
    rows = [f"| `{path.stem}` | {badge(path.name)} |" for path in lessons]
    return "\n".join([BADGES_START, "| notebook | Colab |", "|---|---|", *rows, BADGES_END])


def out_of_sync(folder: Path | None = None, readme: Path | None = None) -> list[str]:
    """Names of the generated files that differ from what `generate` would write (empty when in sync)."""
    folder, readme = folder or COLAB_DIR, readme or README
    lessons = _lessons()
    stale = [path.name for path in lessons
             if not (folder / path.name).exists()
             or (folder / path.name).read_text(encoding="utf-8") != render(variant(path))]
    stale += sorted(path.name for path in folder.glob("*.ipynb") if path.name not in {p.name for p in lessons})
    stale += [f"notebooks/{path.name}" for path in lessons if path.read_text(encoding="utf-8") != _badged(path)]
    text = readme.read_text(encoding="utf-8")
    if text != _with_badges(text, lessons):
        stale.append(readme.name)
    return stale


def write_notebooks(folder: Path | None = None, readme: Path | None = None) -> list[Path]:
    """Write every Colab variant (atomically), drop those without a lesson, refresh the badges of lessons and README."""
    folder, readme = folder or COLAB_DIR, readme or README
    lessons = _lessons()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in lessons:
        badged = _badged(lesson)
        if lesson.read_text(encoding="utf-8") != badged:
            with atomic_path(lesson) as temporary:
                temporary.write_text(badged, encoding="utf-8")
        with atomic_path(folder / lesson.name) as temporary:
            temporary.write_text(render(variant(lesson)), encoding="utf-8")
        written.append(folder / lesson.name)
    for orphan in set(folder.glob("*.ipynb")) - set(written):
        orphan.unlink()
    text = readme.read_text(encoding="utf-8")
    with atomic_path(readme) as temporary:
        temporary.write_text(_with_badges(text, lessons), encoding="utf-8")
    return written


def _lessons() -> list[Path]:
    """The lessons the variants are made from (imported late: the runner imports papermill)."""
    from olmo_id import runner

    return runner.notebooks(runner.NOTEBOOKS_DIR)


def _badged(lesson: Path) -> str:
    """The lesson's text with the current badge at the top of its first cell."""
    return render(with_badge(nbformat.read(lesson, as_version=4), lesson.name))


def _note(name: str) -> str:
    """The cell under the setup: what to do before running anything."""
    return (
        f"*Versi Colab dari `notebooks/{name}`, dibuat otomatis oleh `make colab`.* Sebelum mulai, pilih "
        "**Runtime > Change runtime type > T4 GPU**, lalu jalankan sel di atas. Sel itu memasang kursus, "
        "memilih profil menurut GPU, dan (bila `USE_DRIVE` dicentang) menghubungkan Google Drive lalu mengisi "
        f"`out_dir` dengan `{DRIVE_FOLDER}/{RUN_FOLDER}`, sehingga notebook berikutnya dan pelatihan yang terputus "
        "bisa melanjutkan dari sana. Kamu tidak perlu menghubungkan Drive atau mengubah `out_dir` sendiri. "
        "Token bersifat opsional dan dibaca dari Colab Secrets (ikon kunci di kiri): `HF_TOKEN` untuk Hugging Face "
        "Hub, `WANDB_API_KEY` untuk Weights & Biases. Tanpa token, tidak ada yang menunggu jawabanmu."
    )


def _is_parameters(cell: nbformat.NotebookNode) -> bool:
    """Whether `cell` is papermill's parameters cell."""
    return "parameters" in cell.metadata.get("tags", [])


def _fed_by_setup(cell: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The parameters cell with `profile` and `out_dir` taken from the setup cell's choice."""
    source = cell.source
    for key in ("profile", "out_dir"):
        source, count = re.subn(rf"^{key} = .*$", f"{key} = colab.{key}", source, count=1, flags=re.MULTILINE)
        if count != 1:
            raise ConfigError(f"sel parameters di {name} tidak punya baris `{key} = ...`; Colab butuh keduanya")
    fed = nbformat.from_dict(dict(cell))
    fed.source = source
    return fed


def _with_badges(text: str, lessons: list[Path]) -> str:
    """`text` with the block between the badge markers replaced by the current badges."""
    pattern = re.compile(re.escape(BADGES_START) + ".*?" + re.escape(BADGES_END), flags=re.DOTALL)
    if not pattern.search(text):
        raise ConfigError(f"README tidak punya penanda {BADGES_START} … {BADGES_END} untuk tabel badge Colab")
    return pattern.sub(lambda _: readme_badges(lessons), text, count=1)


def _pick_profile() -> str:
    """'t4' or 'a100' by the GPU, else 'cpu' (SmolLM2-135M, real weights) with a hint on how to get a GPU."""
    try:
        return config.load("auto").profile
    except NoGpuError:
        print("Tidak ada GPU: kursus berjalan dengan profil 'cpu' (SmolLM2-135M, model kecil sungguhan, ±30 menit "
              "untuk kelima notebook). Untuk OLMo-1B pilih Runtime > Change runtime type > T4 GPU, lalu jalankan sel "
              "ini lagi.")
        return "cpu"


def _run_folder(use_drive: bool, out_dir: str) -> str:
    """The run folder: on Google Drive when asked and allowed (it survives a disconnect), else on the runtime's disk."""
    if not use_drive:
        print("USE_DRIVE mati: hasil disimpan di runtime ini saja dan hilang bila runtime berhenti.")
        return out_dir
    from google.colab import drive

    try:
        drive.mount(DRIVE_ROOT)
    except Exception as error:  # noqa: BLE001 - Colab raises its own types when access is refused
        print(f"Google Drive tidak tersambung ({error}); hasil disimpan di runtime ini saja.")
        return out_dir
    return f"{DRIVE_FOLDER}/{out_dir}"


def _export_secrets() -> None:
    """Copy HF_TOKEN / WANDB_API_KEY from Colab Secrets into the environment, saying only whether each is there."""
    for name in SECRET_NAMES:
        value = credentials.get(name)
        if value:
            os.environ[name] = value
        print(f"{name}: {'ada' if value else 'tidak ada (opsional)'}")


def main(argv: list[str] | None = None) -> int:
    """Regenerate colab/ and the README badges, or with --check list what is out of date (exit 1)."""
    parser = argparse.ArgumentParser(prog="python -m olmo_id.colab", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that `make colab` would change")
    if parser.parse_args(argv).check:
        stale = out_of_sync()
        print("colab/ sinkron dengan notebooks/" if not stale else f"perlu `make colab`: {', '.join(stale)}")
        return 1 if stale else 0
    for path in write_notebooks():
        print(path.relative_to(config.REPO_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
