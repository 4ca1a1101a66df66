"""What a question asks for (a figure, a date, a person, a frequency, a name, a list) and what it is about."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from knowledge.synonyms import Lexicon
from knowledge.tokens import Token, tokenize
from knowledge.vietnamese import fold, has_tone_marks, is_syllable

FIGURE, DATE, PERSON, FREQUENCY, NAME, LIST = "figure", "date", "person", "frequency", "name", "list"
NAMED = "named"  # "chủ đề … là gì": the answer is a quoted phrase
COMPARE = "compare"  # "so sánh … năm 2024 và 2025": one answer for each

# Question phrases (folded syllables) → the kind of answer wanted. They are not searched as topic words.
_INTENT_PHRASES: dict[tuple[str, ...], str] = {}
for _intent, _phrases in {
    FIGURE: [
        "bao nhieu",
        "bao nhieu phan tram",
        "may",
        "lan thu may",
        "so luong",
        "con so nao",
        "dat bao nhieu",
        "bao nhieu nam",
        "muc bao nhieu",
    ],
    DATE: [
        "khi nao",
        "ngay nao",
        "bao gio",
        "luc nao",
        "thoi han",
        "han chot",
        "han cuoi",
        "han cuoi ngay nao",
        "truoc ngay nao",
        "den ngay nao",
        "thang nao",
        "quy nao",
        "nam nao",
        "thoi gian nao",
        "ban hanh ngay nao",
        "ngay bao nhieu",
        "ngay may",
        "han nop",
        "han bao cao",
        "ban hanh khi nao",
        "ky ngay nao",
        "thoi diem nao",
        "cham nhat",
        "may gio",
        "luc may gio",
        "vao ngay nao",
        "vao luc nao",
        "vao thoi gian nao",
        "vao thang nao",
        "vao nam nao",
    ],
    PERSON: [
        "ai",
        "don vi nao",
        "co quan nao",
        "bo phan nao",
        "nguoi nao",
        "giao cho ai",
        "dong chi nao",
        "ben nao",
        "phong nao",
        "to nao",
        "ban nao",
        "la ai",
        "nguoi ky",
        "ai ky",
    ],
    FREQUENCY: [
        "bao lau",
        "may lan",
        "bao lau mot lan",
        "tan suat",
        "dinh ky bao lau",
        "bao nhieu lan",
        "thuong xuyen the nao",
    ],
    NAME: ["la gi", "ten gi", "ten la gi", "goi la gi", "ten", "nhu the nao", "the nao", "ra sao", "nhu nao", "gi"],
    COMPARE: ["so sanh", "khac gi", "khac nhau", "khac nhau the nao", "thay doi the nao"],
    LIST: [
        "gom nhung gi",
        "nhung gi",
        "bao gom",
        "gom",
        "noi dung gi",
        "nhung noi dung nao",
        "nhung nao",
        "nhung viec gi",
        "viec gi",
    ],
}.items():
    for _phrase in _phrases:
        _INTENT_PHRASES[tuple(_phrase.split())] = _intent
_LONGEST_INTENT = max(len(key) for key in _INTENT_PHRASES)
_PHRASES_BY_LENGTH: dict[int, list[tuple[str, ...]]] = {}
for _key in _INTENT_PHRASES:
    _PHRASES_BY_LENGTH.setdefault(len(_key), []).append(_key)
# Words that hint at the kind of answer but are also part of the topic: they stay searched.
_CUE_PHRASES: dict[tuple[str, ...], str] = {
    ("phu", "trach"): PERSON,
    ("chu", "tri"): PERSON,
    ("chiu", "trach", "nhiem"): PERSON,
    ("chi", "tieu"): FIGURE,
    ("ti", "le"): FIGURE,
    ("dinh", "ky"): FREQUENCY,
    ("thoi", "han"): DATE,
    ("hinh", "thuc"): LIST,  # "các hình thức khen thưởng": the forms are both the list asked and the topic
}
# One-syllable question words that are other words when written with other marks ("máy" is not "mấy").
_TONED_INTENT = {"may": "mấy", "gi": "gì", "gom": "gồm", "ai": "ai", "nao": "nào", "ten": "tên"}

# Words that carry no topic. With tone marks they are recognised exactly; without, only the unambiguous ones.
_STOP_TONED = {
    "có",
    "của",
    "là",
    "và",
    "các",
    "những",
    "cho",
    "thì",
    "mà",
    "được",
    "không",
    "nào",
    "gì",
    "ạ",
    "nhé",
    "vậy",
    "thế",
    "ơi",
    "hỏi",
    "xin",
    "tôi",
    "mình",
    "em",
    "anh",
    "chị",
    "bạn",
    "với",
    "này",
    "đó",
    "ấy",
    "về",
    "ở",
    "tại",
    "theo",
    "để",
    "trong",
    "từ",
    "đến",
    "hay",
    "hoặc",
    "cũng",
    "đã",
    "sẽ",
    "đang",
    "phải",
    "cần",
    "nên",
    "rồi",
    "một",
    "lần",
    "vì",
    "bởi",
    "nhỉ",
    "đâu",
    "cái",
    "việc",
    "giúp",
    "muốn",
    "biết",
}
_STOP_FOLDED = {
    "cua",
    "la",
    "va",
    "cac",
    "nhung",
    "cho",
    "thi",
    "ma",
    "duoc",
    "khong",
    "nao",
    "gi",
    "a",
    "nhe",
    "vay",
    "oi",
    "xin",
    "toi",
    "minh",
    "voi",
    "nay",
    "ay",
    "o",
    "theo",
    "hoac",
    "se",
    "roi",
    "nhi",
    "dau",
    "viec",
    "lan",
    "mot",
    "giup",
    "muon",
    "biet",
}
# The filler reading of a word typed without marks ("cua" → "của", "dau" → "đâu").
_FILLER_READING = {fold(word): word for word in _STOP_TONED if fold(word) in _STOP_FOLDED}


def filler_reading(folded: str) -> str | None:
    """The word with marks that a filler word typed without them stands for, if it is one."""
    return _FILLER_READING.get(folded)


# Nouns whose value is a quoted phrase: with "là gì" they ask for that phrase.
NAMED_NOUNS = {
    ("chu", "de"),
    ("khau", "hieu"),
    ("phuong", "cham"),
    ("thong", "diep"),
    ("tieu", "de"),
    ("tinh", "than"),
    ("ten",),
    ("chu", "truong"),
    ("phong", "trao"),
    ("cuoc", "van", "dong"),
    ("giai", "thuong"),
    ("danh", "hieu"),
}
QUESTION_WORDS = {word for phrase in _INTENT_PHRASES for word in phrase}


@dataclass(slots=True)
class Concept:
    """One thing the question is about: a syllable, a number, a code, or a synonym group."""

    term: str
    position: int
    tone: str = ""
    alternatives: list[str] = field(default_factory=list)
    corrected: bool = False


@dataclass(slots=True)
class Question:
    """A question taken apart: the concepts searched and the kinds of answer wanted."""

    text: str
    concepts: list[Concept]
    intents: set[str]
    naming: frozenset[str] = frozenset()  # terms that name a loaded document ("QĐ 1383"): said by all its passages
    named: frozenset[int] = frozenset()  # the loaded documents those terms name

    def pairs(self) -> list[tuple[Concept, Concept]]:
        """Concepts that stood side by side in the question (phrase evidence)."""
        return [
            (first, second)
            for first, second in zip(self.concepts, self.concepts[1:], strict=False)
            if second.position == first.position + 1
        ]


def _phrase_at(folded: list[str], index: int, length: int) -> tuple[str, ...]:
    """The question phrase of `length` words at `index`, allowing one typo in phrases of two or more words."""
    words = tuple(folded[index : index + length])
    if words in _INTENT_PHRASES or length < 2:
        return words
    typed = " ".join(words)
    for phrase in _PHRASES_BY_LENGTH.get(length, ()):
        if phrase[0] == words[0] and fuzz.ratio(typed, " ".join(phrase)) >= 88 and not _other_word(words, phrase):
            return phrase
    return words


def _other_word(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether a typed word is another word of the same length, not a slip: "lao" (lao động) is not "lần"."""
    return any(
        typed != wanted and len(typed) == len(wanted) and is_syllable(typed)
        for typed, wanted in zip(words, phrase, strict=True)
    )


def _find_intents(words: list[Token]) -> tuple[set[int], set[str]]:
    """Positions of question phrases ("bao nhiêu", "khi nào", "ai") and the answer kinds they ask for."""
    intents: set[str] = set()
    used: set[int] = set()
    folded = [token.folded for token in words]
    index = 0
    while index < len(words):
        for length in range(min(_LONGEST_INTENT, len(words) - index), 0, -1):
            intent = _INTENT_PHRASES.get(_phrase_at(folded, index, length))
            if intent is not None and length == 1:
                typed = words[index].text.lower()
                expected = _TONED_INTENT.get(folded[index])
                if expected is not None and typed not in (folded[index], expected):
                    intent = None
            if intent is not None:
                intents.add(intent)
                used.update(range(index, index + length))
                index += length
                break
        else:
            index += 1
    # "bãi bỏ những nghị quyết nào", "gồm những xã nào": the list of what is named between the two words.
    for start, word in enumerate(folded):
        end = next((end for end in range(start + 2, min(start + 5, len(folded))) if folded[end] == "nao"), None)
        if word == "nhung" and end is not None and words[end].text.lower() in ("nao", "nào") and not (
            used & set(range(start, end + 1))
        ):
            intents.add(LIST)
            used.update((start, end))
    for cue, intent in _CUE_PHRASES.items():
        if _contains(folded, cue):
            intents.add(intent)
    if NAME in intents and any(_contains(folded, noun) for noun in NAMED_NOUNS):
        intents.add(NAMED)
    return used, intents


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    return any(tuple(words[start : start + len(phrase)]) == phrase for start in range(len(words)))


def analyze(
    text: str,
    lexicon: Lexicon,
    correct: Callable[[str], str | None] | None = None,
    common_pair: Callable[[str, str, str], bool] | None = None,
) -> Question:
    """Take a question apart. `correct` may replace a misspelt syllable by a known one (typos); `common_pair` says
    whether two syllables are a phrase the documents use for a filler word, so "dau" of "phan dau" is not "đâu"."""
    toned = has_tone_marks(text)
    every = tokenize(text, query=True)
    tokens = [token for token in every if token.kind != "punct" or token.text == "%"]
    # "Đồng Nai, Tây Ninh" are two names: a name does not run across punctuation.
    broken = {id(token) for before, token in itertools.pairwise(every) if before.kind == "punct"}
    corrected: set[int] = set()
    if correct is not None:
        for token in tokens:
            # An abbreviation typed in capitals ("tổ CM", "KCX") is not a misspelt word; a long one may have lost or
            # gained one letter ("VHTDL" for "VHTTDL"), and is read as the known abbreviation one edit away.
            acronym = token.text.isupper() and len(token.text) <= 6
            replacement = correct(token.folded) if token.is_word and (not acronym or len(token.text) >= 5) else None
            if acronym and replacement is not None and (
                is_syllable(replacement) or Levenshtein.distance(token.folded, replacement) != 1
            ):
                replacement = None
            if replacement is not None and replacement != token.folded:
                token.terms = [replacement, *token.terms[1:]]
                token.folded = replacement
                corrected.add(id(token))
    intents: set[str] = set()
    if any(token.text == "%" or token.kind == "percent" for token in tokens):
        intents.add(FIGURE)
    words = [token for token in tokens if token.is_word]
    used, found = _find_intents(words)
    intents |= found
    question_words = {id(words[index]) for index in used}
    original = {id(token): number for number, token in enumerate(tokens)}
    # "bao nhiêu 1 tháng", "bao nhiêu tiền 1 người": "1" is "per", no figure the answer must state.
    per = {id(token) for index, token in enumerate(tokens[1:-1], 1)
           if token.kind == "number" and token.text == "1" and tokens[index + 1].is_word
           and any(id(before) in question_words for before in tokens[max(0, index - 2) : index])}
    sequence = [token for token in tokens if token.text != "%" and id(token) not in question_words | per]
    groups = {
        start: (end, term)
        for start, end, term in lexicon.find([token.folded if token.is_word else "\0" for token in sequence])
    }
    for index, (first, second) in enumerate(itertools.pairwise(sequence)):
        # "CT MTQG" typed apart is the abbreviation "CTMTQG" (chương trình mục tiêu quốc gia) when that is one.
        if index not in groups and first.is_word and second.is_word and first.text.isupper() and second.text.isupper():
            joined = lexicon.find([first.folded + second.folded])
            if joined:
                groups[index] = (index + 2, joined[0][2])
    concepts: list[Concept] = []
    names = _proper_names(sequence, original, broken)
    index = 0
    while index < len(sequence):
        token = sequence[index]
        if index in names:
            end = names[index]
            syllables = [item.folded for item in sequence[index:end]]
            concepts.append(Concept("e:" + "|".join(syllables), original[id(token)]))
            index = end
            continue
        # Positions count the question words too, so that words they separated are not taken as a phrase.
        position = original[id(token)]
        if index in groups:
            end, term = groups[index]
            concepts.append(Concept(term, position, alternatives=lexicon.wider(term)))
            index = end
            continue
        index += 1
        if token.is_word:
            in_phrase = common_pair is not None and not has_tone_marks(token.text) and _in_phrase(
                sequence, index - 1, common_pair
            )
            if _is_stop(token, toned) and not in_phrase:
                continue
            # A Roman numeral ("quý iii", "khóa XIII") is searched as its number first.
            terms = token.terms[::-1] if len(token.terms) > 1 else token.terms
            # Only a word typed with marks is held to its marks: "ăn" is not "an", but "ty" may be "tỷ".
            tone = token.tone if has_tone_marks(token.text) else ""
            was_corrected = id(token) in corrected
            concepts.append(Concept(terms[0], position, "" if was_corrected else tone, terms[1:], was_corrected))
        elif token.kind == "romanyear":
            concepts.extend(Concept(term, position) for term in token.terms)
        elif token.kind == "docno" and token.terms:
            # "127-KL/TW": its number alone ("Kết luận 127") is a weaker reading; its kind ("KL", "TW") is none, or
            # every passage citing another conclusion would half-match the document asked about.
            concepts.append(Concept(token.terms[0], position, "", [t for t in token.terms[1:] if t.startswith("n:")]))
        elif token.terms:
            concepts.append(Concept(token.terms[0], position, "", token.terms[1:]))
    return Question(text, concepts, intents)


def _in_phrase(sequence: list[Token], index: int, common_pair: Callable[[str, str, str], bool]) -> bool:
    """Whether the word at `index` makes a common phrase with the word before or after it."""
    before = sequence[index - 1] if index > 0 else None
    after = sequence[index + 1] if index + 1 < len(sequence) else None
    word = sequence[index].folded
    return (before is not None and before.is_word and common_pair(before.folded, word, word)) or (
        after is not None and after.is_word and common_pair(word, after.folded, word)
    )


def _proper_names(sequence: list[Token], original: dict[int, int], broken: set[int]) -> dict[int, int]:
    """Runs of two or more capitalised syllables ("Bình Dương", "Nguyễn Thị Ngọc Anh"), not across punctuation
    (`broken`: the tokens right after it): start → end.

    A name must be found as a whole; "Bình" of "bình quân" and "Dương" elsewhere do not make "Bình Dương".
    """
    runs: dict[int, int] = {}
    index = 0
    while index < len(sequence):
        end = index
        while (
            end < len(sequence)
            and _capitalised(sequence[end])
            and (end == index or (original[id(sequence[end])] == original[id(sequence[end - 1])] + 1
                                  and id(sequence[end]) not in broken))
        ):
            end += 1
        if end - index >= 2:
            runs[index] = end
            index = end
        else:
            index += 1
    return runs


def _capitalised(token: Token) -> bool:
    """A word written with a capital first letter and small letters after (not "UBND", "III" or "PTTg")."""
    text = token.text
    return token.is_word and len(text) > 1 and text[0].isupper() and text[1:].islower() and len(token.terms) == 1


def _is_stop(token: Token, toned: bool) -> bool:
    if toned and has_tone_marks(token.text):
        return token.text.lower() in _STOP_TONED
    return token.folded in _STOP_FOLDED
