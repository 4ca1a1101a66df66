"""Two-syllable words of administrative Vietnamese ("chứng chỉ", "điện thoại"), folded, from `compounds.txt` (built
over a public crawl by bench/compounds.py): a word of the question that no loaded document uses says the question is
about something the documents do not speak of, even when each of its syllables occurs apart."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

COMPOUNDS_FILE = Path(__file__).with_name("compounds.txt")


@lru_cache(maxsize=1)
def compounds() -> frozenset[str]:
    """Every known two-syllable word, as "chung chi"."""
    lines = COMPOUNDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_compound(first: str, second: str) -> bool:
    """Whether two folded syllables side by side make one known word."""
    return f"{first} {second}" in compounds()
