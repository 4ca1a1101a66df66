"""Files sent to the bot (handlers.ingest): who may, what is refused before the download, what is read and stored,
the reply, and the knowledge refreshed while questions keep being answered."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest

from handlers import wording
from handlers.incoming import GROUP, Attachment, IncomingMessage
from handlers.ingest import Ingest
from handlers.permissions import Permissions
from handlers.router import Router
from knowledge.base import KnowledgeBase
from knowledge.duplicates import deduplicate
from knowledge.library import Library
from knowledge.model import Document
from tests.conftest import VIETNAM
from tests.directives import directive, docx_bytes

ADMIN, MEMBER = "1", "2"
PLAN = directive("12/KH-UBND", "05/03/2026")
NEWER = directive("12/KH-UBND", "20/03/2026", report_by="15/7/2026",
                  extra="Đoàn Thanh niên xã tổ chức ngày Chủ nhật xanh mỗi tháng một lần trên các tuyến đường.")


def rebuild(documents: Sequence[Document]) -> KnowledgeBase:
    return KnowledgeBase.from_documents(deduplicate(documents)[0])


@pytest.fixture
def router(samples: KnowledgeBase, tmp_path: Path) -> Router:
    router = Router(samples, VIETNAM)
    ingest = Ingest(router, Library(tmp_path / "kho"), Permissions([f"test:{ADMIN}"]), rebuild, limit=100_000)
    router.files = ingest
    for command in ingest.commands():
        router.register(command)
    return router


def sent(name: str, content: bytes | None, *, user: str = ADMIN, size: int | None = None, group: bool = False,
         group_admin: bool = False, text: str = "") -> IncomingMessage:
    attachment = Attachment(name, len(content) if content is not None and size is None else size, content)
    return IncomingMessage("test", "-5" if group else user, user, text, datetime(2026, 3, 10, 9, 0, tzinfo=VIETNAM),
                           chat_kind=GROUP if group else "private", is_chat_admin=group_admin, attachment=attachment)


def ask(router: Router, text: str, chat: str = ADMIN) -> str:
    [reply] = router.dispatch(IncomingMessage("test", chat, ADMIN, text, datetime(2026, 3, 10, 9, tzinfo=VIETNAM)))
    return reply.text


def stored(tmp_path: Path) -> list[str]:
    return sorted(path.name for path in (tmp_path / "kho").iterdir()) if (tmp_path / "kho").exists() else []


def test_an_admin_file_is_read_stored_and_answered_from(router: Router, samples: KnowledgeBase,
                                                       tmp_path: Path) -> None:
    assert "60%" not in ask(router, "tỷ lệ hộ phân loại rác tại nguồn")
    [reply] = router.dispatch(sent("Kế hoạch rác.docx", docx_bytes(PLAN)))
    assert reply.text.startswith("📥 Đã nạp «Kế hoạch rác.docx»: Kế hoạch 12/KH-UBND ngày 05/03/2026")
    assert "Trích yếu: Thu gom, phân loại rác thải sinh hoạt tại nguồn" in reply.text
    assert re.search(r"Đọc được: \d+ mục, \d+ đoạn, \d+ chỉ tiêu, 1 mốc thời hạn, \d+ phân công\.", reply.text)
    assert "Đã lưu vào thư mục văn bản: «Kế hoạch rác.docx»." in reply.text
    assert stored(tmp_path) == ["Kế hoạch rác.docx"]
    assert "60%" in ask(router, "tỷ lệ hộ phân loại rác tại nguồn")  # the running bot answers from it at once
    assert len(router.knowledge.documents) == len(samples.documents) + 1 and samples is not router.knowledge


def test_the_deadlines_in_the_reply_carry_the_numbers_hanchot_shows(router: Router) -> None:
    [reply] = router.dispatch(sent("ke-hoach.txt", PLAN.encode()))
    [line] = [line for line in reply.text.splitlines() if "/theodoi" in line]
    assert line.startswith("• 30/06/2026 (còn 112 ngày): Trưởng các thôn báo cáo")
    number = int(line.rsplit(" ", 1)[1])
    listed = ask(router, "/hanchot")
    assert re.search(rf"^{number}\. 30/06/2026 \(còn 112 ngày\): Trưởng các thôn", listed, re.MULTILINE)


def test_the_reply_says_what_the_document_lacks(router: Router) -> None:
    [reply] = router.dispatch(sent("khong-so.txt", directive("", "05/03/2026").encode()))
    assert "Chưa tìm thấy: số hiệu." in reply.text


@pytest.mark.parametrize(
    ("user", "group", "group_admin", "allowed"),
    [(MEMBER, False, False, False), (MEMBER, True, False, False), (MEMBER, True, True, True),
     (ADMIN, True, False, True), (ADMIN, False, False, True)],
)
def test_only_admins_and_a_groups_own_admins_may_ingest(router: Router, tmp_path: Path, user: str, group: bool,
                                                        group_admin: bool, allowed: bool) -> None:
    message = sent("ke-hoach.txt", PLAN.encode(), user=user, group=group, group_admin=group_admin)
    assert (router.screen(message) == []) is allowed
    [reply] = router.dispatch(message)
    if allowed:
        assert reply.text.startswith("📥 Đã nạp") and stored(tmp_path) == ["ke-hoach.txt"]
    else:
        assert reply.text == wording.INGEST_NOT_ALLOWED.format(name="ke-hoach.txt") and stored(tmp_path) == []


def test_a_file_over_the_limit_is_refused_before_the_download(router: Router, tmp_path: Path) -> None:
    [refusal] = router.screen(sent("lon.pdf", None, size=150_000))
    assert refusal.text == "Tệp «lon.pdf» nặng 146 KB, quá giới hạn 97 KB bot tải được. Chưa lưu gì."
    [reply] = router.dispatch(sent("lon.txt", b"x" * 150_000))  # a platform that sent it anyway
    assert "quá giới hạn" in reply.text and stored(tmp_path) == []


def test_unsupported_and_unreadable_files_are_refused_and_nothing_is_stored(router: Router, samples: KnowledgeBase,
                                                                           tmp_path: Path) -> None:
    [unsupported] = router.screen(sent("bang-tinh.xlsx", None, size=1000))
    assert unsupported.text.startswith("Chưa nhận tệp «bang-tinh.xlsx»: bot đọc được .txt")
    [broken] = router.dispatch(sent("hong.docx", b"PK\x03\x04 not a zip"))
    assert broken.text.startswith("Không đọc được «hong.docx»: ") and broken.text.endswith("Chưa lưu gì.")
    assert "/tmp" not in broken.text  # the reason, not the temporary path it was read from
    assert stored(tmp_path) == [] and router.knowledge is samples


def test_the_same_document_again_is_already_there(router: Router, tmp_path: Path) -> None:
    router.dispatch(sent("ke-hoach.docx", docx_bytes(PLAN)))
    knowledge = router.knowledge
    [reply] = router.dispatch(sent("ban-chep.txt", PLAN.encode()))
    assert reply.text == "Văn bản này đã có: Kế hoạch 12/KH-UBND (tệp ke-hoach.docx). Không lưu thêm."
    assert stored(tmp_path) == ["ke-hoach.docx"] and router.knowledge is knowledge


def test_a_new_version_replaces_the_stored_one_and_says_so(router: Router, tmp_path: Path) -> None:
    router.dispatch(sent("ke-hoach.txt", PLAN.encode()))
    [reply] = router.dispatch(sent("ke-hoach-sua-doi.txt", NEWER.encode()))
    assert "Thay cho bản trước: Kế hoạch 12/KH-UBND (tệp ke-hoach.txt); bản cũ đã gỡ khỏi thư mục." in reply.text
    assert stored(tmp_path) == ["ke-hoach-sua-doi.txt"]
    dues = [f"{item.due:%d/%m/%Y}" for item in router.knowledge.deadlines() if item.document == "12/KH-UBND"]
    assert dues == ["15/07/2026"]  # only the new version's deadline is left
    [older] = router.dispatch(sent("ke-hoach.txt", PLAN.encode()))
    assert older.text.startswith("Đã có bản mới hơn: Kế hoạch 12/KH-UBND (tệp ke-hoach-sua-doi.txt).")


def test_another_document_with_a_stored_name_keeps_both(router: Router, tmp_path: Path) -> None:
    router.dispatch(sent("ke-hoach.txt", PLAN.encode()))
    [reply] = router.dispatch(sent("ke-hoach.txt", directive("15/KH-UBND", "05/03/2026", "bhyt").encode()))
    assert "Đã có tệp khác cùng tên nên lưu với tên «ke-hoach (2).txt»." in reply.text
    assert stored(tmp_path) == ["ke-hoach (2).txt", "ke-hoach.txt"]
    assert {"12/KH-UBND", "15/KH-UBND"} <= {document.info.key for document in router.knowledge.documents}


def test_questions_are_answered_from_the_old_knowledge_while_the_new_one_is_built(
    samples: KnowledgeBase, tmp_path: Path
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow(documents: Sequence[Document]) -> KnowledgeBase:
        started.set()
        release.wait(10)
        return rebuild(documents)

    router = Router(samples, VIETNAM)
    router.files = Ingest(router, Library(tmp_path / "kho"), Permissions([f"test:{ADMIN}"]), slow)
    worker = threading.Thread(target=router.dispatch, args=(sent("ke-hoach.txt", PLAN.encode()),))
    worker.start()
    assert started.wait(10)
    assert "99,6%" in ask(router, "ty le BHYT") and router.knowledge is samples  # answered meanwhile
    release.set()
    worker.join(10)
    assert router.knowledge is not samples and "60%" in ask(router, "tỷ lệ hộ phân loại rác tại nguồn")


def test_nap_without_a_file_says_how_and_a_router_without_ingest_refuses_files(samples: KnowledgeBase,
                                                                              router: Router) -> None:
    assert ask(router, "/nap") == wording.INGEST_HINT
    bare = Router(samples, VIETNAM)
    assert [reply.text for reply in bare.screen(sent("a.txt", None, size=10))] == [wording.INGEST_HINT]
