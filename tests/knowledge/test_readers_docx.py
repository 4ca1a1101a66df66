"""Word files (knowledge.readers.docx): the text conventions the layout relies on (blank lines between paragraphs,
"## " headings, list numbers, "| … |" table rows with merged cells aligned, the two-column header), text in text
boxes and content controls kept, and broken or hostile packages refused as the file's DocumentError."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from knowledge.base import KnowledgeBase
from knowledge.errors import DocumentError
from knowledge.loading import ReadLimits, read_document, read_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def p(text: str = "", style: str | None = None, inner: str | None = None) -> str:
    """One paragraph of XML: `inner` runs as given, else `text` with "\\t" as tabs and "\\n" as line breaks."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    if inner is None:
        parts = []
        for piece in text.replace("\t", "\0t\0").replace("\n", "\0n\0").split("\0"):
            parts.append({"t": "<w:tab/>", "n": "<w:br/>"}.get(piece, f'<w:t xml:space="preserve">{piece}</w:t>'))
        inner = "<w:r>" + "".join(parts) + "</w:r>"
    return f"<w:p>{props}{inner}</w:p>"


def package(path: Path, body: str, *, styles: str | None = None, numbering: str | None = None,
            document: str | None = None) -> Path:  # fmt: skip
    """A .docx written by hand, so that tests control every element (python-docx cannot make text boxes …)."""
    rels = [f'<Relationship Id="s" Type="{_RELS}/styles" Target="styles.xml"/>' if styles else "",
            f'<Relationship Id="n" Type="{_RELS}/numbering" Target="numbering.xml"/>' if numbering else ""]  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + "</Relationships>",
        )  # fmt: skip
        archive.writestr(
            "word/document.xml",
            document or f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>",
        )  # fmt: skip
        if styles:
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
        if numbering:
            archive.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
    return path


def cell(*paragraphs: str, span: int = 1, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if merge is None else f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(p(text) for text in paragraphs) or p()}</w:tc>"


def table(columns: int, *rows: str) -> str:
    grid = "".join("<w:gridCol/>" for _ in range(columns))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(f'<w:tr>{row}</w:tr>' for row in rows)}</w:tbl>"


HEADER = table(
    2,
    cell("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH")
    + cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    cell("Số: 15/KH-UBND") + cell("Quảng Ninh, ngày 10 tháng 01 năm 2025"),
)


def test_header_table_paragraphs_and_headings_follow_the_text_conventions(tmp_path: Path) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="u1"><w:name w:val="heading 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style>')  # fmt: skip
    body = HEADER + p("KẾ HOẠCH", "Title") + p("Chuyển đổi số năm 2025", "Subtitle") + p("I. MỤC TIÊU", "u1") \
        + p("Báo cáo kết quả trước ngày\n15/6/2025 về Sở Nội vụ.") + p("1.\tSở Nội vụ chủ trì.") + p("")
    text = read_text(package(tmp_path / "kh.docx", body, styles=styles))
    assert text == (
        "| ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |\n"
        "| Số: 15/KH-UBND | Quảng Ninh, ngày 10 tháng 01 năm 2025 |\n\n"
        "## KẾ HOẠCH\n\nChuyển đổi số năm 2025\n\n## I. MỤC TIÊU\n\n"
        "Báo cáo kết quả trước ngày\n15/6/2025 về Sở Nội vụ.\n\n1. Sở Nội vụ chủ trì."
    )


def test_two_column_header_written_with_tabs_becomes_table_rows_only_in_the_header(tmp_path: Path) -> None:
    body = (p("UBND TỈNH QUẢNG NINH\t\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            + p("SỞ NỘI VỤ\t\tĐộc lập - Tự do - Hạnh phúc") + p("Số: 12/SNV\t\tQuảng Ninh, ngày 3 tháng 2 năm 2025")
            + p("Kính gửi:\tCác phòng, ban") + p("V/v triển khai\tnhiệm vụ năm 2025")
            + p("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về cải cách hành chính, Sở Nội vụ đề nghị các phòng, "
                "ban, đơn vị trực thuộc triển khai một số nội dung sau đây để bảo đảm tiến độ năm 2025:")
            + p("Ghi chú\tcuối văn bản"))  # fmt: skip
    text = read_text(package(tmp_path / "cv.docx", body))
    assert text.split("\n\n")[0] == (
        "| UBND TỈNH QUẢNG NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "| SỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc |\n"
        "| Số: 12/SNV | Quảng Ninh, ngày 3 tháng 2 năm 2025 |"
    )
    assert "\n\nKính gửi: Các phòng, ban\n\n" in text  # a label and its value, not two columns
    assert "\n\n| V/v triển khai | nhiệm vụ năm 2025 |\n\n" in text
    assert text.endswith("\n\nGhi chú cuối văn bản")  # after the body a tab is a space


def test_merged_cells_keep_columns_aligned_and_a_vertical_merge_repeats_down_a_data_table(tmp_path: Path) -> None:
    body = table(
        3,
        cell("Giai đoạn 2026-2030", span=3),
        cell("Cà phê", merge="restart") + cell("Diện tích (ha)") + cell("30.000"),
        cell(merge="") + cell("Sản lượng | tấn") + cell("45.000", "dự kiến"),
        cell() + cell() + cell(),
    )
    assert read_text(package(tmp_path / "bang.docx", body)) == (
        "| Giai đoạn 2026-2030 | | |\n"
        "| Cà phê | Diện tích (ha) | 30.000 |\n"
        "| Cà phê | Sản lượng \\| tấn | 45.000<br>dự kiến |"
    )


def test_a_vertical_merge_in_a_small_table_repeats_nothing(tmp_path: Path) -> None:
    body = table(
        2,
        cell("ỦY BAN NHÂN DÂN", merge="restart") + cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        cell(merge="") + cell("Độc lập - Tự do - Hạnh phúc"),
    )
    assert read_text(package(tmp_path / "dau.docx", body)).count("ỦY BAN NHÂN DÂN") == 1


def test_a_one_column_table_is_a_frame_around_paragraphs(tmp_path: Path) -> None:
    body = p("Trước khung") + table(1, cell("Đoạn một.", "Đoạn hai.")) + p("Sau khung")
    assert read_text(package(tmp_path / "khung.docx", body)) == "Trước khung\n\nĐoạn một.\n\nĐoạn hai.\n\nSau khung"


def test_text_boxes_and_content_controls_are_kept_once(tmp_path: Path) -> None:
    box = (f"<w:txbxContent>{p('Số: 07/TB-UBND')}{p('Nội dung trong khung')}</w:txbxContent>")
    drawing = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx '
               f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">{box}</wps:txbx>'
               f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">'
               f"{box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>")  # fmt: skip
    control = (f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{p('Đoạn trong ô nhập liệu')}"
               "</w:sdtContent></w:sdt>")  # fmt: skip
    inline = p(inner="<w:r><w:t>Hạn </w:t></w:r>"
               "<w:sdt><w:sdtContent><w:r><w:t>30/6/2025</w:t></w:r></w:sdtContent></w:sdt>"
               "<w:del><w:r><w:delText>15/6/2025</w:delText></w:r></w:del><w:ins><w:r><w:t> (mới)</w:t></w:r></w:ins>"
               '<w:r><w:footnoteReference w:id="1"/><w:instrText> PAGE </w:instrText></w:r>')  # fmt: skip
    text = read_text(package(tmp_path / "khung.docx", p("Thông báo", inner="<w:r><w:t>Thông báo</w:t></w:r>" + drawing)
                                + control + inline))  # fmt: skip
    assert text.split("\n\n") == ["Thông báo", "Số: 07/TB-UBND", "Nội dung trong khung", "Đoạn trong ô nhập liệu",
                                  "Hạn 30/6/2025 (mới)"]  # fmt: skip


def test_list_numbers_word_shows_are_written_into_the_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("MỤC TIÊU", style="List Number")
    document.add_paragraph("NHIỆM VỤ", style="List Number")
    document.add_paragraph("Sở Nội vụ chủ trì", style="List Bullet")
    path = tmp_path / "ds.docx"
    document.save(str(path))
    assert read_text(path) == "1. MỤC TIÊU\n\n2. NHIỆM VỤ\n\n- Sở Nội vụ chủ trì"
    numbering = ('<w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
                 '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>')  # fmt: skip

    def item(text: str, level: int) -> str:
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{text}</w:t></w:r></w:p>")  # fmt: skip

    body = item("MỤC TIÊU", 0) + item("NHIỆM VỤ", 0) + item("Sở Nội vụ:", 1) + item("rà soát", 2) + item("báo cáo", 2) \
        + item("Sở Tài chính:", 1) + item("bố trí kinh phí", 2) + item("TỔ CHỨC THỰC HIỆN", 0)
    text = read_text(package(tmp_path / "so.docx", body, numbering=numbering))
    assert text.split("\n\n") == ["I. MỤC TIÊU", "II. NHIỆM VỤ", "1. Sở Nội vụ:", "a) rà soát", "b) báo cáo",
                                  "2. Sở Tài chính:", "a) bố trí kinh phí", "III. TỔ CHỨC THỰC HIỆN"]  # fmt: skip


def test_python_docx_file_with_table_reads_and_loads(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG MẠO KHÊ"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 0).text, header.cell(1, 1).text = "Số: 20/KH-UBND", "Mạo Khê, ngày 10 tháng 01 năm 2025"
    document.add_heading("KẾ HOẠCH", level=1)
    document.add_paragraph("Giảm nghèo bền vững năm 2025")
    document.add_paragraph("Báo cáo kết quả thực hiện về UBND thị xã trước ngày 15/12/2025.")
    path = tmp_path / "kh.docx"
    document.save(str(path))
    text = read_text(path)
    assert text.startswith("| ỦY BAN NHÂN DÂN<br>PHƯỜNG MẠO KHÊ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
                           "| Số: 20/KH-UBND | Mạo Khê, ngày 10 tháng 01 năm 2025 |\n\n## KẾ HOẠCH\n\n")  # fmt: skip
    knowledge = KnowledgeBase.load([path])
    assert [d.info.number for d in knowledge.documents] == ["20/KH-UBND"] and not knowledge.problems


# --- broken and hostile packages -------------------------------------------------------------------------------

_LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
HOSTILE = {
    "billion-laughs": f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{_LAUGHS}]>'
                      f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>',
    "external-entity": f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                       f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>',
    "malformed": f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Kế hoạch</w:r></w:p></w:body>',
    "deep": f'<w:document xmlns:w="{W}"><w:body>' + "<w:sdt>" * 5000 + "</w:sdt>" * 5000 + "</w:body></w:document>",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_or_malformed_xml_is_the_files_error(tmp_path: Path, name: str) -> None:
    path = package(tmp_path / f"{name}.docx", "", document=HOSTILE[name])
    with pytest.raises(DocumentError) as caught:
        read_text(path)
    assert caught.value.path == str(path)
    assert "root:" not in caught.value.reason  # nothing of /etc/passwd
    assert "XML" in caught.value.reason


def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_decompression_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = f'<w:document xmlns:w="{W}"><w:body>'.encode() + b" " * 50_000_000 + b"</w:body></w:document>"
    path = _zip_with(tmp_path / "bom.docx", {"[Content_Types].xml": _TYPES.encode(), "_rels/.rels": _ROOT_RELS.encode(),
                                             "word/document.xml": bomb})  # fmt: skip
    del bomb
    assert path.stat().st_size < 200_000
    with pytest.raises(DocumentError) as caught:
        read_text(path)
    assert "bom giải nén" in caught.value.reason and "max_compression_ratio" in caught.value.reason
    with pytest.raises(DocumentError) as caught:
        read_document(path, ReadLimits(max_compression_ratio=10_000, max_unzipped_bytes=10_000_000))
    assert "max_unzipped_mb" in caught.value.reason


def test_corrupt_zips_are_the_files_error(tmp_path: Path) -> None:
    good = package(tmp_path / "tot.docx", p("Kế hoạch số 12") * 200)
    data = good.read_bytes()
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes(data[: len(data) // 2])
    damaged = tmp_path / "zlib.docx"
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged.write_bytes(data[:start + 10] + bytes(b ^ 0x5A for b in data[start + 10:start + 60]) + data[start + 60:])
    missing = _zip_with(tmp_path / "khong-word.docx", {"hello.txt": b"Ke hoach"})
    for path, words in ((truncated, ".docx"), (damaged, "hỏng"), (missing, "word/document.xml")):
        with pytest.raises(DocumentError) as caught:
            read_text(path)
        assert caught.value.path == str(path) and words in caught.value.reason, caught.value.reason
    knowledge = KnowledgeBase.load([tmp_path])
    assert sorted(Path(e.path).name for e in knowledge.problems) == ["cut.docx", "khong-word.docx", "zlib.docx"]
    assert len(knowledge.documents) == 1
