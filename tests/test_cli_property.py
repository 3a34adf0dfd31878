"""Whatever a student types, `olmo-id` answers with its work (exit 0) or one line (exit 2): never a traceback,
never a changed input.

Random and hostile arguments go to every sub-command in this process: negative, huge and nan numbers, empty
strings, missing paths, a folder where a file belongs and the other way round, paths under /proc (which even root
cannot write), the input as the output, unknown profiles and parameters. Notebook execution is replaced by a copy
(the course's argument handling is what is tested here; tests/test_course.py runs the notebooks).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURE, selected_parquet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from olmo_id import cli

EXAMPLES = settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.sampled_from(["0", "-1", "nan", "inf", "-inf", "1e309", "99999999999999999999", "", " ", "abc", "1.5"]),
    st.integers(-(2**70), 2**70).map(str),
)
SMALL = st.just("1") | st.sampled_from(["2", "0", "-3", "nan", "", "1e9"])  # where a valid value starts heavy work
PROFILES = st.just("smoke") | st.sampled_from(["t4", "a100", "auto", "h100", "", "SMOKE"])
KEYS = st.sampled_from(["seed", "max_steps", "max-steps", "lora_r", "learning_rate", "n_samples", "subsets", "profile",
                        "out_dir", "bogus", "", "k", "eval_fraction", "precision"])
INPUT_FLAGS = ("--source", "--input", "--data", "--held-out", "--adapter")
JUNK = st.sampled_from(["--bogus", "-p", "--", "ekstra", "--out", "-"])


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The inputs a student has (a sample, a clustered file, one tiny trained adapter) and hostile places."""
    root = tmp_path_factory.mktemp("property")
    sample = root / "sample.parquet"
    pd.read_json(FIXTURE, lines=True, dtype=str).head(120).to_parquet(sample, index=False)
    clustered = selected_parquet(root / "clustered.parquet", n_rows=80, n_selected=20)
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["train", "--profile", "smoke", "--data", str(clustered), "--out", str(root / "run"),
                         "--max-steps", "1"]) == 0
    (root / "folder.parquet").mkdir()
    return {
        "sample": str(sample), "clustered": str(clustered), "adapter": str(root / "run" / "adapter"),
        "run": str(root / "run"), "missing": str(root / "tidak_ada.parquet"), "folder": str(root / "folder.parquet"),
        "under_file": f"{sample}/x.parquet", "proc": "/proc/olmo/x.parquet", "proc_dir": "/proc/olmo", "empty": "",
        "out_parquet": str(root / "out" / "hasil.parquet"), "out_json": str(root / "out" / "hasil.json"),
        "out_dir": str(root / "out" / "run"), "card": str(root / "run" / "adapter" / "run_card.json"),
        "lessons": str(Path(cli.__file__).resolve().parent.parent / "notebooks"),
    }


@pytest.fixture(scope="module", autouse=True)
def no_notebooks_run(paths: dict[str, str]):
    """Replace notebook execution by a copy of the notebook, and work in the inputs' folder (as a student does)."""
    import papermill

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(papermill, "execute_notebook", lambda source, target, **kwargs: shutil.copy(source, target))
        patch.chdir(Path(paths["sample"]).parent)
        yield


def places(paths: dict[str, str], *names: str) -> st.SearchStrategy[str]:
    """One of the named paths (half the time) or any hostile one."""
    hostile = ("missing", "folder", "under_file", "proc", "proc_dir", "empty", "sample", "clustered", "adapter", "card")
    return st.sampled_from([paths[name] for name in names]) | st.sampled_from([paths[name] for name in hostile])


def fingerprint(argv: list[str], paths: dict[str, str]) -> dict[str, str]:
    """A digest of every file the command line names as an input and of the trained adapter; the lessons' names.

    (Only names for the lessons: the checkout's lessons may be edited while the tests run.)
    """
    named = [Path(argv[at + 1]) for at, word in enumerate(argv[:-1]) if word in INPUT_FLAGS and argv[at + 1]]
    folders = [path for path in named if path.is_dir()]
    files = [*named, *(file for path in folders for file in path.rglob("*")), *Path(paths["run"]).rglob("*")]
    digests = {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in files if path.is_file()}
    return digests | {str(path): "" for path in Path(paths["lessons"]).iterdir()}


def check(argv: list[str], paths: dict[str, str], stdin: str = "") -> None:
    """Run the CLI in this process: exit 0, or exit 2 with one line on stderr; inputs and lessons unchanged."""
    before = fingerprint(argv, paths)
    out, err = io.StringIO(), io.StringIO()
    stdin_was = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli.main(argv)
            except SystemExit as leaving:  # --help, -h
                status = leaving.code
    finally:
        sys.stdin = stdin_was
    lines = err.getvalue().strip().splitlines()
    assert status in (0, 2), f"{argv}: exit {status}\n{err.getvalue()[-2000:]}"
    if status == 2:
        assert len(lines) == 1 and lines[0].startswith("olmo-id: galat: "), f"{argv}:\n{err.getvalue()[-2000:]}"
    assert fingerprint(argv, paths) == before, f"{argv} changed an input, the adapter or a lesson"


def argv_of(data: st.DataObject, command: str, flags: dict[str, st.SearchStrategy[str]],
            required: tuple[str, ...]) -> list[str]:
    """A command line: each required flag nearly always given, the others sometimes, now and then -p and junk."""
    argv = [command]  # hypothesis favours small integers: 0 is the usual choice below
    for flag, values in flags.items():
        if data.draw(st.integers(0, 9)) < 9 if flag in required else data.draw(st.integers(0, 9)) >= 7:
            argv += [flag, data.draw(values)]
    if data.draw(st.integers(0, 3)) == 3:
        argv += ["-p", data.draw(KEYS), data.draw(NUMBERS | st.sampled_from(["smoke", "t4", "wikihow"]))]
    if data.draw(st.integers(0, 5)) == 5:
        argv.append(data.draw(JUNK))
    return argv


@EXAMPLES
@given(data=st.data())
def test_sample_never_crashes(paths: dict[str, str], data: st.DataObject) -> None:
    flags = {"--source": places(paths, "sample") | st.just(str(FIXTURE)), "--n": NUMBERS, "--seed": NUMBERS,
             "--out": places(paths, "out_parquet"), "--subsets": st.sampled_from(["dolly", "", ",", "jawa_kuno"]),
             "--stratify-by": st.sampled_from(["template_name", "", "input", "tidak_ada"]), "--profile": PROFILES}
    check(argv_of(data, "sample", flags, ("--source", "--out")), paths)


@EXAMPLES
@given(data=st.data())
def test_cluster_never_crashes(paths: dict[str, str], data: st.DataObject) -> None:
    flags = {"--input": places(paths, "sample"), "--out": places(paths, "out_parquet"),
             "--k": NUMBERS | st.just("auto"),
             "--select": NUMBERS, "--seed": NUMBERS, "--cluster-text": st.sampled_from(["input", "both", "x"]),
             "--profile": PROFILES}
    check(argv_of(data, "cluster", flags, ("--input", "--out")), paths)


@EXAMPLES
@given(data=st.data())
def test_train_never_crashes(paths: dict[str, str], data: st.DataObject) -> None:
    flags = {"--profile": PROFILES, "--data": places(paths, "clustered"), "--out": places(paths, "out_dir"),
             "--max-steps": SMALL, "--seed": NUMBERS}
    argv = argv_of(data, "train", flags, ("--profile", "--data", "--out", "--max-steps"))
    check(argv if "--max-steps" in argv else [*argv, "--max-steps", "1"], paths)


@EXAMPLES
@given(data=st.data())
def test_generate_never_crashes(paths: dict[str, str], data: st.DataObject) -> None:
    flags = {"--adapter": places(paths, "adapter", "run"),
             "--prompt": st.just("Halo") | st.sampled_from(["", " ", "x" * 5000]),
             "--max-new-tokens": SMALL}
    argv = argv_of(data, "generate", flags, ("--adapter", "--prompt", "--max-new-tokens"))
    check(argv if "--max-new-tokens" in argv else [*argv, "--max-new-tokens", "2"], paths)


@EXAMPLES
@given(data=st.data())
def test_chat_with_stdin_closed_never_crashes(paths: dict[str, str], data: st.DataObject) -> None:
    flags = {"--adapter": places(paths, "adapter", "run"), "--max-new-tokens": SMALL}
    check(argv_of(data, "chat", flags, ("--adapter",)), paths, stdin=data.draw(st.sampled_from(["", "/exit\n"])))


@EXAMPLES
@given(data=st.data())
def test_evaluate_never_crashes(paths: dict[str, str], data: st.DataObject) -> None:
    flags = {"--adapter": places(paths, "adapter", "run"), "--data": places(paths, "clustered"),
             "--held-out": places(paths, "sample"), "--out": places(paths, "out_json"), "--profile": PROFILES,
             "--per-subset": SMALL, "--max-new-tokens": SMALL}
    argv = argv_of(data, "evaluate", flags, ("--adapter", "--data", "--out"))
    for flag, small in (("--per-subset", "1"), ("--max-new-tokens", "2")):
        argv = argv if flag in argv else [*argv, flag, small]
    check(argv, paths)


@EXAMPLES
@given(data=st.data())
def test_course_never_crashes(paths: dict[str, str], data: st.DataObject) -> None:
    flags = {"--profile": PROFILES, "--out": places(paths, "out_dir", "lessons", "run"),
             "--only": st.sampled_from(["01", "3,4", "9", "", "x", "00"]), "--from": st.sampled_from(["02", "7", ""])}
    check(argv_of(data, "course", flags, ("--profile", "--out")), paths)
