"""Legacy Word files and external programs (knowledge.readers.legacy, knowledge.readers.programs): .doc read
through LibreOffice headless or antiword, what to install when neither is there, and a program that hangs
stopped at the time limit with everything it started.

The LibreOffice tests run wherever it is installed; they skip only where it is absent and REQUIRE_OFFICE is
unset (CI sets it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import docx
import pytest

from knowledge.base import load_file
from knowledge.errors import DocumentError
from knowledge.loading import ReadLimits, discover, read_document

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    OFFICE is None and not os.environ.get("REQUIRE_OFFICE"),
    reason="LibreOffice chưa cài (apt-get install libreoffice-writer-nogui); đặt REQUIRE_OFFICE=1 để bắt buộc",
)


CLOSING = ("Các sở, ban, ngành, địa phương căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị, tổ chức thực hiện "
           "và báo cáo kết quả định kỳ về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh theo quy định.")


def _legacy_word(folder: Path) -> Path:
    """A real Word 97 file, saved by LibreOffice from a .docx written with python-docx."""
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH")
    document.add_paragraph("Số: 31/KH-UBND")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Sở Nội vụ báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/6/2025.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "Năm 2025"
    table.cell(1, 0).text, table.cell(1, 1).text = "Hồ sơ trực tuyến", "80%"
    document.add_paragraph(CLOSING)  # LibreOffice loses a table that ends a .doc it wrote itself
    source = folder / "nguon.docx"
    document.save(str(source))
    assert OFFICE is not None, "cần LibreOffice: apt-get install libreoffice-writer-nogui"
    profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
    subprocess.run([OFFICE, profile, "--headless", "--convert-to", "doc", "--outdir", str(folder / "doc"), str(source)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    return folder / "doc" / "nguon.doc"


def _only_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path, **programs: str) -> None:
    """PATH holding only the given programs (name → the file or script it runs)."""
    folder.mkdir(exist_ok=True)
    for name, target in programs.items():
        (folder / name).symlink_to(target)
    monkeypatch.setenv("PATH", str(folder))


@needs_office
def test_legacy_word_file_is_read_through_libreoffice(tmp_path: Path) -> None:
    path = _legacy_word(tmp_path)
    source = read_document(path)
    assert source.text.split("\n\n") == [
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", "Số: 31/KH-UBND", "KẾ HOẠCH",
        "Sở Nội vụ báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/6/2025.",
        "| Chỉ tiêu | Năm 2025 |\n| Hồ sơ trực tuyến | 80% |", CLOSING,
    ]  # fmt: skip
    assert source.notes == ("chuyển .doc sang .docx bằng LibreOffice",)
    report = load_file(path)
    assert report.document is not None and report.notes == source.notes
    assert discover([tmp_path / "doc"]) == [path]


@needs_office
def test_antiword_reads_a_doc_where_libreoffice_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    antiword = shutil.which("antiword")
    if antiword is None and not os.environ.get("REQUIRE_OFFICE"):
        pytest.skip("antiword chưa cài (apt-get install antiword)")
    assert antiword is not None
    path = _legacy_word(tmp_path)
    _only_on_path(monkeypatch, tmp_path / "bin", antiword=antiword)
    source = read_document(path)
    assert "Sở Nội vụ báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/6/2025." in source.text
    assert source.notes == ("đọc tệp .doc bằng antiword (bảng có thể mất)",)


def test_without_libreoffice_or_antiword_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _only_on_path(monkeypatch, tmp_path / "bin")
    for name in ("cu.doc", "doi-ten.docx"):  # a Word 97 file whatever its name says
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
        with pytest.raises(DocumentError) as caught:
            read_document(path)
        assert caught.value.path == str(path)
        assert "apt-get install libreoffice-writer-nogui" in caught.value.reason and ".docx" in caught.value.reason


def test_a_hanging_converter_is_stopped_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "treo.sh"
    script.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {tmp_path / 'con.pid'}\nwait\n")
    script.chmod(0o755)
    _only_on_path(monkeypatch, tmp_path / "bin", soffice=str(script), sh="/bin/sh", sleep=shutil.which("sleep") or "")
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        read_document(path, ReadLimits(timeout_seconds=1))
    assert time.monotonic() - started < 10
    assert "quá 1 giây" in caught.value.reason and "knowledge.limits.timeout_seconds" in caught.value.reason
    child = int((tmp_path / "con.pid").read_text())
    status = Path(f"/proc/{child}/status")
    assert not status.exists() or "zombie" in status.read_text()  # killed with the converter, not left running


def test_a_doc_that_is_no_word_file_is_refused_before_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "khong-duoc-goi.sh"
    script.write_text("#!/bin/sh\nexit 3\n")
    script.chmod(0o755)
    _only_on_path(monkeypatch, tmp_path / "bin", soffice=str(script))
    path = tmp_path / "la.doc"
    path.write_bytes(b"day khong phai van ban Word")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "không phải tài liệu Word" in caught.value.reason
