"""Talking to the tuned model: load base + adapter, chat with a real history, stream tokens as they come.

The tutorial's chat class did loop over a `history` in its `_prepare_input`; only its demo call left the history
out. Its real faults: no accumulation between calls (the caller had to pass the history; the class never stored a
turn), no EOS between turns (so the model never saw where a turn ended), and no trimming when the context was
full. It also "streamed" by printing a finished string one character at a time. Here `ChatSession` keeps every
finished turn, renders the history with the same chat template the model was trained on (EOS after every answer),
drops the oldest turns when the context is full, and `TextIteratorStreamer` hands out text while `generate` is
still running in a background thread.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from peft import PeftModel
from transformers import TextIteratorStreamer

from olmo_id import chat, config, credentials, hardware, modeling
from olmo_id.config import Config
from olmo_id.errors import AdapterError, ConfigError, MessageTooLongError, OlmoIdError, first_line
from olmo_id.files import is_hub_id, why_unreadable, write_json_atomic

# What a profile says about the machine: its hardware, and which benchmarks fit its time (notebook 05).
MACHINE_FIELDS = ("precision", "gradient_checkpointing", "batch_size", "benchmark_tasks", "benchmark_limit")
STOP_STRINGS = ("\n" + chat.USER,)  # the model starting the next user turn itself: stop there
ADAPTER_WEIGHTS = "adapter_model.safetensors"
ADAPTER_SETTINGS = "adapter_config.json"
RUN_CARD = "run_card.json"
ADAPTER_FILES = (ADAPTER_WEIGHTS, ADAPTER_SETTINGS, RUN_CARD)  # any of these: an adapter folder, maybe damaged
MIN_PROMPT_TOKENS = 128  # context a prompt keeps at least: max_new_tokens may take the rest, no more
BASE_ANSWERS = "base_answers.json"  # lesson 03 asks the base model QUESTIONS before training; lesson 04 compares
# Fixed questions asked of the base model before training (lesson 03) and of the tuned model after (lesson 04):
# everyday Indonesian requests of the kinds Cendol teaches (explain, how-to, write, advise, summarise).
QUESTIONS = (
    "Apa ibu kota Indonesia?",
    "Bagaimana cara membuat teh manis?",
    "Tuliskan sebuah pantun tentang hujan.",
    "Apa saja tips belajar yang baik untuk ujian?",
    "Jelaskan secara singkat apa itu fotosintesis.",
)
_RETRAIN = "latih lagi di notebook 03 atau pulihkan folder adapter/ dari cadangannya (zip atau Hub)"


@dataclass(frozen=True)
class TunedModel:
    """A base model with its adapter, the tokenizer, the settings the adapter was trained with, and its folder."""

    model: Any
    tokenizer: Any
    cfg: Config
    adapter_dir: Path | None = None  # where the run card and trained pairs are (evaluation reads them)


@dataclass(frozen=True)
class CheckedAdapter:
    """A local adapter folder whose every file loaded, and the settings it was trained with."""

    folder: Path
    cfg: Config


def local_adapter(adapter: str | os.PathLike[str]) -> Path:
    """A local adapter folder as is; a training folder (runs inside, e.g. `out/training`) gives its newest adapter;
    a Hub id (`user/name`) is downloaded first (HF_TOKEN for private repos)."""
    folder = Path(adapter).expanduser()
    if folder.is_dir() and not any((folder / name).exists() for name in ADAPTER_FILES):
        from olmo_id import training  # here: the Trainer stack loads only when a training folder is given

        return training.newest_adapter(folder)
    if folder.exists() or not is_hub_id(str(adapter)):
        return folder
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(str(adapter), token=credentials.get("HF_TOKEN")))
    except Exception as error:  # noqa: BLE001 - offline, missing repo or no access: all one message for the user
        raise AdapterError(f"adapter {adapter} tidak bisa diunduh dari Hub: {first_line(error)}") from None


def check_adapter(adapter: str | Path) -> CheckedAdapter:
    """The adapter (a Hub id is downloaded first) with every file checked, and the Config it was trained with.

    Weights load, JSON parses, the run card is complete and one base model is named; so a damaged adapter is
    refused in one line before the base model loads. The Config comes from the run card, or is the profile
    defaults for the adapter's base model when there is none.
    """
    folder = local_adapter(adapter)
    if not (folder / ADAPTER_SETTINGS).is_file():
        raise AdapterError(
            f"{folder} tidak berisi adapter LoRA ({ADAPTER_SETTINGS}); beri folder adapter/ hasil notebook 03"
        )
    _refuse_unreadable(folder / ADAPTER_WEIGHTS)
    settings = read_json(folder / ADAPTER_SETTINGS)
    base = settings.get("base_model_name_or_path")
    if not (folder / RUN_CARD).is_file():
        if not base:
            raise AdapterError(
                f"{folder}: adapter tidak menyebut model dasarnya dan tidak punya {RUN_CARD}; {_RETRAIN}"
            )
        profile = "smoke" if base in modeling.TINY_MODELS else "cpu" if not hardware.has_gpu() else "auto"
        return CheckedAdapter(folder, config.load(profile, model_id=base))
    run = run_card(folder)
    trained_on = run["parameters"]["model_id"]
    if base and base != trained_on:
        raise AdapterError(
            f"{folder / ADAPTER_SETTINGS} menyebut model dasar {base}, tetapi {RUN_CARD} menyebut {trained_on}; "
            f"berkas adapter tercampur dari dua run: {_RETRAIN}"
        )
    known = set(config.field_names())
    params = {key: value for key, value in run["parameters"].items() if key in known}
    return CheckedAdapter(folder, config.load(run["profile"], **params))


def run_card(adapter_dir: str | Path) -> dict[str, Any]:
    """The adapter's run_card.json, checked to hold what loading and evaluation read (profile, parameters, data)."""
    path = Path(adapter_dir) / RUN_CARD
    card = read_json(path)
    missing = [key for key, kind in (("profile", str), ("parameters", dict)) if not isinstance(card.get(key), kind)]
    if not missing and not isinstance(card["parameters"].get("model_id"), str):
        missing = ["parameters.model_id"]
    if missing:
        raise AdapterError(f"{path} tidak lengkap: tidak ada {', '.join(missing)}; {_RETRAIN}")
    return card


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from an adapter file, or one line saying the file is damaged."""
    _refuse_unreadable(path)
    return json.loads(path.read_text(encoding="utf-8"))


def check_room(cfg: Config) -> None:
    """Refuse a max_new_tokens that leaves a prompt less than MIN_PROMPT_TOKENS of the base model's context."""
    context = modeling.context_length(cfg)
    largest = context - MIN_PROMPT_TOKENS
    if cfg.max_new_tokens > largest:
        left = context - cfg.max_new_tokens
        room = f"prompt hanya kebagian {left} token" if left > 0 else "tidak ada tempat tersisa untuk prompt"
        raise ConfigError(
            f"max_new_tokens {cfg.max_new_tokens} terlalu besar: {cfg.model_id} membaca {context} token sekaligus "
            f"(prompt + jawaban), jadi {room}; pakai paling banyak {largest}"
        )


def load_tuned(adapter: str | Path | CheckedAdapter, base_model: str | None = None, merge: bool = False,
         profile: str | None = None, **overrides: Any) -> TunedModel:
    """Base model + adapter ready for generation; `merge` folds the adapter into the weights (faster, same output).

    `profile` runs the adapter on another machine than it was trained on (e.g. a T4 adapter on an A100):
    precision and the other machine settings come from that profile, everything else from the run card.
    Everything a user can get wrong (a damaged adapter, another base model, a max_new_tokens that leaves no room
    for a prompt) is refused before the base model loads.
    """
    checked = adapter if isinstance(adapter, CheckedAdapter) else check_adapter(adapter)
    cfg = checked.cfg
    if profile:
        trained = {key: getattr(cfg, key) for key in config.field_names() if key not in MACHINE_FIELDS}
        cfg = config.load(profile, **trained)
    cfg = config.with_overrides(cfg, **overrides)
    if base_model and base_model != cfg.model_id:
        raise AdapterError(f"adapter ini dilatih untuk {cfg.model_id}, bukan {base_model}; pakai model dasar yang sama")
    check_room(cfg)
    tokenizer = modeling.load_tokenizer(cfg.model_id)
    base = modeling.load_base(cfg)
    try:
        model = PeftModel.from_pretrained(base, str(checked.folder))
    except (RuntimeError, ValueError, KeyError) as error:
        raise AdapterError(
            f"adapter di {checked.folder} tidak cocok dengan {cfg.model_id}: {first_line(error)}"
        ) from None
    if merge:
        model = model.merge_and_unload()
    model.to("cuda" if hardware.has_gpu() else "cpu").eval()
    return TunedModel(model, tokenizer, cfg, checked.folder)


def save_merged(tuned: TunedModel, out_dir: str | Path) -> Path:
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
    """A conversation that stores its turns, sends them with every message (EOS after each answer, oldest dropped
    when the context is full) and streams each answer."""

    tuned: TunedModel
    history: list[dict[str, str]] = field(default_factory=list)

    @property
    def context_limit(self) -> int:
        """Prompt tokens allowed: the model's context minus room for the answer."""
        positions = getattr(self.tuned.model.config, "max_position_embeddings", 2048)
        return positions - self.tuned.cfg.max_new_tokens

    def prompt_ids(self, message: str) -> list[int]:
        """Token ids of the history plus `message`, oldest turns dropped until it fits (the newest one always stays)."""
        turns = [*self.history, chat.user(message)]
        while True:
            ids = self.tuned.tokenizer(chat.prompt(self.tuned.tokenizer, turns), add_special_tokens=False)["input_ids"]
            if len(ids) <= self.context_limit:
                return ids
            if len(turns) == 1:
                raise MessageTooLongError(
                    f"pesan terlalu panjang: {len(ids)} token, padahal prompt paling banyak {self.context_limit} token "
                    f"(konteks dikurangi max_new_tokens {self.tuned.cfg.max_new_tokens}); persingkat pesannya"
                )
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


def generate(tuned: TunedModel, prompts: list[str], greedy: bool = True, batch_size: int = 8) -> list[str]:
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


def save_answers(path: str | os.PathLike[str], questions: list[str], answers: list[str], model_id: str) -> Path:
    """Write questions and their answers (and which model gave them) to a JSON file, atomically."""
    if len(questions) != len(answers):
        raise OlmoIdError(f"{len(questions)} pertanyaan tetapi {len(answers)} jawaban: jumlahnya harus sama")
    target = Path(path)
    write_json_atomic(target, {"model_id": model_id, "answers": [
        {"question": question, "answer": answer} for question, answer in zip(questions, answers, strict=True)]})
    return target


def read_answers(path: str | os.PathLike[str], model_id: str) -> dict[str, str]:
    """Question -> answer from a file `save_answers` wrote for `model_id`; {} when it is missing, damaged or from
    another model (then ask again)."""
    try:
        saved = json.loads(Path(path).read_text(encoding="utf-8"))
        answers = {str(item["question"]): str(item["answer"]) for item in saved["answers"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return answers if saved.get("model_id") == model_id else {}


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


def _refuse_unreadable(path: Path) -> None:
    """Refuse an adapter file that is missing, empty or damaged, in one line saying how to get a whole one."""
    problem = why_unreadable(path)
    if problem:
        raise AdapterError(f"{path} {problem}; {_RETRAIN}")

