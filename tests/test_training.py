"""LoRA training.

The loss falls, a killed run resumes to the same weights, wandb never prompts, bad input stops early.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from conftest import selected_parquet
from safetensors.torch import load_file

from olmo_id import cli, config, errors, hardware, training

# Small and quick: short rows, small batches, a checkpoint every 5 steps.
FAST = ("-p", "max_length", "64", "-p", "batch_size", "2", "-p", "save_steps", "5", "-p", "logging_steps", "5")
# One thread (identical arithmetic in every run) and no wandb settings unless a test adds them.
ENV = {**{key: value for key, value in os.environ.items() if not key.startswith("WANDB")},
       "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}


def train_command(data: Path, out: Path, *extra: str) -> list[str]:
    """The `olmo-id train` command line for the smoke profile."""
    return [sys.executable, "-m", "olmo_id.cli", "train", "--profile", "smoke", "--data", str(data), "--out", str(out),
            *FAST, *extra]


def adapter_weights(run: Path) -> dict[str, torch.Tensor]:
    """The final adapter tensors of a run folder."""
    return load_file(run / training.ADAPTER_DIR / "adapter_model.safetensors")


def run_card(run: Path) -> dict:
    """The run card of a finished run."""
    return json.loads((run / training.ADAPTER_DIR / training.RUN_CARD).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return selected_parquet(tmp_path_factory.mktemp("data") / "clustered.parquet", n_rows=60)


@pytest.fixture(scope="module")
def straight_run(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One uninterrupted 30-step run, the reference for the resume test."""
    out = tmp_path_factory.mktemp("straight") / "run"
    done = subprocess.run(train_command(data, out, "--max-steps", "30"), env=ENV, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (out / "output.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
    return out


def test_the_training_and_eval_loss_fall_on_the_tiny_model(straight_run: Path) -> None:
    result = run_card(straight_run)["result"]
    assert result["global_step"] == 30
    assert result["eval_loss"] < result["first_eval_loss"] - 0.05


def test_the_adapter_folder_holds_weights_tokenizer_and_a_complete_run_card(straight_run: Path, data: Path) -> None:
    folder = straight_run / training.ADAPTER_DIR
    for name in ("adapter_model.safetensors", "adapter_config.json", "tokenizer.json", training.EVAL_ROWS):
        assert (folder / name).is_file(), name
    card = run_card(straight_run)
    assert card["profile"] == "smoke" and card["parameters"]["max_length"] == 64
    assert set(config.field_names()) <= set(card["parameters"])
    assert card["data"]["sha256"] == training.sha256_file(data) and card["data"]["train_rows"] == 54
    assert card["versions"]["torch"] and card["versions"]["peft"] and card["versions"]["transformers"]
    assert not any(".tmp" in path.name for path in straight_run.iterdir())


def test_the_run_card_measures_the_sessions_time_answer_tokens_steps_and_no_gpu_memory_on_cpu(
        straight_run: Path) -> None:
    measured = run_card(straight_run)["measurements"]
    assert measured["device"] == "cpu" and measured["peak_gpu_memory_gib"] is None
    assert measured["optimizer_steps"] == measured["session_steps"] == 30
    assert 0 < measured["train_seconds"] <= measured["fit_seconds"]
    assert measured["answer_tokens"] > 0 and measured["answer_tokens_per_second"] > 0
    assert measured["seconds_per_step"] == pytest.approx(measured["train_seconds"] / 30, abs=1e-3)
    assert "terukur di cpu: 30 langkah" in (straight_run / "output.txt").read_text(encoding="utf-8")


def test_a_killed_run_resumes_at_its_checkpoint_and_ends_with_the_same_weights(data: Path, straight_run: Path,
                                                                              tmp_path: Path) -> None:
    out = tmp_path / "run"
    process = subprocess.Popen(train_command(data, out, "--max-steps", "30"), env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while training.latest_checkpoint(out) is None and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = training.latest_checkpoint(out)
    assert killed_at is not None and not (out / training.ADAPTER_DIR).exists()

    resumed = subprocess.run(train_command(data, out, "--max-steps", "30"), env=ENV, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert run_card(out)["result"]["resumed_from"].endswith(killed_at.name)
    assert run_card(out)["result"]["global_step"] == run_card(straight_run)["result"]["global_step"]
    measured = run_card(out)["measurements"]  # this session's figures: only the steps after the checkpoint
    assert measured["session_steps"] == 30 - int(killed_at.name.split("-")[1]) < measured["optimizer_steps"] == 30
    expected, got = adapter_weights(straight_run), adapter_weights(out)
    assert expected.keys() == got.keys()
    for name in expected:
        torch.testing.assert_close(got[name], expected[name], rtol=0, atol=1e-6, msg=name)


def test_a_resume_in_a_later_epoch_sees_the_same_batches(tmp_path: Path) -> None:
    data = selected_parquet(tmp_path / "clustered.parquet", n_rows=24)  # 22 train rows: 11 steps per epoch
    straight = tmp_path / "straight"
    args = ("-p", "epochs", "2", "-p", "save_total_limit", "10")
    subprocess.run(train_command(data, straight, *args), env=ENV, check=True, capture_output=True)
    planned = training.planned_steps(config.load("smoke", batch_size=2, epochs=2), train_rows=22)
    assert run_card(straight)["result"]["global_step"] == planned == 22
    steps = sorted(int(path.name.split("-")[1]) for path in straight.glob("checkpoint-*"))
    later = [step for step in steps if step > steps[-1] // 2 + 1]  # a checkpoint inside the second epoch
    resumed = tmp_path / "resumed"
    resumed.mkdir()
    shutil.copy(straight / training.RUN_IDENTITY, resumed)
    shutil.copytree(straight / f"checkpoint-{later[0]}", resumed / f"checkpoint-{later[0]}")
    subprocess.run(train_command(data, resumed, *args), env=ENV, check=True, capture_output=True)
    expected, got = adapter_weights(straight), adapter_weights(resumed)
    for name in expected:
        torch.testing.assert_close(got[name], expected[name], rtol=0, atol=1e-6, msg=name)


def test_without_a_wandb_key_nothing_reports_and_nothing_prompts(straight_run: Path, tmp_path: Path,
                                                                 monkeypatch) -> None:
    for name in ("WANDB_API_KEY", "WANDB_MODE", "WANDB_DISABLED"):
        monkeypatch.delenv(name, raising=False)
    assert not training.credentials.wandb_enabled()
    assert training.training_arguments(config.load("smoke"), tmp_path, False).report_to in ([], ["none"], "none")
    # The reference run had no key and no terminal to answer a prompt on (stdin closed), and it finished.
    assert not (straight_run / "wandb").exists()
    assert "wandb:" not in (straight_run / "output.txt").read_text(encoding="utf-8")


def test_wandb_offline_mode_writes_an_offline_run_folder(data: Path, tmp_path: Path) -> None:
    env = {**{key: value for key, value in ENV.items() if not key.startswith("WANDB")}, "WANDB_MODE": "offline"}
    done = subprocess.run(train_command(data, tmp_path / "run", "--max-steps", "1"), env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert list((tmp_path / "run" / "wandb").glob("offline-run-*"))


def _no_selected_column(tmp_path: Path) -> Path:
    path = selected_parquet(tmp_path / "c.parquet", n_rows=10)
    import pandas as pd

    pd.read_parquet(path).drop(columns="selected").to_parquet(path)
    return path


@pytest.mark.parametrize("case, make, words", [
    ("no selected column", _no_selected_column, "selected"),
    ("empty selection", lambda tmp: selected_parquet(tmp / "c.parquet", n_rows=10, n_selected=0), "terpilih"),
    ("missing file", lambda tmp: tmp / "nope.parquet", "notebook 02"),
])
def test_bad_training_data_gives_one_line_and_exit_2(case: str, make, words: str, tmp_path: Path, capsys) -> None:
    status = cli.main(["train", "--profile", "smoke", "--data", str(make(tmp_path)), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert status == 2 and words in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "run" / training.ADAPTER_DIR).exists()


def test_a_gpu_profile_without_a_gpu_says_what_to_do(data: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(hardware, "gpu_capability", lambda: None)
    status = cli.main(["train", "--profile", "t4", "--data", str(data), "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert status == 2 and "smoke" in err and len(err.strip().splitlines()) == 1


def test_one_stand_in_for_the_gpu_is_seen_by_every_stage(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(hardware, "gpu_capability", lambda: None)
    with pytest.raises(errors.NoGpuError, match="smoke"):
        config.load("auto")
    with pytest.raises(errors.NoGpuError, match="'t4'.*smoke"):
        training.modeling.load_base(config.load("t4"))
    assert training.training_arguments(config.load("smoke"), tmp_path, report_wandb=False).use_cpu
    monkeypatch.setattr(hardware, "gpu_capability", lambda: (8, 0))
    assert config.load("auto").profile == "a100"
    hardware.require_gpu("t4")  # a GPU is there: nothing to refuse


def test_another_runs_checkpoint_in_the_output_folder_is_refused(data: Path, straight_run: Path, tmp_path: Path,
                                                                capsys) -> None:
    out = tmp_path / "run"
    shutil.copytree(straight_run, out)
    status = cli.main(["train", "--profile", "smoke", "--data", str(data), "--out", str(out), *FAST,
                       "-p", "lora_r", "16"])
    err = capsys.readouterr().err
    assert status == 2 and "lora_r" in err and len(err.strip().splitlines()) == 1
    assert adapter_weights(out).keys() == adapter_weights(straight_run).keys()  # the old run is left untouched


def test_fp16_weights_get_fp32_adapters_so_the_loss_scaler_can_unscale_them() -> None:
    cfg = config.load("smoke", precision="fp16")
    model, params = training.modeling.add_lora(training.modeling.load_base(cfg), cfg)
    trainable = [p for p in model.parameters() if p.requires_grad]
    frozen = [p for p in model.parameters() if not p.requires_grad]
    assert trainable and all(p.dtype == torch.float32 for p in trainable)
    assert all(p.dtype == torch.float16 for p in frozen)
    assert params.trainable == sum(p.numel() for p in trainable) and 0 < params.fraction < 0.01


def test_the_adapter_zips_for_download(straight_run: Path, tmp_path: Path) -> None:
    import zipfile

    archive = training.zip_adapter(straight_run / training.ADAPTER_DIR)
    names = set(zipfile.ZipFile(archive).namelist())
    assert {"adapter_model.safetensors", "adapter_config.json", training.RUN_CARD} <= names


def test_a_second_trainer_on_the_same_folder_is_refused_at_once(data: Path, tmp_path: Path) -> None:
    """While one run trains (a long one, stopped once the point is made), a second on its folder gets one line."""
    out = tmp_path / "run"
    first = subprocess.Popen(train_command(data, out, "--max-steps", "100000"), env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        lock = out / f"{training.LOCK}.lock"
        deadline = time.monotonic() + 120
        while not lock.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        second = subprocess.run(train_command(data, out, "--max-steps", "40"), env=ENV,
                                capture_output=True, text=True, timeout=120)
        assert first.poll() is None, "the first run ended before the second one started"
    finally:
        first.kill()
        first.wait(timeout=60)
    assert second.returncode == 2 and len(second.stderr.strip().splitlines()) == 1, second.stderr[-2000:]
    assert str(out) in second.stderr and f"pid {first.pid}" in second.stderr
    assert not (out / training.ADAPTER_DIR).exists(), "the refused run must not have written anything"


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path, capsys) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock = tmp_path / "x.lock"
    lock.write_text(json.dumps({"host": training.locking.socket.gethostname(), "pid": int(dead.stdout), "started": 0,
                                "token": "old"}), encoding="utf-8")
    with training.locking.hold(tmp_path, "x"):
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert "diambil alih" in capsys.readouterr().out and not lock.exists()


def test_a_lock_of_another_machine_counts_until_its_heartbeat_is_old(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    lock.write_text(json.dumps({"host": "colab-tab-2", "pid": os.getpid(), "started": 0, "token": "t"}),
                    encoding="utf-8")
    with pytest.raises(errors.FolderBusyError, match="colab-tab-2"), training.locking.hold(tmp_path, "x"):
        pass
    old = time.time() - training.locking.STALE_S - 1
    os.utime(lock, (old, old))
    with training.locking.hold(tmp_path, "x"):
        assert json.loads(lock.read_text(encoding="utf-8"))["host"] != "colab-tab-2"


def test_the_lock_is_reentrant_within_one_process(tmp_path: Path) -> None:
    with training.locking.hold(tmp_path, "x") as lock:
        with training.locking.hold(tmp_path, "x"):
            assert lock.exists()
        assert lock.exists()
    assert not lock.exists()


@pytest.mark.parametrize("damage", [*training.CHECKPOINT_FILES, training.STEP_LOSSES, "rng_state.pth",
                                    "training_args.bin"])
def test_a_checkpoint_counts_only_when_every_file_it_resumes_from_loads(damage: str, straight_run: Path,
                                                                        tmp_path: Path) -> None:
    checkpoint = tmp_path / "checkpoint-30"
    shutil.copytree(training.latest_checkpoint(straight_run), checkpoint)
    assert training.checkpoint_problem(checkpoint) is None
    (checkpoint / damage).write_bytes((checkpoint / damage).read_bytes()[:40])  # a kill in the middle of a save
    problem = training.checkpoint_problem(checkpoint)
    if damage == "training_args.bin":  # never read on resume
        assert problem is None
    else:
        assert problem is not None and problem.startswith(damage)
        (checkpoint / damage).unlink()  # optional files may be missing: a resume then goes without them
        assert (training.checkpoint_problem(checkpoint) is None) == (damage in ("rng_state.pth", training.STEP_LOSSES))


@pytest.mark.parametrize("damage", ["trainer_state.json", "adapter_model.safetensors", "missing"])
def test_a_damaged_newest_checkpoint_is_skipped_and_the_run_resumes_from_the_one_before(
        damage: str, data: Path, straight_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    shutil.copytree(straight_run, out)
    shutil.rmtree(out / training.ADAPTER_DIR)
    newest = training.latest_checkpoint(out)
    if damage == "missing":
        (newest / "optimizer.pt").unlink()
    else:
        (newest / damage).write_bytes((newest / damage).read_bytes()[:40])  # a kill in the middle of a save
    done = subprocess.run(train_command(data, out, "--max-steps", "30"), env=ENV, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    card = run_card(out)["result"]
    assert card["resumed_from"] != newest.name and card["skipped_checkpoints"][0].startswith(newest.name)
    assert newest.name in done.stdout and list(out.glob(f"{training.BROKEN_PREFIX}{newest.name}-*"))
    expected, got = adapter_weights(straight_run), adapter_weights(out)
    for name in expected:
        torch.testing.assert_close(got[name], expected[name], rtol=0, atol=1e-6, msg=name)
    assert card["train_loss"] == pytest.approx(run_card(straight_run)["result"]["train_loss"], abs=1e-6)


def test_a_resume_records_the_settings_in_effect_not_the_ones_asked_for(data: Path, straight_run: Path,
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "run"
    shutil.copytree(straight_run, out)
    done = subprocess.run(train_command(data, out, "--max-steps", "4", "-p", "learning_rate", "0.5"), env=ENV,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    card, before = run_card(out), run_card(straight_run)
    assert card["parameters"]["learning_rate"] == before["parameters"]["learning_rate"] != 0.5
    assert card["parameters"]["max_steps"] == 30 and card["result"]["global_step"] == 30
    assert "learning_rate" in done.stdout and "bukan 0.5" in done.stdout
    assert card["result"]["train_loss"] == pytest.approx(before["result"]["train_loss"], abs=1e-9)
    assert card["measurements"]["session_steps"] == 0 and card["measurements"]["answer_tokens_per_second"] is None


def test_the_whole_run_train_loss_matches_the_trainers_own_average(straight_run: Path) -> None:
    logged = (straight_run / "output.txt").read_text(encoding="utf-8")
    trainer_average = float(logged.split("'train_loss': '")[1].split("'")[0])
    assert run_card(straight_run)["result"]["train_loss"] == pytest.approx(trainer_average, abs=0.01)


def test_a_run_shorter_than_one_logging_window_writes_a_valid_run_card(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = subprocess.run(train_command(data, out, "--max-steps", "2"), env=ENV, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    text = (out / training.ADAPTER_DIR / training.RUN_CARD).read_text(encoding="utf-8")
    card = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the run card"))
    assert isinstance(card["result"]["train_loss"], float)


def test_the_run_card_names_no_local_path_and_the_adapter_lists_its_trained_pairs(straight_run: Path,
                                                                                  data: Path) -> None:
    text = (straight_run / training.ADAPTER_DIR / training.RUN_CARD).read_text(encoding="utf-8")
    for local in (str(training.config.REPO_ROOT), str(Path.home()), str(data.parent)):
        assert local not in text
    card = run_card(straight_run)
    assert card["parameters"]["source"] == "data/cendol_mini.jsonl"
    import pandas as pd

    pairs = pd.read_parquet(straight_run / training.ADAPTER_DIR / training.TRAINED_PAIRS)["pair"]
    rows = training.load_rows(data, training.config.load("smoke", max_length=64, batch_size=2))
    assert sorted(pairs) == sorted(training.pair_hashes(rows.train)) and len(pairs) == card["data"]["train_rows"]


@pytest.mark.parametrize("param, value, words", [
    ("lora_target_modules", "foo", "lora_target_modules foo"),
    ("model_id", "allenai/OLMo-1B-not-cached", "OLMo-1B-not-cached"),
    ("model_id", "/nowhere/model", "config.json"),
    ("model_id", "nowhere/deeper/model", "config.json"),  # not owner/name: a folder that is missing, not a Hub id
    ("max_length", "5000", "max_length 5000"),
])
def test_a_model_setting_that_cannot_work_is_refused_before_the_run_folder_exists(
        param: str, value: str, words: str, data: Path, tmp_path: Path, capsys) -> None:
    status = cli.main(["train", "--profile", "smoke", "--data", str(data), "--out", str(tmp_path / "run"),
                       "-p", param, value])
    err = capsys.readouterr().err
    assert status == 2 and words in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "run").exists()


def test_a_damaged_run_identity_is_one_line_not_a_traceback(data: Path, straight_run: Path, tmp_path: Path,
                                                            capsys) -> None:
    out = tmp_path / "run"
    shutil.copytree(straight_run, out)
    (out / training.RUN_IDENTITY).write_text('{"model_id": "tiny', encoding="utf-8")
    status = cli.main(["train", "--profile", "smoke", "--data", str(data), "--out", str(out), *FAST])
    err = capsys.readouterr().err
    assert status == 2 and training.RUN_IDENTITY in err and len(err.strip().splitlines()) == 1


def test_a_checkpoint_killed_before_its_step_losses_resumes_and_says_the_mean_is_unknown(
        data: Path, straight_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    shutil.copytree(straight_run, out)
    shutil.rmtree(out / training.ADAPTER_DIR)
    newest = training.latest_checkpoint(out)
    (newest / training.STEP_LOSSES).unlink()  # killed between the Trainer's save and ours
    done = subprocess.run(train_command(data, out, "--max-steps", "30"), env=ENV, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    card = run_card(out)["result"]
    assert card["resumed_from"] == newest.name and card["train_loss"] is None and card["global_step"] == 30


def test_an_empty_lock_file_from_a_kill_between_create_and_write_is_taken_over_once_old(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    lock.write_text("", encoding="utf-8")  # another process may be writing its record right now
    with pytest.raises(errors.FolderBusyError), training.locking.hold(tmp_path, "x"):
        pass
    old = time.time() - training.locking.EMPTY_GRACE_S - 1
    os.utime(lock, (old, old))
    with training.locking.hold(tmp_path, "x"):
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_planned_steps_count_batches_accumulation_and_epochs_as_the_trainer_does() -> None:
    cfg = config.load("smoke", batch_size=4, gradient_accumulation_steps=3, epochs=1.5)
    assert training.planned_steps(cfg, train_rows=50) == 8  # 13 batches -> 5 steps an epoch -> ceil(7.5)
    assert training.planned_steps(config.with_overrides(cfg, max_steps=7), train_rows=50) == 7
    held_out_tenth = config.load("smoke", n_samples=200, eval_fraction=0.1, batch_size=4, epochs=1)
    assert training.planned_steps(held_out_tenth) == 45  # 200 selected rows - 20 held out = 180, batch 4


def test_a_changed_setting_trains_in_a_new_run_folder_and_the_same_settings_find_their_own(data: Path) -> None:
    cfg = config.load("smoke")
    rows = training.load_rows(data, cfg)
    root = Path("course") / "training"
    first = training.run_dir(root, cfg, rows)
    assert first == training.run_dir(root, config.load("smoke"), training.load_rows(data, cfg))
    assert first.parent == root and first.name.startswith(training.RUN_PREFIX)
    changed = {training.run_dir(root, config.with_overrides(cfg, **{key: value}), rows)
               for key, value in [("lora_r", 4), ("max_length", 128), ("learning_rate", 1e-3), ("max_steps", 7),
                                  ("seed", 7), ("epochs", 2.0)]}
    assert len(changed) == 6 and first not in changed


def test_the_newest_adapter_of_a_training_folder_is_the_one_saved_last(straight_run: Path, tmp_path: Path) -> None:
    root = tmp_path / "training"
    for name in ("run-aaaaaaaa", "run-bbbbbbbb", "run-cccccccc"):
        shutil.copytree(straight_run / training.ADAPTER_DIR, root / name / training.ADAPTER_DIR)
    os.utime(root / "run-bbbbbbbb" / training.ADAPTER_DIR / training.RUN_CARD, ns=(time.time_ns() + 10**9,) * 2)
    assert training.newest_adapter(root) == root / "run-bbbbbbbb" / training.ADAPTER_DIR
    table = training.runs_table(root)
    assert table["run"].tolist()[-1] == "run-bbbbbbbb" and table["terbaru"].tolist() == [False, False, True]
    assert (table["langkah"] == 30).all() and (table["lora_r"] == config.load("smoke").lora_r).all()
    from olmo_id import inference

    assert inference.local_adapter(root) == root / "run-bbbbbbbb" / training.ADAPTER_DIR
    assert inference.local_adapter(straight_run) == straight_run / training.ADAPTER_DIR  # a CLI run folder
    with pytest.raises(errors.SourceError, match="latih dulu"):
        training.newest_adapter(tmp_path / "empty")


def test_lesson_03_rerun_with_a_changed_setting_in_the_same_folder_trains_a_new_run_and_keeps_the_old(
        smoke_run: Path, tmp_path: Path) -> None:
    from olmo_id import runner

    out = tmp_path / "course"
    shutil.copytree(smoke_run, out, ignore=shutil.ignore_patterns("*.ipynb", runner.RECORD))
    before = training.runs_table(out / "training")
    kept = training.newest_adapter(out / "training")
    weights = load_file(kept / "adapter_model.safetensors")
    runner.run_course("smoke", out, {"lora_r": "4", "max_length": "128", "max_steps": "3"}, progress=False, only=["03"])
    after = training.runs_table(out / "training")
    assert len(after) == len(before) + 1 and after["terbaru"].tolist()[-1]
    assert after.iloc[-1][["lora_r", "max_length", "max_steps", "langkah"]].tolist() == [4, 128, 3, 3]
    assert training.newest_adapter(out / "training") != kept
    for name, tensor in load_file(kept / "adapter_model.safetensors").items():
        assert torch.equal(tensor, weights[name]), "the earlier run's adapter is kept as it was"
