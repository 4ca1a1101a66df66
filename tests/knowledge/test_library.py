"""The knowledge folder as a store (knowledge.library): one document once when a folder is loaded, and what storing
a file does — added, already there, a newer version in place of the old one, another document under a free name."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase, load_file
from knowledge.duplicates import Relation, relate
from knowledge.library import Library, Outcome, safe_name
from knowledge.model import Document
from tests.directives import directive, docx_bytes, write

NEWER = "Đoàn Thanh niên xã tổ chức ngày Chủ nhật xanh mỗi tháng một lần trên các tuyến đường liên thôn."


def parsed(path: Path) -> Document:
    report = load_file(path)
    assert report.document is not None, report.error
    return report.document


def test_a_txt_and_a_docx_of_one_directive_load_as_one_document(tmp_path: Path) -> None:
    write(tmp_path / "ke-hoach-12.txt", directive("12/KH-UBND", "05/03/2026"))
    write(tmp_path / "Kế hoạch 12 (bản Word).docx", directive("12/KH-UBND", "05/03/2026"))
    write(tmp_path / "bhyt.txt", directive("15/KH-UBND", "05/03/2026", "bhyt"))
    knowledge = KnowledgeBase.load([tmp_path])
    kept = sorted(Path(document.info.path).name for document in knowledge.documents)
    assert kept == ["Kế hoạch 12 (bản Word).docx", "bhyt.txt"]  # the Word file is what the issuer published
    [duplicate] = knowledge.duplicates
    assert Path(duplicate.path).name == "ke-hoach-12.txt" and duplicate.kept.endswith("(bản Word).docx")
    assert "trùng với Kế hoạch 12/KH-UBND" in str(duplicate) and not duplicate.older
    dues = [deadline.due for deadline in knowledge.deadlines() if deadline.document == "12/KH-UBND"]
    assert len(dues) == len(set(dues)) == 1  # the deadline is listed once, not once per file


def test_the_same_text_without_a_number_is_one_document(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", directive("", "05/03/2026"))
    write(tmp_path / "b.md", directive("", "05/03/2026"))
    knowledge = KnowledgeBase.load([tmp_path])
    assert len(knowledge.documents) == 1 and len(knowledge.duplicates) == 1


def test_an_older_version_in_the_folder_gives_way_to_the_newer(tmp_path: Path) -> None:
    write(tmp_path / "ban-dau.docx", directive("12/KH-UBND", "05/03/2026"))
    write(tmp_path / "sua-doi.txt", directive("12/KH-UBND", "20/03/2026", extra=NEWER))
    knowledge = KnowledgeBase.load([tmp_path])
    assert [Path(document.info.path).name for document in knowledge.documents] == ["sua-doi.txt"]
    assert knowledge.duplicates[0].older and "bản cũ hơn của" in str(knowledge.duplicates[0])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("12/KH-UBND", "05/03/2025", "rac"), ("12/KH-UBND", "05/03/2026", "rac")),  # numbers restart every year
        (("12/KH-UBND", "05/03/2026", "rac"), ("12/KH-UBND", "05/03/2026", "bhyt")),  # two offices, one number
        (("12/KH-UBND", "05/03/2026", "rac"), ("13/KH-UBND", "05/03/2026", "rac")),  # same wording, two numbers
    ],
)
def test_different_documents_stay_apart(tmp_path: Path, first: tuple[str, str, str],
                                        second: tuple[str, str, str]) -> None:
    write(tmp_path / "a.txt", directive(*first))
    write(tmp_path / "b.txt", directive(*second, issuer="XÃ BÌNH MINH"))
    knowledge = KnowledgeBase.load([tmp_path])
    assert len(knowledge.documents) == 2 and knowledge.duplicates == []


def test_relation_reads_dates_as_versions(tmp_path: Path) -> None:
    first = parsed(write(tmp_path / "a.txt", directive("12/KH-UBND", "05/03/2026")))
    later = parsed(write(tmp_path / "b.txt", directive("12/KH-UBND", "20/03/2026", extra=NEWER)))
    copy = parsed(write(tmp_path / "c.docx", directive("12/KH-UBND", "05/03/2026")))
    assert (relate(later, first), relate(first, later), relate(copy, first)) == (
        Relation.NEWER, Relation.OLDER, Relation.SAME)


def test_storing_a_new_document_then_the_same_again(tmp_path: Path) -> None:
    store = tmp_path / "kho"
    library = Library(store)
    source = write(tmp_path / "in" / "ke-hoach.docx", directive("12/KH-UBND", "05/03/2026"))
    added = library.store(source, source.name, parsed(source))
    assert added.outcome is Outcome.ADDED and added.path == store / "ke-hoach.docx"
    assert added.path.read_bytes() == source.read_bytes()
    again = library.store(source.read_bytes(), "ban-sao.docx", parsed(source))
    assert again.outcome is Outcome.PRESENT and again.path is None and again.other == str(store / "ke-hoach.docx")
    assert sorted(path.name for path in store.iterdir()) == ["ke-hoach.docx"]


def test_another_document_with_a_taken_name_is_stored_under_a_free_one(tmp_path: Path) -> None:
    store = tmp_path / "kho"
    first = write(store / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    library = Library(store, [parsed(first)])
    other = write(tmp_path / "in" / "ke-hoach.txt", directive("15/KH-UBND", "05/03/2026", "bhyt"))
    stored = library.store(other, "ke-hoach.txt", parsed(other))
    assert stored.outcome is Outcome.RENAMED and stored.path == store / "ke-hoach (2).txt"
    assert first.read_text(encoding="utf-8") == directive("12/KH-UBND", "05/03/2026")  # untouched
    assert "15/KH-UBND" in stored.path.read_text(encoding="utf-8")


def test_a_newer_version_replaces_the_stored_file(tmp_path: Path) -> None:
    store = tmp_path / "kho"
    old = write(store / "ke-hoach-cu.txt", directive("12/KH-UBND", "05/03/2026"))
    library = Library(store, [parsed(old)])
    new = write(tmp_path / "in" / "ke-hoach-moi.txt", directive("12/KH-UBND", "20/03/2026", extra=NEWER))
    stored = library.store(new, new.name, parsed(new))
    assert stored.outcome is Outcome.REPLACED and stored.path == store / "ke-hoach-moi.txt"
    assert stored.removed == (str(old.resolve()),) and stored.other_name == "Kế hoạch 12/KH-UBND"
    assert sorted(path.name for path in store.iterdir()) == ["ke-hoach-moi.txt"]
    again = write(tmp_path / "in" / "ke-hoach-cu.txt", directive("12/KH-UBND", "05/03/2026"))
    older = library.store(again, again.name, parsed(again))
    assert older.outcome is Outcome.OLDER and older.path is None  # the stored one is newer: nothing changes
    assert sorted(path.name for path in store.iterdir()) == ["ke-hoach-moi.txt"]


def test_a_richer_format_takes_the_place_of_a_stored_txt_but_not_the_reverse(tmp_path: Path) -> None:
    store = tmp_path / "kho"
    text = write(store / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    library = Library(store, [parsed(text)])
    word = write(tmp_path / "in" / "ke-hoach.docx", directive("12/KH-UBND", "05/03/2026"))
    assert library.store(word, word.name, parsed(word)).outcome is Outcome.REPLACED
    assert sorted(path.name for path in store.iterdir()) == ["ke-hoach.docx"]
    again = write(tmp_path / "in" / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    assert library.store(again, again.name, parsed(again)).outcome is Outcome.PRESENT
    assert sorted(path.name for path in store.iterdir()) == ["ke-hoach.docx"]


def test_a_version_outside_the_folder_is_superseded_not_deleted(tmp_path: Path) -> None:
    shipped = write(tmp_path / "mau" / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    library = Library(tmp_path / "kho", [parsed(shipped)])
    new = write(tmp_path / "in" / "ke-hoach.txt", directive("12/KH-UBND", "20/03/2026", extra=NEWER))
    stored = library.store(new, new.name, parsed(new))
    assert stored.outcome is Outcome.REPLACED and stored.superseded == (str(shipped),) and stored.removed == ()
    assert shipped.exists()


def test_the_stored_file_is_known_for_the_next_one(tmp_path: Path) -> None:
    library = Library(tmp_path / "kho")
    text = write(tmp_path / "in" / "a.txt", directive("12/KH-UBND", "05/03/2026"))
    library.store(text, text.name, parsed(text))
    assert library.store(docx_bytes(directive("12/KH-UBND", "05/03/2026")), "a.docx", parsed(
        write(tmp_path / "in" / "a.docx", directive("12/KH-UBND", "05/03/2026")))).outcome is Outcome.REPLACED
    assert sorted(path.name for path in (tmp_path / "kho").iterdir()) == ["a.docx"]


@pytest.mark.parametrize(
    ("given", "safe"),
    [("../../etc/passwd.txt", "passwd.txt"), ("C:\\Users\\a\\Kế hoạch.DOCX", "Kế hoạch.docx"),
     (".an.docx", "an.docx"), ("a:b*?.pdf", "a_b_.pdf"), ("...", "van-ban")],
)
def test_a_file_name_from_a_chat_stays_inside_the_folder(given: str, safe: str) -> None:
    assert safe_name(given) == safe
