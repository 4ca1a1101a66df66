"""Abbreviations and synonym groups from YAML, matched as phrases over folded syllables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from knowledge.errors import DocumentError
from knowledge.tokens import tokenize

DEFAULT_SYNONYMS = Path(__file__).with_name("synonyms.yaml")


def _phrase_key(phrase: str) -> tuple[str, ...]:
    """The folded syllables of a phrase ("Bảo hiểm y tế" → ("bao", "hiem", "y", "te"))."""
    return tuple(token.folded for token in tokenize(phrase) if token.is_word)


def _trie_pattern(phrases: list[str]) -> str:
    """One regular expression matching any of `phrases`, longest first, shared prefixes factored out.

    Scanning text with it is as fast as one literal search, where a flat alternation of 200 phrases is not.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            # A longer phrase is tried first; the shorter one only if it ends at a word boundary.
            return f"(?:{body}|(?=[^a-z0-9]|$))" if len(branches) else ""
        return body

    return build(trie)


class Lexicon:
    """Groups of phrases that mean the same; finds them in a run of folded syllables."""

    def __init__(self, groups: Iterable[Sequence[str]] = ()) -> None:
        self._group_of: dict[tuple[str, ...], int] = {}
        self._names: list[str] = []
        self._longest = 1
        self._starts: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._wider: dict[str, list[str]] | None = None
        self._spelled: dict[str, tuple[str, ...]] | None = None
        for group in groups:
            self.add_group(group)

    def add_group(self, phrases: Sequence[str]) -> None:
        """Make all `phrases` one group, merging with any group one of them is already in."""
        keys = [key for key in (_phrase_key(phrase) for phrase in phrases) if key]
        if len(keys) < 2:
            return
        existing = {self._group_of[key] for key in keys if key in self._group_of}
        group = min(existing) if existing else len(self._names)
        if not existing:
            self._names.append("_".join(keys[0]))
        for key, old in list(self._group_of.items()):
            if old in existing:
                self._group_of[key] = group
        self._pattern = None
        self._wider = None
        self._spelled = None
        for key in keys:
            self._group_of[key] = group
            self._starts.add(key[0])
            self._longest = max(self._longest, len(key))

    def term(self, group: int) -> str:
        """The index term that stands for a whole group."""
        return f"syn:{self._names[group]}"

    def wider(self, term: str) -> list[str]:
        """The groups with a phrase that holds one of this group's phrases: "mầm non" (MN) is inside "giáo dục mầm
        non" (GDMN), which a document's text is read as, so a question's MN finds it there too."""
        if self._wider is None:
            wider: dict[str, set[str]] = {}
            keys = list(self._group_of)
            for inner in keys:
                for outer in keys:
                    if len(outer) > len(inner) and any(
                        outer[start : start + len(inner)] == inner for start in range(len(outer) - len(inner) + 1)
                    ):
                        inner_term, outer_term = self.term(self._group_of[inner]), self.term(self._group_of[outer])
                        if inner_term != outer_term:
                            wider.setdefault(inner_term, set()).add(outer_term)
            self._wider = {term: sorted(terms) for term, terms in wider.items()}
        return self._wider.get(term, [])

    def spelled_out(self, word: str) -> tuple[str, ...] | None:
        """The longest phrase of the group an abbreviation belongs to ("ubnd" → ("uy", "ban", "nhan", "dan")), folded;
        None when `word` is no abbreviation of a group."""
        if self._spelled is None:
            longest: dict[int, tuple[str, ...]] = {}
            for key, group in self._group_of.items():
                if len(key) > len(longest.get(group, ())):
                    longest[group] = key
            self._spelled = {key[0]: longest[group] for key, group in self._group_of.items()
                             if len(key) == 1 and len(longest[group]) > 1}
        return self._spelled.get(word)

    def vocabulary(self) -> set[str]:
        """Every single-syllable member (abbreviations), for typo correction of questions."""
        return {key[0] for key in self._group_of if len(key) == 1}

    def find(self, syllables: Sequence[str]) -> list[tuple[int, int, str]]:
        """(start, end, term) of group phrases in `syllables`, longest first, left to right, no overlaps."""
        if not self._group_of or not self._starts.intersection(syllables):
            return []
        if self._pattern is None:
            self._pattern = re.compile(
                r"(?<![^ ])" + _trie_pattern([" ".join(key) for key in self._group_of]) + r"(?![^ ])"
            )
        text = " ".join(syllables)
        found: list[tuple[int, int, str]] = []
        for match in self._pattern.finditer(text):
            start = text.count(" ", 0, match.start())
            key = tuple(match.group(0).split(" "))
            found.append((start, start + len(key), self.term(self._group_of[key])))
        return found

    def find_all(self, syllables: Sequence[str]) -> list[tuple[int, int, str]]:
        """Like `find`, and also the phrases that start inside one found ("Sở Nông nghiệp và Môi trường" is both
        "Sở Nông nghiệp" and "Nông nghiệp và Môi trường"): what a text says, for the index."""
        found = self.find(syllables)
        if not any(end - start > 1 for start, end, _term in found):
            return found
        assert self._pattern is not None
        text = " ".join(syllables)
        offsets = [0]
        for syllable in syllables:
            offsets.append(offsets[-1] + len(syllable) + 1)
        inner: list[tuple[int, int, str]] = []
        for start, end, _term in found:
            for position in range(start + 1, end):
                match = self._pattern.match(text, offsets[position])
                if match is not None:
                    key = tuple(match.group(0).split(" "))
                    inner.append((position, position + len(key), self.term(self._group_of[key])))
        return found + inner

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Lexicon:
        """Read synonym files (abbreviations: {SHORT: long}, synonyms: [[a, b], …]); errors name file and key."""
        lexicon = cls()
        for path in paths:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as error:
                raise DocumentError(str(path), f"không đọc được tệp từ đồng nghĩa: {error}") from error
            if not isinstance(data, dict):
                raise DocumentError(str(path), "tệp từ đồng nghĩa phải có các khóa 'abbreviations' và 'synonyms'")
            abbreviations = data.get("abbreviations") or {}
            if not isinstance(abbreviations, dict):
                raise DocumentError(str(path), "khóa 'abbreviations' phải là bảng VIẾT_TẮT: dạng đầy đủ")
            for short, long in abbreviations.items():
                if not isinstance(long, str) or not str(short).strip():
                    raise DocumentError(str(path), f"abbreviations.{short}: cần một chuỗi dạng đầy đủ")
                lexicon.add_group([str(short), long])
            synonyms = data.get("synonyms") or []
            if not isinstance(synonyms, list):
                raise DocumentError(str(path), "khóa 'synonyms' phải là danh sách các nhóm")
            for position, group in enumerate(synonyms):
                if not isinstance(group, list) or not all(isinstance(item, str) for item in group):
                    raise DocumentError(str(path), f"synonyms[{position}]: mỗi nhóm là một danh sách chuỗi")
                lexicon.add_group(group)
        return lexicon
