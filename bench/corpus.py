"""A synthetic knowledge base: the sample directives again and again with other numbers, names and dates (parsed
in memory by `build`, or written as files by `write_variants` for the cache and the command line to read)."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.loading import DEFAULT_SAMPLES, discover, read_text  # noqa: E402
from knowledge.model import Document  # noqa: E402
from knowledge.parsing import parse_text  # noqa: E402

PLACES = [
    "Đông Triều",
    "Uông Bí",
    "Quảng Yên",
    "Cẩm Phả",
    "Móng Cái",
    "Hạ Long",
    "Tiên Yên",
    "Vân Đồn",
    "Hải Hà",
    "Bình Liêu",
    "Ba Chẽ",
    "Đầm Hà",
    "Cô Tô",
    "Kinh Môn",
    "Chí Linh",
    "Thủy Nguyên",
    "Sơn Động",
    "Lục Nam",
]
PROVINCES = ["Quảng Ninh", "Hải Dương", "Bắc Giang", "Hải Phòng", "Lạng Sơn", "Thái Bình", "Nam Định", "Hưng Yên"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
GIVEN = ["Văn Công", "Thị Tâm", "Thị Mai Phương", "Thị Ngọc Anh", "Minh Tuấn", "Thu Hà", "Đức Thắng", "Hải Yến"]
_NUMBER_RE = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?(?![\d/])")
_YEAR_RE = re.compile(r"\b(20[12]\d)\b")
_DOCUMENT_NUMBER_RE = re.compile(r"(?m)^(\s*Số:?\s*)\d+")


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    whole, fraction = match.group(1), match.group(2)
    if len(whole) == 4 and whole.startswith("20"):
        return match.group(0)  # years are shifted separately
    value = int(whole.replace(".", ""))
    new = max(1, int(value * rng.uniform(0.6, 1.4)))
    text = f"{new:,}".replace(",", ".") if "." in whole else str(new).zfill(len(whole))
    return text + (f",{rng.randint(0, 9)}" if fraction else "")


def variant(text: str, number: int) -> str:
    """The text with numbers, places, people and years changed, reproducibly for `number`."""
    rng = random.Random(number)
    shift = rng.randint(-3, 3)
    text = _NUMBER_RE.sub(lambda match: _vary_number(match, rng), text)
    text = _YEAR_RE.sub(lambda match: str(int(match.group(1)) + shift), text)
    for original in ("Đông Triều", "Hoa Phượng"):
        text = text.replace(original, rng.choice(PLACES))
    text = text.replace("Quảng Ninh", rng.choice(PROVINCES))
    for name in ("Nguyễn Văn Công", "Dương Thị Tâm", "Nguyễn Thị Ngọc Anh", "Nguyễn Thị Mai Phương"):
        text = text.replace(name, f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}")
    return text


def build(sentences: int, sources: list[Path] | None = None) -> list[Document]:
    """Parsed variant documents until they hold at least `sentences` passages."""
    texts = [(str(path), read_text(path)) for path in discover(sources or [DEFAULT_SAMPLES])]
    documents: list[Document] = []
    total = 0
    number = 0
    while total < sentences:
        path, text = texts[number % len(texts)]
        document = parse_text(text if number < len(texts) else variant(text, number), f"{path}#{number}")
        documents.append(document)
        total += len(document.passages)
        number += 1
    return documents


def distinct(text: str, number: int) -> str:
    """The text with a document number of its own, so that no two variants are taken for copies of one document."""
    replaced, count = _DOCUMENT_NUMBER_RE.subn(lambda match: f"{match.group(1)}{number}", text, count=1)
    return replaced if count else f"Số: {number}-KH/TU\n{replaced}"


def write_variants(passages: int, folder: Path, sources: list[Path] | None = None) -> list[Path]:
    """Variant files of the samples in `folder` until they hold about `passages` passages (each sample's count is
    taken from parsing it once); files already there are kept as they are."""
    paths = discover(sources or [DEFAULT_SAMPLES])
    samples = [(path, read_text(path)) for path in paths]
    counts = [len(parse_text(text, str(path)).passages) for path, text in samples]
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    total = number = 0
    while total < passages:
        position = number % len(samples)
        path, text = samples[position]
        target = folder / f"{path.stem}-{number:06d}{path.suffix}"
        if not target.exists():
            target.write_text(distinct(variant(text, number), 1000 + number), encoding="utf-8")
        written.append(target)
        total += counts[position]
        number += 1
    return written
