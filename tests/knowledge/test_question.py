"""Taking a question apart: question phrases, filler words, and words that only look like either."""

from __future__ import annotations

from knowledge.question import DATE, FIGURE, FREQUENCY, LIST, analyze
from knowledge.synonyms import DEFAULT_SYNONYMS, Lexicon


def _terms(question: str, phrases: set[tuple[str, str]] | None = None) -> list[str]:
    common = None if phrases is None else (lambda first, second, word: (first, second) in phrases)
    return [concept.term for concept in analyze(question, Lexicon(), None, common).concepts]


def test_a_word_one_letter_from_a_question_phrase_is_not_taken_for_it() -> None:
    question = analyze("viec lam moi cho bao nhieu lao dong", Lexicon())
    assert FIGURE in question.intents and FREQUENCY not in question.intents
    assert "lao" in [concept.term for concept in question.concepts]


def test_a_slip_in_a_question_phrase_is_still_read_as_the_phrase() -> None:
    assert FIGURE in analyze("ho tro bao nhiu ho ngheo", Lexicon()).intents


def test_a_filler_word_is_kept_where_the_documents_use_it_in_a_phrase() -> None:
    assert "dau" not in _terms("chi tieu phan dau nam 2030")
    assert "dau" in _terms("chi tieu phan dau nam 2030", {("phan", "dau")})
    assert "dau" not in _terms("nop bao cao o dau", {("phan", "dau")})


def test_a_filler_word_typed_with_its_marks_is_read_as_typed() -> None:
    assert "dau" not in _terms("nộp báo cáo ở đâu", {("o", "dau")})


def test_forms_asked_for_are_both_the_list_and_the_topic() -> None:
    question = analyze("cac hinh thuc khen thuong trong phong trao thi dua", Lexicon())
    assert LIST in question.intents
    assert {"hinh", "thuc", "khen", "thuong"} <= {concept.term for concept in question.concepts}


def test_asking_at_what_hour_or_on_which_day_is_a_time_not_a_topic() -> None:
    question = analyze("hoi nghi 4 vao ngay nao, may gio bat dau", Lexicon())
    assert question.intents == {DATE}
    assert {"vao", "may", "gio"}.isdisjoint(concept.term for concept in question.concepts)


def test_hanh_dong_or_tien_do_typed_without_marks_is_not_money() -> None:
    from knowledge.agreement import expectation

    assert not expectation(analyze("KH 987 trien khai KH hanh dong so may cua Tinh uy", Lexicon())).money
    assert not expectation(analyze("co bao nhieu lao dong duoc dao tao", Lexicon())).money
    assert not expectation(analyze("tien do giai ngan dat bao nhieu phan tram", Lexicon())).money
    assert expectation(analyze("muc ho tro bao nhieu dong mot thang", Lexicon())).money
    assert expectation(analyze("hỗ trợ bao nhiêu tiền", Lexicon())).money


def test_an_abbreviation_typed_in_two_parts_is_the_abbreviation() -> None:
    lexicon = Lexicon.load([DEFAULT_SYNONYMS])

    def terms(question: str) -> list[str]:
        return [concept.term for concept in analyze(question, lexicon).concepts]

    assert "syn:ctmtqg" in terms("KH thuc hien CT MTQG giam ngheo nam 2025")
    assert "syn:ctmtqg" in terms("KH thuc hien CTMTQG giam ngheo nam 2025")
    assert "syn:ctmtqg" not in terms("chuong trinh ct va muc tieu MTQG")


def test_places_listed_with_commas_are_names_of_their_own() -> None:
    assert _terms("Dong Nai, Tay Ninh tap huan ngay nao")[:2] == ["e:dong|nai", "e:tay|ninh"]
    assert _terms("Dong Nai Tay Ninh tap huan ngay nao")[0] == "e:dong|nai|tay|ninh"


def test_an_abbreviation_in_mixed_case_is_not_part_of_the_name_after_it() -> None:
    assert "e:bui|thanh|son" in _terms("PTTg Bui Thanh Son lam viec voi tinh ngay nao")


def test_a_group_inside_a_longer_one_also_finds_the_longer_one() -> None:
    lexicon = Lexicon.load([DEFAULT_SYNONYMS])
    [concept] = [c for c in analyze("hoc phi mam non bao nhieu", lexicon).concepts if c.term == "syn:mn"]
    assert "syn:gdmn" in concept.alternatives
