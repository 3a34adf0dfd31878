"""The headless course: execute every numbered notebook in order with papermill, into one run folder."""

from __future__ import annotations

import ast
import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from olmo_id import config, hardware, locking, outputs
from olmo_id.errors import ConfigError, CourseError, first_line
from olmo_id.files import write_json_atomic

NOTEBOOKS_DIR = config.REPO_ROOT / "notebooks"
KERNEL = "python3"
LOCK = "olmo-id-course"  # the run folder's lock while a course runs in it (see olmo_id.locking)
CELL_TIMEOUT_S = 1800
RECORD = "course.json"
KERNEL_LOG = "kernel.log"  # the kernels' own stderr: start-up warnings, and their last words when one dies
# The files each lesson reads from the run folder, and the lesson that writes each one; nothing else is required
# (tests/test_chain.py holds this against the lessons' code). Checked before a run that skips earlier lessons.
# Optional: 04 shows lesson 03's base_answers.json when present, else asks the base model itself.
READS = {
    "02": {"candidates.parquet": "01"},
    "03": {"clustered.parquet": "02"},
    "04": {"training": "03"},
    "05": {"clustered.parquet": "02", "training": "03"},
}
PRODUCES = {number: name for reads in READS.values() for name, number in reads.items()}  # lesson -> what it leaves


@dataclass
class NotebookRun:
    """One executed notebook: where its executed copy is and how long it took."""

    name: str
    output: Path
    seconds: float
    cpu_seconds: float


def notebooks(folder: Path) -> list[Path]:
    """The course notebooks, `NN_name.ipynb`, in lesson order; new lessons are picked up by their number."""
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise ConfigError(f"tidak ada notebook NN_*.ipynb di {folder}")
    return found


def choose_lessons(lessons: list[Path], only: list[str] | None = None, start: str | None = None) -> list[Path]:
    """The lessons to run: all, those numbered in `only`, or every lesson from number `start` on."""
    numbers = [path.name[:2] for path in lessons]
    wanted = [*(only or []), *([start] if start else [])]
    unknown = [number for number in wanted if number.zfill(2) not in numbers]
    if unknown:
        raise ConfigError(f"notebook nomor {', '.join(unknown)} tidak ada; yang ada: {', '.join(numbers)}")
    if only:
        keep = {number.zfill(2) for number in only}
        return [path for path in lessons if path.name[:2] in keep]
    if start:
        return [path for path in lessons if path.name[:2] >= start.zfill(2)]
    return lessons


def check_inputs(chosen: list[Path], out_dir: Path) -> None:
    """Refuse, before anything runs, a lesson whose inputs neither an earlier run nor this run provides."""
    running = {path.name[:2] for path in chosen}
    for path in chosen:
        for name, number in READS.get(path.name[:2], {}).items():
            if number not in running and not (out_dir / name).exists():
                raise ConfigError(
                    f"{path.name} butuh {name} dari notebook {number}, tetapi belum ada di {out_dir}: "
                    f"jalankan dulu notebook {number} ke folder yang sama (mis. --from {number})"
                )


def run_course(profile: str, out: str | Path, params: dict[str, str] | None = None,
               folder: Path | None = None, progress: bool = True,
               only: list[str] | None = None, start: str | None = None) -> list[NotebookRun]:
    """Execute the chosen notebooks with `profile` and `params` injected; stop at the first failing cell (CourseError).

    Everything a student can get wrong (the run folder, the lessons, the parameters, a GPU profile without a GPU) is
    refused before anything runs. `course.json` in the run folder records the timings as each notebook finishes,
    keeping those of notebooks run earlier into the same folder.
    """
    import papermill as pm
    from nbclient.exceptions import DeadKernelError

    folder = folder or NOTEBOOKS_DIR
    outputs.check_folder(out, "course", [folder])
    out_dir = Path(out).expanduser().resolve()
    lessons = choose_lessons(notebooks(folder), only, start)
    declared = {path: set(pm.inspect_notebook(str(path))) for path in lessons}
    values = _typed_params(profile, dict(params or {}), set().union(*declared.values()))
    values.setdefault("out_dir", str(out_dir))
    artefacts = out_dir / str(values["out_dir"])  # a relative out_dir is relative to the run folder
    if artefacts != out_dir:
        outputs.check_folder(artefacts, "course", [folder])
    check_inputs(lessons, artefacts)
    # One course per folder: two would overwrite each other's lessons. papermill's own log lines (a failing cell, a
    # kernel that died on Ctrl-C) are silenced: each case already ends as one line of ours.
    with locking.hold(out_dir, LOCK), _silenced("papermill"):
        out_dir.mkdir(parents=True, exist_ok=True)
        earlier = _earlier_timings(out_dir / RECORD)
        runs: list[NotebookRun] = []
        _write_record(out_dir / RECORD, profile, values, earlier, runs)  # a course run folder from its first moment
        for number, path in enumerate(lessons, start=1):
            print(f"[{number}/{len(lessons)}] {path.name}", flush=True)
            target = out_dir / path.name
            injected = {key: value for key, value in values.items() if key in declared[path]}
            kernel = LoggedKernelManager(kernel_name=KERNEL, log_path=out_dir / KERNEL_LOG)
            start_wall, start_cpu = time.perf_counter(), _cpu_seconds()
            try:
                pm.execute_notebook(
                    str(path), str(target), parameters=injected, kernel_name=KERNEL, cwd=str(target.parent),
                    progress_bar={"desc": path.stem, "unit": "sel"} if progress else False,
                    execution_timeout=CELL_TIMEOUT_S, log_output=False, km=kernel,
                )
            except pm.PapermillExecutionError as error:
                raise CourseError(
                    f"{path.name} gagal di sel [{error.exec_count}] `{first_line(error.source)}` "
                    f"({error.ename}: {first_line(error.evalue)}); "
                    f"notebook yang sudah dijalankan ada di {target}"
                ) from None
            except DeadKernelError:
                raise CourseError(
                    f"kernel {path.name} mati di tengah jalan (kehabisan memori?); pesan terakhirnya ada di "
                    f"{out_dir / KERNEL_LOG}, notebook yang sudah dijalankan ada di {target}"
                ) from None
            except KeyboardInterrupt:
                # The interrupted notebook's pending asyncio tasks are abandoned on purpose; asyncio would log each
                # one's traceback when it is collected (Colab's nbclient on Python 3.13), after the caller's line.
                logging.getLogger("asyncio").disabled = True
                raise
            finally:
                kernel.stop()  # papermill leaves a kernel it did not create running: its model would stay in memory
            runs.append(NotebookRun(path.name, target, time.perf_counter() - start_wall, _cpu_seconds() - start_cpu))
            print(f"    selesai dalam {runs[-1].seconds:.1f} s -> {target}", flush=True)
            _write_record(out_dir / RECORD, profile, values, earlier, runs)
    return runs


@contextmanager
def _silenced(logger_name: str) -> Iterator[None]:
    """Run the block with the named logger off."""
    logger = logging.getLogger(logger_name)
    before, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = before


class LoggedKernelManager(AsyncKernelManager):
    """A kernel whose own stderr goes to a log file, so a stopped or dying kernel never prints into the terminal."""

    def __init__(self, log_path: Path, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.log_path = log_path

    # AsyncKernelManager itself replaces KernelManager's sync start_kernel with a coroutine (jupyter_client
    # ignores the same mismatch in its source); a coroutine is what its callers await.
    async def start_kernel(self, **kwargs: object) -> None:  # type: ignore[override]
        """Start the kernel with its stderr appended to `log_path`."""
        with open(self.log_path, "ab") as log:
            await super().start_kernel(stderr=log, **kwargs)

    def stop(self) -> None:
        """Shut the kernel down and reap its process (so its memory is freed and its CPU time counted)."""
        if run_sync(self.is_alive)():
            run_sync(self.shutdown_kernel)(now=False)


def timing_table(runs: list[NotebookRun]) -> str:
    """A plain-text table of wall and CPU seconds per notebook, with the total."""
    width = max([len("total"), *(len(run.name) for run in runs)])
    lines = [f"{'notebook':<{width}}  {'detik':>8}  {'detik CPU':>9}"]
    lines += [f"{run.name:<{width}}  {run.seconds:>8.1f}  {run.cpu_seconds:>9.1f}" for run in runs]
    lines.append(f"{'total':<{width}}  {sum(r.seconds for r in runs):>8.1f}  {sum(r.cpu_seconds for r in runs):>9.1f}")
    return "\n".join(lines)


def _cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (the notebook kernels), user + system."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _earlier_timings(path: Path) -> dict[str, dict[str, float]]:
    """Seconds per notebook from an earlier course.json in the run folder; none when it is missing or unreadable."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return {entry["name"]: {"seconds": float(entry["seconds"]), "cpu_seconds": float(entry["cpu_seconds"])}
                for entry in record["notebooks"]}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def _write_record(path: Path, profile: str, values: dict[str, object], earlier: dict[str, dict[str, float]],
                  runs: list[NotebookRun]) -> None:
    """Write this run's profile and parameters and every notebook's timing (earlier runs' too) atomically."""
    timings = earlier | {run.name: {"seconds": round(run.seconds, 1), "cpu_seconds": round(run.cpu_seconds, 1)}
                         for run in runs}
    record = {
        "profile": profile,
        "parameters": {key: value for key, value in values.items() if key != "profile"},
        "notebooks": [{"name": name, **timings[name]} for name in sorted(timings)],  # NN_ names: lesson order
        "seconds": round(sum(timing["seconds"] for timing in timings.values()), 1),
    }
    write_json_atomic(path, record)


def _typed_params(profile: str, params: dict[str, str], declared: set[str]) -> dict[str, object]:
    """Check every parameter against the notebooks and the profile before anything runs; return typed values."""
    unknown = sorted(set(params) - declared)
    if unknown:
        raise ConfigError(
            f"parameter {', '.join(unknown)} tidak dipakai notebook mana pun; "
            f"yang dikenal: {', '.join(sorted(declared))}"
        )
    fields = set(config.field_names())
    typed = {key: config.coerce(key, value) if key in fields else _literal(value) for key, value in params.items()}
    # Fail now, not in notebook 01, on a bad profile, a missing GPU or an out-of-range value.
    config.load(profile, **{key: value for key, value in typed.items() if key in fields})
    hardware.require_gpu(profile)
    typed = {key: ",".join(value) if isinstance(value, tuple) else value for key, value in typed.items()}
    return {"profile": profile, **typed}


def _literal(text: str) -> object:
    """A papermill value from the command line: a Python literal when it parses as one, else the text."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
