"""Plain-text files (knowledge.readers.text through knowledge.loading): every encoding a directive arrives in is
detected and reported in the notes, damaged bytes are repaired or refused, line ends and letters normalised."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from knowledge.base import load_file
from knowledge.errors import DocumentError
from knowledge.loading import read_document, read_text

TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\n"
    "Số: 15/KH-UBND\n"
    "KẾ HOẠCH\n"
    "Triển khai thực hiện chuyển đổi số năm 2025\n"
    "1. Sở Nội vụ chủ trì, phối hợp với các đơn vị liên quan báo cáo kết quả trước ngày\n"
    "15/6/2025; đồng thời tổng hợp ý kiến của người dân về dịch vụ công trực tuyến.\n"
    "2. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98% trở lên.\n"
)
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: vowel marks precomposed, tone marks as separate combining bytes."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(part for part in parts if part not in _TONES))
        out.append(base + "".join(part for part in parts if part in _TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("encode", "note"),
    [
        (lambda text: text.encode("utf-8"), None),
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), None),
        (lambda text: b"\xff\xfe" + text.encode("utf-16-le"), "UTF-16 LE (theo dấu BOM)"),
        (lambda text: b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16 BE (theo dấu BOM)"),
        (lambda text: text.encode("utf-16-le"), "UTF-16 LE không có BOM"),
        (lambda text: text.encode("utf-16-be"), "UTF-16 BE không có BOM"),
        (_cp1258, "Windows-1258"),
    ],
)
def test_each_encoding_reads_the_same_text_and_says_what_was_assumed(
    tmp_path: Path, encode, note: str | None  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(encode(TEXT))
    source = read_document(path)
    assert source.text == TEXT
    if note is None:
        assert source.notes == ()
    else:
        [said] = source.notes
        assert note in said


def test_western_text_in_windows_1252_is_not_taken_for_windows_1258(tmp_path: Path) -> None:
    text = "A prefeitura informou que o prazo da inscrição vai até terça-feira; não há exceções nas ações.\n" * 3
    path = tmp_path / "nota.txt"
    path.write_bytes(text.encode("cp1252"))
    source = read_document(path)
    assert source.text == text
    assert source.notes == ("đọc với mã hóa Windows-1252 (đoán từ nội dung)",)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b""])
def test_odd_length_utf16_file_loses_only_its_last_byte(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(bom + TEXT.encode("utf-16-le") + b"\x31")
    source = read_document(path)
    assert source.text == TEXT
    assert any("byte lẻ" in note for note in source.notes)


def test_a_few_broken_bytes_in_utf8_are_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "hong.txt"
    data = TEXT.encode("utf-8")
    path.write_bytes(data[:40] + b"\xff" + data[40:] + "Tuyên Quang".encode()[:-1] + "ệ".encode()[:2])
    source = read_document(path)
    assert "chuyển đổi số năm 2025" in source.text and "\ufffd" in source.text
    assert any("không phải UTF-8 hợp lệ" in note for note in source.notes)


def test_bytes_no_code_page_can_read_are_a_document_error(tmp_path: Path) -> None:
    path = tmp_path / "la.txt"
    path.write_bytes(b"Ke hoach \x81\x8d\x8f\x90\x9d so 12 " * 20)
    with pytest.raises(DocumentError) as caught:
        read_text(path)
    assert caught.value.path == str(path) and "mã hóa" in caught.value.reason


def test_line_ends_and_decomposed_letters_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    decomposed = unicodedata.normalize("NFD", TEXT)
    path.write_bytes((decomposed.replace("\n", "\r\n") + "\rTrang 2\fTrang 3\u200b\x07").encode("utf-8"))
    assert read_text(path) == TEXT + "\nTrang 2\fTrang 3"


def test_reading_notes_reach_the_load_report(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(_cp1258(TEXT))
    report = load_file(path)
    assert report.error is None and report.document is not None
    assert report.notes == ("đọc với mã hóa Windows-1258 (đoán từ nội dung)",)
    assert report.document.info.number == "15/KH-UBND"
