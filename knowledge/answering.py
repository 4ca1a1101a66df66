"""Answering a question: the best passage with its citation and a calibrated score, or an honest "no"."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.accumulator import Accumulator
from knowledge.agreement import (
    Expectation,
    acting_bodies,
    answer_fit,
    asks_present,
    body_heads,
    describes_role,
    expectation,
    holds_role,
    mentions_role,
    names_someone,
    only_as_object,
    prints_body,
    states_present,
)
from knowledge.compounds import is_compound
from knowledge.index import (
    FLAG_CITED_DATE,
    FLAG_DATE,
    FLAG_DEADLINE,
    FLAG_DOCNO,
    FLAG_FIGURE,
    FLAG_FOLLOWS,
    FLAG_FREQUENCY,
    FLAG_IDENTITY,
    FLAG_IN_FORCE,
    FLAG_LIST,
    FLAG_PERSON,
    FLAG_QUOTE,
    FLAG_RECIPIENT,
    FLAG_TARGET,
    IntArray,
    SearchIndex,
)
from knowledge.lists import (
    ancestor_titles,
    folded_words,
    group_rows,
    item_mark,
    label_under,
    under_lead,
    whole_list,
)
from knowledge.model import SECTION_SEPARATOR
from knowledge.proximity import leads_with, lists_after, order_score
from knowledge.question import (
    DATE,
    FIGURE,
    FREQUENCY,
    LIST,
    NAME,
    NAMED,
    PERSON,
    QUESTION_WORDS,
    Concept,
    Question,
    analyze,
    filler_reading,
)
from knowledge.snippets import LIMIT, cut_end, cut_start, window
from knowledge.store import PassageStore, shown
from knowledge.vietnamese import fold, is_syllable, tone_key

# How much a match counts by where it is found: in the passage, in a heading above it, in its category, in
# the document's title; a secondary reading of a token (the year of a full date) counts a little less.
BODY, HEADING, CATEGORY, DOCUMENT, SECONDARY, NEIGHBOUR = 1.0, 0.6, 0.6, 0.5, 0.7, 0.5
# A word typed with tone marks found only with other marks ("ăn" in "an toàn") counts half.
TONE_MISMATCH = 0.5
# Among passages that cover the question equally, the shorter one is the more precise answer.
LENGTH_PENALTY = 0.1
# How much of the score is the question's words standing side by side in the passage (phrases), not just present.
PHRASE_WEIGHT = 0.35
# A candidate that cannot give the kind of answer asked for (no figure for "bao nhiêu") loses this much;
# "là gì" and "gồm những gì" are weaker hints, so missing them costs less.
MISSED_INTENT = 0.75
NO_FIGURE_SHOWN = 0.5  # the best answer to "bao nhiêu" states no figure at all: below the threshold as a rule
MISSED_HINT = 0.9
IDENTITY_PRIOR = 0.8
# Third stage: a question about a loaded document's number prefers it; an identity question its identity line;
# otherwise newer documents a little; a figure for another year or number, or out of order, loses.
OTHER_DOCUMENT, AGE_STEP, IDENTITY_BOOST, RECIPIENT_PRIOR = 0.75, 0.05, 1.3, 0.85
OTHER_YEAR, OTHER_NUMBER, ORDER_WEIGHT, LEADS_WITH, TITLE_BONUS = 0.6, 0.85, 0.1, 1.1, 0.15
NO_DOCUMENT_NUMBER, NEIGHBOUR_SHARE, NAMES_SOMEONE, NOT_IDENTITY, PAIR_FACTOR = 0.7, 0.8, 1.08, 0.75, 0.92
TASKS_OF, OBJECT_ONLY, APPENDIX_TITLE, COMMON_PAIR, TARGET_NOT_PRESENT = 1.15, 0.75, 1.2, 0.15, 0.35
FILLER_SHARE, ROLE_HOLDER, ROLE_DUTIES, ROLE_MISSING, ENUMERATES, CITED_DATE_ONLY = 0.5, 1.3, 0.4, 0.8, 1.25, 0.45
NO_DEADLINE = 0.8  # a deadline asked, and the passage sets none while a close one does
IN_FORCE_BOOST = 1.1  # its document's statement of effect, over that document's best passage
_RERANK = 20
# The words of a body's tasks asked in a document: "… có nhiệm vụ gì trong kế hoạch này".
_TASK_WORDS = {"nhiem", "vu", "trach", "giao", "duoc", "lam", "cong", "viec", "nhung", "cu", "the", "nay", "trong",
               "theo", "tai", "cua", "co", "phai"}
LIST_ITEM = 1.5
DEFINES = 1.3  # a name asked, and the passage spells out the short form the question uses
BODY_NOT_NAMED = 0.7  # a body's tasks asked; another leading passage names that body, this one does not
FRAME_SHARE = 0.3  # the weight left to "nhiệm vụ" in "nhiệm vụ của Sở …"
SCOPE_ONLY = 0.75
_SCOPE_RE = re.compile(r"\bpham vi dieu chinh\b")
# "phạm vi", "đối tượng áp dụng", "nghị quyết quy định … nào": what the scope article answers.
_SCOPE_ASKED_RE = re.compile(r"\b(?:pham vi|dieu chinh|doi tuong|ap dung)\b|"
                             r"\b(?:nghi quyet|quyet dinh|thong tu|nghi dinh|nq|qd)(?: nay)? quy dinh\b")
_OWN_ROOM = 250
_RECIPIENTS_RE = re.compile(r" Nơi nhận: .*?(?= Người ký: |$)", re.DOTALL)
_RECIPIENTS_ASKED_RE = re.compile(r"\b(?:gui|nhan|kinh gui|noi nhan|den dau|den ai|nhung ai|nhung noi|noi nao)\b")
_ITEMS = 12
_INTRO_ROOM, _ITEM_ROOM = 110, 50  # a long introduction's end, and the least of each item, shown in a list
# Words that ask for a time limit ("hạn chót", "thời hạn", "chậm nhất", "phải xong trước ngày nào").
_DEADLINE_ASKED_RE = re.compile(
    r"\b(?:han(?: chot| nop| gui| bao cao)?|thoi han|cham nhat|muon nhat|(?:xong|hoan thanh|nop|gui) truoc|"
    r"truoc ngay nao|khi nao phai|bao gio phai)\b"
)
# "có hiệu lực từ ngày nào", "hết hiệu lực", "hiệu lực thi hành": when a document is in force (not "hiệu lực quản lý").
_IN_FORCE_ASKED_RE = re.compile(r"\b(?:co|het|con) hieu luc\b|\bhieu luc (?:tu|ke tu|thi hanh|khi nao|ngay nao|den)\b")
_HOW_LONG_RE = re.compile(r"\bbao lau\b|\bmay ngay\b|\bbao nhieu ngay\b")  # a time limit counted in days
# A question about a document's own date ("báo cáo … ngày nào", "quyết định … ký ngày nào") is answered by its citation.
_ABOUT_A_DOCUMENT_RE = re.compile(
    r"\b(?:bao cao|quyet dinh|ke hoach|nghi quyet|nghi dinh|thong tu|cong van|thong bao|huong dan|chi thi|ket luan|"
    r"quy dinh|van ban|chuong trinh hanh dong|kh|qd|nq|cv|tb|kl|hd|ct)\b"
)
# "KH 987", "QĐ số 384", "công văn 6386": a document named by the number it starts with.
_NAMED_NUMBER_RE = re.compile(
    r"\b(?:kh|qd|cv|nq|tb|hd|ct|kl|ke hoach|quyet dinh|cong van|nghi quyet|thong bao|huong dan|chi thi|ket luan|"
    r"quy dinh|van ban)\s+(?:so\s+)?(\d{1,5})(?![\d/-])"
)


_DOCUMENT_KINDS = ("ke hoach", "quyet dinh", "cong van", "nghi quyet", "thong bao", "ket luan", "huong dan",
                   "chi thi", "quy dinh", "cong dien", "to trinh", "bao cao", "kh", "qd", "cv", "nq", "tb", "kl", "hd",
                   "ct", "cd")


# "… ngày nào", "ngày mấy": a day is asked, and an answer that names none does not give it.
_DAY_ASKED_RE = re.compile(r"\bngay (?:nao|may|bao nhieu)\b")
_STATES_DAY_RE = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{1,2}|\bngày\s+\d{1,2}|\d{1,2}\s+tháng\s+\d{1,2}|\bngày (?:ký|ban hành|cuối)|"
    r"\bthứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])\b|\bchủ nhật\b", re.IGNORECASE
)
_STATES_FIGURE_RE = re.compile(r"\d|\b(?:một|hai|ba|bốn|sáu|bảy|tám|chín|mười|trăm|nghìn|triệu|tỷ)\b",
                               re.IGNORECASE)


def _unpaired(term: str) -> bool:
    """Whether a term has no side-by-side pairs in the index (numbers, codes, names; a synonym group has them)."""
    return term.startswith(_NOT_SYLLABLE) and not term.startswith("syn:")


def _number_head(number: str | None) -> str | None:
    """The leading digits of a document number ("0134/KH-UBND" → "134"), as a question would say them."""
    match = re.match(r"\d+", number or "")
    return match.group(0).lstrip("0") or "0" if match else None


UNKNOWN_NAME, NAME_ELSEWHERE, OTHER_PLACE, UNKNOWN_WORD = 0.7, 0.7, 0.5, 0.85
_PLACE_UNITS = r"(?:xa|phuong|thi tran|thi xa|huyen|quan|tinh|thanh pho|tp)"
# Chosen from bench/evaluate.py's precision–coverage table on the real dev directives: the share of questions
# handled right (answered right, or declined when out of scope) is highest from 0.425 to 0.45; 0.45 answers wrong less.
DEFAULT_THRESHOLD = 0.45
_INTENT_FLAGS = {
    FIGURE: FLAG_FIGURE,
    DATE: FLAG_DATE,
    PERSON: FLAG_PERSON,
    FREQUENCY: FLAG_FREQUENCY,
    NAME: FLAG_QUOTE,
    LIST: FLAG_LIST,
    NAMED: FLAG_QUOTE,
}
_STRONG_INTENTS = {FIGURE, DATE, PERSON, FREQUENCY, NAMED}
_REQUIRED_INTENTS = {FIGURE, DATE}
_HINT_INTENTS = {NAME, LIST}
_FIRST_STAGE = 150
_COMMON, _COMMON_MAX = 0.2, 30_000  # a term in more passages than this is left to the second stage
_NOT_SYLLABLE = ("syn:", "n:", "d:", "r:", "doc:", "dm:", "e:")
_TOP_SECTIONS = 20
_ALTERNATIVE_FLOOR = 0.3
_RANKED = 12
_RIVAL_SHARE = 0.75


@dataclass(frozen=True, slots=True)
class Source:
    """Where an answer stands: document key, its human title, and the section path."""

    document: str
    title: str
    section: str
    year: int | None = None

    def to_json(self) -> dict[str, str]:
        """The `source` object of the command-line contract."""
        return {"document": self.document, "title": self.title, "section": self.section}

    @property
    def label(self) -> str:
        """The document named for a reader: "Kế hoạch 48/KH-UBND (2024)"."""
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True, slots=True)
class Candidate:
    """One scored passage."""

    answer: str
    score: float
    source: Source

    def to_json(self) -> dict[str, Any]:
        """An entry of `alternatives` in the command-line contract."""
        return {"answer": self.answer, "score": round(self.score, 4), "source": self.source.to_json()}


@dataclass(frozen=True, slots=True)
class Answer:
    """The reply to one question: the best candidate if good enough, alternatives, and nearby topics."""

    question: str
    found: bool
    best: Candidate | None
    alternatives: list[Candidate] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Score of the best candidate, 0 when there is none."""
        return self.best.score if self.best else 0.0

    def to_json(self) -> dict[str, Any]:
        """The `ask --json` object of the command-line contract."""
        return {
            "question": self.question,
            "found": self.found,
            "answer": self.best.answer if self.found and self.best else "",
            "score": round(self.score, 4),
            "source": self.best.source.to_json() if self.found and self.best else None,
            "alternatives": [candidate.to_json() for candidate in self.alternatives],
        }


# "(sau đây gọi tắt là Ban Chỉ đạo 934)", "(gọi tắt là phong trào thi đua)": a short form defined.
_DEFINED_RE = re.compile(r"\((?:sau đây )?(?:được )?gọi tắt là:?\s*(?P<term>[^()]{2,80})\)", re.IGNORECASE)


def _defines(text: str, asked: set[str]) -> bool:
    """Whether `text` spells out a short form of two words or more all of which the question uses."""
    for match in _DEFINED_RE.finditer(text):
        term = folded_words(match["term"].strip(" “”\"'"))
        if len(term) >= 2 and term <= asked:
            return True
    return False


# "nhiệm vụ của Sở Xây dựng", "trách nhiệm của Công an tỉnh là gì": words that ask for a body's tasks.
_TASK_FRAME_RE = re.compile(r"\b(nhiem vu|trach nhiem)\s+(?:gi\s+)?(?:cua|doi voi)\s+(?=\w)")


def _task_frame(text: str) -> set[str]:
    """The syllables of the words asking for a body's tasks, when the question names the body after them."""
    folded = fold(text)
    frame = _TASK_FRAME_RE.search(folded)
    if frame is None or not acting_bodies(folded[frame.end() :]):
        return set()
    return set(frame[1].split())


class Answerer:
    """Scores passages against a question: term coverage, phrase coverage and the kind of answer wanted."""

    def __init__(self, store: PassageStore, index: SearchIndex, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.store = store
        self.index = index
        self.threshold = threshold
        infos = store.infos
        self._numbers = [_number_head(info.number) for info in infos]
        self._by_number: dict[str, list[int]] = {}  # leading digits of a document number → the documents
        for document, head in enumerate(self._numbers):
            if head is not None:
                self._by_number.setdefault(head, []).append(document)
        self._kinds: set[str] | None = None
        self._passage_sums, self._section_sums = Accumulator(index.size), Accumulator(index.section_count)
        identity = np.flatnonzero((index.flags & FLAG_IDENTITY) != 0) if index.size else np.zeros(0)
        self._identity_ids = np.asarray(identity, dtype=np.int32)
        # Newest document first: with nothing else to choose by, the latest plan is the one in force.
        dates = [info.issued or date.min for info in infos]
        newest = sorted(range(len(infos)), key=lambda number: dates[number], reverse=True)
        self._age_rank = np.zeros(len(infos), dtype=np.float64)
        for rank, number in enumerate(newest):
            self._age_rank[number] = rank if rank == 0 or dates[number] < dates[newest[rank - 1]] else \
                self._age_rank[newest[rank - 1]]
        # Known spellings, commonest first: the document vocabulary and the question words.
        self._spelling = list(dict.fromkeys(index.vocabulary + sorted(QUESTION_WORDS)))

    def read(self, text: str) -> Question:
        """The question as read against these documents: typos corrected, filler kept where they use it, the words
        that name a loaded document marked (they chose the document)."""
        return self._mark_names(analyze(text, self.index.lexicon, self._correct, self._common_pair))

    def ask(self, text: str) -> Answer:
        """Answer one question (any casing, with or without tone marks, with abbreviations and typos)."""
        question = self.read(text)
        if not question.concepts or self.index.size == 0:
            return Answer(text, False, None)
        expect = expectation(question)
        candidates = self._candidates(question)
        if expect.identity and self._identity_ids.size:
            candidates = np.union1d(candidates, self._identity_ids).astype(np.int32)
        scores = self._score(question, candidates)
        scores = self._rerank(question, expect, candidates, scores)
        order = np.argsort(-scores, kind="stable")
        by_id = {int(candidates[position]): float(scores[position]) for position in order[:200]}
        weights = self._weights(question)
        # The twelve best different units; only the answer and the alternatives offered are cut to a window.
        ranked: list[tuple[int, float]] = []
        seen: set[str] = set()
        for position in order[:40]:
            passage_id = int(candidates[position])
            shown_text = self._shown(passage_id)
            if shown_text in seen:
                continue
            seen.add(shown_text)
            ranked.append((passage_id, float(scores[position])))
            if len(ranked) == _RANKED:
                break
        if not ranked:
            return Answer(text, False, None)
        if expect.compare and len(expect.years) >= 2:
            return self._comparison(text, expect, candidates, scores, order, question, weights)
        best = self._candidate(*ranked[0], question, weights, by_id)
        if FIGURE in question.intents and not _STATES_FIGURE_RE.search(best.answer):
            # "Hiện có bao nhiêu cơ sở …": an answer that states no figure at all says nothing of how many.
            best = replace(best, score=best.score * NO_FIGURE_SHOWN)
        if DATE in question.intents and _DAY_ASKED_RE.search(fold(text)) and not _STATES_DAY_RE.search(best.answer):
            # "Hạn chót … là ngày nào": an answer that names no day at all says nothing of which day.
            best = replace(best, score=best.score * NO_FIGURE_SHOWN)
        found = best.score >= self.threshold
        topics = self._topics(candidates[order[:12]]) if not found else []
        # A unit the answer already shows whole (an item joined under its introduction) is no alternative.
        others = [item for item in ranked[1:] if self.store.text(item[0]) not in best.answer]
        offered = self._alternatives(ranked[0], others)
        alternatives = [self._candidate(passage_id, score, question, weights) for passage_id, score in offered]
        return Answer(text, found, best, alternatives, topics)

    def _alternatives(self, best: tuple[int, float], others: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Up to three other answers worth offering; when another document answers nearly as well (a 2024 and a 2025
        plan saying different things), it is among them."""
        kept = [item for item in others if item[1] >= _ALTERNATIVE_FLOOR][:3]
        own = self.store.document(best[0])
        rival = next((item for item in others if self.store.document(item[0]) != own
                      and item[1] >= _RIVAL_SHARE * best[1]), None)
        if rival is not None and rival not in kept:
            kept = [*kept[:2], rival]
        return kept

    def _comparison(
        self, text: str, expect: Expectation, ids: IntArray, scores: NDArray[np.float64], order: NDArray[np.intp],
        question: Question, weights: list[float],
    ) -> Answer:
        """ "So sánh … năm 2024 và 2025": the best answer for each year named, side by side."""
        picked: list[Candidate] = []
        for year in sorted(expect.years):
            stated = self._match(year, ids) >= DOCUMENT
            position = next((int(p) for p in order[:60] if stated[p]), None)
            if position is not None:
                picked.append(self._candidate(int(ids[position]), float(scores[position]), question, weights))
        if len(picked) < 2:
            best = picked[0] if picked else None
            return Answer(text, bool(best and best.score >= self.threshold), best)
        joined = "\n".join(f"• {candidate.source.label}: {candidate.answer}" for candidate in picked)
        first = picked[0]
        combined = Candidate(joined, min(candidate.score for candidate in picked), first.source)
        return Answer(text, combined.score >= self.threshold, combined, picked)

    def _correct(self, syllable: str) -> str | None:
        """The known syllable closest to a misspelt one ("truog" → "truong").

        A word that could be Vietnamese ("hôm") is left alone even if no document has it: it is probably
        a real word the documents do not speak of, and must count against the match.
        """
        if len(syllable) < 2 or not syllable.isalpha() or self.index.known(syllable) or syllable in QUESTION_WORDS:
            return None
        if is_syllable(syllable):
            return None
        found = process.extract(syllable, self._spelling, scorer=fuzz.ratio, score_cutoff=75, limit=8)
        # Fewest edits, a swap of two letters counting as one and preferred ("thagn" is "thang", not "than").
        ranked = sorted((OSA.distance(syllable, word), sorted(word) != sorted(syllable), -score, word)
                        for word, score, _ in found)
        return ranked[0][3] if ranked and (ranked[0][0] <= 1 or -ranked[0][2] >= 80) else None

    def _common_pair(self, first: str, second: str, word: str) -> bool:
        """Whether the documents use two syllables together in a good share of the passages that have `word`, one
        of them ("phan dau" for "phấn đấu", "dau tu" for "đầu tư"), so that a word read as filler is kept there."""
        pair = self.index.body.get(f"b:{first}|{second}")
        alone = self.index.body.get(word)
        if pair is None or alone is None or pair.size < 2:
            return False
        filler = filler_reading(word)
        if filler is None:
            return pair.size >= COMMON_PAIR * alone.size
        # Where the documents seldom write the filler itself ("thì" among "thi đua", "thực thi"), the word is the
        # other one; where they mostly do ("của tỉnh"), it is filler.
        as_filler = self.index.body.get(f"t:{tone_key(filler)}")
        return as_filler is None or as_filler.size < FILLER_SHARE * alone.size

    def _weight(self, concept: Concept) -> float:
        """A concept's weight: its IDF; a proper name weighs as much as all its syllables."""
        if concept.term.startswith("e:"):
            return sum(self.index.idf(syllable) for syllable in concept.term[2:].split("|"))
        return self.index.idf(concept.term)

    def _weights(self, question: Question) -> list[float]:
        """Each concept's weight; the words that frame a body's tasks ("nhiệm vụ của Sở Xây dựng") weigh little,
        for the body is what the question is about."""
        frame = _task_frame(question.text)
        return [self._weight(concept) * (FRAME_SHARE if concept.term in frame else 1.0)
                for concept in question.concepts]

    def _candidates(self, question: Question) -> IntArray:
        """First stage: passages sharing rare terms with the question, plus passages under matching headings."""
        index = self.index
        if index.size <= _FIRST_STAGE:
            return np.arange(index.size, dtype=np.int32)  # a small library: every passage is a candidate
        body: list[tuple[IntArray, float]] = []
        titled: list[tuple[IntArray, float]] = []
        for concept, weight in zip(question.concepts, self._weights(question), strict=True):
            terms = [(concept.term, 1.0)] + [(alt, SECONDARY) for alt in concept.alternatives]
            if concept.term.startswith("e:"):
                syllables = concept.term[2:].split("|")
                terms = [(f"b:{a}|{b}", 1.0) for a, b in itertools.pairwise(syllables)]
            for term, factor in terms:
                postings = index.body.get(term)
                # Terms in most passages do not tell candidates apart; the second stage still counts them.
                if postings is not None and postings.size <= min(_COMMON * index.size, _COMMON_MAX):
                    body.append((postings, weight * factor))
                titles = index.titles.get(term)
                if titles is not None:
                    titled.append((titles, weight * factor))
        for first, second in question.pairs():
            postings = index.body.get(f"b:{first.term}|{second.term}")
            if postings is not None:
                body.append((postings, 0.5 * (index.idf(first.term) + index.idf(second.term))))
        chosen = self._passage_sums.best(body, _FIRST_STAGE)
        extra = [
            passage
            for section in self._section_sums.best(titled, _TOP_SECTIONS)
            for passage in index.section_passages(int(section))
        ]
        return np.unique(np.concatenate([chosen, np.asarray(extra, dtype=np.int32)]))

    def _match(self, term: str, ids: IntArray) -> NDArray[np.float64]:
        """How well each passage contains `term`: in its text, a heading above, its category, its document."""
        index = self.index
        found = index.contains(index.body.get(term), ids) * BODY
        sections = index.passage_section[ids]
        found = np.maximum(found, index.contains(index.context.get(term), sections) * HEADING)
        found = np.maximum(found, index.contains(index.categories.get(term), ids) * CATEGORY)
        documents = index.passage_document[ids]
        found = np.maximum(found, index.contains(index.documents.get(term), documents) * DOCUMENT)
        follows = (index.flags[ids] & FLAG_FOLLOWS) != 0
        if follows.any():
            # The sentence before, in the same paragraph, often names what this one is about.
            before = index.contains(index.body.get(term), np.maximum(ids - 1, 0)) & follows
            found = np.maximum(found, before * NEIGHBOUR)
        return np.asarray(found, dtype=np.float64)

    def _anywhere(self, concept: Concept) -> bool:
        """Whether a proper name occurs as a whole anywhere in the documents (text, headings, titles)."""
        syllables = concept.term[2:].split("|")
        return all(self.index.known(f"b:{a}|{b}") for a, b in itertools.pairwise(syllables))

    def _concept_match(self, concept: Concept, ids: IntArray) -> NDArray[np.float64]:
        if concept.term.startswith("e:"):
            syllables = concept.term[2:].split("|")
            pairs = [self._match(f"b:{a}|{b}", ids) for a, b in itertools.pairwise(syllables)]
            return np.minimum.reduce(pairs) if pairs else np.zeros(ids.shape)
        found = self._match(concept.term, ids)
        if concept.tone and not concept.corrected:
            found = np.maximum(self._match(f"t:{concept.tone}", ids), found * TONE_MISMATCH)
        for alternative in concept.alternatives:
            found = np.maximum(found, self._match(alternative, ids) * SECONDARY)
        return found

    def _score(self, question: Question, ids: IntArray) -> NDArray[np.float64]:
        """Second stage: calibrated score in 0..1 for each candidate passage."""
        if ids.size == 0:
            return np.zeros(0)
        weights = self._weights(question)
        total = sum(weights)
        # Each concept is looked up once for the passages and the neighbours before and after them.
        size = ids.size
        neighbours = [self._neighbours(ids, step) for step in (-1, 1)]
        every = np.concatenate([ids, *(other for other, _ in neighbours)])
        found = {id(concept): self._concept_match(concept, every) for concept in question.concepts}
        matches = {key: values[:size] for key, values in found.items()}
        if question.naming:
            documents = self.index.passage_document[ids]
            for concept in question.concepts:
                if concept.term in question.naming:
                    named = self.index.contains(self.index.documents.get(concept.term), documents)
                    matches[id(concept)] = np.maximum(matches[id(concept)], named)
        coverage = sum(
            weight * matches[id(concept)] for concept, weight in zip(question.concepts, weights, strict=True)
        )
        coverage = np.asarray(coverage, dtype=np.float64) / total
        around = [(found, slice(size * (1 + side), size * (2 + side)), same)
                  for side, (_, same) in enumerate(neighbours)]
        coverage = np.maximum(coverage, self._pair_coverage(question, weights, matches, around))
        pair_total = 0.0
        pair_score = np.zeros(ids.shape, dtype=np.float64)
        for first, second in question.pairs():
            weight = 0.5 * (self._weight(first) + self._weight(second))
            pair_total += weight
            if _unpaired(first.term) or _unpaired(second.term):
                # No adjacency is indexed for codes and numbers: two found terms count as half a phrase.
                together = np.minimum(matches[id(first)], matches[id(second)]) * 0.5
            elif first.term.startswith("syn:") or second.term.startswith("syn:"):
                # A group and a word: half a phrase when both are there, a whole one side by side ("UBND tỉnh").
                together = np.maximum(np.minimum(matches[id(first)], matches[id(second)]) * 0.5,
                                      self._match(f"b:{first.term}|{second.term}", ids))
            else:
                together = self._match(f"b:{first.term}|{second.term}", ids)
            pair_score += weight * together
        phrase = pair_score / pair_total if pair_total else coverage
        shortness = 1.0 - LENGTH_PENALTY * np.minimum(1.0, self._lengths(ids) / 600)
        score = ((1.0 - PHRASE_WEIGHT) * coverage + PHRASE_WEIGHT * phrase) * shortness
        flags = self.index.flags[ids]
        leaders = np.argsort(-score)[:10]
        # "Tờ trình … số mấy": the figure asked is a document's number.
        numbered = FIGURE in question.intents and expectation(question).document_number
        for kinds, penalty in ((_STRONG_INTENTS, MISSED_INTENT), (_HINT_INTENTS, MISSED_HINT)):
            mask = FLAG_DOCNO if numbered and FIGURE in kinds else 0
            for intent in question.intents & kinds:
                mask |= _INTENT_FLAGS[intent]
            fits = (flags & mask) != 0
            # A figure or a date asked for must be there; other kinds only where some good candidate can give them.
            if mask and (question.intents & _REQUIRED_INTENTS & kinds or fits[leaders].any()):
                score = score * np.where(fits, 1.0, penalty)
        if FIGURE in question.intents:
            score = score * np.where((flags & FLAG_TARGET) != 0, 1.0, 0.97)
        if any(concept.term.startswith("e:") and not self._anywhere(concept) for concept in question.concepts):
            # The question names someone or somewhere no document mentions: it is about something else.
            score = score * UNKNOWN_NAME
        if self.has_unknown_word(question):
            score = score * UNKNOWN_WORD  # "cấp chứng chỉ": a word no document uses, though "chứng" and "chỉ" occur
        folded = fold(question.text)
        for concept in question.concepts:
            if concept.term.startswith("e:") and self._anywhere(concept):
                # A name the passage, its headings and its document all leave out: the passage is about another;
                # a place ("xã Tân An") the more so, as a year: another place's figure is not the answer.
                place = re.search(rf"\b{_PLACE_UNITS} {' '.join(concept.term[2:].split('|'))}\b", folded)
                score = score * np.where(matches[id(concept)] > 0, 1.0, OTHER_PLACE if place else NAME_ELSEWHERE)
        return np.asarray(score, dtype=np.float64)

    def has_unknown_word(self, question: Question) -> bool:
        """Whether the question holds a two-syllable word that no passage, heading or identity uses. Words are
        read left to right: "thực hiện chương trình" is "thực hiện" + "chương trình", not "hiện chương"."""
        taken: set[int] = set()
        for first, second in question.pairs():
            if id(first) in taken or ":" in first.term + second.term or not is_compound(first.term, second.term):
                continue
            taken.add(id(second))
            if not self.index.known(f"b:{first.term}|{second.term}"):
                return True
        return False

    def _mark_names(self, question: Question) -> Question:
        """The question with the words that name a loaded document ("QĐ 1383 ban hành theo đề nghị của ai") marked:
        they chose the document, and every passage of it says them; what is asked of it is the rest."""
        named = frozenset(self._named_documents(question))
        numbers = {f"n:{self._numbers[number]}" for number in named if self._numbers[number]}
        if not numbers:
            return replace(question, named=named)
        kinds = self._kind_terms()
        naming: set[int] = set()
        for index, concept in enumerate(question.concepts):
            if concept.term in numbers:
                naming.add(index)
                before = question.concepts[index - 1] if index else None
                if before is not None and before.term in kinds and before.position == concept.position - 1:
                    naming.add(index - 1)
        return replace(question, naming=frozenset(question.concepts[index].term for index in naming), named=named)

    def _kind_terms(self) -> set[str]:
        """The terms a document's kind is read as in a question ("QĐ", "quyết định" → syn:qd; "kế hoạch")."""
        if self._kinds is None:
            lexicon = self.index.lexicon
            self._kinds = set()
            for kind in _DOCUMENT_KINDS:
                words = kind.split()
                found = lexicon.find(words)
                self._kinds.update(term for _, _, term in found)
                if not found:
                    self._kinds.update(words)
        return self._kinds

    def _named_documents(self, question: Question) -> set[int]:
        """The loaded documents a question names by number: "CV 6386/BVHTTDL-…", "KH 987", "QĐ 384"."""
        named: set[int] = set()
        for concept in question.concepts:
            found = self.index.documents.get(concept.term) if concept.term.startswith("doc:") else None
            if found is not None:  # several documents may carry one number (issuers number independently)
                named.update(int(number) for number in found)
        for prefix in _NAMED_NUMBER_RE.findall(fold(question.text)):
            named.update(self._by_number.get(prefix.lstrip("0"), ()))
        return named

    def _rerank(
        self, question: Question, expect: Expectation, ids: IntArray, scores: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Third stage, on the leading candidates: what the question names must agree with the answer."""
        if ids.size == 0:
            return scores
        scores = scores.copy()
        index = self.index
        flags = index.flags[ids]
        folded_question = fold(question.text)
        documents = index.passage_document[ids]
        named = question.named  # found once, when the question was read
        if named:
            # A question that names one of the loaded documents (its number) is about that document.
            scores *= np.where(np.isin(documents, list(named)), 1.0, OTHER_DOCUMENT)
        else:
            scores *= 1.0 - AGE_STEP * np.minimum(self._age_rank[documents], 3)
        # Before the identity lines take their document's best: a year is checked where the document says it.
        for year in expect.years if not expect.compare else ():
            # "… năm 2025 là bao nhiêu": a figure stated for another year (in the passage, its headings or its
            # document's title) is not the answer.
            scores *= np.where(self._match(year, ids) >= DOCUMENT, 1.0, OTHER_YEAR)
        own_numbers = {f"n:{self._numbers[number]}" for number in named if self._numbers[number]}
        for number in expect.numbers - own_numbers:
            scores *= np.where(self._match(number, ids) >= HEADING, 1.0, OTHER_NUMBER)
        identity = (flags & FLAG_IDENTITY) != 0
        cited = any(c.term.startswith("doc:") and self.index.documents.get(c.term) is None for c in question.concepts)
        # "Số hiệu là gì": only an identity that has a number answers.
        answering = identity & ((flags & FLAG_DOCNO) != 0) if expect.document_number else identity
        if expect.role and not expect.identity:
            # "Hiệu trưởng … là ai": the identity line answers when its signer holds that role.
            infos = self.store.infos
            signed = np.asarray([expect.role in fold(infos[int(document)].signer_role or "") if flag else False
                                 for document, flag in zip(documents, identity, strict=True)], dtype=bool)
            answering = identity & signed
            expect = replace(expect, identity=bool(signed.any()))
        # "Kế hoạch 350-KH/TU ban hành ngày nào" asks of a document cited in the texts, not of their identity.
        if expect.identity and answering.any() and not cited:
            # "Ai ký công văn về X": the identity line of the document that best speaks of X.
            best = np.zeros(len(self.store.infos), dtype=np.float64)
            np.maximum.at(best, documents[~identity], scores[~identity])
            scores = np.where(answering, np.maximum(scores, best[documents]) * IDENTITY_BOOST,
                              np.where(identity, scores * IDENTITY_PRIOR, scores * NOT_IDENTITY))
        elif identity.any():
            # A document's identity line answers "who signed", "when issued", "sent to whom", little else.
            scores = np.where(identity, scores * IDENTITY_PRIOR, scores)
        scores *= np.where((flags & FLAG_RECIPIENT) != 0, RECIPIENT_PRIOR, 1.0)
        if DATE in question.intents and not (expect.identity or expect.document_number or cited) \
                and not _ABOUT_A_DOCUMENT_RE.search(folded_question):
            # "Ngày bầu cử là ngày nào": the date of a document a passage cites is not the date of anything else.
            scores *= np.where((flags & FLAG_CITED_DATE) != 0, CITED_DATE_ONLY, 1.0)
        if DATE in question.intents and _DEADLINE_ASKED_RE.search(folded_question) \
                and not _HOW_LONG_RE.search(folded_question):
            # "Hạn chót là ngày nào": a duty's time limit is asked, not the day a document was issued or an event.
            sets_deadline = (flags & FLAG_DEADLINE) != 0
            if sets_deadline[np.argsort(-scores, kind="stable")[:_RERANK]].any():
                scores *= np.where(sets_deadline, 1.0, NO_DEADLINE)
        in_force = (flags & FLAG_IN_FORCE) != 0
        read_terms = " ".join(concept.term for concept in question.concepts)  # typos corrected ("hiue luc")
        if in_force.any() and (_IN_FORCE_ASKED_RE.search(folded_question) or _IN_FORCE_ASKED_RE.search(read_terms)) \
                and not _HOW_LONG_RE.search(folded_question):
            # "Quy chế … có hiệu lực từ ngày nào": the document's own statement of effect answers, as well as the
            # best passage of its document matches what the question names.
            best = np.zeros(len(self.store.infos), dtype=np.float64)
            np.maximum.at(best, documents, scores)
            scores = np.where(in_force, np.maximum(scores, best[documents]) * IN_FORCE_BOOST, scores)
        if expect.document_number:
            # After the identity lines took their document's best: one without a number does not say it.
            scores *= np.where((flags & FLAG_DOCNO) != 0, 1.0, NO_DOCUMENT_NUMBER)
        leaders = np.argsort(-scores, kind="stable")[:_RERANK]
        titled = self._title_cover(question, ids[leaders])
        present = FIGURE in question.intents and asks_present(question.text)
        bodies = acting_bodies(question.text, index.lexicon.spelled_out)
        appendix_asked = NAME in question.intents and re.search(r"\bphu luc\b", folded_question) is not None
        scope_asked = _SCOPE_ASKED_RE.search(folded_question) is not None
        asked_words = folded_words(question.text)
        # "Nhiệm vụ của Sở Xây dựng": when some leading passage prints that body (in its text or its headings), one
        # that does not is about something else ("xây dựng dữ liệu" in another document).
        heads = body_heads(bodies, index.lexicon.spelled_out) if expect.tasks else []
        naming = [bool(heads) and self._prints_body(heads, int(ids[position])) for position in leaders]
        for rank, position in enumerate(leaders):
            if expect.identity and answering[position]:
                continue  # the identity line answers an identity question as it is
            passage_id = int(ids[position])
            shown = self._shown(passage_id)
            fit = answer_fit(expect, fold(shown))
            order = order_score(question, shown, index.lexicon)
            subject = LEADS_WITH if leads_with(question, shown, index.lexicon) else 1.0
            if expect.tasks and titled[rank] + self._lead_cover(question, passage_id) > 0:
                # "Nhiệm vụ của Trạm Y tế xã": the items under the heading that names that body.
                subject *= TASKS_OF
            if any(naming) and not naming[rank]:
                subject *= BODY_NOT_NAMED
            if expect.who and names_someone(shown):
                subject *= NAMES_SOMEONE
            enumerates = LIST in question.intents and lists_after(question, shown, index.lexicon)
            if enumerates:
                subject *= ENUMERATES  # "4 Văn phòng Trung ương (…, …, …)" answers "gồm những cơ quan nào"
            elif LIST in question.intents and self._item_of_asked_list(question, passage_id):
                subject *= LIST_ITEM  # "các hình thức phối hợp gồm những gì": an item of "Điều 4. Hình thức phối hợp"
            if question.intents & {NAME, NAMED} and _defines(shown, asked_words):
                subject *= DEFINES  # "… (sau đây gọi tắt là Ban Chỉ đạo 934)": where the short name is spelled out
            if expect.role and not expect.tasks:
                # "Trưởng Ban Chỉ đạo là ai": who holds it, not what it does.
                if holds_role(expect.role, shown):
                    subject *= ROLE_HOLDER
                elif describes_role(expect.role, shown):
                    subject *= ROLE_DUTIES
                elif not mentions_role(expect.role, shown):
                    subject *= ROLE_MISSING
            if only_as_object(bodies, shown):
                subject *= OBJECT_ONLY
            if present and flags[position] & FLAG_TARGET and not states_present(shown):
                subject *= TARGET_NOT_PRESENT  # "hiện nay có bao nhiêu": a target is not how things stand
            if not (scope_asked or enumerates) and self._states_scope(passage_id):
                # "Nghị quyết này quy định …": the article on scope restates the title, unless it lists what is asked
                subject *= SCOPE_ONLY
            if appendix_asked and self.store.role(passage_id) == "title" and shown.startswith("Phụ lục"):
                subject *= APPENDIX_TITLE  # "phụ lục … là biểu mẫu gì": the appendix's own title answers
            title = 1.0 + TITLE_BONUS * titled[rank]
            scores[position] *= fit * (1.0 - ORDER_WEIGHT + ORDER_WEIGHT * order) * subject * title
        return scores

    def _prints_body(self, heads: list[str], passage_id: int) -> bool:
        """Whether a passage, or a heading above it, prints a body the question names (`heads`: body_heads)."""
        section = self.store.section(passage_id)
        titles = [self.store.section_title(section), *ancestor_titles(self.store, section)] if section >= 0 else []
        spelled_out = self.index.lexicon.spelled_out
        return any(prints_body(heads, text, spelled_out) for text in (self._shown(passage_id), *titles))

    def _item_of_asked_list(self, question: Question, passage_id: int) -> bool:
        """Whether a passage is an item of a list whose title says every word the question asks, or whose title of
        three words or more the question asks whole ("đối tượng áp dụng của NQ học phí gồm những ai")."""
        section = self.store.section(passage_id)
        titles = ancestor_titles(self.store, section)[:1] if section >= 0 else []
        words = {concept.term for concept in question.concepts if not concept.term.startswith(_NOT_SYLLABLE)}
        if not (titles and words):
            return False
        title = folded_words(titles[0])
        return words <= title or (len(title) >= 3 and title <= words)

    def _states_scope(self, passage_id: int) -> bool:
        """Whether a passage stands under the article on the document's scope ("Phạm vi điều chỉnh")."""
        section = self.store.section(passage_id)
        titles = [self.store.section_title(section), *ancestor_titles(self.store, section)] if section >= 0 else []
        return any(_SCOPE_RE.search(fold(title)) for title in titles)

    def _lead_cover(self, question: Question, passage_id: int) -> float:
        """How much of the question the heading a passage is shown under says."""
        lead = self.store.lead(passage_id)
        if not lead:
            return 0.0
        words = set(fold(lead).split())
        names = [c for c in question.concepts if c.term.startswith(("e:", "syn:")) or c.term in words]
        return len(names) / max(1, len(question.concepts)) if any(c.term in words or
                   all(part in words for part in c.term[2:].split("|")) for c in names) else 0.0

    def _title_cover(self, question: Question, ids: IntArray) -> NDArray[np.float64]:
        """How much of the question the title of each passage's own section says ("Kinh phí thực hiện")."""
        sections = self.index.passage_section[ids]
        weights = self._weights(question)
        cover = np.zeros(ids.shape, dtype=np.float64)
        for concept, weight in zip(question.concepts, weights, strict=True):
            cover += weight * self.index.contains(self.index.titles.get(concept.term), sections)
        return cover / max(sum(weights), 1e-9)

    def _shown(self, passage_id: int) -> str:
        return shown(self.store, passage_id)

    def _neighbours(self, ids: IntArray, step: int) -> tuple[IntArray, NDArray[np.bool_]]:
        """The passage before (step -1) or after (+1) each one, and whether it is in the same section."""
        index = self.index
        other = np.clip(ids + step, 0, max(index.size - 1, 0)).astype(np.int32)
        same = (other != ids) & (index.passage_section[other] == index.passage_section[ids]) & (
            index.passage_document[other] == index.passage_document[ids]
        ) & (index.passage_section[ids] >= 0)
        return other, same

    @staticmethod
    def _pair_coverage(
        question: Question, weights: list[float], matches: dict[int, NDArray[np.float64]],
        around: list[tuple[dict[int, NDArray[np.float64]], slice, NDArray[np.bool_]]],
    ) -> NDArray[np.float64]:
        """Coverage of a passage together with its neighbour in the same section, a little discounted: a question
        that asks two things ("ở đâu, mấy điểm") is often answered by two items that follow each other. `around`
        holds, for the neighbour before and after, the concepts' matches, where its passages stand in them and
        whether each is in the same section."""
        total = sum(weights)
        best = np.zeros(next(iter(matches.values())).shape, dtype=np.float64)
        for found, where, same in around:
            if not same.any():
                continue
            joined = np.zeros(best.shape, dtype=np.float64)
            for concept, weight in zip(question.concepts, weights, strict=True):
                theirs = found[id(concept)][where] * same
                joined += weight * np.maximum(matches[id(concept)], theirs)
            best = np.maximum(best, joined / total * PAIR_FACTOR)
        return best

    def _lengths(self, ids: IntArray) -> NDArray[np.float64]:
        return np.asarray(self.index.lengths[ids], dtype=np.float64)

    def _candidate(
        self, passage_id: int, score: float, question: Question, weights: list[float],
        scored: dict[int, float] | None = None,
    ) -> Candidate:
        """A passage as an answer: its window of text, with the next or previous unit of the same section when
        that one says what it lacks (a question asking two things: "ở đâu, mấy điểm")."""
        store = self.store
        info = store.infos[store.document(passage_id)]
        section = store.section(passage_id)
        year = info.issued.year if info.issued else None
        source = Source(info.key, info.display_name, store.section_path(section), year)
        text = shown(store, passage_id)
        if store.role(passage_id) == "identity" and not _RECIPIENTS_ASKED_RE.search(fold(question.text)):
            text = _RECIPIENTS_RE.sub("", text)  # "ai ký …" is answered without the list of recipients
        if scored is not None:
            text = self._with_neighbour(question, weights, passage_id) or text
            tasks_asked = expectation(question).tasks
            if text.rstrip().endswith(":"):
                text = self._with_items(passage_id, text, LIST in question.intents or tasks_asked)
            elif LIST in question.intents or tasks_asked:  # a list, or a body's tasks
                asked = {concept.term for concept in question.concepts if ":" not in concept.term}
                body = asked - _TASK_WORDS - self._kind_terms()  # "UBND xã có nhiệm vụ gì trong kế hoạch này"
                tasks = under_lead(store, passage_id, body) if tasks_asked else None
                text = tasks or whole_list(store, passage_id, asked, scored) or text
            if store.role(passage_id) == "row":
                text = group_rows(store, passage_id, question.text) or text  # "học phí trường X": all its rows
        return Candidate(window(text, question, self.index.lexicon, weights), min(1.0, max(0.0, score)), source)

    def _same_section(self, first: int, second: int) -> bool:
        """Whether two passages (global ids) stand in the same section of the same document."""
        store = self.store
        if not 0 <= second < len(store):
            return False
        return store.document(first) == store.document(second) and store.section(first) == store.section(second)

    def _with_items(self, passage_id: int, text: str, listed: bool) -> str:
        """An introduction ("… bao gồm:") with the items that follow it in its section; when they do not all fit
        and the question asks for the list (`listed`), the end of the introduction and the start of each numbered
        item ("1) Rà soát …; 2) Đẩy mạnh …")."""
        store = self.store
        following = passage_id + 1
        own = store.text(passage_id).rstrip().rstrip(":").strip()
        carried: bool | None = None  # whether the items carry this introduction in front of them
        section_path = store.section_path(store.section(passage_id))
        own_path = section_path + SECTION_SEPARATOR
        items: list[tuple[str, str]] = []  # (label of a numbered item or "", text)
        while self._same_section(passage_id, following) or (
            0 <= following < len(store) and store.document(following) == store.document(passage_id)
            and store.section(passage_id) >= 0 and following - passage_id <= _ITEMS
            and store.section(following) > store.section(passage_id)
            # the items carry the introduction as their lead, or are its sub-items ("3." then "a)", "b)")
            and (store.lead(following) != "" or store.section_path(store.section(following)).startswith(own_path))
        ):
            lead = store.lead(following)
            carries = bool(own) and lead.endswith(own)
            if carried and not carries:
                break  # "- Hội nghị 2: Gồm các tỉnh:" ends where the next item's own lines begin
            carried = carries if carried is None else carried
            item = store.text(following) if carries or (lead and lead in text) else shown(store, following)
            path = store.section_path(store.section(following))
            label = ""
            if path.startswith(own_path) and not self._same_section(following - 1, following):
                label = label_under(path, section_path)
                item = f"{item_mark(label)} {item}"  # "a) …", "b) …" as the document numbers them
            items.append((label, item))
            following += 1
        whole = " ".join([text, *(item for _label, item in items)])
        if len(whole) <= LIMIT:
            return whole
        numbered = [item for label, item in items if label]
        if listed and len(numbered) >= 2:
            # "… tập trung thực hiện một số nội dung trọng tâm sau: 1) Rà soát …; 2) Đẩy mạnh …"
            lead = store.lead(passage_id)
            keep = f"{lead}: " if lead and text.startswith(f"{lead}: ") and len(lead) <= _INTRO_ROOM else ""
            body = text[len(keep) :]
            head = f"{keep}…{cut_start(body, _INTRO_ROOM)}" if len(body) > _INTRO_ROOM else text
            room = max(_ITEM_ROOM, (LIMIT - len(head)) // len(numbered) - 3)
            return cut_end(f"{head} " + "; ".join(cut_end(item.rstrip(" .;"), room) for item in numbered), LIMIT)
        kept = text
        for _label, item in items:
            if len(kept) + len(item) + 1 > LIMIT:
                return kept + (" …" if not kept.endswith("…") else "")
            kept = f"{kept} {item}"
        return kept

    def _with_neighbour(self, question: Question, weights: list[float], passage_id: int) -> str | None:
        """The passage joined with the adjacent one of its section that says what it lacks, if that is short."""
        store = self.store
        ids = np.asarray([passage_id], dtype=np.int32)
        own = [float(self._concept_match(concept, ids)[0]) for concept in question.concepts]
        missing = sum(weight for weight, found in zip(weights, own, strict=True) if found < BODY)
        best: tuple[float, str] | None = None
        for step in (-1, 1):
            other = passage_id + step
            if missing <= 0 or not self._same_section(passage_id, other) or store.role(other) != store.role(passage_id):
                continue
            theirs = np.asarray([other], dtype=np.int32)
            added = sum(
                weight for concept, weight, found in zip(question.concepts, weights, own, strict=True)
                if found < BODY and self._concept_match(concept, theirs)[0] >= BODY
            )
            if added < NEIGHBOUR_SHARE * missing * 0.5:
                continue
            first, second = (other, passage_id) if step < 0 else (passage_id, other)
            same_lead = store.lead(first) == store.lead(second)
            texts = [shown(store, first), store.text(second) if same_lead else shown(store, second)]
            mine = 0 if step > 0 else 1
            room = LIMIT - len(texts[1 - mine]) - 1
            if len(texts[mine]) > room >= _OWN_ROOM:
                # The passage is cut around what it matched, so that the neighbour's part still fits.
                texts[mine] = window(texts[mine], question, self.index.lexicon, weights, room)
            joined = " ".join(texts)
            if len(joined) <= LIMIT and (best is None or added > best[0]):
                best = (added, joined)
        return best[1] if best else None

    def _topics(self, ids: IntArray) -> list[str]:
        """Headings near the best (rejected) candidates, to offer as "did you mean" topics."""
        topics: list[str] = []
        for passage_id in ids:
            title = self.store.section_title(self.store.section(int(passage_id)))
            if title and title not in topics:
                topics.append(title)
            if len(topics) == 3:
                break
        return topics
