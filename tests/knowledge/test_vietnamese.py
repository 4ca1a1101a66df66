"""Vietnamese letters (knowledge.vietnamese): NFC, folding for tone-insensitive matching, i/y spelling,
tone keys, traditional tone placement and the detection of tone marks."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.vietnamese import (
    LOWER,
    UPPER,
    fold,
    fold_syllable,
    has_tone_marks,
    nfc,
    normalize_tone_placement,
    tone_key,
)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _letters(char_class: str) -> str:
    """The letters of a regex class body such as "A-ZĐÀÁ…" (the ranges expanded)."""
    return char_class.replace("A-Z", string.ascii_uppercase).replace("a-z", string.ascii_lowercase)


VIETNAMESE_LETTERS = _letters(UPPER) + _letters(LOWER)


def test_nfc_composes_text_typed_with_combining_marks() -> None:
    composed = "Nghị quyết về phương hướng, nhiệm vụ năm 2022"
    decomposed = _nfd(composed)
    assert decomposed != composed and len(decomposed) > len(composed)
    assert nfc(decomposed) == composed


def test_nfc_leaves_composed_text_unchanged() -> None:
    text = "Ban Chấp hành Đảng bộ thị xã Đông Triều"
    assert nfc(text) == text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng ủy Đông Triều", "dang uy dong trieu"),
        ("NGHỊ QUYẾT", "nghi quyet"),
        ("Tăng trưởng kinh tế từ 13,5% trở lên", "tang truong kinh te tu 13,5% tro len"),
        ("Bảo hiểm y tế", "bao hiem y te"),
        ("Ủy ban nhân dân thị xã", "uy ban nhan dan thi xa"),
        ("ă â ê ô ơ ư đ Đ", "a a e o o u d d"),
        ("Số 09 - NQ/TU", "so 09 - nq/tu"),
        ("Hằng quý, trước ngày 20", "hang quy, truoc ngay 20"),
    ],
)
def test_fold_removes_tone_marks_vowel_marks_and_d_bar(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_positions_of_nfc_text() -> None:
    text = "Giao UBND thị xã hoàn thành trước ngày 31/12/2021, báo cáo Thường trực Thị ủy."
    folded = fold(text)
    assert len(folded) == len(text)
    for word, expected in (("31/12/2021", "31/12/2021"), ("Thường", "thuong"), ("trước", "truoc"), ("ủy", "uy")):
        start = text.index(word)
        assert folded[start : start + len(word)] == expected


def test_fold_of_decomposed_text_drops_the_combining_marks() -> None:
    assert fold(_nfd("Việt Nam")) == "viet nam"


def test_fold_leaves_plain_ascii_lowercased_only() -> None:
    assert fold("UBND thi xa, GRDP 6.800 USD") == "ubnd thi xa, grdp 6.800 usd"


@pytest.mark.parametrize(
    ("first", "second", "key"),
    [("tỷ", "tỉ", "ti"), ("kỹ", "kĩ", "ki"), ("Mỹ", "mĩ", "mi"), ("lý", "lí", "li"), ("quý", "quí", "qui")],
)
def test_fold_syllable_unifies_i_and_y_after_a_consonant(first: str, second: str, key: str) -> None:
    assert fold_syllable(first) == fold_syllable(second) == key


@pytest.mark.parametrize(
    ("syllable", "folded"), [("yêu", "yeu"), ("ý", "y"), ("uy", "uy"), ("tuy", "tuy"), ("Đảng", "dang")]
)
def test_fold_syllable_keeps_y_that_does_not_follow_a_consonant(syllable: str, folded: str) -> None:
    assert fold_syllable(syllable) == folded


@pytest.mark.parametrize(
    ("first", "second"),
    [("hoá", "hóa"), ("tuỳ", "tùy"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Hoà", "hòa"), ("tỷ", "tỉ"), ("kỹ", "kĩ")],
)
def test_tone_key_is_equal_for_two_spellings_of_one_syllable(first: str, second: str) -> None:
    assert tone_key(first) == tone_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("an", "ăn"), ("ma", "má"), ("hoa", "hóa"), ("ho", "hơ"), ("tù", "tú"), ("mả", "mã"), ("dan", "đan")],
)
def test_tone_key_differs_when_the_letters_or_tones_differ(first: str, second: str) -> None:
    assert tone_key(first) != tone_key(second)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoá", "hóa"),
        ("tuỳ", "tùy"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("Hoà Bình", "Hòa Bình"),
        ("THUỶ", "THỦY"),
        ("Văn hoá, tuỳ thuộc vào thuỷ lợi.", "Văn hóa, tùy thuộc vào thủy lợi."),
    ],
)
def test_normalize_tone_placement_moves_the_tone_to_the_traditional_vowel(text: str, expected: str) -> None:
    assert normalize_tone_placement(text) == expected


@pytest.mark.parametrize(
    "text",
    ["người", "quyết", "giữ gìn", "thuở", "nghiêng", "Quý III/2024", "thủy", "hóa", "Trường Mầm non", "13,5%"],
)
def test_normalize_tone_placement_leaves_traditional_spelling_alone(text: str) -> None:
    assert normalize_tone_placement(text) == text


def test_normalize_tone_placement_returns_nfc_for_decomposed_input() -> None:
    assert normalize_tone_placement(_nfd("Văn hoá")) == "Văn hóa"


@pytest.mark.parametrize("text", ["Đông Triều", "ă", "thị xã", "NGHỊ QUYẾT", _nfd("thị xã"), "đ"])
def test_has_tone_marks_sees_any_vietnamese_diacritic(text: str) -> None:
    assert has_tone_marks(text)


@pytest.mark.parametrize("text", ["Dong Trieu", "bhyt 2024", "UBND thi xa", "13,5% tro len", ""])
def test_has_tone_marks_is_false_for_unaccented_text(text: str) -> None:
    assert not has_tone_marks(text)


_VIETNAMESE_TEXT = st.text(alphabet=VIETNAMESE_LETTERS + " ,.:;%/-0123456789", max_size=80)


@given(_VIETNAMESE_TEXT)
def test_fold_preserves_length_of_nfc_vietnamese_text(text: str) -> None:
    text = nfc(text)
    assert len(fold(text)) == len(text)


@given(_VIETNAMESE_TEXT)
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(_VIETNAMESE_TEXT)
def test_fold_of_vietnamese_text_is_plain_ascii_without_marks(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert not has_tone_marks(folded)
    assert fold(_nfd(text)) == folded
