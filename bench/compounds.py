"""Build knowledge/compounds.txt: the two-syllable words of Vietnamese administrative writing, from a crawl.

Run: python bench/compounds.py ../shared/corpus/vbpl [--out knowledge/compounds.txt]

Vietnamese writes a word of two syllables as two ("chứng chỉ", "điện thoại"). A question whose two-syllable word no
loaded document uses ("có được cấp chứng chỉ không") asks about something the documents do not speak of, even when
each syllable occurs apart ("chứng nhận", "chỉ đạo"). To tell such a word from two words side by side ("sau tập
huấn": "sau" + "tập"), pairs are counted over the whole crawl: a pair is a word when it is frequent, its syllables
come together far more often than chance (pointwise mutual information ≥ 2), and one of them is mostly followed or
preceded by the other. Folded syllables (no tone marks), one pair per line, sorted.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.vietnamese import fold_syllable, is_syllable  # noqa: E402

_WORD_RE = re.compile(r"[^\W\d_]+")
_BREAK_RE = re.compile(r"[^\w\s]+|\d+")
MIN_COUNT, MIN_PMI, MIN_SHARE = 50, 2.0, 0.01


def count(folder: Path) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Syllables and pairs of syllables side by side (not across punctuation) in every .md and .txt file."""
    syllables: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for path in sorted([*folder.rglob("*.md"), *folder.rglob("*.txt")]):
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        for stretch in _BREAK_RE.split(text):
            words = [fold_syllable(word) for word in _WORD_RE.findall(stretch)]
            syllables.update(words)
            pairs.update(itertools.pairwise(words))
    return syllables, pairs


def compounds(syllables: Counter[str], pairs: Counter[tuple[str, str]]) -> list[str]:
    """The pairs that are words: frequent, far above chance, and tied to each other."""
    total = sum(syllables.values())
    found = []
    for (first, second), together in pairs.items():
        if together < MIN_COUNT or not (is_syllable(first) and is_syllable(second)):
            continue
        pmi = math.log(together * total / (syllables[first] * syllables[second]))
        if pmi >= MIN_PMI and max(together / syllables[first], together / syllables[second]) >= MIN_SHARE:
            found.append(f"{first} {second}")
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "knowledge" / "compounds.txt")
    args = parser.parse_args()
    words = compounds(*count(args.folder))
    header = f"# Two-syllable words (folded), from {sum(1 for _ in args.folder.rglob('*.md'))} crawled documents: " \
             "bench/compounds.py\n"
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} two-syllable words written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
