"""What every reader is given (ReadLimits) and gives back (SourceText), and the file-size check they share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import DocumentError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds on one file's reading, so that no file can exhaust memory or time (config: knowledge.limits)."""

    max_file_bytes: int = 50 * MB
    max_pages: int = 500
    max_unzipped_bytes: int = 200 * MB
    max_compression_ratio: float = 200.0
    ocr: bool = True
    timeout_seconds: float = 300.0


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document's text and what reading it assumed or worked around (Vietnamese notes).

    Text conventions: "\\n" is a line break that may be a hard wrap inside a sentence, a blank line separates
    paragraphs, "\\f" marks a page break, "## " starts a heading, "| cell | cell |" lines are table rows."""

    text: str
    notes: tuple[str, ...] = ()


def check_size(path: Path, limits: ReadLimits) -> int:
    """The file's size in bytes; a DocumentError when it is larger than the limit."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise DocumentError(
            str(path),
            f"tệp quá lớn ({size / MB:.1f} MB, giới hạn {limits.max_file_bytes / MB:.0f} MB; "
            "khóa knowledge.limits.max_file_mb)",
        )
    return size
