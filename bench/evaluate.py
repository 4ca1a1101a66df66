"""Answer accuracy on the question sets: this engine against SQLite FTS5 and a rapidfuzz scan.

Run: python bench/evaluate.py [--verbose]
A case is right when every `expect` string is in the top answer (ignoring case, tone marks, spaces), or, for
`expect_none`, when the engine abstains. FTS5 and WRatio never abstain, as used by most quick bots.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.loading import DEFAULT_SAMPLES  # noqa: E402
from knowledge.vietnamese import fold  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = [
    ("qa_dev", DATA / "qa_dev.yaml", [DEFAULT_SAMPLES]),
    ("heldout_seed", DATA / "heldout" / "seed_questions.yaml", [DEFAULT_SAMPLES]),
    ("heldout_ward", DATA / "heldout" / "ward_questions.yaml", [DATA / "heldout" / "ward_plan.md"]),
    ("blind", DATA / "blind" / "questions.yaml", [DATA / "blind" / "commune_resolution.txt",
                                                  DATA / "blind" / "school_plan.md"]),
]


def normalized(text: str) -> str:
    """Comparison form of the question sets: no case, no tone marks, single spaces."""
    return re.sub(r"\s+", " ", fold(text)).strip()


def is_right(case: dict[str, object], found: bool, answer: str) -> bool:
    """Whether one answer satisfies one case."""
    if case.get("expect_none"):
        return not found
    expected = case.get("expect") or []
    assert isinstance(expected, list)
    return found and all(normalized(str(item)) in normalized(answer) for item in expected)


@dataclass
class Score:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def __str__(self) -> str:
        return f"{self.right}/{self.total} ({100 * self.right / max(1, self.total):.0f}%)"


def baselines(kb: KnowledgeBase) -> tuple[sqlite3.Connection, list[str]]:
    """An FTS5 table and a plain list over the same passages, tone-folded."""
    texts = [kb.documents[ref.document].passages[ref.passage].text for ref in kb.index.refs]
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE passages USING fts5(body)")
    connection.executemany(
        "INSERT INTO passages(rowid, body) VALUES (?, ?)", [(number, fold(text)) for number, text in enumerate(texts)]
    )
    return connection, texts


def fts_answer(connection: sqlite3.Connection, texts: list[str], question: str) -> str:
    words = re.findall(r"\w+", fold(question))
    if not words:
        return ""
    query = " OR ".join(f'"{word}"' for word in words)
    row = connection.execute(
        "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 1", (query,)
    ).fetchone()
    return texts[row[0]] if row else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="print every case, not only the wrong ones")
    args = parser.parse_args()
    for name, path, sources in SETS:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        kb = KnowledgeBase.load(sources)
        connection, texts = baselines(kb)
        folded_texts = [fold(text) for text in texts]
        ours, fts, wratio, negatives = Score(), Score(), Score(), Score()
        for case in cases:
            answer = kb.ask(case["q"])
            ok = is_right(case, answer.found, answer.best.answer if answer.best else "")
            ours.add(ok)
            if case.get("expect_none"):
                negatives.add(ok)
            fts.add(is_right(case, True, fts_answer(connection, texts, case["q"])))
            best = process.extractOne(fold(case["q"]), folded_texts, scorer=fuzz.WRatio)
            wratio.add(is_right(case, True, texts[best[2]] if best else ""))
            if args.verbose or not ok:
                shown = (answer.best.answer[:100] if answer.best else "-").replace("\n", " ")
                print(f"  {'ok ' if ok else 'BAD'} {answer.score:.2f} {answer.found!s:5} {case['q']} => {shown}")
        print(f"{name}: engine {ours}  (abstained right {negatives})   FTS5 bm25 {fts}   rapidfuzz WRatio {wratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
