"""Question answering at scale: index build time, memory, latency per question; SQLite FTS5 in the same run.

Run: python bench/qa.py [--sentences 100000] [--questions 400]
The knowledge base is the sample directives varied (numbers, names, dates, see bench/corpus.py) until it holds
the requested number of passages (sentences or clause groups). Questions are those of the question sets.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build  # noqa: E402

from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.vietnamese import fold  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def questions(count: int) -> list[str]:
    texts: list[str] = []
    for path in [*sorted((ROOT / "tests" / "data").rglob("*questions*.yaml")), ROOT / "tests" / "data" / "qa_dev.yaml"]:
        texts += [case["q"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    rng = random.Random(1)
    return [rng.choice(texts) for _ in range(count)]


def fts_query(question: str) -> str:
    words = [word for word in fold(question).replace('"', " ").split() if word.isalnum()]
    return " OR ".join(f'"{word}"' for word in words) or '""'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=400)
    args = parser.parse_args()

    started = time.perf_counter()
    documents = build(args.sentences)
    passages = sum(len(document.passages) for document in documents)
    parse_seconds = time.perf_counter() - started
    print(f"corpus: {len(documents)} documents, {passages} passages, parsed in {parse_seconds:.1f} s")
    unique = len({passage.text for document in documents for passage in document.passages})
    print(f"corpus: {unique} distinct passage texts (the variants share the sentences without numbers or names)")
    gc.collect()
    rss_before = rss_mb()
    started = time.perf_counter()
    kb = KnowledgeBase.from_documents(documents)
    build_seconds = time.perf_counter() - started
    print(
        f"engine: index built in {build_seconds:.1f} s, postings {kb.index.nbytes() / 2**20:.0f} MB; "
        f"process peak RSS {rss_mb():.0f} MB (documents alone {rss_before:.0f} MB)"
    )

    asked = questions(args.questions)
    for question in asked[:20]:
        kb.ask(question)  # warm caches as a running bot has them
    latencies = []
    for question in asked:
        started = time.perf_counter()
        kb.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)
    print(
        f"engine: per question p50 {statistics.median(latencies):.2f} ms, p95 {percentile(latencies, 0.95):.2f} ms, "
        f"max {max(latencies):.2f} ms over {len(latencies)} questions"
    )

    texts = [document.passages[ref.passage].text for ref in kb.index.refs for document in [kb.documents[ref.document]]]
    connection = sqlite3.connect(":memory:")
    started = time.perf_counter()
    connection.execute("CREATE VIRTUAL TABLE passages USING fts5(body)")
    connection.executemany(
        "INSERT INTO passages(rowid, body) VALUES (?, ?)", ((number, fold(text)) for number, text in enumerate(texts))
    )
    connection.commit()
    fts_build = time.perf_counter() - started
    fts_latencies = []
    for question in asked:
        started = time.perf_counter()
        connection.execute(
            "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 4", (fts_query(question),)
        ).fetchall()
        fts_latencies.append((time.perf_counter() - started) * 1000)
    print(
        f"sqlite fts5: built in {fts_build:.1f} s; per question p50 {statistics.median(fts_latencies):.2f} ms, "
        f"p95 {percentile(fts_latencies, 0.95):.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
