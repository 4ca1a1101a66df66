"""Ingest from chat end to end: python-telegram-bot polling the fake Bot API, files sent as documents, downloaded
through getFile and the file address, read, stored and answered from; Zalo, which has no files, gives a hint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import KnowledgeSettings, Settings
from handlers import wording
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.directives import directive, docx_bytes
from tests.fakes import FakeTelegram, FakeZalo
from tests.platforms.conftest import BOT_USERNAME, make_settings, running, telegram_settings, until, zalo_settings

ADMIN, MEMBER, GROUP_ADMIN = 42, 43, 44
GROUP = -1009876543210
PLAN = directive("12/KH-UBND", "05/11/2026", report_by="31/12/2026")


def texts_to(server: FakeTelegram, chat_id: int) -> list[str]:
    return [str(sent["text"]) for sent in server.sent if sent["chat_id"] == chat_id]


def with_store(settings: Settings, tmp_path: Path) -> Settings:
    settings.knowledge = KnowledgeSettings(sources=[], ingest_dir=tmp_path / "kho")
    return settings


def stored(tmp_path: Path) -> list[str]:
    folder = tmp_path / "kho"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@pytest.mark.asyncio
async def test_an_admin_sends_a_docx_and_the_bot_answers_from_it(tmp_path: Path, telegram: FakeTelegram,
                                                                 clock: FakeClock, samples: KnowledgeBase) -> None:
    settings = with_store(make_settings(tmp_path, telegram=telegram_settings(telegram),
                                        admins=[f"telegram:{ADMIN}"]), tmp_path)
    async with running(settings, samples, clock):
        telegram.document(ADMIN, "Kế hoạch thu gom rác.docx", docx_bytes(PLAN))
        [reply] = await until(lambda: texts_to(telegram, ADMIN), what="the ingest reply")
        telegram.message(ADMIN, "tỷ lệ hộ gia đình phân loại rác tại nguồn là bao nhiêu")
        await until(lambda: len(texts_to(telegram, ADMIN)) == 2, what="the answer")
        number = re.search(r"— /theodoi (\d+)$", reply, re.MULTILINE)
        assert number, reply
        telegram.message(ADMIN, f"/theodoi {number.group(1)}")
        await until(lambda: len(texts_to(telegram, ADMIN)) == 3, what="the reminder")
    assert reply.startswith("📥 Đã nạp «Kế hoạch thu gom rác.docx»: Kế hoạch 12/KH-UBND ngày 05/11/2026")
    assert "Trích yếu: Thu gom, phân loại rác thải sinh hoạt tại nguồn" in reply
    assert "31/12/2026 (còn 39 ngày): Trưởng các thôn báo cáo" in reply
    answer, followed = texts_to(telegram, ADMIN)[1:]
    assert "60%" in answer and "12/KH-UBND" in answer  # answered from the new document, cited
    assert "✅ Đã tạo nhắc việc" in followed and "Trưởng các thôn báo cáo" in followed  # the number was that deadline
    assert stored(tmp_path) == ["Kế hoạch thu gom rác.docx"]
    assert telegram.downloads == ["documents/file_1.docx"]
    assert [call.params["action"] for call in telegram.calls_to("sendChatAction")][:1] == ["typing"]  # while reading


@pytest.mark.asyncio
async def test_a_non_admins_file_is_refused_and_not_even_downloaded(tmp_path: Path, telegram: FakeTelegram,
                                                                    clock: FakeClock, samples: KnowledgeBase) -> None:
    settings = with_store(make_settings(tmp_path, telegram=telegram_settings(telegram),
                                        admins=[f"telegram:{ADMIN}"]), tmp_path)
    async with running(settings, samples, clock) as service:
        telegram.document(MEMBER, "ke-hoach.docx", docx_bytes(PLAN))
        [reply] = await until(lambda: texts_to(telegram, MEMBER), what="the refusal")
        assert service.runtime.knowledge is samples
    assert reply == wording.INGEST_NOT_ALLOWED.format(name="ke-hoach.docx")
    assert stored(tmp_path) == [] and telegram.calls_to("getFile") == [] and telegram.downloads == []


@pytest.mark.asyncio
async def test_an_oversized_file_is_refused_before_the_download(tmp_path: Path, telegram: FakeTelegram,
                                                                clock: FakeClock, samples: KnowledgeBase) -> None:
    settings = with_store(make_settings(tmp_path, telegram=telegram_settings(telegram),
                                        admins=[f"telegram:{ADMIN}"]), tmp_path)
    async with running(settings, samples, clock):
        telegram.document(ADMIN, "ho-so.pdf", b"%PDF-1.4", file_size=25 * 1024 * 1024)
        [reply] = await until(lambda: texts_to(telegram, ADMIN), what="the refusal")
    assert reply == "Tệp «ho-so.pdf» nặng 25 MB, quá giới hạn 20 MB bot tải được. Chưa lưu gì."
    assert telegram.calls_to("getFile") == [] and telegram.downloads == [] and stored(tmp_path) == []


@pytest.mark.asyncio
async def test_in_a_group_only_files_addressed_to_the_bot_by_its_admins_are_taken(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    telegram.add_chat(GROUP, "supergroup", "Văn phòng UBND xã")
    telegram.set_admin(GROUP, GROUP_ADMIN)
    settings = with_store(make_settings(tmp_path, telegram=telegram_settings(telegram)), tmp_path)
    async with running(settings, samples, clock):
        telegram.document(GROUP, "chia-se.docx", docx_bytes(PLAN), user_id=MEMBER)  # shared among members
        telegram.document(GROUP, "ke-hoach.docx", docx_bytes(PLAN), user_id=MEMBER, caption="/nap")
        await until(lambda: texts_to(telegram, GROUP), what="the refusal")
        telegram.document(GROUP, "ke-hoach.docx", docx_bytes(PLAN), user_id=GROUP_ADMIN,
                          caption=f"/nap@{BOT_USERNAME}")
        await until(lambda: len(texts_to(telegram, GROUP)) == 2, what="the ingest reply")
    refusal, reply = texts_to(telegram, GROUP)
    assert refusal == wording.INGEST_NOT_ALLOWED.format(name="ke-hoach.docx")
    assert reply.startswith("📥 Đã nạp «ke-hoach.docx»: Kế hoạch 12/KH-UBND")
    assert stored(tmp_path) == ["ke-hoach.docx"] and len(telegram.downloads) == 1  # the shared file was ignored


@pytest.mark.asyncio
async def test_an_unreadable_file_gets_its_reason(tmp_path: Path, telegram: FakeTelegram, clock: FakeClock,
                                                  samples: KnowledgeBase) -> None:
    settings = with_store(make_settings(tmp_path, telegram=telegram_settings(telegram),
                                        admins=[f"telegram:{ADMIN}"]), tmp_path)
    async with running(settings, samples, clock):
        telegram.document(ADMIN, "hong.docx", b"PK\x03\x04 broken")
        telegram.document(ADMIN, "bang.xlsx", b"PK\x03\x04")
        await until(lambda: len(texts_to(telegram, ADMIN)) == 2, what="both replies")
    replies = sorted(texts_to(telegram, ADMIN))
    assert replies[0].startswith("Chưa nhận tệp «bang.xlsx»: bot đọc được .txt")
    assert replies[1].startswith("Không đọc được «hong.docx»: ") and replies[1].endswith("Chưa lưu gì.")
    assert stored(tmp_path) == [] and telegram.downloads == ["documents/file_1.docx"]  # .xlsx: not downloaded


@pytest.mark.asyncio
@pytest.mark.parametrize("event", ["message.image.received", "message.sticker.received",
                                   "message.unsupported.received"])
async def test_zalo_answers_anything_but_text_with_where_documents_go(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase, event: str
) -> None:
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        zalo.message("a1b2c3", "", event_name=event)
        await until(lambda: zalo.sent, what="the hint")
    assert [sent["text"] for sent in zalo.sent] == [wording.ZALO_NO_FILES]
