"""Abbreviations and synonym groups from YAML, matched as phrases over folded syllables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from knowledge.errors import DocumentError
from knowledge.tokens import tokenize

DEFAULT_SYNONYMS = Path(__file__).with_name("synonyms.yaml")


def _phrase_key(phrase: str) -> tuple[str, ...]:
    """The folded syllables of a phrase ("Bảo hiểm y tế" → ("bao", "hiem", "y", "te"))."""
    return tuple(token.folded for token in tokenize(phrase) if token.is_word)


class Lexicon:
    """Groups of phrases that mean the same; finds them in a run of folded syllables."""

    def __init__(self, groups: Iterable[Sequence[str]] = ()) -> None:
        self._group_of: dict[tuple[str, ...], int] = {}
        self._names: list[str] = []
        self._longest = 1
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
        for key in keys:
            self._group_of[key] = group
            self._longest = max(self._longest, len(key))

    def term(self, group: int) -> str:
        """The index term that stands for a whole group."""
        return f"syn:{self._names[group]}"

    def vocabulary(self) -> set[str]:
        """Every single-syllable member (abbreviations), for typo correction of questions."""
        return {key[0] for key in self._group_of if len(key) == 1}

    def find(self, syllables: Sequence[str]) -> list[tuple[int, int, str]]:
        """(start, end, term) of group phrases in `syllables`, longest first, left to right, no overlaps."""
        found: list[tuple[int, int, str]] = []
        index = 0
        while index < len(syllables):
            for length in range(min(self._longest, len(syllables) - index), 0, -1):
                group = self._group_of.get(tuple(syllables[index : index + length]))
                if group is not None:
                    found.append((index, index + length, self.term(group)))
                    index += length
                    break
            else:
                index += 1
        return found

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
