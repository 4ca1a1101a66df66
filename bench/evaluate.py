"""Answer accuracy on every question set, against SQLite FTS5 over the same passages, and the threshold table.

Run: python bench/evaluate.py [--verbose] [--set NAME]...

Sets: the project's own question sets over the sample documents (qa_dev, heldout_seed, heldout_ward, blind), the
real directives of ../shared/corpus/dev (each loaded beside the two samples), and the fresh sets of real
directives in bench/data/fresh1 … fresh9 (same layout as corpus/dev, written without looking at the
engine). fresh2, fresh3, fresh5, fresh8 and fresh9 are kept blind: only their totals are printed, never their cases
(`--show-blind` prints them, and then they stop telling how the bot does on directives nobody tuned on).
A case is right when every `expect` string is in the answer shown (ignoring case, tone marks, spaces), or, for
`expect_none`, when the engine declines. FTS5 never declines, as most quick bots.

The precision–coverage table is computed on corpus/dev: for each threshold, how many answerable questions are
answered right, answered wrong, or declined, and how many out-of-scope questions are declined. The shipped
threshold (config `knowledge.answer_threshold`) is the one that keeps wrong answers lowest while answering the most.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.answering import DEFAULT_THRESHOLD  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.loading import DEFAULT_SAMPLES  # noqa: E402
from knowledge.store import shown  # noqa: E402
from knowledge.vietnamese import fold  # noqa: E402

DATA = ROOT / "tests" / "data"
CORPUS_DEV = ROOT.parent / "shared" / "corpus" / "dev"
FRESH = ROOT / "bench" / "data"
OWN_SETS = [
    ("qa_dev", DATA / "qa_dev.yaml", [DEFAULT_SAMPLES]),
    ("heldout_seed", DATA / "heldout" / "seed_questions.yaml", [DEFAULT_SAMPLES]),
    ("heldout_ward", DATA / "heldout" / "ward_questions.yaml", [DATA / "heldout" / "ward_plan.md"]),
    ("blind", DATA / "blind" / "questions.yaml", [DATA / "blind" / "commune_resolution.txt",
                                                  DATA / "blind" / "school_plan.md"]),
]
DIRECTIVE_SETS = [("corpus_dev", CORPUS_DEV), ("fresh1", FRESH / "fresh1"), ("fresh2", FRESH / "fresh2"),
                  ("fresh3", FRESH / "fresh3"), ("fresh4", FRESH / "fresh4"), ("fresh5", FRESH / "fresh5"),
                  ("fresh6", FRESH / "fresh6"), ("fresh7", FRESH / "fresh7"),
                  ("fresh8", FRESH / "fresh8"), ("fresh9", FRESH / "fresh9")]
BLIND_SETS = {"fresh2", "fresh3", "fresh5", "fresh8", "fresh9"}
THRESHOLDS = [round(0.30 + 0.025 * step, 3) for step in range(17)]


def normalized(text: str) -> str:
    """Comparison form of the question sets: no case, no tone marks, single spaces."""
    return re.sub(r"\s+", " ", fold(text)).strip()


def contains_all(case: dict[str, object], answer: str) -> bool:
    """Whether an answer holds every expected string of a case."""
    expected = case.get("expect") or []
    assert isinstance(expected, list)
    return all(normalized(str(item)) in normalized(answer) for item in expected)


@dataclass
class Outcome:
    """One case asked: its question, whether it is out of scope, the engine's score and answer, FTS5's answer."""

    question: str
    out_of_scope: bool
    score: float
    right_text: bool
    fts_right: bool
    answer: str
    document: str


@dataclass
class Tally:
    """Counts of one set at one threshold."""

    right: int = 0
    wrong: int = 0
    declined: int = 0
    out_declined: int = 0
    out_answered: int = 0
    fts: int = 0
    cases: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> int:
        return self.right + self.wrong + self.declined

    def line(self, name: str) -> str:
        total = self.answerable + self.out_declined + self.out_answered
        fts_total = self.answerable + self.out_declined + self.out_answered
        return (
            f"{name:13} right {self.right}/{self.answerable} ({100 * self.right / max(1, self.answerable):.0f}%)"
            f"  wrong {self.wrong}  declined {self.declined}"
            f"  out-of-scope declined {self.out_declined}/{self.out_declined + self.out_answered}"
            f"  all {100 * (self.right + self.out_declined) / max(1, total):.0f}%"
            f"   FTS5 {100 * self.fts / max(1, fts_total):.0f}%"
        )


def tally(outcomes: list[Outcome], threshold: float) -> Tally:
    """Count outcomes as if the engine answered only at or above `threshold`."""
    result = Tally()
    for outcome in outcomes:
        found = outcome.score >= threshold
        if outcome.out_of_scope:
            if found:
                result.out_answered += 1
            else:
                result.out_declined += 1
            result.fts += 0
        else:
            result.fts += outcome.fts_right
            if not found:
                result.declined += 1
            elif outcome.right_text:
                result.right += 1
            else:
                result.wrong += 1
    return result


class Fts:
    """SQLite FTS5 over the same passages the engine answers from, tone marks folded, best bm25 match."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.texts = [shown(kb.answerer.store, number) for number in range(len(kb.answerer.store))]
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute("CREATE VIRTUAL TABLE passages USING fts5(body)")
        self.connection.executemany(
            "INSERT INTO passages(rowid, body) VALUES (?, ?)", [(n, fold(text)) for n, text in enumerate(self.texts)]
        )

    def answer(self, question: str) -> str:
        words = re.findall(r"\w+", fold(question))
        if not words:
            return ""
        query = " OR ".join(f'"{word}"' for word in words)
        row = self.connection.execute(
            "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 1", (query,)
        ).fetchone()
        return self.texts[row[0]] if row else ""


def ask_all(kb: KnowledgeBase, cases: list[dict[str, object]]) -> Iterator[Outcome]:
    """Every case of a set asked of one knowledge base, with no threshold (the score decides later)."""
    kb.answerer.threshold = 0.0
    fts = Fts(kb)
    for case in cases:
        answer = kb.ask(str(case["q"]))
        text = answer.best.answer if answer.best else ""
        document = answer.best.source.document if answer.best else ""
        yield Outcome(str(case["q"]), bool(case.get("expect_none")), answer.score,
                      not case.get("expect_none") and contains_all(case, text),
                      not case.get("expect_none") and contains_all(case, fts.answer(str(case["q"]))), text, document)


def own_set(path: Path, sources: list[Path]) -> list[Outcome]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return list(ask_all(KnowledgeBase.load(sources), cases))


def directive_set(folder: Path) -> list[Outcome]:
    """Each directive of a folder loaded beside the two samples and asked its own cases."""
    data = yaml.safe_load((folder / "questions.yaml").read_text(encoding="utf-8"))
    outcomes: list[Outcome] = []
    for entry in data["documents"]:
        kb = KnowledgeBase.load([DEFAULT_SAMPLES, folder / entry["file"]])
        outcomes.extend(ask_all(kb, entry["cases"]))
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="print every case, not only the wrong ones")
    parser.add_argument("--set", action="append", help="only these sets (names as printed)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--show-blind", action="store_true", help="also print the cases of the blind sets")
    args = parser.parse_args()
    results: dict[str, list[Outcome]] = {}
    for name, path, sources in OWN_SETS:
        if not args.set or name in args.set:
            results[name] = own_set(path, sources)
    for name, folder in DIRECTIVE_SETS:
        if (not args.set or name in args.set) and (folder / "questions.yaml").exists():
            results[name] = directive_set(folder)
    for name, outcomes in results.items():
        if name in BLIND_SETS and not args.show_blind:
            continue
        for outcome in outcomes:
            found = outcome.score >= args.threshold
            ok = (not found) if outcome.out_of_scope else (found and outcome.right_text)
            if args.verbose or not ok:
                shown = outcome.answer[:110].replace("\n", " ")
                print(f"  {'ok ' if ok else 'BAD'} {outcome.score:.2f} {name} {outcome.question} => {shown}")
    print(f"\nThreshold {args.threshold}:")
    for name, outcomes in results.items():
        print(tally(outcomes, args.threshold).line(name))
    if "corpus_dev" in results:
        print("\nPrecision–coverage on corpus/dev (answerable: right / wrong / declined; out of scope declined):")
        print("threshold  right  wrong  declined  precision  out-declined")
        for threshold in THRESHOLDS:
            counts = tally(results["corpus_dev"], threshold)
            answered = counts.right + counts.wrong
            print(f"  {threshold:5.3f}   {counts.right:4}   {counts.wrong:4}   {counts.declined:6}     "
                  f"{100 * counts.right / max(1, answered):5.1f}%     {counts.out_declined}/"
                  f"{counts.out_declined + counts.out_answered}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
