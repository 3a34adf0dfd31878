"""Write data/cendol_mini.jsonl: a small Cendol-v2-shaped fixture with original Indonesian text.

The smoke profile and the tests run on this file instead of the 12.8M-row collection.
It keeps the quirks the course teaches about: subsets the default filter must drop,
exact duplicates in safety_prompt, identity_prompt and dolly, rows with empty text,
templates of very uneven size (some with one or two rows), answers that start
mid-sentence, and rows longer than 512 OLMo tokens. The text banks live in
data/fixture_src/; this script only assembles, checks and writes. Deterministic:
running it twice gives the same bytes.

    python3 data/make_fixture.py          # rewrite the fixture
    python3 data/make_fixture.py --card   # also print the counts table for data/README.md
"""

from __future__ import annotations

import json
import os
import random
import sys
import uuid
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "fixture_src"))

import chat_and_others  # noqa: E402
import howto_poems  # noqa: E402
import wikipedia  # noqa: E402

OUT = HERE / "cendol_mini.jsonl"
SEED = 20261124
COLUMNS = ("dataset_name", "subset_name", "prompt_id", "template_name", "dataset_key", "input", "output")
KEPT_SUBSETS = ("indo_puisi", "wikihow", "wikipedia_id", "safety_prompt", "identity_prompt", "dolly")
DATASET_NAMES = {
    "wikipedia_id": "nusa_t2t_v2", "wikipedia_ms": "nusa_t2t_v2", "wikipedia_min": "nusa_t2t_v2",
    "nusaparagraph_topic": "nusaparagraph_topic", "wikihow": "wikihow_id", "indo_puisi": "indo_puisi",
    "dolly": "dolly_id", "safety_prompt": "safety_prompt", "identity_prompt": "identity_prompt",
}
# (subset, which text to blank, blank value): rows the loader must drop and count.
EMPTY_ROWS = (
    ("wikipedia_id", "output", ""), ("wikihow", "output", "   "), ("dolly", "input", ""),
    ("indo_puisi", "output", "\n"), ("dolly", "output", ""), ("wikipedia_id", "input", " \t"),
)


def main(card: bool = False) -> None:
    """Assemble, check and write the fixture; optionally print the data card's counts."""
    rng = random.Random(SEED)
    texts = wikipedia.rows(random.Random(SEED + 1)) + howto_poems.rows(random.Random(SEED + 2))
    texts += chat_and_others.rows(random.Random(SEED + 3))
    texts += _empty_rows(texts, rng)
    rng.shuffle(texts)
    records = [_record(subset, template, text, answer, rng) for subset, template, text, answer in texts]
    _check(records)
    _write(records)
    print(f"{OUT.name}: {len(records)} rows")
    if card:
        print(_card_table(records))


def _empty_rows(texts: list[tuple[str, str, str, str]], rng: random.Random) -> list[tuple[str, str, str, str]]:
    """Copies of existing rows with one text blanked out."""
    blanked = []
    for subset, column, blank in EMPTY_ROWS:
        source = rng.choice([row for row in texts if row[0] == subset])
        text, answer = (blank, source[3]) if column == "input" else (source[2], blank)
        blanked.append((subset, source[1], text, answer))
    return blanked


def _record(subset: str, template: str, text: str, answer: str, rng: random.Random) -> dict[str, str]:
    """One row in Cendol's column order, with a UUID4-shaped prompt_id drawn from the seeded RNG."""
    prompt_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    values = (DATASET_NAMES[subset], subset, prompt_id, template, "train", text, answer)
    return dict(zip(COLUMNS, values, strict=True))


def _check(records: list[dict[str, str]]) -> None:
    """Assert the properties the course and its tests rely on."""
    subsets = Counter(r["subset_name"] for r in records)
    templates = Counter(r["template_name"] for r in records)
    assert len(records) >= 600, len(records)
    assert all(subsets[name] for name in KEPT_SUBSETS), subsets
    assert len([name for name in subsets if name not in KEPT_SUBSETS]) >= 2, subsets
    assert len(templates) >= 25 and sum(1 for c in templates.values() if c <= 2) >= 5, templates
    empty = [r for r in records if not r["input"].strip() or not r["output"].strip()]
    assert len(empty) == len(EMPTY_ROWS), len(empty)
    pairs = Counter((r["subset_name"], r["input"], r["output"]) for r in records if r not in empty)
    for subset in ("safety_prompt", "identity_prompt", "dolly"):
        assert any(count > 1 for (name, _, _), count in pairs.items() if name == subset), subset
    long_rows = sum(len(f"{r['input']} {r['output']}".split()) > 230 for r in records)
    assert long_rows >= 40, long_rows


def _write(records: list[dict[str, str]]) -> None:
    """Write JSON lines to a temporary file, then rename it over the fixture."""
    temporary = OUT.with_name(f".{OUT.name}.tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(temporary, OUT)


def _card_table(records: list[dict[str, str]]) -> str:
    """Markdown counts per subset: rows, templates, unique pairs, empty rows, rows over 230 words."""
    lines = ["| subset | baris | template | pasangan unik | baris kosong | > 230 kata |", "|---|---:|---:|---:|---:|---:|"]
    for subset in sorted({r["subset_name"] for r in records}):
        rows = [r for r in records if r["subset_name"] == subset]
        filled = [r for r in rows if r["input"].strip() and r["output"].strip()]
        lines.append(
            f"| {subset} | {len(rows)} | {len({r['template_name'] for r in rows})} | "
            f"{len({(r['input'], r['output']) for r in filled})} | {len(rows) - len(filled)} | "
            f"{sum(len((r['input'] + ' ' + r['output']).split()) > 230 for r in rows)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main(card="--card" in sys.argv[1:])
