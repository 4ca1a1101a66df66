"""Legacy Word (.doc) files: converted to .docx by LibreOffice headless in a temporary folder, with a time
limit, or read with antiword where only that is installed; with neither, the error says what to install."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from knowledge.errors import DocumentError
from knowledge.readers.docx import read_docx
from knowledge.readers.programs import find, run
from knowledge.readers.source import ReadLimits, SourceText
from knowledge.readers.text import clean

INSTALL = (
    "tệp Word cũ (.doc) cần LibreOffice hoặc antiword: apt-get install libreoffice-writer-nogui "
    "(hoặc antiword); hoặc mở bằng Word và lưu lại thành .docx"
)


def read_doc(path: Path, limits: ReadLimits) -> SourceText:
    """The text of a .doc file (also RTF or HTML saved with that name, as Word does)."""
    office = find("soffice", "libreoffice")
    if office is not None:
        return _through_libreoffice(office, path, limits)
    antiword = find("antiword")
    if antiword is not None:
        out = run([antiword, "-w", "0", "-m", "UTF-8.txt", str(path)], timeout=limits.timeout_seconds, path=path,
                  what="antiword")  # fmt: skip
        note = "đọc tệp .doc bằng antiword (bảng có thể mất)"
        return SourceText(clean(out.decode("utf-8", errors="replace")), (note,))
    raise DocumentError(str(path), INSTALL)


def _import_filter(path: Path) -> str:
    """LibreOffice's import filter for what the file really is; told nothing, it would read junk as plain text."""
    with path.open("rb") as file:
        head = file.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "MS Word 97"
    if head.startswith(b"{\\rtf"):
        return "Rich Text Format"
    if head[:1] == b"<" and b"html" in head.lower():
        return "HTML (StarWriter)"
    raise DocumentError(str(path), "tệp .doc không phải tài liệu Word (không nhận ra định dạng bên trong)")


def _through_libreoffice(office: str, path: Path, limits: ReadLimits) -> SourceText:
    infilter = _import_filter(path)
    with tempfile.TemporaryDirectory(prefix="doc-") as folder:
        work = Path(folder)
        source = work / ("van-ban" + path.suffix.lower())  # a plain name: LibreOffice names its output after it
        shutil.copyfile(path, source)
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"  # its own: other instances may run
        run(
            [office, profile, "--headless", "--norestore", "--nolockcheck", "--nologo", f"--infilter={infilter}",
             "--convert-to", "docx", "--outdir", str(work / "out"), str(source)],
            timeout=limits.timeout_seconds, path=path, what="LibreOffice",
        )  # fmt: skip
        converted = work / "out" / "van-ban.docx"
        if not converted.exists():
            raise DocumentError(str(path), "LibreOffice không chuyển được tệp .doc này (tệp hỏng hoặc có mật khẩu)")
        try:
            text = read_docx(converted, limits)
        except DocumentError as error:
            raise DocumentError(str(path), error.reason, error.line) from error
    return SourceText(text.text, ("chuyển .doc sang .docx bằng LibreOffice", *text.notes))
