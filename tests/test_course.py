"""The headless course: papermill runs every notebook in order and stops loudly at a broken cell."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from olmo_id import cli, config, runner, training
from olmo_id.errors import ConfigError, CourseError

REFERENCES = Path(__file__).parent / "references"  # the real lessons executed by `make references`


def _images(cells: list) -> int:
    """How many PNG figures the cells' outputs hold."""
    return sum("image/png" in output.get("data", {}) for cell in cells for output in cell.get("outputs", []))


def test_the_sampling_lesson_really_draws_its_distribution_plots() -> None:
    assert _images(nbformat.read(REFERENCES / "01_sampling.ipynb", as_version=4).cells) >= 3


def test_the_clustering_lesson_really_draws_the_elbow_plot() -> None:
    cells = nbformat.read(REFERENCES / "02_clustering.ipynb", as_version=4).cells
    assert _images([next(cell for cell in cells if "choose_k(" in cell.source)]) >= 1


def test_the_smoke_course_selects_n_samples_of_its_candidates_and_trains_on_exactly_those(smoke_run: Path) -> None:
    cfg = config.load("smoke")
    candidates = pd.read_parquet(smoke_run / "candidates.parquet")
    clustered = pd.read_parquet(smoke_run / "clustered.parquet")
    assert len(candidates) == len(clustered) == cfg.pool_size
    assert clustered["selected"].sum() == cfg.n_samples and clustered["cluster"].notna().all()
    adapter = training.newest_adapter(smoke_run / "training")
    assert adapter.parent.name.startswith(training.RUN_PREFIX), "lesson 03 trains in a run folder of its settings"
    card = json.loads((adapter / "run_card.json").read_text(encoding="utf-8"))
    assert card["parameters"]["seed"] == cfg.seed
    assert card["data"]["train_rows"] + card["data"]["eval_rows"] == cfg.n_samples
    assert card["result"]["eval_loss"] < card["result"]["first_eval_loss"], "the tiny model's loss must fall"


def _notebook(path: Path, *sources: str) -> None:
    """Write a notebook whose first cell is a papermill parameters cell."""
    cells = [new_code_cell(source) for source in sources]
    cells[0].metadata["tags"] = ["parameters"]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


@pytest.fixture
def broken_course(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_ok.ipynb", 'profile = "auto"\nout_dir = "."', "print('baik')")
    _notebook(folder / "02_rusak.ipynb", 'profile = "auto"\nout_dir = "."', "x = 1", "raise ValueError('angka salah')")
    _notebook(folder / "03_tidak_sampai.ipynb", 'profile = "auto"\nout_dir = "."', "print('tidak boleh jalan')")
    return folder


def test_a_failing_cell_stops_the_course_naming_notebook_and_cell(tmp_path: Path, broken_course: Path) -> None:
    out = tmp_path / "run"
    with pytest.raises(CourseError) as error:
        runner.run_course("smoke", out, folder=broken_course, progress=False)
    message = str(error.value)
    # Cell [4]: papermill's injected-parameters cell runs second.
    assert "02_rusak.ipynb" in message and "sel [4] `raise ValueError('angka salah')`" in message
    assert "ValueError: angka salah" in message
    assert (out / "01_ok.ipynb").exists() and (out / "02_rusak.ipynb").exists()
    assert not (out / "03_tidak_sampai.ipynb").exists()


def test_the_cli_exits_non_zero_with_one_line_on_a_failing_cell(tmp_path: Path, broken_course: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", broken_course)
    status = cli.main(["course", "--profile", "smoke", "--out", str(tmp_path / "run")])
    stderr = capsys.readouterr().err
    assert status == 1
    lines = [line for line in stderr.splitlines() if line.startswith("olmo-id:")]
    assert len(lines) == 1 and "02_rusak.ipynb" in lines[0]


def test_later_notebooks_are_picked_up_by_their_number(tmp_path: Path) -> None:
    for name in ("02_b.ipynb", "01_a.ipynb", "10_z.ipynb", "notes.ipynb", "1_x.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in runner.notebooks(tmp_path)] == ["01_a.ipynb", "02_b.ipynb", "10_z.ipynb"]


def test_only_declared_parameters_are_injected(tmp_path: Path) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    _notebook(folder / "01_a.ipynb", 'profile = "auto"\nout_dir = "."\nseed = 1', "assert seed == 9, seed")
    _notebook(folder / "02_b.ipynb", 'profile = "auto"\nout_dir = "."', "assert 'seed' not in dir()")
    runner.run_course("smoke", tmp_path / "run", {"seed": "9"}, folder=folder, progress=False)
    record = json.loads((tmp_path / "run" / "course.json").read_text(encoding="utf-8"))
    assert record["parameters"] == {"seed": 9, "out_dir": str((tmp_path / "run").resolve())}


@pytest.fixture
def small_course(tmp_path: Path) -> Path:
    """Three quick lessons; 02 and 03 read what the lesson before them wrote, like the real course."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_a.ipynb", 'profile = "auto"\nout_dir = "."',
              "open('candidates.parquet', 'w').write('01')")
    _notebook(folder / "02_b.ipynb", 'profile = "auto"\nout_dir = "."',
              "open('clustered.parquet', 'w').write(open('candidates.parquet').read() + '02')")
    _notebook(folder / "03_c.ipynb", 'profile = "auto"\nout_dir = "."',
              "print(open('clustered.parquet').read())")
    return folder


def test_only_and_from_choose_lessons_by_number(small_course: Path) -> None:
    lessons = runner.notebooks(small_course)
    assert [p.name for p in runner.choose_lessons(lessons, only=["3", "01"])] == ["01_a.ipynb", "03_c.ipynb"]
    assert [p.name for p in runner.choose_lessons(lessons, start="02")] == ["02_b.ipynb", "03_c.ipynb"]
    assert runner.choose_lessons(lessons) == lessons
    with pytest.raises(ConfigError, match="nomor 07 tidak ada; yang ada: 01, 02, 03"):
        runner.choose_lessons(lessons, start="07")


def test_from_refuses_to_start_without_the_earlier_lessons_outputs(tmp_path: Path, small_course: Path) -> None:
    out = tmp_path / "run"
    with pytest.raises(ConfigError, match="butuh candidates.parquet dari notebook 01"):
        runner.run_course("smoke", out, folder=small_course, progress=False, start="02")
    assert not out.exists(), "nothing may run or be written before the check"
    runner.run_course("smoke", out, folder=small_course, progress=False, only=["01"])
    runs = runner.run_course("smoke", out, folder=small_course, progress=False, start="02")
    assert [run.name for run in runs] == ["02_b.ipynb", "03_c.ipynb"]
    assert (out / "clustered.parquet").read_text() == "0102"


def test_the_cli_prints_a_timing_table_and_records_it(tmp_path: Path, small_course: Path,
                                                       monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", small_course)
    out = tmp_path / "run"
    assert cli.main(["course", "--profile", "smoke", "--out", str(out), "--only", "01,02"]) == 0
    stdout = capsys.readouterr().out
    assert [line for line in stdout.splitlines() if line.startswith("[")] == ["[1/2] 01_a.ipynb", "[2/2] 02_b.ipynb"]
    table = stdout[stdout.index("notebook "):].splitlines()
    assert [line.split()[0] for line in table[:4]] == ["notebook", "01_a.ipynb", "02_b.ipynb", "total"]
    record = json.loads((out / "course.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in record["notebooks"]] == ["01_a.ipynb", "02_b.ipynb"]
    assert record["profile"] == "smoke" and record["seconds"] > 0
    assert all(entry["cpu_seconds"] >= 0 for entry in record["notebooks"])
    assert cli.main(["course", "--profile", "smoke", "--out", str(out), "--only", "9"]) == 2
    assert "notebook nomor 9 tidak ada" in capsys.readouterr().err


def test_course_json_keeps_the_timings_of_earlier_runs_in_lesson_order(tmp_path: Path, small_course: Path) -> None:
    out = tmp_path / "run"
    runner.run_course("smoke", out, folder=small_course, progress=False, only=["02", "01"])
    runner.run_course("smoke", out, folder=small_course, progress=False, only=["03"])
    first = json.loads((out / "course.json").read_text(encoding="utf-8"))
    runner.run_course("smoke", out, folder=small_course, progress=False, only=["01"])
    record = json.loads((out / "course.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in record["notebooks"]] == ["01_a.ipynb", "02_b.ipynb", "03_c.ipynb"]
    assert record["notebooks"][1:] == first["notebooks"][1:], "lessons not run again keep their timings"
    assert record["seconds"] == pytest.approx(sum(entry["seconds"] for entry in record["notebooks"]), abs=0.2)


def test_an_unreadable_course_json_is_replaced(tmp_path: Path, small_course: Path) -> None:
    out = tmp_path / "run"
    out.mkdir()
    (out / "course.json").write_text('{"notebooks": [', encoding="utf-8")
    runner.run_course("smoke", out, folder=small_course, progress=False, only=["01"])
    record = json.loads((out / "course.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in record["notebooks"]] == ["01_a.ipynb"]
    assert [path.name for path in out.iterdir() if "course" in path.name] == ["course.json"]


def test_ctrl_c_stops_the_course_with_one_line_and_status_130(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_a.ipynb", 'profile = "auto"\nout_dir = "."', "print('cepat')")
    _notebook(folder / "02_b.ipynb", 'profile = "auto"\nout_dir = "."', "import time\ntime.sleep(120)")
    out = tmp_path / "run"
    script = ("import sys; from pathlib import Path; from olmo_id import cli, runner; "
              f"runner.NOTEBOOKS_DIR = Path({str(folder)!r}); "
              f"sys.exit(cli.main(['course', '--profile', 'smoke', '--out', {str(out)!r}]))")
    course = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not (out / "course.json").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(4)  # the second lesson's kernel starts and runs its cell
    os.killpg(course.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = course.communicate(timeout=60)
    assert course.returncode == 130
    assert stderr.strip().splitlines() == [f"olmo-id: dihentikan; notebook yang sudah selesai ada di {out} "
                                           "(lihat course.json)"]


def test_a_dying_kernel_stops_the_course_in_one_line_and_its_last_words_go_to_kernel_log(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01_a.ipynb", 'profile = "auto"\nout_dir = "."',
              "import os, sys\nprint('kata terakhir', file=sys.__stderr__, flush=True)\nos._exit(9)")
    out = tmp_path / "run"
    with pytest.raises(CourseError, match="kernel 01_a.ipynb mati") as error:
        runner.run_course("smoke", out, folder=folder, progress=False)
    assert "\n" not in str(error.value) and "kernel.log" in str(error.value)
    assert "kata terakhir" in (out / "kernel.log").read_text(encoding="utf-8")


def _kernels_of_this_process() -> list[int]:
    """Pids of live ipykernel processes started by this test process."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        parent = next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:"))
        if int(parent) == os.getpid() and b"ipykernel" in command and "\tZ" not in status:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_each_lessons_kernel_is_stopped_when_the_lesson_ends_and_its_cpu_time_counted(tmp_path: Path,
                                                                                     small_course: Path) -> None:
    _notebook(small_course / "04_d.ipynb", 'profile = "auto"\nout_dir = "."',
              "sum(i * i for i in range(3_000_000))")  # some CPU time the timing table must see
    runs = runner.run_course("smoke", tmp_path / "run", folder=small_course, progress=False)
    assert _kernels_of_this_process() == [], "a lesson's kernel (and the model it loaded) outlived its lesson"
    assert runs[-1].cpu_seconds > 0.1
