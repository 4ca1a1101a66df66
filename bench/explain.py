"""Show how the engine scores one question: concepts, weights, and the leading passages with their features.

Run: python bench/explain.py "câu hỏi" [--knowledge PATH]...
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.agreement import expectation  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.loading import DEFAULT_SAMPLES  # noqa: E402
from knowledge.store import shown  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("question")
    parser.add_argument("--knowledge", action="append", type=Path)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    kb = KnowledgeBase.load(args.knowledge or [DEFAULT_SAMPLES])
    answerer = kb.answerer
    question = answerer.read(args.question)
    print("intents:", sorted(question.intents))
    for concept in question.concepts:
        print(
            f"  {concept.term:24} idf={kb.index.idf(concept.term):.2f} tone={concept.tone!r} "
            f"alts={concept.alternatives} corrected={concept.corrected}"
        )
    expect = expectation(question)
    candidates = answerer._candidates(question)
    scores = answerer._rerank(question, expect, candidates, answerer._score(question, candidates))
    store = answerer.store
    for position in np.argsort(-scores)[: args.top]:
        passage_id = int(candidates[position])
        matches = [
            f"{c.term}:{answerer._concept_match(c, np.asarray([passage_id], dtype=np.int32))[0]:.1f}"
            for c in question.concepts
        ]
        print(
            f"{scores[position]:.3f} flags={kb.index.flags[passage_id]:4d} "
            f"{store.section_path(store.section(passage_id))}"
            f" | {' '.join(matches)}\n      {shown(store, passage_id)[:160]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
