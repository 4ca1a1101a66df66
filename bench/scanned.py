"""Answers from a scanned copy of each directive beside answers from its text: right / wrong / declined, deadlines,
identity, and the expected facts the scan lost.

Run: python bench/scanned.py [--set NAME]... [--file PART]... [--limit N] [--dpi 200] [--clean] [--work DIR]

Each chosen document (default: ../shared/corpus/dev and the studied sets fresh1, fresh4, fresh6, fresh7; the blind
sets of bench/evaluate.py are refused) is printed and scanned the way an office does it: a .docx is printed by
LibreOffice headless as it is; a .txt or .md is read by the project's reader and printed as its author would have
printed it: the crawl's hard wraps joined into justified paragraphs, short lines (header, signature, table cells)
kept, `**`/`*` as bold/italic, lone `|` lines left out (see `paragraphs`). Each page is rasterised by pypdfium2 at
--dpi, tilted by up to 0.4°, blurred and speckled with seeded noise (--clean: none), and the pages are saved as an
image-only PDF (JPEG pages, no text layer). The text file and the scanned PDF are each loaded beside the two samples
through KnowledgeBase.load, so the scan goes through the bot's own PDF reader and Tesseract (vie), and asked the
document's questions, judged as bench/evaluate.py judges them at the shipped threshold. Deadlines are judged as
bench/deadlines.py judges them. Work files stay in a temporary folder (--work keeps them). OCR takes a few seconds a
page on one core: use --limit on a shared machine.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tempfile
import time
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from deadlines import judge as judge_deadlines  # noqa: E402
from evaluate import BLIND_SETS, DIRECTIVE_SETS, Outcome, ask_all, normalized, tally  # noqa: E402

from knowledge.answering import DEFAULT_THRESHOLD  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.loading import DEFAULT_SAMPLES, read_document  # noqa: E402
from knowledge.model import Document  # noqa: E402
from knowledge.readers.programs import find, run  # noqa: E402
from knowledge.reading import LoadReport  # noqa: E402
from knowledge.vietnamese import fold  # noqa: E402

STUDIED = [(name, folder) for name, folder in DIRECTIVE_SETS if name not in BLIND_SETS]
_MARKER = re.compile(r"(\*\*|\*)")
_ITEM = re.compile(r"(?:[-+•]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXLC]+\.)\s")  # "- ", "2.1. ", "a) ", "II. "
_WRAPPED = 60  # a line this long was wrapped by the crawl (it wraps at ~80), not ended by the author


def paragraphs(text: str) -> list[list[str]]:
    """How `text` prints: blocks (blank lines and the crawl's lone `|` cell marks end one) of printed lines. The
    crawl's wraps are joined: after a line of 60 letters or more when a long line, or one in lower case or with a
    figure, follows (not an item "- ", "2.", "a)" after a sentence's end); before a line in lower case, or a long
    one with a figure; after a heading's label cut short ("1. Vụ" / "Pháp chế"). Other short lines (header,
    signature, a flattened table's cells) stay as they are."""
    printed: list[list[str]] = []
    for block in re.split(r"\n\s*\n", re.sub(r"(?m)^[ \t]*\|[ \t]*$", "", text.replace("\f", "\n\n"))):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        out = [lines[0]]
        for last, line in itertools.pairwise(lines):
            last, start = last.rstrip("* "), line.lstrip("*")[:1]
            ended, lower = last.endswith((".", ";", ":", "!", "?")), start.islower()
            goes_on = lower or start.isdigit()
            wrapped = len(last) >= _WRAPPED and (len(line) >= _WRAPPED or goes_on) and not (ended and _ITEM.match(line))
            opened = not ended and (lower or (goes_on and len(line) >= _WRAPPED))
            labelled = (not ended and _ITEM.match(f"{last} ") is not None and len(last.split()) <= 3
                        and len(line) < _WRAPPED and not _ITEM.match(line))  # fmt: skip
            out[-1:] = [f"{out[-1]} {line}"] if wrapped or opened or labelled else [out[-1], line]
        printed.append(out)
    return printed


def printed_docx(text: str, target: Path) -> None:
    """Write `text` as a Word file printed as a directive is: A4, a serif the size of Times 13 pt, prose justified
    with its first line indented, short lines kept (see `paragraphs`), `**`/`*` spans as bold/italic runs."""
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    word = Word()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    style = word.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Serif Condensed", Pt(12)
    style.paragraph_format.space_after = Pt(6)
    for block in paragraphs(text):
        bold = italic = False
        for number, line in enumerate(block):
            paragraph = word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if len(line) >= _WRAPPED:
                paragraph.paragraph_format.first_line_indent = Cm(1)
            if number < len(block) - 1:
                paragraph.paragraph_format.space_after = Pt(0)
            for piece in _MARKER.split(line):
                if piece in ("**", "*"):
                    bold, italic = (not bold, italic) if piece == "**" else (bold, not italic)
                elif piece:
                    run_ = paragraph.add_run(piece)
                    run_.bold, run_.italic = bold, italic
    word.save(str(target))


def printed_pdf(source: Path, folder: Path) -> Path:
    """The PDF LibreOffice headless prints of `source` (.docx), in `folder`, with its own profile there."""
    office = find("soffice", "libreoffice")
    if office is None:
        raise SystemExit("cần LibreOffice để in văn bản ra PDF: apt-get install libreoffice-writer-nogui")
    profile = f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}"
    run([office, profile, "--headless", "--norestore", "--nolockcheck", "--nologo", "--convert-to", "pdf",
         "--outdir", str(folder), str(source)], timeout=300, path=source, what="LibreOffice")  # fmt: skip
    printed = folder / f"{source.stem}.pdf"
    if not printed.exists():
        raise SystemExit(f"{source}: LibreOffice không in được ra PDF")
    return printed


def scanned_page(page: Any, seed: int, clean: bool) -> Any:
    """One scanned page (PIL, grayscale): tilted up to 0.4°, blurred a little, speckled with seeded noise."""
    import numpy as np
    from PIL import Image, ImageFilter

    if clean:
        return page.convert("L")
    random = np.random.default_rng(seed)
    tilted = page.convert("L").rotate(float(random.uniform(-0.4, 0.4)), resample=Image.Resampling.BICUBIC,
                                      fillcolor=255)  # fmt: skip
    pixels = np.asarray(tilted.filter(ImageFilter.GaussianBlur(0.5)), dtype=np.float32)
    pixels += random.normal(0.0, 8.0, pixels.shape)
    pixels[random.random(pixels.shape) < 0.0001] = 0.0  # dust
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def image_pdf(pages: list[Any], target: Path, dpi: int) -> None:
    """Save PIL pages as a PDF of images only (JPEG, as scanners write), each page sized by `dpi`."""
    first, *rest = pages
    first.save(str(target), "PDF", resolution=float(dpi), save_all=True, append_images=rest, quality=80)


def scan(source: Path, folder: Path, dpi: int, clean: bool) -> tuple[Path, int]:
    """The scanned copy of a directive file, as an image-only PDF in `folder`, and its number of pages."""
    import pypdfium2 as pdfium

    if source.suffix.lower() == ".docx":
        printed = printed_pdf(source, folder)
    else:
        word = folder / f"{source.stem}.docx"
        printed_docx(read_document(source).text, word)
        printed = printed_pdf(word, folder)
    pdf = pdfium.PdfDocument(str(printed))
    try:
        seed = zlib.crc32(source.name.encode("utf-8"))
        pages = [scanned_page(pdf[n].render(scale=dpi / 72, grayscale=True).to_pil(), seed + n, clean)
                 for n in range(len(pdf))]  # fmt: skip
    finally:
        pdf.close()
    target = folder / f"{source.stem}.scan.pdf"
    image_pdf(pages, target, dpi)
    return target, len(pages)


@dataclass
class Version:
    """One version of a document (text or scan) loaded and asked: outcomes, its load report, times."""

    outcomes: list[Outcome]
    report: LoadReport
    load_seconds: float
    ask_seconds: float

    @property
    def document(self) -> Document | None:
        """The parsed document, or None when the file could not be read."""
        return self.report.document


def asked(path: Path, cases: list[dict[str, object]]) -> Version:
    """Load `path` beside the samples as evaluate.py does and ask every case."""
    reports: list[LoadReport] = []
    started = time.monotonic()
    kb = KnowledgeBase.load([DEFAULT_SAMPLES, path], on_file=reports.append)
    loaded = time.monotonic()
    outcomes = list(ask_all(kb, cases))
    report = next(report for report in reports if Path(report.path) == path)
    return Version(outcomes, report, loaded - started, time.monotonic() - loaded)


def identity(document: Document | None) -> dict[str, str]:
    """The identity fields compared between text and scan ("—" where not found)."""
    info = document.info if document else None
    issued = info.issued.isoformat() if info and info.issued else None
    values = {"number": info and info.number, "date": issued, "issuer": info and info.issuer,
              "signer": info and info.signer}  # fmt: skip
    return {key: value or "—" for key, value in values.items()}


def counts(version: Version, threshold: float) -> str:
    """right/answerable, wrong, declined, out-of-scope declined as one short cell."""
    result = tally(version.outcomes, threshold)
    return (f"right {result.right}/{result.answerable} wrong {result.wrong} declined {result.declined} "
            f"oos {result.out_declined}/{result.out_declined + result.out_answered}")


def deadline_cell(entry: dict[str, Any], version: Version) -> tuple[str, int]:
    """Dated deadlines found and recurring matched, as bench/deadlines.py counts them, and the dated found."""
    if version.document is None:
        return "not loaded", 0
    result = judge_deadlines(entry, [deadline.to_json() for deadline in version.document.deadlines])
    return (f"dated {result.found}/{result.expected} (listed {result.listed}, real {result.real}) recurring "
            f"{result.recurring_matched}/{result.recurring_expected}"), result.found


def reading(document: Document | None) -> str:
    """What the bot can answer from (title, headings, passages), whitespace collapsed, tone marks kept (NFC)."""
    if document is None:
        return ""
    parts = [document.info.title, *(section.title for section in document.sections)]
    parts += [f"{passage.lead} {passage.text}" for passage in document.passages]
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", " ".join(parts)))


def scan_reads(expected: str, scanned: str) -> str:
    """The part of the scan's text closest to an expected string (fuzzy, tone marks folded), tone marks shown."""
    from rapidfuzz import fuzz

    needle = normalized(expected)
    match = fuzz.partial_ratio_alignment(needle, fold(scanned))
    if match is None or match.score < 60:
        return "(nothing close)"
    start, end = match.dest_start, match.dest_end
    return f"{scanned[max(0, start - 15):start]}[{scanned[start:end]}]{scanned[end:end + 15]} ({match.score:.0f})"


def losses(cases: list[dict[str, Any]], text: Version, scan: Version, threshold: float) -> list[str]:
    """Cases right on the text and not on the scan, each with why: an expected string the scan's text lost (and
    what OCR read instead), or the facts kept and another answer chosen."""
    text_facts, scan_text = normalized(reading(text.document)), reading(scan.document)
    scan_facts = normalized(scan_text)
    lines: list[str] = []
    for case, before, after in zip(cases, text.outcomes, scan.outcomes, strict=True):
        if judged(before, threshold) and not judged(after, threshold):
            if before.out_of_scope:
                lines.append(f"  out of scope answered on the scan: {before.question} => {after.answer[:90]!r}")
                continue
            lost = [str(item) for item in case.get("expect") or [] if normalized(str(item)) in text_facts
                    and normalized(str(item)) not in scan_facts]  # fmt: skip
            lines.append(f"  lost: {before.question}")
            for item in lost:
                lines.append(f"      expected {item!r}; the scan reads {scan_reads(item, scan_text)}")
            if not lost:
                shown = after.answer[:100].replace("\n", " ") if after.score >= threshold else "(declined)"
                lines.append(f"      facts kept, answer differs ({after.score:.2f}): {shown}")
    return lines


def judged(outcome: Outcome, threshold: float) -> bool:
    """Whether a case is right at `threshold`, as bench/evaluate.py counts it."""
    found = outcome.score >= threshold
    return (not found) if outcome.out_of_scope else (found and outcome.right_text)


def chosen(args: argparse.Namespace) -> list[tuple[str, Path, dict[str, Any]]]:
    """(set, folder, document entry) of every document to measure; blind sets refused."""
    names = args.set or [name for name, _ in STUDIED]
    known = dict(DIRECTIVE_SETS)
    picked: list[tuple[str, Path, dict[str, Any]]] = []
    for name in names:
        if name in BLIND_SETS or Path(name).name in BLIND_SETS:
            raise SystemExit(f"{name}: bộ câu hỏi kín (blind), không được in từng câu; chọn bộ khác")
        folder = known.get(name, Path(name))
        if not (folder / "questions.yaml").exists():
            studied = ", ".join(known_name for known_name, _ in STUDIED)
            raise SystemExit(f"{name}: không có {folder / 'questions.yaml'} (bộ đã biết: {studied})")
        for entry in yaml.safe_load((folder / "questions.yaml").read_text(encoding="utf-8"))["documents"]:
            if not args.file or any(part in entry["file"] for part in args.file):
                picked.append((name, folder, entry))
    return picked[: args.limit] if args.limit else picked


@dataclass
class Totals:
    """What the documents of one run add up to."""

    texts: dict[str, list[Outcome]] = field(default_factory=dict)
    scans: dict[str, list[Outcome]] = field(default_factory=dict)
    pages: int = 0
    ocr_seconds: float = 0.0
    fields: int = 0
    fields_kept: int = 0
    dated: list[int] = field(default_factory=lambda: [0, 0, 0])  # expected, found on the text, found on the scan


def measure(name: str, source: Path, entry: dict[str, Any], work: Path, args: argparse.Namespace,
            totals: Totals) -> None:
    """Scan one document, ask both versions, print its block and add it to `totals`."""
    started = time.monotonic()
    pdf, pages = scan(source, work, args.dpi, args.clean)
    made = time.monotonic() - started
    text, scanned = asked(source, entry["cases"]), asked(pdf, entry["cases"])
    totals.texts.setdefault(name, []).extend(text.outcomes)
    totals.scans.setdefault(name, []).extend(scanned.outcomes)
    totals.pages += pages
    totals.ocr_seconds += scanned.load_seconds
    print(f"[{name}] {entry['file']} ({pages} pages)")
    error = f"; ERROR {scanned.report.error}" if scanned.report.error else ""
    print(f"  reader: {'; '.join(scanned.report.notes) or '(no notes)'}{error}; printed+scanned {made:.1f} s, "
          f"loaded with OCR {scanned.load_seconds:.1f} s ({scanned.load_seconds / max(1, pages):.1f} s/page), "
          f"asked {scanned.ask_seconds:.1f} s; text loaded {text.load_seconds:.1f} s")
    print(f"  answers    text {counts(text, args.threshold)} | scan {counts(scanned, args.threshold)}")
    (text_deadlines, on_text), (scan_deadlines, on_scan) = deadline_cell(entry, text), deadline_cell(entry, scanned)
    print(f"  deadlines  text {text_deadlines} | scan {scan_deadlines}")
    for key, before in identity(text.document).items():
        after = identity(scanned.document)[key]
        kept = normalized(before) == normalized(after)
        totals.fields += before != "—"
        totals.fields_kept += before != "—" and kept
        mark = "" if before == after else "  ≈ (tone marks or case)" if kept else "  ≠"
        print(f"  {key:9}  text {before[:60]!r} | scan {after[:60]!r}{mark}")
    totals.dated = [totals.dated[0] + len(entry.get("deadlines") or []), totals.dated[1] + on_text,
                    totals.dated[2] + on_scan]  # fmt: skip
    for line in losses(entry["cases"], text, scanned, args.threshold):
        print(line)
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", help="a set by name (corpus_dev, fresh1 …) or a folder")
    parser.add_argument("--file", action="append", help="only documents whose file name holds this")
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents (0: all)")
    parser.add_argument("--dpi", type=int, default=200, help="scan resolution (200: an office scanner's default)")
    parser.add_argument("--clean", action="store_true", help="no tilt, blur or noise")
    parser.add_argument("--work", type=Path, help="keep the printed and scanned files here")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each document as soon as it is done
    documents = chosen(args)
    print(f"Scanned copies at {args.dpi} dpi{' (clean)' if args.clean else ', tilted ≤0.4°, blurred, noisy'}, read "
          f"through KnowledgeBase.load (PDF reader → Tesseract vie), beside the samples; threshold {args.threshold}.")
    print("Per document: answers on the text file | on the scan (right/answerable, wrong, declined, out-of-scope "
          "declined), deadlines as bench/deadlines.py, identity fields, and cases the scan lost.\n")
    totals = Totals()
    with tempfile.TemporaryDirectory(prefix="scanned-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for name, folder, entry in documents:
            measure(name, folder / entry["file"], entry, work, args, totals)
    print(f"Totals over {len(documents)} documents, {totals.pages} pages, OCR and loading "
          f"{totals.ocr_seconds:.0f} s ({totals.ocr_seconds / max(1, totals.pages):.1f} s/page):")
    for name in totals.texts:
        print(tally(totals.texts[name], args.threshold).line(f"{name} text"))
        print(tally(totals.scans[name], args.threshold).line(f"{name} scan"))
    if len(totals.texts) > 1:
        print(tally([o for items in totals.texts.values() for o in items], args.threshold).line("all text"))
        print(tally([o for items in totals.scans.values() for o in items], args.threshold).line("all scan"))
    expected, on_text, on_scan = totals.dated
    print(f"dated deadlines found: text {on_text}/{expected}, scan {on_scan}/{expected}; identity fields the text "
          f"gives kept on the scan (tone marks and case aside): {totals.fields_kept}/{totals.fields}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
