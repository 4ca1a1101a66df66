"""Question answering at scale, as a deployment runs it: the files parsed once (kept per file), the index built once
(kept in the cache folder), opened cold by a new process that answers; SQLite FTS5 over the same passages in the
same run.

Run: python bench/qa.py [SOURCE] [--passages 100000] [--questions 400] [--cache DIR] [--rebuild] [--workers N]
SOURCE is a folder of directives (the crawl: /work/corpus/vbpl). Without it the sample directives, varied in their
numbers, names and dates (bench/corpus.py), are written as files into the work folder until they hold --passages
passages. The questions are those of bench/data/*/questions.yaml and ../shared/corpus/dev/questions.yaml, asked
of whatever is loaded: here the time of an answer is measured, not whether it is right (bench/evaluate.py).
Goals (issue 9): a new process answers its first question within 3 s of starting; p95 ≤ 10 ms per question; peak
memory ≤ 2 GB, building or answering, over the whole crawl.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_variants  # noqa: E402

from knowledge import snapshot  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.loading import DEFAULT_LIMITS, discover  # noqa: E402
from knowledge.shelf import Shelf  # noqa: E402
from knowledge.store import shown  # noqa: E402
from knowledge.synonyms import DEFAULT_SYNONYMS  # noqa: E402
from knowledge.vietnamese import fold  # noqa: E402

QUESTION_SETS = [*sorted((ROOT / "bench" / "data").glob("*/questions.yaml")),
                 ROOT.parent / "shared" / "corpus" / "dev" / "questions.yaml"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory (Linux reports kilobytes); for RUSAGE_CHILDREN, of the largest child."""
    return resource.getrusage(who).ru_maxrss / 1024


def high_water_mb() -> float:
    """This process's own peak resident memory: VmHWM (a process started by another counts the parent's pages in
    ru_maxrss until it executes the new program, so ru_maxrss overstates a child's peak)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return peak_mb()


def folder_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20


def questions(count: int) -> list[str]:
    """`count` questions drawn (reproducibly) from the question sets of real directives."""
    texts: list[str] = []
    for path in QUESTION_SETS:
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            texts += [str(case["q"]) for entry in data["documents"] for case in entry["cases"]]
    rng = random.Random(1)
    return [rng.choice(texts) for _ in range(count)]


def serve(source: Path, cache: Path, count: int) -> int:
    """In a new process: open the cache as the bot does, answer the first question, then `count` more."""
    started = time.perf_counter()
    knowledge = KnowledgeBase.load([source], cache=cache)
    opened = time.perf_counter() - started
    asked = questions(count)
    knowledge.ask(asked[0])
    first = time.perf_counter() - started
    for question in asked[:20]:
        knowledge.ask(question)  # warm: the pages the answers touch, as in a bot that has been running a while
    latencies = []
    for question in asked:
        began = time.perf_counter()
        knowledge.ask(question)
        latencies.append((time.perf_counter() - began) * 1000)
    print(json.dumps({"open": opened, "first": first, "p50": statistics.median(latencies),
                      "p95": percentile(latencies, 0.95), "max": max(latencies), "rss": high_water_mb()}))
    return 0


def cold_command_line(source: Path, cache: Path, work: Path, question: str) -> float:
    """Seconds for `python -m bot ask --knowledge SOURCE QUESTION` to answer, from its start to its exit."""
    config = work / "config.yaml"
    config.write_text(f"database_url: sqlite:///{work / 'bot.db'}\nknowledge:\n  cache_dir: {cache}\n",
                      encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot", "--config", str(config), "ask", "--knowledge", str(source), question],
                   check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def fts(knowledge: KnowledgeBase, asked: list[str], work: Path) -> tuple[float, list[float]]:
    """SQLite FTS5 (bm25, tone marks folded) over the same passages: build seconds and per-question milliseconds."""
    database = work / "fts.db"
    database.unlink(missing_ok=True)
    connection = sqlite3.connect(database)
    store = knowledge.answerer.store
    started = time.perf_counter()
    connection.execute("CREATE VIRTUAL TABLE passages USING fts5(body)")
    connection.executemany("INSERT INTO passages(rowid, body) VALUES (?, ?)",
                           ((number, fold(shown(store, number))) for number in range(len(store))))
    connection.commit()
    built = time.perf_counter() - started
    latencies = []
    for question in asked:
        words = [word for word in fold(question).replace('"', " ").split() if word.isalnum()]
        began = time.perf_counter()
        connection.execute("SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 4",
                           (" OR ".join(f'"{word}"' for word in words) or '""',)).fetchall()
        latencies.append((time.perf_counter() - began) * 1000)
    connection.close()
    return built, latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, help="folder of directives (default: synthetic variants)")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qa-bench"), help="folder for the cache and corpus")
    parser.add_argument("--cache", type=Path, help="cache folder (default WORK/index)")
    parser.add_argument("--rebuild", action="store_true", help="build the index again even if it is cached")
    parser.add_argument("--workers", type=int, help="parsing processes (default: one per CPU)")
    parser.add_argument("--no-fts", action="store_true")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work: Path = args.work
    cache: Path = args.cache or work / "index"
    if args.serve:
        return serve(args.source, cache, args.questions)
    work.mkdir(parents=True, exist_ok=True)
    source = args.source
    if source is None:
        source = work / f"synthetic-{args.passages}"
        write_variants(args.passages, source)
    files = discover([source])
    print(f"source: {source}, {len(files)} files")

    shelf = Shelf(cache / "documents", DEFAULT_LIMITS)
    parsed: list[str] = []
    started = time.perf_counter()
    entries = shelf.entries(files, lambda report: parsed.append(report.path), args.workers)
    seconds = time.perf_counter() - started
    failed = sum(1 for entry in entries if entry.error)
    print(f"parse: {len(parsed)} files parsed in {seconds:.1f} s ({len(files) - len(parsed)} kept from before), "
          f"{failed} unreadable; largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB; "
          f"parsed files on disk {folder_mb(cache / 'documents'):.0f} MB")

    key = snapshot.digest(files, [DEFAULT_SYNONYMS], shelf)
    if args.rebuild:
        shutil.rmtree(cache / key, ignore_errors=True)
    reused = (cache / key / snapshot.MANIFEST).exists()
    started = time.perf_counter()
    opened = snapshot.load(cache, files, [DEFAULT_SYNONYMS], DEFAULT_LIMITS)
    seconds = time.perf_counter() - started
    knowledge = KnowledgeBase.opened(opened)
    manifest = json.loads((opened.folder / snapshot.MANIFEST).read_text(encoding="utf-8"))
    print(f"index: {'opened (built before)' if reused else 'built'} in {seconds:.1f} s: {manifest['documents']} "
          f"documents ({len(knowledge.duplicates)} duplicates left out), {manifest['passages']} passages, "
          f"{opened.index.section_count} sections; on disk {folder_mb(opened.folder):.0f} MB "
          f"(postings {opened.index.nbytes() / 2**20:.0f} MB); peak RSS of this process {peak_mb():.0f} MB")

    asked = questions(args.questions)
    command = cold_command_line(source, cache, work, asked[0])
    result = subprocess.run([sys.executable, __file__, str(source), "--serve", "--cache", str(cache),
                             "--questions", str(args.questions)], check=True, capture_output=True, text=True)
    served = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"cold start: `python -m bot ask` answered in {command:.2f} s; a new process opened the cache in "
          f"{served['open']:.2f} s and answered its first question {served['first']:.2f} s after starting")
    print(f"engine: per question p50 {served['p50']:.2f} ms, p95 {served['p95']:.2f} ms, max {served['max']:.1f} ms "
          f"over {args.questions} questions; peak RSS of the answering process {served['rss']:.0f} MB")
    if not args.no_fts:
        built, latencies = fts(knowledge, asked, work)
        print(f"sqlite fts5: built in {built:.1f} s; per question p50 {statistics.median(latencies):.2f} ms, "
              f"p95 {percentile(latencies, 0.95):.2f} ms, max {max(latencies):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
