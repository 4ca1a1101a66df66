"""The command a user meant by one the bot does not have: common Vietnamese (and English) words for each command
("/xacnhan" → /xong, "/huongdan" → /trogiup), then a near spelling of a command's name ("/hanchott" → /hanchot)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from knowledge.vietnamese import fold

# Folded, written as one word as a command is typed. Only words that mean the command whatever the documents are.
WORDS: dict[str, tuple[str, ...]] = {
    "xong": ("xacnhan", "hoanthanh", "daxong", "baoxong", "hoantat", "xongviec", "confirm", "finish", "complete"),
    "nhac": ("nhacviec", "taonhac", "hennhac", "nhacnho", "datnhac", "reminder", "nhaclich"),
    "dsnhac": ("danhsachnhac", "xemnhac", "dsnhacviec", "cacnhac", "list"),
    "huynhac": ("xoanhac", "bonhac", "huynhacviec", "xoanhacviec", "delete"),
    "hoanlai": ("nhaclai", "hoannhac", "later"),
    "tiendo": ("xemtiendo", "aidaxong", "tinhhinh"),
    "theodoi": ("theodoihan", "nhachan", "track"),
    "hanchot": ("han", "thoihan", "hannop", "deadline", "mochan", "lichhan", "hanbaocao"),
    "chitieu": ("muctieu", "target", "cacchitieu"),
    "vanban": ("tailieu", "danhsachvanban", "dsvanban", "cacvanban", "files"),
    "trogiup": ("huongdan", "menu", "lenh", "caclenh", "giup", "giupdo", "hdsd", "commands"),
    "hoi": ("cauhoi", "hoidap", "tracuu", "tim", "timkiem", "search", "question"),
    "chude": ("chudethang", "tuyentruyen", "chudetuyentruyen"),
    "dangky": ("dangki", "nhanchude"),
    "huydangky": ("huydangki", "thoidangky", "bodangky"),
    "phatthong": ("thongbao", "phatthongbao", "guithongbao"),
    "quahan": ("trehan", "viecquahan"),
    "tonghop": ("tomtat", "tonghophan"),
    "nap": ("napvanban", "themvanban", "tailen", "upload"),
    "chuatraloi": ("cauhoichuatraloi",),
}
SPOKEN = frozenset(word for words in WORDS.values() for word in words)
_CLOSE = 0.8  # how alike a typed name and a command's must be (difflib ratio): one letter off in a 6-letter name


def meant(typed: str, names: Iterable[str]) -> str | None:
    """The command (one of `names`, folded) `typed` most likely stands for, None when nothing is close."""
    name = fold(typed)
    known = set(names)
    spoken = {word: command for command, words in WORDS.items() if command in known for word in words}
    if name in spoken:
        return spoken[name]
    close = difflib.get_close_matches(name, [*known, *spoken], n=1, cutoff=_CLOSE)
    if not close:
        return None
    return spoken.get(close[0], close[0])
