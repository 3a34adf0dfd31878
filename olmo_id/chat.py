"""The course's one chat format: the tutorial's User/Assistant turns, EOS after every answer.

Training (notebook 03) and inference (notebook 04) both build text through the tokenizer's `chat_template`,
which `install` sets, so the model is asked questions in exactly the shape it was taught with.

    User: Apa ibu kota Indonesia?
    Assistant: Ibu kota Indonesia adalah Jakarta.<|endoftext|>
    User: ...
    Assistant:
"""

from __future__ import annotations

from typing import Any

USER = "User:"
ASSISTANT = "Assistant:"
# An answer follows "Assistant:" after one space. Prompt and answer are tokenised apart and joined, so the
# space belongs to the answer's first token (" Ibu"), as it does when the whole text is tokenised at once.
ANSWER_PREFIX = " "

# Jinja, as `tokenizer.apply_chat_template` renders it. Every finished answer ends with the EOS token.
CHAT_TEMPLATE = (
    "{%- for message in messages -%}"
    "{%- if message['role'] == 'user' -%}"
    "User: {{ message['content'] | trim }}{{ '\\n' }}"
    "{%- elif message['role'] == 'assistant' -%}"
    "Assistant: {{ message['content'] | trim }}{{ eos_token }}{{ '\\n' }}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}Assistant:{%- endif -%}"
)


def install(tokenizer: Any) -> Any:
    """Set the course's chat template on `tokenizer` (replacing any other, e.g. SmolLM2's system prompt)."""
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def user(text: str) -> dict[str, str]:
    """One user turn."""
    return {"role": "user", "content": text}


def assistant(text: str) -> dict[str, str]:
    """One assistant turn."""
    return {"role": "assistant", "content": text}


def prompt(tokenizer: Any, messages: list[dict[str, str]]) -> str:
    """The text the model continues: every turn so far, ending with "Assistant:"."""
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def answer_text(answer: str) -> str:
    """The text the model must produce after the prompt (EOS is added as a token, not as text)."""
    return ANSWER_PREFIX + answer.strip()
