"""Phone-sized output: /chitieu was 30,000 characters with 26 documents, /hanchot listed every past deadline, a
document could be named by its file name, and a long message could be cut in the middle of a word."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.platforms.text import split_text
from handlers.incoming import IncomingMessage
from handlers.router import Router
from knowledge.base import KnowledgeBase
from knowledge.loading import DEFAULT_SAMPLES
from knowledge.parsing import parse_text
from tests.conftest import VIETNAM

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = [DEFAULT_SAMPLES, Path("/work/shared/corpus/dev"), ROOT / "bench/data/fresh1", ROOT / "bench/data/fresh2"]
PHONE = 3500  # one message a phone shows without a wall of text (Telegram allows 4,096)
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=VIETNAM)


@pytest.fixture(scope="module")
def library() -> KnowledgeBase:
    """Two dozen real directives (the samples, the dev set and the fresh evaluation sets shipped with the bench)."""
    sources = [path for path in LIBRARY if path.exists()]
    knowledge = KnowledgeBase.load(sources)
    assert len(knowledge.documents) >= 20
    return knowledge


def ask(router: Router, text: str, callback: str | None = None) -> str:
    [reply] = router.dispatch(IncomingMessage("test", "c1", "u1", text, NOW, callback=callback))
    return reply.text


def test_phone_sized_output_targets(library: KnowledgeBase) -> None:
    router = Router(library, VIETNAM)
    overview = ask(router, "/chitieu")
    assert len(overview) <= PHONE, len(overview)
    categories = {target.category for target in library.targets() if target.category}
    groups = categories | {"Khác" for target in library.targets() if not target.category}
    assert sum(1 for line in overview.splitlines() if line.startswith("【")) == len(groups)
    [reply] = router.dispatch(IncomingMessage("test", "c1", "u1", "/chitieu", NOW))
    assert reply.buttons  # one per category: more on request
    biggest = max(categories, key=lambda category: len(library.targets(category)))
    listed = ask(router, f"/chitieu {biggest}")
    assert len(listed) <= PHONE and f"{len(library.targets(biggest))} chỉ tiêu" in listed
    more = ask(router, "", callback=reply.buttons[0][0].data)
    assert more.startswith("Chỉ tiêu lĩnh vực") and len(more) <= PHONE


def test_phone_sized_output_deadlines(library: KnowledgeBase) -> None:
    router = Router(library, VIETNAM)
    upcoming = ask(router, "/hanchot")
    assert len(upcoming) <= PHONE and "(đã qua)" not in upcoming and "/hanchot tatca" in upcoming
    past = ask(router, "/hanchot tatca")
    assert "(đã qua)" in past and "(còn" not in past and len(past) <= PHONE


def test_phone_sized_output_never_names_a_document_by_its_file_name() -> None:
    text = "Các xã định kỳ hằng quý báo cáo kết quả về UBND huyện.\n\nTỷ lệ hộ dùng nước sạch đạt 95% trở lên."
    knowledge = KnowledgeBase.from_documents([parse_text(text, "/data/001_f49b3c2d9e.txt")])
    router = Router(knowledge, VIETNAM)
    for command in ("/chitieu", "/hanchot tatca", "/vanban"):
        assert "001_f49b" not in ask(router, command), command


def test_phone_sized_output_no_part_is_cut_in_the_middle_of_a_word() -> None:
    words = ["chỉ", "tiêu", "tăng", "trưởng", "kinh", "tế", "bình", "quân", "đạt", "13,5%"]
    text = " ".join(words[number % len(words)] for number in range(3000))
    for limit in (100, 333, 2000):
        pieces = split_text(text, limit)
        assert all(len(piece) <= limit for piece in pieces)
        assert all(piece.split(" ")[0] in words and piece.split(" ")[-1] in words for piece in pieces)
    sentences = "Câu thứ nhất nói về chỉ tiêu. " * 200
    assert all(piece.endswith(".") for piece in split_text(sentences, 500))  # at a sentence's end when there is one
