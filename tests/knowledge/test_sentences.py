"""Sentences of a paragraph: abbreviations and initials never end one; long sentences come in pieces."""

from __future__ import annotations

from knowledge.sentences import MAX_PASSAGE, passages_of, split_sentences


def test_initials_and_abbreviations_do_not_end_a_sentence() -> None:
    text = "Ông Nguyễn V. Bình làm việc tại TP. Hạ Long, v.v. Xong rồi. Ở xã P. Hai có 3 thôn. Bà Hồng đi."
    assert split_sentences(text) == [
        "Ông Nguyễn V. Bình làm việc tại TP. Hạ Long, v.v. Xong rồi.",
        "Ở xã P. Hai có 3 thôn.",
        "Bà Hồng đi.",
    ]


def test_a_word_ending_in_a_capital_letter_still_ends_its_sentence() -> None:
    assert split_sentences("Đơn vị nộp về phòng KHTC. Hạn chót là thứ Sáu.") == [
        "Đơn vị nộp về phòng KHTC.",
        "Hạn chót là thứ Sáu.",
    ]


def test_a_long_paragraph_of_initials_is_one_sentence_cut_into_passages() -> None:
    text = "Ông Nguyễn V. Bình nói với bà Trần T. Mai, " * 2000
    sentences = split_sentences(text)
    assert len(sentences) == 1
    pieces = passages_of(sentences[0])
    assert all(len(piece) <= MAX_PASSAGE for piece in pieces)
    assert sum(len(piece) for piece in pieces) > 0.95 * len(text.strip())
