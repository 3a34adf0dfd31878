"""Talking to the tuned model: load base + adapter, chat with a real history, stream tokens as they come.

The tutorial accepted a chat history and ignored it, and "streamed" by printing a finished string one
character at a time. Here the history is rendered with the same chat template the model was trained on,
the oldest turns are dropped when the context is full, and `TextIteratorStreamer` hands out text while
`generate` is still running in a background thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from peft import PeftModel
from transformers import TextIteratorStreamer

from olmo_id import chat, config, modeling
from olmo_id.config import Config
from olmo_id import secrets
from olmo_id.errors import OlmoIdError, first_line

MACHINE_FIELDS = ("precision", "gradient_checkpointing", "batch_size")  # what a profile says about the hardware
STOP_STRINGS = ("\n" + chat.USER,)  # the model starting the next user turn itself: stop there


class AdapterError(OlmoIdError):
    """The adapter folder is missing, incomplete or made for another base model."""


@dataclass(frozen=True)
class Tuned:
    """A base model with its adapter, the tokenizer, and the settings the adapter was trained with."""

    model: Any
    tokenizer: Any
    cfg: Config


def local_adapter(adapter: str | Path) -> Path:
    """A local adapter folder as is; a Hub id (`user/name`) is downloaded first (HF_TOKEN for private repos)."""
    folder = Path(adapter).expanduser()
    if folder.exists() or str(adapter).startswith((".", "/", "~")) or str(adapter).count("/") != 1:
        return folder
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(str(adapter), token=secrets.get("HF_TOKEN")))
    except Exception as error:  # noqa: BLE001 - offline, missing repo or no access: all one message for the user
        raise AdapterError(f"adapter {adapter} tidak bisa diunduh dari Hub: {first_line(error)}") from None


def adapter_config(adapter_dir: str | Path) -> Config:
    """The Config an adapter was trained with (from its run card), or the profile defaults for its base model."""
    folder = Path(adapter_dir)
    settings = folder / "adapter_config.json"
    if not settings.is_file():
        raise AdapterError(f"{folder} tidak berisi adapter LoRA (adapter_config.json); beri folder adapter/ hasil notebook 03")
    base = json.loads(settings.read_text(encoding="utf-8")).get("base_model_name_or_path")
    card = folder / "run_card.json"
    if card.is_file():
        run = json.loads(card.read_text(encoding="utf-8"))
        known = set(config.field_names())
        params = {key: value for key, value in run["parameters"].items() if key in known}
        return config.load(run["profile"], **params)
    if not base:
        raise AdapterError(f"{folder}: adapter tidak menyebut model dasarnya dan tidak punya run_card.json")
    return config.load("smoke" if base == modeling.TINY_MODEL else _gpu_or_smoke(), model_id=base)


def load(adapter_dir: str | Path, base_model: str | None = None, merge: bool = False, profile: str | None = None,
         **overrides: Any) -> Tuned:
    """Base model + adapter ready for generation; `merge` folds the adapter into the weights (faster, same output).

    `profile` runs the adapter on another machine than it was trained on (e.g. a T4 adapter on an A100):
    precision and the other machine settings come from that profile, everything else from the run card.
    """
    adapter_dir = local_adapter(adapter_dir)
    cfg = adapter_config(adapter_dir)
    if profile:
        trained = {key: getattr(cfg, key) for key in config.field_names() if key not in MACHINE_FIELDS}
        cfg = config.load(profile, **trained)
    cfg = config.with_overrides(cfg, **overrides)
    if base_model and base_model != cfg.model_id:
        raise AdapterError(f"adapter ini dilatih untuk {cfg.model_id}, bukan {base_model}; pakai model dasar yang sama")
    tokenizer = modeling.load_tokenizer(cfg.model_id)
    base = modeling.load_base(cfg)
    try:
        model = PeftModel.from_pretrained(base, str(adapter_dir))
    except (RuntimeError, ValueError, KeyError) as error:
        raise AdapterError(f"adapter di {adapter_dir} tidak cocok dengan {cfg.model_id}: {first_line(error)}") from None
    if merge:
        model = model.merge_and_unload()
    model.to("cuda" if torch.cuda.is_available() else "cpu").eval()
    return Tuned(model, tokenizer, cfg)


def save_merged(tuned: Tuned, out_dir: str | Path) -> Path:
    """Save the merged model (adapter folded in) and its tokenizer as a plain transformers folder."""
    model = tuned.model.merge_and_unload() if isinstance(tuned.model, PeftModel) else tuned.model
    model.save_pretrained(out_dir)
    tuned.tokenizer.save_pretrained(out_dir)
    return Path(out_dir)


def generation_settings(cfg: Config, tokenizer: Any, greedy: bool = False) -> dict[str, Any]:
    """Keyword arguments for `generate` from the profile: sampling settings, EOS and the new-turn stop."""
    settings: dict[str, Any] = dict(
        max_new_tokens=cfg.max_new_tokens, repetition_penalty=cfg.repetition_penalty,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
        stop_strings=list(STOP_STRINGS), tokenizer=tokenizer,
    )
    if greedy:
        return settings | dict(do_sample=False)
    return settings | dict(do_sample=True, temperature=cfg.temperature, top_p=cfg.top_p)


@dataclass
class ChatSession:
    """A conversation that remembers its turns and streams each answer."""

    tuned: Tuned
    history: list[dict[str, str]] = field(default_factory=list)

    @property
    def context_limit(self) -> int:
        """Prompt tokens allowed: the model's context minus room for the answer."""
        positions = getattr(self.tuned.model.config, "max_position_embeddings", 2048)
        return positions - self.tuned.cfg.max_new_tokens

    def prompt_ids(self, message: str) -> list[int]:
        """Token ids of the history plus `message`, oldest turns dropped until it fits (the newest turn always stays)."""
        turns = [*self.history, chat.user(message)]
        while True:
            ids = self.tuned.tokenizer(chat.prompt(self.tuned.tokenizer, turns), add_special_tokens=False)["input_ids"]
            if len(ids) <= self.context_limit:
                return ids
            if len(turns) == 1:
                raise OlmoIdError(f"pesan terlalu panjang: {len(ids)} token, batasnya {self.context_limit}; persingkat pesannya")
            turns = turns[2:]  # one user turn and its answer

    def stream(self, message: str, greedy: bool = False) -> Iterator[str]:
        """Yield the answer in pieces while it is generated; the finished answer joins the history."""
        if not message.strip():
            raise OlmoIdError("pesan kosong: tulis pertanyaan atau instruksi")
        tokenizer, model = self.tuned.tokenizer, self.tuned.model
        ids = torch.tensor([self.prompt_ids(message)], device=model.device)
        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        settings = generation_settings(self.tuned.cfg, tokenizer, greedy) | dict(streamer=streamer)
        worker = threading.Thread(target=model.generate, kwargs=dict(input_ids=ids, attention_mask=torch.ones_like(ids),
                                                                      **settings), daemon=True)
        worker.start()
        pieces = []
        for piece in until_next_turn(streamer):
            pieces.append(piece)
            yield piece
        worker.join()
        self.history += [chat.user(message), chat.assistant("".join(pieces).strip())]

    def ask(self, message: str, greedy: bool = False) -> str:
        """The whole answer to `message` (streamed internally), added to the history."""
        return "".join(self.stream(message, greedy)).strip()

    def reset(self) -> None:
        """Forget the conversation."""
        self.history.clear()


def generate(tuned: Tuned, prompts: list[str], greedy: bool = True, batch_size: int = 8) -> list[str]:
    """Answers to single-turn prompts, generated in left-padded batches (for evaluation)."""
    tokenizer, model = tuned.tokenizer, tuned.model
    if any(not prompt.strip() for prompt in prompts):
        raise OlmoIdError("ada prompt kosong: setiap prompt harus berisi teks")
    answers = []
    tokenizer.padding_side = "left"  # new tokens must follow every prompt directly
    try:
        for start in range(0, len(prompts), batch_size):
            texts = [chat.prompt(tokenizer, [chat.user(p)]) for p in prompts[start:start + batch_size]]
            batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(model.device)
            with torch.no_grad():
                out = model.generate(**batch, **generation_settings(tuned.cfg, tokenizer, greedy))
            new = out[:, batch["input_ids"].shape[1]:]
            answers += [cut_at_next_turn(text) for text in tokenizer.batch_decode(new, skip_special_tokens=True)]
    finally:
        tokenizer.padding_side = "right"
    return answers


def until_next_turn(pieces: Iterator[str]) -> Iterator[str]:
    """Pass streamed pieces through, holding back text that might start "\\nUser:" and ending before it."""
    held = ""
    stop = STOP_STRINGS[0]
    for piece in pieces:
        held += piece
        if stop in held:
            before = held.split(stop, 1)[0]
            if before:
                yield before
            return
        keep = max((n for n in range(1, len(stop)) if held.endswith(stop[:n])), default=0)
        if len(held) > keep:
            yield held[: len(held) - keep]
            held = held[len(held) - keep:]
    if held:
        yield held


def cut_at_next_turn(text: str) -> str:
    """The answer without anything from a new user turn on."""
    return text.split(STOP_STRINGS[0], 1)[0].strip()


def _gpu_or_smoke() -> str:
    """`auto` on a GPU machine, `smoke` (CPU) otherwise."""
    return "auto" if torch.cuda.is_available() else "smoke"

