"""Profiles and overrides: one vocabulary for notebooks, the CLI and Python."""

from __future__ import annotations

import typing

import pytest
from transformers.trainer_utils import SchedulerType

from olmo_id import config, hardware
from olmo_id.errors import ConfigError, NoGpuError


def test_every_profile_loads_with_its_precision() -> None:
    assert config.load("smoke").precision == "fp32"
    assert config.load("t4").precision == "fp16"
    assert config.load("a100").precision == "bf16"


def test_smoke_profile_reads_the_shipped_fixture_offline() -> None:
    cfg = config.load("smoke")
    assert cfg.source == str(config.FIXTURE) and config.FIXTURE.is_file()


def test_the_cpu_profile_teaches_real_smollm2_weights_on_the_fixture_without_a_gpu(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hardware, "gpu_capability", lambda: None)
    cfg = config.load("cpu")
    assert (cfg.source, cfg.model_id, cfg.precision) == (str(config.FIXTURE), config.SMOLLM_HUB_ID, "fp32")
    hardware.require_gpu("cpu")  # a CPU profile: no GPU needed
    with pytest.raises(NoGpuError, match="'cpu'"):
        hardware.require_gpu("t4")


def test_gpu_profiles_use_cendol_and_olmo_from_the_hub() -> None:
    cfg = config.load("t4")
    assert (cfg.source, cfg.model_id, cfg.n_samples) == ("indonlp/cendol_collection_v2", "allenai/OLMo-1B-hf", 10_000)


def test_every_tutorial_constant_is_a_field() -> None:
    cfg = config.load("t4")
    assert (cfg.lora_r, cfg.lora_alpha, cfg.lora_dropout) == (8, 32, 0.05)
    assert (cfg.learning_rate, cfg.batch_size, cfg.max_length) == (2e-4, 8, 512)
    assert config.load("a100").epochs == config.load("t4", epochs=3).epochs == 3.0  # t4 trains 1 epoch by default
    assert (cfg.lr_scheduler, cfg.warmup_ratio, cfg.k_min, cfg.k_max) == ("cosine", 0.03, 2, 15)
    assert (cfg.ngram_max, cfg.max_new_tokens, cfg.repetition_penalty) == (2, 300, 1.1)
    assert config.load("t4", tfidf_max_features=100).tfidf_max_features == 100  # the tutorial's value, by name


def test_the_t4_default_trains_at_most_1200_steps_and_the_tutorials_three_epochs_are_one_parameter_away() -> None:
    from olmo_id.training import planned_steps

    t4 = config.load("t4")
    assert (t4.n_samples, t4.eval_fraction, t4.batch_size, t4.max_length, t4.epochs) == (10_000, 0.05, 8, 512, 1.0)
    assert planned_steps(t4) == 1_188 <= 1_200  # 9,500 train rows / batch 8, one epoch
    assert planned_steps(config.load("t4", epochs=3)) == planned_steps(config.load("a100")) == 3 * 1_188


def test_string_overrides_are_typed_like_the_field() -> None:
    cfg = config.load("smoke", seed="7", n_samples="150", subsets="wikihow, dolly", lora_dropout="0.1",
                      gradient_checkpointing="ya")
    assert (cfg.seed, cfg.n_samples, cfg.subsets) == (7, 150, ("wikihow", "dolly"))
    assert (cfg.lora_dropout, cfg.gradient_checkpointing) == (0.1, True)


def test_none_keeps_the_profile_value() -> None:
    assert config.load("smoke", n_samples=None).n_samples == config.PROFILES["smoke"]["n_samples"]


def test_unknown_parameter_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="n_sample' tidak dikenal.*n_samples"):
        config.load("smoke", n_sample=5)


def test_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="smoke, cpu, t4, a100, auto"):
        config.load("colab")


@pytest.mark.parametrize(("key", "value"),
                         [("seed", "tujuh"), ("n_samples", "1.5"), ("gradient_checkpointing", "mungkin")])
def test_a_value_of_the_wrong_type_is_an_error(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"^parameter '{key}' harus bertipe .*, bukan '{value}'$"):
        config.load("smoke", **{key: value})


@pytest.mark.parametrize(("key", "value", "message"), [
    ("k", 1, r"^k harus 0 \(otomatis\) atau minimal 2, bukan 1$"),
    ("k_min", 1, r"^rentang k harus 2 <= k_min <= k_max, bukan k_min=1, "),
    ("lora_dropout", 1.5, r"^lora_dropout harus di antara 0 dan 1, bukan 1.5$"),
    ("precision", "fp8", r"^precision harus fp32, fp16 atau bf16, bukan 'fp8'$"),
    ("subsets", "", r"^subsets kosong: sebutkan minimal satu subset"),
])
def test_a_value_out_of_range_is_an_error_naming_the_parameter_and_the_range(key: str, value: object,
                                                                             message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config.load("smoke", **{key: value})


def test_auto_without_a_gpu_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hardware, "gpu_capability", lambda: None)
    with pytest.raises(NoGpuError, match="'cpu' .*'smoke'"):
        config.load("auto")


@pytest.mark.parametrize(("capability", "profile"), [((7, 5), "t4"), ((8, 0), "a100"), ((9, 0), "a100")])
def test_auto_picks_bf16_only_from_compute_capability_8(monkeypatch: pytest.MonkeyPatch, capability: tuple,
                                                        profile: str) -> None:
    monkeypatch.setattr(hardware, "gpu_capability", lambda: capability)
    assert config.load("auto").profile == profile


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("OLMO_ID_CACHE", str(tmp_path))
    assert config.load("smoke").cache_path == tmp_path
    assert config.load("smoke", cache_dir=str(tmp_path / "x")).cache_path == tmp_path / "x"


@pytest.mark.parametrize("seed", ["-1", str(2**32)])
def test_a_seed_numpy_cannot_use_is_refused(seed: str) -> None:
    with pytest.raises(ConfigError, match=r"seed harus di antara 0 dan 4294967295"):
        config.load("smoke", seed=seed)


def test_both_ends_of_the_seed_range_are_accepted() -> None:
    assert (config.load("smoke", seed=0).seed, config.load("smoke", seed=2**32 - 1).seed) == (0, 2**32 - 1)


FLOAT_FIELDS = [name for name, kind in typing.get_type_hints(config.Config).items() if kind is float]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
@pytest.mark.parametrize("key", FLOAT_FIELDS)
def test_a_number_that_is_not_finite_is_refused_by_name(key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"^{key} harus angka biasa"):
        config.load("smoke", **{key: value})


def test_an_unknown_lr_scheduler_lists_the_accepted_ones() -> None:
    with pytest.raises(ConfigError, match="lr_scheduler harus salah satu dari linear, cosine,.*bukan 'bogus'"):
        config.load("smoke", lr_scheduler="bogus")


def test_every_accepted_lr_scheduler_is_one_transformers_knows() -> None:
    assert set(config.LR_SCHEDULERS) <= {kind.value for kind in SchedulerType}
    assert config.load("t4").lr_scheduler in config.LR_SCHEDULERS


@pytest.mark.parametrize("column", ["input", "output", "prompt_id"])
def test_stratifying_by_free_text_is_refused_naming_suitable_columns(column: str) -> None:
    with pytest.raises(ConfigError, match=f"stratify_by '{column}'.*template_name, subset_name, dataset_name"):
        config.load("smoke", stratify_by=column)
