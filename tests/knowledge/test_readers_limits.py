"""Reading limits (knowledge.limits in config.yaml → ReadLimits): defaults, validation naming the key, and a
folder of every kind of bad file where each is reported with its reason and the good file still loads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from knowledge.base import KnowledgeBase, load_file
from knowledge.errors import DocumentError
from knowledge.loading import DEFAULT_LIMITS, ReadLimits, read_document
from tests.knowledge.test_readers_docx import HOSTILE, package
from tests.knowledge.test_readers_text import TEXT


def test_default_settings_give_the_default_limits() -> None:
    assert Settings().knowledge.limits.read_limits() == DEFAULT_LIMITS
    expected = ReadLimits(max_file_bytes=50 * 2**20, max_pages=500, max_unzipped_bytes=200 * 2**20,
                          max_compression_ratio=200, ocr=True, timeout_seconds=300)  # fmt: skip
    assert expected == DEFAULT_LIMITS


def test_limits_from_the_config_file_reach_the_readers(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("knowledge:\n  limits:\n    max_file_mb: 0.5\n    max_pages: 20\n    ocr: false\n")
    limits = load_settings(config, environ={}).knowledge.limits.read_limits()
    assert (limits.max_file_bytes, limits.max_pages, limits.ocr) == (512 * 1024, 20, False)
    assert limits.max_unzipped_bytes == DEFAULT_LIMITS.max_unzipped_bytes
    big = tmp_path / "lon.txt"
    big.write_bytes(TEXT.encode() * 8000)
    report = load_file(big, limits)
    assert report.document is None and report.error is not None
    assert "knowledge.limits.max_file_mb" in report.error.reason and report.error.path == str(big)


@pytest.mark.parametrize(
    ("yaml", "key"),
    [
        ("max_pages: 0", "knowledge.limits.max_pages"),
        ("max_file_mb: -1", "knowledge.limits.max_file_mb"),
        ("max_compression_ratio: 2", "knowledge.limits.max_compression_ratio"),
        ("ocr: có lẽ", "knowledge.limits.ocr"),
        ("timeout_seconds: 0", "knowledge.limits.timeout_seconds"),
        ("max_xml_mb: 10", "knowledge.limits.max_xml_mb"),
    ],
)
def test_a_wrong_limit_is_an_error_naming_its_key(tmp_path: Path, yaml: str, key: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge:\n  limits:\n    {yaml}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    assert f"khóa {key}" in str(caught.value) and str(config) in str(caught.value)


def test_a_huge_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "khong-lo.txt"
    with path.open("wb") as file:
        file.truncate(51 * 2**20)  # sparse: nothing is written, the size is what counts
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "tệp quá lớn (51.0 MB, giới hạn 50 MB" in caught.value.reason


def test_every_bad_file_is_reported_and_the_good_one_still_loads(tmp_path: Path) -> None:
    (tmp_path / "tot.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "utf16-le.txt").write_bytes(b"\xff\xfe" + b"\x00" * 3)
    (tmp_path / "nhi-phan.md").write_bytes(bytes(range(256)) * 4)
    for name, document in HOSTILE.items():
        package(tmp_path / f"{name}.docx", "", document=document)
    with zipfile.ZipFile(tmp_path / "bom.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b"a" * 30_000_000 + b"</a>")
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF")
    (tmp_path / "anh.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    (tmp_path / "cu.doc").write_bytes(b"khong phai Word")
    with (tmp_path / "khong-lo.md").open("wb") as file:
        file.truncate(60 * 2**20)
    seen: list[str] = []
    knowledge = KnowledgeBase.load([tmp_path], on_file=lambda report: seen.append(Path(report.path).name))
    assert [d.info.number for d in knowledge.documents] == ["15/KH-UBND"]
    bad = sorted(path.name for path in tmp_path.iterdir() if path.name != "tot.txt")
    assert sorted(Path(problem.path).name for problem in knowledge.problems) == bad
    assert all(problem.reason for problem in knowledge.problems)
    assert sorted(seen) == sorted([*bad, "tot.txt"])
