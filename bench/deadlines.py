"""Deadlines against a question set's expected ones: dated found/missed, precision of dated items, recurring matched.

Run: python bench/deadlines.py [--dev ../shared/corpus/dev]... [--cli]
Each document of the set is loaded alone (the KnowledgeBase API, or `python -m bot deadlines --json --knowledge FILE`
with --cli) and its deadlines are compared with questions.yaml: `deadlines` (ISO dates of every dated deadline) and
`recurring` ({every, day, month}; day and month left out when the document names none). A dated item is real when its
date is one of the expected dates. Weekly duties cannot be written in questions.yaml; they are shown, not judged.
The blind sets of bench/evaluate.py (fresh2, fresh3, fresh5, fresh8, fresh9) print their totals only, unless
--show-blind.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from evaluate import BLIND_SETS  # noqa: E402

from knowledge.base import load_file  # noqa: E402

DEFAULT_DEV = ROOT.parent / "shared" / "corpus" / "dev"


@dataclass
class Tally:
    """Counts for one document or for the whole set."""

    expected: int = 0
    found: int = 0
    listed: int = 0
    real: int = 0
    recurring_expected: int = 0
    recurring_matched: int = 0
    recurring_listed: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Sum another tally into this one."""
        for name in ("expected", "found", "listed", "real", "recurring_expected", "recurring_matched",
                     "recurring_listed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong += other.wrong


def listed_items(path: Path, use_cli: bool) -> list[dict[str, object]]:
    """The `deadlines --json` objects of one file."""
    if use_cli:
        run = subprocess.run([sys.executable, "-m", "bot", "deadlines", "--json", "--knowledge", str(path)],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    report = load_file(path)
    if report.document is None:
        raise SystemExit(f"{path}: {report.error}")
    return [deadline.to_json() for deadline in report.document.deadlines]


def recurrence_key(recurrence: dict[str, object]) -> tuple[object, object, object]:
    """(every, day, month) as questions.yaml writes a recurring item (month only for yearly ones)."""
    every = recurrence.get("every")
    return every, recurrence.get("day"), recurrence.get("month") if every == "year" else None


def judge(case: dict[str, object], items: list[dict[str, object]]) -> Tally:
    """Compare one document's listed deadlines with its expected ones."""
    tally = Tally()
    expected = set(case.get("deadlines") or [])  # type: ignore[arg-type]
    dated = [item for item in items if item["due"]]
    found = {item["due"] for item in dated}
    tally.expected, tally.found = len(expected), len(expected & found)
    tally.listed = len(dated)
    tally.real = sum(1 for item in dated if item["due"] in expected)
    tally.wrong += [f"missed date {due}" for due in sorted(expected - found)]
    tally.wrong += [f"not a deadline {item['due']}: {str(item['text'])[:110]}" for item in dated
                    if item["due"] not in expected]
    wanted = [recurrence_key(item) for item in case.get("recurring") or []]  # type: ignore[union-attr]
    recurring = [item for item in items if item["recurrence"]]
    listed = [recurrence_key(item["recurrence"]) for item in recurring]  # type: ignore[arg-type]
    tally.recurring_expected = len(wanted)
    tally.recurring_matched = sum(1 for key in set(wanted) if key in listed)
    tally.recurring_listed = len([key for key in listed if key[0] != "week"])
    tally.wrong += [f"missed recurring {key}" for key in wanted if key not in listed]
    for item, key in zip(recurring, listed, strict=True):
        if key[0] != "week" and key not in wanted:
            tally.wrong.append(f"extra recurring {key}: {str(item['text'])[:100]}")
        elif key[0] == "week":
            tally.wrong.append(f"(weekly, not judged) {item['recurrence']}: {str(item['text'])[:80]}")
    return tally


def line(name: str, tally: Tally) -> str:
    """One row of the table."""
    precision = f"{tally.real}/{tally.listed}" if tally.listed else "0/0"
    return (f"{name[:44]:44} dated {tally.found}/{tally.expected} found, {tally.expected - tally.found} missed; "
            f"listed {tally.listed}, real {precision}; recurring {tally.recurring_matched}/"
            f"{tally.recurring_expected} matched ({tally.recurring_listed} listed)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", type=Path, action="append", help="a folder with questions.yaml (repeatable)")
    parser.add_argument("--cli", action="store_true", help="read `python -m bot deadlines --json` instead of the API")
    parser.add_argument("--show-blind", action="store_true", help="print the documents of blind sets too")
    args = parser.parse_args()
    total = Tally()
    for folder in args.dev or [DEFAULT_DEV]:
        cases = yaml.safe_load((folder / "questions.yaml").read_text(encoding="utf-8"))["documents"]
        subtotal = Tally()
        for case in cases:
            tally = judge(case, listed_items(folder / case["file"], args.cli))
            subtotal.add(tally)
            if folder.name in BLIND_SETS and not args.show_blind:
                continue
            print(line(case["file"], tally))
            for wrong in tally.wrong:
                print(f"    {wrong}")
        print(line(f"TOTAL {folder.name}", subtotal))
        total.add(subtotal)
    precision = total.real / total.listed if total.listed else 1.0
    print(f"dated recall {total.found}/{total.expected}, precision {precision:.0%}, "
          f"recurring {total.recurring_matched}/{total.recurring_expected}")
    goals = (total.found == total.expected and precision >= 0.9
             and total.recurring_matched == total.recurring_expected)
    print("goals met" if goals else "goals not met")
    return 0 if goals else 1


if __name__ == "__main__":
    sys.exit(main())
