"""The `olmo-id` command: what a user sees, the exit status, and the files left behind."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURE, row, selected_parquet, write_jsonl

from olmo_id import cli, config, errors, evaluation, hardware, inference, runner, training
from olmo_id.errors import EmptyDataError


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in this process; return (exit status, stdout, stderr)."""
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_sample_command_writes_the_requested_rows(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "x.parquet"
    status, stdout, _ = run(capsys, "sample", "--source", str(FIXTURE), "--n", "200", "--seed", "0", "--out", str(out))
    assert status == 0 and "Pool kandidat 200 baris" in stdout
    rows = pd.read_parquet(out)
    assert len(rows) == 200 and set(rows["subset_name"]) <= set(config.DEFAULT_SUBSETS)
    assert not rows.duplicated(["input", "output"]).any()


def test_same_command_twice_gives_identical_rows_and_another_seed_differs(tmp_path: Path, capsys) -> None:
    args = ["sample", "--source", str(FIXTURE), "--n", "200", "--no-cache"]
    for name, seed in (("a", "0"), ("b", "0"), ("c", "1")):
        assert run(capsys, *args, "--seed", seed, "--out", str(tmp_path / f"{name}.parquet"))[0] == 0
    a, b, c = (pd.read_parquet(tmp_path / f"{name}.parquet") for name in "abc")
    pd.testing.assert_frame_equal(a, b)
    assert set(a["prompt_id"]) != set(c["prompt_id"])


def test_subsets_flag_limits_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "two.parquet"
    status, _, _ = run(capsys, "sample", "--source", str(FIXTURE), "--n", "30", "--subsets", "wikihow,dolly",
                       "--out", str(out))
    assert status == 0 and set(pd.read_parquet(out)["subset_name"]) == {"wikihow", "dolly"}


def _missing_columns(tmp_path: Path) -> str:
    rows = [{k: v for k, v in row("dolly", "t", "a").items() if k != "output"}]
    return str(write_jsonl(tmp_path / "kolom.jsonl", rows))


def _all_empty(tmp_path: Path) -> str:
    return str(write_jsonl(tmp_path / "kosong.jsonl", [row("dolly", "t", f"a{i}", " ") for i in range(4)]))


def _truncated(tmp_path: Path) -> str:
    whole = tmp_path / "utuh.parquet"
    pd.read_json(FIXTURE, lines=True, dtype=str).to_parquet(whole)
    cut = tmp_path / "potong.parquet"
    cut.write_bytes(whole.read_bytes()[:1000])
    return str(cut)


def _not_parquet(tmp_path: Path) -> str:
    fake = tmp_path / "bukan.parquet"
    shutil.copy(FIXTURE, fake)
    return str(fake)


BAD_INPUTS = {
    "missing column": (lambda p: ["--source", _missing_columns(p)], "tidak punya kolom output"),
    "all rows empty": (lambda p: ["--source", _all_empty(p), "--subsets", "dolly"], "kosong"),
    "unknown subset": (lambda p: ["--subsets", "dolly,jawa_kuno"], "yang ada: dolly"),
    "n negative": (lambda p: ["--n", "-3"], "--n harus 0 (seluruh pool) atau lebih, bukan -3"),
    "path missing": (lambda p: ["--source", str(p / "tidak_ada.jsonl")], "tidak ada"),
    "truncated parquet": (lambda p: ["--source", _truncated(p)], "tidak bisa dibaca sebagai parquet"),
    "not parquet": (lambda p: ["--source", _not_parquet(p)], "tidak bisa dibaca sebagai parquet"),
    "more rows than the pool": (lambda p: ["--n", "100000"], "turunkan pool_size"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_and_no_file(tmp_path: Path, capsys: pytest.CaptureFixture, case: str) -> None:
    make_args, expected = BAD_INPUTS[case]
    out = tmp_path / "out" / "hasil.parquet"
    argv = ["sample", "--source", str(FIXTURE), "--n", "50", *make_args(tmp_path), "--out", str(out)]
    status, stdout, stderr = run(capsys, *argv)
    assert status == 2
    assert expected in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert not out.exists() and not list(tmp_path.glob("out/.*tmp*"))


def test_an_unreadable_cache_exits_2_and_keeps_the_old_output(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "hasil.parquet"
    argv = ["sample", "--n", "40", "--cache-dir", str(tmp_path / "c"), "--out", str(out)]
    assert run(capsys, *argv)[0] == 0
    before = out.read_bytes()
    cached = next((tmp_path / "c" / "samples").glob("*.parquet"))
    cached.unlink()
    cached.mkdir()
    status, _, stderr = run(capsys, *argv)
    assert status == 2 and "cache" in stderr and len(stderr.strip().splitlines()) == 1
    assert out.read_bytes() == before


def test_the_installed_command_exits_2_on_bad_input(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("olmo-id")
    result = subprocess.run(
        [str(script), "sample", "--source", str(tmp_path / "x.jsonl"), "--n", "5",
         "--out", str(tmp_path / "o.parquet")],
        capture_output=True, text=True, env={**os.environ}, timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("olmo-id: galat:") and "Traceback" not in result.stderr


def test_course_rejects_an_unknown_parameter_before_running(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    status, _, stderr = run(capsys, "course", "--profile", "smoke", "--out", str(tmp_path), "-p", "n_sampel", "5")
    assert status == 2 and "n_sampel" in stderr and "n_samples" in stderr
    assert not list(tmp_path.iterdir())


def test_course_rejects_a_bad_value_before_running(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    status, _, stderr = run(capsys, "course", "--profile", "smoke", "--out", str(tmp_path), "-p", "n_samples", "-1")
    assert status == 2 and "n_samples" in stderr


def test_help_mentions_every_command(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    usage = capsys.readouterr().out
    assert all(name in usage for name in ("sample", "course"))


def one_line(status: int, stderr: str) -> str:
    """The message of a one-line exit 2, asserted to be exactly that."""
    assert status == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("olmo-id: galat: ") and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A sample, a clustered file and an adapter-like folder in one run folder, as a student would have them."""
    sample = tmp_path / "y.parquet"
    pd.read_json(FIXTURE, lines=True, dtype=str).head(120).to_parquet(sample, index=False)
    adapter = tmp_path / "t" / "adapter"
    adapter.mkdir(parents=True)
    for name in ("adapter_config.json", "run_card.json"):
        (adapter / name).write_text('{"profile": "smoke"}')
    return {"sample": sample, "clustered": selected_parquet(tmp_path / "cl.parquet", n_rows=80, n_selected=20),
            "adapter": adapter, "tmp": tmp_path}


OVERWRITES = {
    "sample over its source": (["sample", "--source", "{sample}", "--n", "50", "--out", "{sample}"], "sample",
                               "masukan"),
    "evaluate over its data": (["evaluate", "--adapter", "{adapter}", "--data", "{clustered}", "--out", "{clustered}"],
                               "clustered", "harus berakhiran .json"),
    "evaluate into the adapter": (["evaluate", "--adapter", "{adapter}", "--data", "{clustered}",
                                   "--out", "{adapter}/run_card.json"], "clustered", "run_card.json"),
    "cluster over its input": (["cluster", "--input", "{clustered}", "--out", "{clustered}", "--select", "5"],
                               "clustered", "masukan"),
    "sample over a clustered file": (["sample", "--source", str(FIXTURE), "--n", "20", "--out", "{clustered}"],
                                     "clustered", "kolom cluster/selected"),
    "train over its data": (["train", "--profile", "smoke", "--data", "{clustered}", "--out", "{clustered}"],
                            "clustered", "adalah berkas"),
    "train into the adapter": (["train", "--profile", "smoke", "--data", "{clustered}", "--out", "{adapter}"],
                               "clustered", "adapter"),
    "sample under /proc": (["sample", "--source", str(FIXTURE), "--n", "20", "--out", "/proc/olmo/s.parquet"],
                           "sample", "tidak bisa ditulis"),
    "train under /proc": (["train", "--profile", "smoke", "--data", "{clustered}", "--out", "/proc/olmo"],
                          "clustered", "tidak bisa ditulis"),
    "course under /proc": (["course", "--profile", "smoke", "--out", "/proc/olmo", "--only", "01"], "sample",
                           "tidak bisa ditulis"),
    "course into the lessons": (["course", "--profile", "smoke", "--out", "{lessons}", "--only", "01"], "sample",
                                "pelajaran"),
}


@pytest.mark.parametrize("case", OVERWRITES)
def test_no_output_ever_replaces_an_input_or_an_artefact(files: dict[str, Path], capsys, monkeypatch,
                                                         case: str) -> None:
    lessons = files["tmp"] / "lessons"
    shutil.copytree(runner.NOTEBOOKS_DIR, lessons)  # a copy: a failing test must not run into the real lessons
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", lessons)
    argv, kept, words = OVERWRITES[case]
    values = {name: str(path) for name, path in files.items()} | {"lessons": str(lessons)}
    before = {path: path.read_bytes() for path in files["tmp"].rglob("*") if path.is_file()}
    status, _, stderr = run(capsys, *[arg.format(**values) for arg in argv])
    assert words in one_line(status, stderr)
    assert {path: path.read_bytes() for path in files["tmp"].rglob("*") if path.is_file()} == before
    assert pd.read_parquet(files[kept]) is not None


def test_clustering_a_clustered_file_replaces_its_cluster_and_selected_columns(files: dict[str, Path], capsys) -> None:
    out = files["tmp"] / "cl2.parquet"
    status, _, stderr = run(capsys, "cluster", "--input", str(files["clustered"]), "--out", str(out),
                            "--select", "10", "--k", "3", "--seed", "0")
    assert status == 0, stderr
    again = pd.read_parquet(out)
    assert list(again.columns).count("cluster") == 1 and list(again.columns).count("selected") == 1
    assert again["selected"].sum() == 10 and again["cluster"].nunique() == 3


@pytest.mark.parametrize("argv, expected", [
    (["-p", "seed", "7", "--max-steps", "1"], {"seed": 7, "max_steps": 1}),
    (["-p", "max_steps", "1"], {"max_steps": 1}),
    (["-p", "max-steps", "2", "--max-steps", "2", "--seed", "3", "-p", "seed", "3"], {"max_steps": 2, "seed": 3}),
    (["-p", "save_steps", "5", "-p", "save_steps", "1"], {"save_steps": 1}),  # one spelling twice: the later counts
])
def test_train_takes_a_setting_from_p_or_from_its_flag(argv: list[str], expected: dict, files, monkeypatch,
                                                       capsys) -> None:
    seen = {}
    monkeypatch.setattr(training, "train", lambda cfg, data, out: seen.update(cfg=cfg))
    status, _, stderr = run(capsys, "train", "--profile", "smoke", "--data", str(files["clustered"]),
                            "--out", str(files["tmp"] / "run"), *argv)
    assert status == 0, stderr
    assert {key: getattr(seen["cfg"], key) for key in expected} == expected


@pytest.mark.parametrize("argv", [
    ["train", "--profile", "smoke", "--data", "{clustered}", "--out", "{tmp}/run", "-p", "seed", "7", "--seed", "8"],
    ["train", "--profile", "smoke", "--data", "{clustered}", "--out", "{tmp}/run", "-p", "max-steps", "1",
     "-p", "max_steps", "2"],
    ["train", "--profile", "smoke", "--data", "{clustered}", "--out", "{tmp}/run", "-p", "profile", "t4"],
    ["course", "--profile", "smoke", "--out", "{tmp}/run", "-p", "n-samples", "10", "-p", "n_samples", "20"],
    ["course", "--profile", "smoke", "--out", "{tmp}/run", "-p", "profile", "t4"],
])
def test_two_spellings_of_one_setting_that_disagree_are_one_line(argv: list[str], files, capsys) -> None:
    values = {name: str(path) for name, path in files.items()}
    status, _, stderr = run(capsys, *[arg.format(**values) for arg in argv])
    assert "dua kali" in one_line(status, stderr)
    assert not (files["tmp"] / "run").exists()


@pytest.mark.parametrize("argv, words", [
    (["sample", "--out", "x.parquet", "--bogus"], "--bogus"),
    (["sample"], "--out"),
    (["sample", "--n", "abc", "--out", "x.parquet"], "abc"),
    (["train", "--profile", "h100", "--data", "d", "--out", "o"], "h100"),
    (["terbang"], "terbang"),
    ([], "perintah"),
    (["evaluate", "--adapter", "a", "--out", "r.json"], "--data"),
    (["evaluate", "--adapter", "a", "--data", "d", "--held-out", "h", "--out", "r.json"], "--held-out"),
])
def test_a_mistyped_command_line_is_one_line_with_a_help_hint(argv: list[str], words: str, capsys) -> None:
    message = one_line(*run(capsys, *argv)[::2])
    assert words in message and "--help" in message


def test_a_gpu_profile_without_a_gpu_is_refused_before_the_course_starts(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(hardware, "gpu_capability", lambda: None)
    for profile in ("t4", "a100", "auto"):
        status, _, stderr = run(capsys, "course", "--profile", profile, "--out", str(tmp_path / "run"), "--only", "01")
        assert "GPU" in one_line(status, stderr)
    assert not (tmp_path / "run").exists()


def test_chat_refuses_one_long_message_and_goes_on(monkeypatch, capsys) -> None:
    class Session:
        """Answers every message but a long one, which it refuses like ChatSession does."""

        def __init__(self, tuned: object) -> None:
            self.asked: list[str] = []

        def stream(self, message: str):
            if len(message) > 20:
                raise errors.MessageTooLongError("pesan terlalu panjang: 900 token, batasnya 200; persingkat pesannya")
            self.asked.append(message)
            yield f" jawaban untuk {message}"

    monkeypatch.setattr(inference, "load_tuned", lambda adapter, max_new_tokens=None: None)
    monkeypatch.setattr(inference, "ChatSession", Session)
    monkeypatch.setattr("sys.stdin", io.StringIO("halo\n" + "panjang " * 50 + "\napa kabar\n"))
    status, stdout, stderr = run(capsys, "chat", "--adapter", "a")
    assert status == 0
    assert "jawaban untuk halo" in stdout and "jawaban untuk apa kabar" in stdout
    assert stderr.strip().splitlines() == ["olmo-id: galat: pesan terlalu panjang: 900 token, batasnya 200; "
                                           "persingkat pesannya"]


@pytest.mark.parametrize("flag, explicit", [("--data", False), ("--held-out", True)])
def test_evaluate_takes_a_held_out_file_or_the_training_data(flag: str, explicit: bool, files, monkeypatch,
                                                             capsys) -> None:
    calls = {}

    def held_out_rows(tuned, path, per_subset, seed, explicit=False):
        calls.update(path=path, per_subset=per_subset, seed=seed, explicit=explicit)
        raise EmptyDataError("berhenti di sini")

    monkeypatch.setattr(inference, "check_adapter",
                        lambda adapter: inference.CheckedAdapter(Path(adapter), config.load("smoke")))
    monkeypatch.setattr(evaluation, "held_out_rows", held_out_rows)
    status, _, stderr = run(capsys, "evaluate", "--adapter", str(files["adapter"]), flag, str(files["clustered"]),
                            "--out", str(files["tmp"] / "r.json"), "--per-subset", "2")
    assert "berhenti di sini" in one_line(status, stderr)
    assert calls == {"path": str(files["clustered"]), "per_subset": 2, "seed": 42, "explicit": explicit}


@pytest.mark.parametrize("argv", [
    ["sample", "--source", "", "--out", "x.parquet"],
    ["sample", "--source", "  ", "--out", "x.parquet"],
    ["cluster", "--input", "", "--out", "x.parquet"],
    ["generate", "--adapter", "", "--prompt", "halo"],
    ["evaluate", "--adapter", "a", "--held-out", "", "--out", "r.json"],
])
def test_an_empty_path_is_refused_not_read_as_the_current_folder(argv: list[str], tmp_path: Path, capsys,
                                                                 monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, *argv)
    assert status == 2 and "kosong" in err and len(err.strip().splitlines()) == 1, err
    assert list(tmp_path.iterdir()) == []


def test_the_course_folder_itself_is_not_a_run_folder(capsys) -> None:
    status, _, err = run(capsys, "course", "--profile", "smoke", "--out", str(config.REPO_ROOT))
    assert status == 2 and "pelajaran" in err and len(err.strip().splitlines()) == 1


def test_two_courses_into_one_folder_the_second_is_refused_at_once(tmp_path: Path, capsys) -> None:
    import json
    import socket

    from olmo_id import runner

    first = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # a first course, still running
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    lock = run_dir / f"{runner.LOCK}.lock"
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": first.pid, "started": 0, "token": "t"}))
    try:
        status, _, err = run(capsys, "course", "--profile", "smoke", "--out", str(run_dir), "--only", "01")
    finally:
        first.kill()
        first.wait()
    assert status == 2 and "sedang dipakai" in err and f"pid {first.pid}" in err and len(err.strip().splitlines()) == 1
    assert [path.name for path in run_dir.iterdir()] == [lock.name]
