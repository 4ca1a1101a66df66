"""The document pipeline over a whole crawl: loaded, reported, crashed, time, slow files, memory, identity recovered.

Run: python bench/corpus_load.py [SOURCE] [--limit N | --sample N [--seed S]] [--workers 2] [--misses FILE]
SOURCE is a folder of .md files (default /work/corpus/vbpl), one file, or a .tar.xz of them (unpacked into a
temporary folder). Every file goes through `knowledge.base.load_file` in a pool of worker processes and is timed
there (bench/load_measure.py); identity is judged against the page's own header lines (bench/crawl_header.py).
Goals (issue 8): 0 crashes, 0 files slower than 2 s, number, date and issuer recovered for ≥ 97 % of the documents
whose header states them. Identity misses go to --misses as TSV: path, variant, field, expected, got, header lines.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from load_measure import FIELDS, FileResult, measure, start_worker  # noqa: E402

DEFAULT_SOURCE = Path("/work/corpus/vbpl")
SLOW_SECONDS = 2.0
GOAL_SHARE = 0.97
# The variants of the identity figures, in the order printed, with what each measures.
VARIANTS = {
    "sheet": "pages with a data sheet, as they are (the parser may read the sheet)",
    "header": "pages without a sheet, against their printed header",
    "sheet removed": "pages with a sheet, its lines removed, against their printed header",
    "reader": "the bench's header reader against the sheet (checks the yardstick, not the parser)",
}


def crawl_files(source: Path, scratch: Path) -> list[Path]:
    """The .md files of a folder, one file, or a .tar.xz unpacked into `scratch`; sorted by path."""
    if source.is_dir():
        return sorted(source.rglob("*.md"))
    if source.name.endswith((".tar.xz", ".txz", ".tar")):
        with tarfile.open(source) as archive:
            archive.extractall(scratch, filter="data")
        return sorted(scratch.rglob("*.md"))
    if source.is_file():
        return [source]
    raise SystemExit(f"{source}: không có thư mục, tệp .md hay .tar.xz nào ở đây")


def choose(files: list[Path], limit: int | None, sample: int | None, seed: int) -> list[Path]:
    """The first `limit` files, or `sample` files drawn at random (reproducibly for `seed`), or all."""
    if sample is not None:
        return sorted(random.Random(seed).sample(files, min(sample, len(files))))
    return files[:limit] if limit is not None else files


def run(files: Sequence[Path], workers: int, chunk: int, timeout: int) -> tuple[list[FileResult], float]:
    """Every file measured in `workers` processes; the results and the wall time."""
    results: list[FileResult] = []
    started = time.perf_counter()
    with get_context("fork").Pool(workers, initializer=start_worker, initargs=(timeout,)) as pool:
        for number, result in enumerate(pool.imap_unordered(measure, [str(path) for path in files], chunk), 1):
            results.append(result)
            if number % 1000 == 0:
                print(f"  … {number}/{len(files)} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        pool.close()
        pool.join()  # reaped, so RUSAGE_CHILDREN counts the workers' peak memory
    return results, time.perf_counter() - started


def _reason_kind(reason: str) -> str:
    return re.sub(r"\d+", "N", reason)[:140]


def print_files(results: list[FileResult], elapsed: float, workers: int) -> None:
    """Outcomes, reasons, crashes, slow and slowest files, memory and the documents' totals."""
    outcomes = Counter(result.outcome for result in results)
    busy = sum(result.seconds for result in results)
    cpu = sum(result.cpu_seconds for result in results)
    print(f"Files: {len(results)} in {elapsed:.1f} s wall ({workers} workers; loading {busy:.1f} s wall, {cpu:.1f} s "
          f"CPU, {1000 * busy / max(1, len(results)):.1f} ms wall a file)")
    for outcome in ("loaded", "reported", "crashed"):
        print(f"  {outcome:<9} {outcomes[outcome]}")
        if outcome == "reported":
            reasons = Counter(_reason_kind(r.reason) for r in results if r.outcome == "reported")
            for reason, count in reasons.most_common():
                print(f"      {count:>6}  {reason}")
    for result in sorted((r for r in results if r.outcome == "crashed"), key=lambda r: r.path):
        print(f"      {result.path}: {result.reason} — {result.trace}")
    slow = sorted((r for r in results if r.seconds > SLOW_SECONDS), key=lambda r: -r.seconds)
    print(f"Slower than {SLOW_SECONDS:g} s (wall): {len(slow)} (goal 0); "
          f"{sum(r.cpu_seconds > SLOW_SECONDS for r in results)} took more than {SLOW_SECONDS:g} s of CPU")
    for result in slow:
        print(f"  {result.seconds:7.2f} s wall {result.cpu_seconds:6.2f} s CPU {result.size / 1024:6.0f} KB  "
              f"{result.path}")
    print("Slowest 10:")
    for result in sorted(results, key=lambda r: -r.seconds)[:10]:
        print(f"  {result.seconds:7.2f} s wall {result.cpu_seconds:6.2f} s CPU {result.size / 1024:6.0f} KB  "
              f"{result.path}  ({result.counts['passages']} passages)")
    worker_peak = max(results, key=lambda r: r.worker_rss_kb, default=None)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"Peak memory (ru_maxrss): largest worker {children / 1024:.0f} MB, this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
          + (f"; a worker reached {worker_peak.worker_rss_kb / 1024:.0f} MB after {worker_peak.path}"
             if worker_peak else ""))
    totals: Counter[str] = Counter()
    for result in results:
        totals.update(result.counts)
    print("Loaded documents hold: " + ", ".join(
        f"{totals[name]} {name}" for name in ("passages", "sections", "targets", "deadlines")))


def print_identity(results: list[FileResult], misses_path: Path) -> None:
    """Per variant and field: documents stating it, recovered, share; the misses written to `misses_path`."""
    checks = [check for result in results for check in result.checks]
    print(f"Identity: share of documents whose number, date and issuer are recovered (goal ≥ {GOAL_SHARE:.0%} of "
          "those whose header states them)")
    print(f"  {'':<15}{'field':<8}{'stated':>8}{'recovered':>11}{'share':>9}")
    rows = [(variant, [c for c in checks if c.variant == variant]) for variant in VARIANTS]
    rows.insert(2, ("all pages", [c for c in checks if c.variant in ("sheet", "header")]))
    for variant, chosen in rows:
        for name in FIELDS:
            of_field = [check for check in chosen if check.field == name]
            if not of_field:
                continue
            recovered = sum(check.ok for check in of_field)
            share = recovered / len(of_field)
            mark = "" if variant == "reader" or share >= GOAL_SHARE else "  < goal"
            print(f"  {variant:<15}{name:<8}{len(of_field):>8}{recovered:>11}{share:>9.1%}{mark}")
    for variant, meaning in VARIANTS.items():
        print(f"    {variant}: {meaning}")
    errors = [check for check in checks if check.variant == "bench"]
    if errors:
        print(f"  the bench's own reading failed on {len(errors)} files, e.g. {errors[0].got}")
    misses = [(result.path, check) for result in results for check in result.checks if not check.ok]
    with misses_path.open("w", encoding="utf-8") as out:
        out.write("path\tvariant\tfield\texpected\tgot\theader lines\n")
        for path, check in sorted(misses, key=lambda item: (item[1].variant, item[1].field, item[0])):
            cells = (path, check.variant, check.field, check.expected, check.got, check.lines)
            out.write("\t".join(" ".join(cell.split()) for cell in cells) + "\n")
    print(f"Misses: {len(misses)} rows in {misses_path}")


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the pipeline over the crawl and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="folder, .md file or .tar.xz")
    picked = parser.add_mutually_exclusive_group()
    picked.add_argument("--limit", type=int, help="only the first N files (sorted by path)")
    picked.add_argument("--sample", type=int, help="N files drawn at random")
    parser.add_argument("--seed", type=int, default=0, help="seed of --sample")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--chunk", type=int, default=16, help="files handed to a worker at once")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a file may take, then it is a crash")
    parser.add_argument("--misses", type=Path, default=Path("/tmp/identity_misses.tsv"), help="TSV of identity misses")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="corpus-load-") as scratch:
        files = choose(crawl_files(args.source, Path(scratch)), args.limit, args.sample, args.seed)
        print(f"{args.source}: {len(files)} files", file=sys.stderr)
        results, elapsed = run(files, args.workers, args.chunk, args.timeout)
        print_files(results, elapsed, args.workers)
        print_identity(results, args.misses)
    return 1 if any(result.outcome == "crashed" for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
