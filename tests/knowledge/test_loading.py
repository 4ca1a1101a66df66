"""Loading directive files (knowledge.loading, knowledge.base): encodings, .md, .docx, .pdf, malformed files that
must give a DocumentError naming the path, a folder with a bad file, and errors in synonym files."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest

from knowledge.base import KnowledgeBase, load_file
from knowledge.errors import DocumentError
from knowledge.loading import read_text
from knowledge.parsing import parse_text
from knowledge.synonyms import Lexicon

PLAN = "\n\n\n".join(
    [
        "ỦY BAN NHÂN DÂN PHƯỜNG MẠO KHÊ",
        "Số: 20/KH-UBND",
        "Mạo Khê, ngày 10 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "Giảm nghèo bền vững năm 2025",
        "Thực hiện chỉ đạo của UBND thị xã, Ủy ban nhân dân phường xây dựng Kế hoạch giảm nghèo bền vững năm 2025 "
        "như sau:",
        "I. CHỈ TIÊU CHỦ YẾU",
        "(1) Giảm 30 hộ nghèo, tỷ lệ hộ nghèo cuối năm còn dưới 0,5%.",
        "(2) Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95,5% trở lên.",
    ]
)
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: letters with their vowel marks precomposed, tone marks as combining marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(part for part in parts if part not in _TONES))
        out.append(base + "".join(part for part in parts if part in _TONES))
    return "".join(out).encode("cp1258")


def _check_plan(text: str, path: Path) -> None:
    document = parse_text(text, str(path))
    info = document.info
    assert (info.number, info.kind, info.issued) == ("20/KH-UBND", "Kế hoạch", date(2025, 1, 10))
    assert document.info.issuer == "Ủy ban nhân dân phường Mạo Khê"
    assert [(t.value, t.unit) for t in document.targets] == [(30, "hộ"), (0.5, "%"), (95.5, "%")]


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf8.txt", lambda text: text.encode("utf-8")),
        ("bom.txt", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("utf16.txt", lambda text: text.encode("utf-16")),
        ("windows.txt", _cp1258),
        ("plan.md", lambda text: text.encode("utf-8")),
    ],
)
def test_text_files_in_every_encoding_read_the_same(tmp_path: Path, name: str, encode) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(encode(PLAN))
    text = read_text(path)
    assert "\ufeff" not in text
    assert unicodedata.normalize("NFC", text) == PLAN
    _check_plan(text, path)


def test_markdown_marks_do_not_reach_the_document(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(PLAN.replace("I. CHỈ TIÊU CHỦ YẾU", "## **I. CHỈ TIÊU CHỦ YẾU**"), encoding="utf-8")
    report = load_file(path)
    assert report.error is None and report.document is not None
    assert [s.path for s in report.document.sections] == ["I", "I › (1)", "I › (2)"]
    assert not any("*" in p.text or "#" in p.text for p in report.document.passages)


def _word_file(path: Path) -> Path:
    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN PHƯỜNG MẠO KHÊ", "Số: 12/KH-UBND", "Mạo Khê, ngày 10 tháng 01 năm 2025"):
        document.add_paragraph(line)
    document.add_heading("KẾ HOẠCH", level=1)
    document.add_paragraph("Thực hiện công tác giảm nghèo bền vững năm 2025")
    document.add_heading("I. CHỈ TIÊU CHỦ YẾU", level=2)
    document.add_paragraph("(1) Giảm 30 hộ nghèo, tỷ lệ hộ nghèo cuối năm còn dưới 0,5%.")
    document.add_paragraph("(2) Tạo việc làm mới cho 680 lao động trở lên.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "Thời hạn"
    table.cell(1, 0).text = "Tỷ lệ tham gia bảo hiểm y tế đạt 95,5% trở lên"
    table.cell(1, 1).text = "Hoàn thành trước ngày 30/11/2025"
    document.add_paragraph("Báo cáo kết quả thực hiện về UBND thị xã trước ngày 15/12/2025.")
    document.save(str(path))
    return path


def test_docx_headings_paragraphs_and_table_are_read(tmp_path: Path) -> None:
    path = _word_file(tmp_path / "ke-hoach.docx")
    text = read_text(path)
    assert "## I. CHỈ TIÊU CHỦ YẾU" in text
    assert "Tỷ lệ tham gia bảo hiểm y tế đạt 95,5% trở lên" in text
    document = parse_text(text, str(path))
    info = document.info
    assert (info.number, info.kind, info.issued) == ("12/KH-UBND", "Kế hoạch", date(2025, 1, 10))
    assert info.title == "Thực hiện công tác giảm nghèo bền vững năm 2025"
    assert {(t.value, t.unit, t.comparator) for t in document.targets} == {
        (30, "hộ", "="), (0.5, "%", "≤"), (680, "lao động", "≥"), (95.5, "%", "≥")
    }
    assert {d.due for d in document.deadlines} == {date(2025, 11, 30), date(2025, 12, 15)}


def test_docx_paragraphs_and_table_cells_stay_separate_passages(tmp_path: Path) -> None:
    document = parse_text(read_text(_word_file(tmp_path / "ke-hoach.docx")), "ke-hoach.docx")
    [report] = [p.text for p in document.passages if "Báo cáo kết quả thực hiện" in p.text]
    assert report == "Báo cáo kết quả thực hiện về UBND thị xã trước ngày 15/12/2025."
    assert not any("Chỉ tiêu Thời hạn" in p.text for p in document.passages)


def _pdf(*pages: list[str]) -> bytes:
    """A minimal PDF, one page per list of ASCII lines in Helvetica; a page with no lines has no text at all."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * index) for index in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
    for index, lines in enumerate(pages):
        ops = ["0 0 m 100 100 l S"] + (["BT", "/F1 12 Tf", "16 TL", "50 780 Td"] if lines else [])
        ops += [f"({line}) Tj T*" for line in lines] + (["ET"] if lines else [])
        stream = "\n".join(ops).encode("latin-1")
        font = 3 + 2 * count
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * index, font))  # fmt: skip
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_is_read_page_by_page(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf(["KE HOACH", "I. CHI TIEU CHU YEU", "(1) Ty le ho gia dinh van hoa dat 95% tro len."],
                          ["(2) Ty le tham gia bao hiem y te dat 98,5%."]))  # fmt: skip
    text = read_text(path)
    assert "dat 95% tro len" in text and "dat 98,5%" in text
    assert text.index("(1)") < text.index("(2)")
    document = parse_text(text, str(path))
    assert [(t.section, t.value, t.unit) for t in document.targets] == [("I › (1)", 95, "%"), ("I › (2)", 98.5, "%")]


def test_pdf_without_text_layer_is_a_document_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([], []))
    with pytest.raises(DocumentError) as caught:
        read_text(path)
    assert caught.value.path == str(path)
    assert "lớp chữ" in caught.value.reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "không có nội dung"),
        ("blank.md", b"  \n\n\t \n", "không có nội dung"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x08\x06\x00\x00\x00", "nhị phân"),
        ("broken.docx", b"PK\x03\x04 not really a zip archive", ".docx"),
        ("text.docx", "Kế hoạch số 12".encode(), ".docx"),
        ("broken.pdf", b"%PDF-1.4\n garbage garbage", "PDF"),
        ("empty.pdf", b"", "PDF"),
        ("ke-hoach.xls", b"\xd0\xcf\x11\xe0 old sheet", "chưa hỗ trợ"),
        ("ke-hoach.rtf", b"{\\rtf1 Ke hoach}", "chưa hỗ trợ"),
        ("khong-co.txt", None, "không đọc được"),
    ],
)
def test_malformed_or_missing_files_give_a_document_error_naming_the_path(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_text(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(str(path))
    assert reason in caught.value.reason
    assert load_file(path).error is not None


def test_binary_txt_that_decodes_as_utf8_is_still_rejected(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00" * 64 + b"\x01\x02\x03 abc \x00\x00")
    with pytest.raises(DocumentError) as caught:
        read_text(path)
    assert caught.value.path == str(path)


def test_file_with_nothing_to_answer_is_reported_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.txt"
    path.write_text("Ghi chú\n", encoding="utf-8")
    report = load_file(path)
    assert report.document is None
    assert report.error is not None and report.error.path == str(path)


def test_folder_loads_the_good_files_and_reports_the_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "bad.docx").write_bytes(b"not a word file")
    (tmp_path / ".nhap.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "anh.png").write_bytes(b"\x89PNG")  # a picture is read through OCR: this one is broken
    (tmp_path / "bang.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "~$good.docx").write_bytes(b"\x06Nguoi dung" + b"\x00" * 150)  # Word's lock file, not a document
    seen: list[str] = []
    knowledge = KnowledgeBase.load([tmp_path], on_file=lambda report: seen.append(Path(report.path).name))
    assert [d.info.number for d in knowledge.documents] == ["20/KH-UBND"]
    assert [Path(e.path).name for e in knowledge.problems] == ["anh.png", "bad.docx"]
    assert sorted(seen) == ["anh.png", "bad.docx", "good.txt"]
    assert [t.value for t in knowledge.targets()] == [30, 0.5, 95.5]
    missing = KnowledgeBase.load([tmp_path / "khong-co"])
    assert missing.documents == [] and [e.path for e in missing.problems] == [str(tmp_path / "khong-co")]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("abbreviations: [chưa đóng", "không đọc được"),
        ("- BHYT\n- bảo hiểm y tế\n", "'abbreviations'"),
        ("abbreviations:\n  - BHYT\n", "'abbreviations'"),
        ("abbreviations:\n  BHYT: bảo hiểm y tế\n  NTM: 5\n", "abbreviations.NTM"),
        ("synonyms: giảm nghèo\n", "'synonyms'"),
        ("synonyms:\n  - [giảm nghèo, xóa đói giảm nghèo]\n  - [hộ nghèo, 3]\n", "synonyms[1]"),
        ("synonyms:\n  - [giảm nghèo, xóa đói giảm nghèo]\n  - hộ nghèo\n", "synonyms[1]"),
        (None, "không đọc được"),
    ],
)
def test_synonym_file_errors_name_the_file_and_the_key(tmp_path: Path, content: str | None, words: str) -> None:
    path = tmp_path / "synonyms.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        Lexicon.load([path])
    assert caught.value.path == str(path)
    assert words in caught.value.reason


def test_valid_synonym_file_groups_abbreviations_with_their_long_form(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.yaml"
    path.write_text("abbreviations:\n  BHYT: bảo hiểm y tế\nsynonyms:\n  - [hộ nghèo, hộ khó khăn]\n", encoding="utf-8")
    lexicon = Lexicon.load([path])
    [(_, _, short)] = lexicon.find(["tham", "gia", "bhyt"])
    assert lexicon.find(["tham", "gia", "bao", "hiem", "y", "te"]) == [(2, 6, short)]
    assert lexicon.find(["ho", "kho", "khan"])[0][2] == lexicon.find(["ho", "ngheo"])[0][2] != short


def test_every_phrase_of_a_text_is_found_for_the_index_even_inside_a_longer_one() -> None:
    from knowledge.synonyms import Lexicon

    lexicon = Lexicon([["SNN", "sở nông nghiệp"], ["NN&MT", "nông nghiệp và môi trường"]])
    words = ["so", "nong", "nghiep", "va", "moi", "truong"]
    office = lexicon.find(["so", "nong", "nghiep"])[0][2]
    sector = lexicon.find(["nong", "nghiep", "va", "moi", "truong"])[0][2]
    assert [term for _, _, term in lexicon.find(words)] == [office]  # a question reads the longest, left to right
    assert sorted(lexicon.find_all(words)) == [(0, 3, office), (1, 6, sector)]


def test_a_one_line_note_that_opens_with_a_label_is_text_not_a_header_field(tmp_path: Path) -> None:
    note = tmp_path / "ghichu.txt"
    note.write_text("Ghi chu hop giao ban: nop bao cao thang truoc ngay 25 hang thang.\n", encoding="utf-8")
    report = load_file(note)
    assert report.document is not None, report.error
    assert [p.text for p in report.document.passages] == [
        "Ghi chu hop giao ban: nop bao cao thang truoc ngay 25 hang thang."]
