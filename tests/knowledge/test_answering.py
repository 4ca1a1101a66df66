"""Answering: the question sets, the answer contract, and matching the way cadres type."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from knowledge.base import KnowledgeBase
from knowledge.loading import DEFAULT_SAMPLES
from knowledge.parsing import parse_text
from knowledge.synonyms import DEFAULT_SYNONYMS
from knowledge.vietnamese import fold
from tests.conftest import DATA

QUESTION_SETS = [
    (DATA / "qa_dev.yaml", [DEFAULT_SAMPLES]),
    (DATA / "heldout" / "seed_questions.yaml", [DEFAULT_SAMPLES]),
    (DATA / "heldout" / "ward_questions.yaml", [DATA / "heldout" / "ward_plan.md"]),
    (DATA / "blind" / "questions.yaml", [DATA / "blind" / "commune_resolution.txt", DATA / "blind" / "school_plan.md"]),
]


def _normalized(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def _right(case: dict[str, object], knowledge: KnowledgeBase) -> bool:
    answer = knowledge.ask(str(case["q"]))
    if case.get("expect_none"):
        return not answer.found
    expected = case["expect"]
    assert isinstance(expected, list)
    text = answer.best.answer if answer.found and answer.best else ""
    return answer.found and all(_normalized(str(item)) in _normalized(text) for item in expected)


@pytest.mark.parametrize(("path", "sources"), QUESTION_SETS, ids=lambda value: getattr(value, "stem", ""))
def test_question_set_is_answered_right(path: Path, sources: list[Path]) -> None:
    knowledge = KnowledgeBase.load(sources)
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    wrong = [case["q"] for case in cases if not _right(case, knowledge)]
    assert len(wrong) <= 0.05 * len(cases), f"wrong answers: {wrong}"
    out_of_scope = [case for case in cases if case.get("expect_none")]
    answered = [case["q"] for case in out_of_scope if not _right(case, knowledge)]
    # Every out-of-scope question of qa_dev is declined; on the harder sets at most one in ten is answered.
    assert len(answered) <= (0 if path.name == "qa_dev.yaml" else 0.1 * len(out_of_scope)), answered


def test_answer_carries_citation_score_and_at_most_600_characters(samples: KnowledgeBase) -> None:
    answer = samples.ask("Chỉ tiêu tăng trưởng kinh tế năm 2022?")
    assert answer.found and answer.best is not None
    assert "13,5%" in answer.best.answer
    assert len(answer.best.answer) <= 600
    assert 0.0 <= answer.score <= 1.0
    assert answer.best.source.document == "09-NQ/TU"
    assert answer.best.source.section == "I › 2 › (3)"
    assert "Nghị quyết" in answer.best.source.title


def test_json_follows_the_command_line_contract(samples: KnowledgeBase) -> None:
    data = samples.ask("ty le BHYT").to_json()
    assert set(data) == {"question", "found", "answer", "score", "source", "alternatives"}
    assert set(data["source"]) == {"document", "title", "section"}
    assert len(data["alternatives"]) <= 3
    for alternative in data["alternatives"]:
        assert set(alternative) == {"answer", "score", "source"}
        assert alternative["answer"] != data["answer"]
        assert alternative["score"] <= data["score"]


def test_no_answer_says_so_and_offers_topics(samples: KnowledgeBase) -> None:
    answer = samples.ask("cách đổi mật khẩu email")
    assert not answer.found
    data = answer.to_json()
    assert data["answer"] == "" and data["source"] is None
    assert answer.topics, "the closest topics are offered"


@pytest.mark.parametrize(
    "variant",
    [
        "Tỷ lệ tham gia bảo hiểm y tế",
        "ty le tham gia bao hiem y te",
        "TỶ LỆ THAM GIA BHYT",
        "tỉ lệ bhyt",
        "ti le tham gia BHYT",
    ],
)
def test_tone_marks_case_and_abbreviations_do_not_matter(samples: KnowledgeBase, variant: str) -> None:
    answer = samples.ask(variant)
    assert answer.found and answer.best is not None
    assert "99,6%" in answer.best.answer


@pytest.mark.parametrize("typo", ["tang truog kinh te", "tốc độ tăg trưởng kinh tế", "tang truong kinh tee"])
def test_typos_are_tolerated(samples: KnowledgeBase, typo: str) -> None:
    answer = samples.ask(typo)
    assert answer.found and answer.best is not None
    assert "13,5%" in answer.best.answer


def test_two_letters_typed_in_the_wrong_order_are_read_as_the_word_not_as_a_shorter_one() -> None:
    text = "\n".join(["I. CHẾ ĐỘ BÁO CÁO", "", "1. Báo cáo tháng: Văn phòng tổng hợp trước ngày 10 hằng tháng.", "",
                      "2. Báo cáo năm: Văn phòng tổng hợp trước ngày 15/12.", "",
                      "3. Hỗ trợ than củi cho hộ nghèo trong mùa đông.", ""])  # fmt: skip
    kb = KnowledgeBase.from_documents([parse_text(text, "kh.txt")])
    assert "thang" in {concept.term for concept in kb.answerer.read("bao cao thagn truoc ngay nao").concepts}
    answer = kb.ask("van phong tong hop bao cao thagn truoc ngay nao")
    assert answer.best is not None and "ngày 10 hằng tháng" in answer.best.answer, answer


def test_a_word_typed_with_other_tone_marks_is_not_the_same_word(samples: KnowledgeBase) -> None:
    # "ăn" (to eat) must not be found in "an toàn" (safe): the question is out of scope.
    assert not samples.ask("Hôm nay ăn gì?").found


def test_proper_names_must_match_as_a_whole(samples: KnowledgeBase) -> None:
    # "Bình" (of "bình quân") and "Dương" elsewhere do not make "Bình Dương".
    assert not samples.ask("GRDP tinh Binh Duong nam 2023 dat bao nhieu").found


def test_question_intent_prefers_the_kind_of_answer_asked_for(samples: KnowledgeBase) -> None:
    when = samples.ask("UBND thị xã hoàn thành kế hoạch thực hiện chủ đề công tác năm trước ngày nào?")
    assert when.best is not None and "31/12/2021" in when.best.answer
    who = samples.ask("ai phụ trách GVNV khối 3, 4 tuổi")
    assert who.best is not None and "Ngọc Anh" in who.best.answer
    how_often = samples.ask("bao lau ra soat so ket mot lan")
    assert how_often.best is not None and "hằng quý" in how_often.best.answer


def test_document_identity_answers_who_signed_and_when(samples: KnowledgeBase) -> None:
    signed = samples.ask("ai ký nghị quyết 09-NQ/TU")
    assert signed.best is not None and "Nguyễn Văn Công" in signed.best.answer
    issued = samples.ask("Nghị quyết 09-NQ/TU ban hành ngày nào")
    assert issued.best is not None and "17/12/2021" in issued.best.answer


def test_users_extend_abbreviations_without_code(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("abbreviations:\n  TTKT: tốc độ tăng trưởng kinh tế\n", encoding="utf-8")
    without = KnowledgeBase.load([DEFAULT_SAMPLES])
    with_extra = KnowledgeBase.load([DEFAULT_SAMPLES], synonyms=[DEFAULT_SYNONYMS, extra])
    assert not without.ask("chỉ tiêu TTKT").found
    answer = with_extra.ask("chỉ tiêu TTKT")
    assert answer.found and answer.best is not None and "13,5%" in answer.best.answer


def test_an_empty_knowledge_base_answers_nothing() -> None:
    empty = KnowledgeBase.from_documents([])
    assert not empty.ask("chỉ tiêu BHYT").found
