"""What a question pins down, and whether a candidate answer agrees with it.

A question that names a year, a figure, a document or a kind of amount ("bao nhiêu tấn", "mức hỗ trợ bao nhiêu tiền")
can only be answered by a passage that states it: a passage with the same words but another year, no figure, or
a percentage where money is asked is a near miss, and near misses are what a cadre must not be told.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.header import kind_of
from knowledge.question import DATE, FIGURE, PERSON, Question
from knowledge.vietnamese import LOWER, UPPER, fold

# Words after "bao nhiêu"/"mấy" that name the unit the answer must be counted in (folded). Money and percentages
# are written many ways, so they are recognised by their own patterns.
# "đồng" typed without marks is also "động" (hành động, lao động): money only after a count ("bao nhiêu đồng");
# "tien" is also "tiến", "tiên" (tiến độ, tiến hành, ưu tiên, tiên tiến).
_MONEY_WORDS = re.compile(r"\b(?:(?<!uu )(?<!cai )(?<!tien )tien(?! (?:do|hanh|bo|tien|phong|si|trien|len))|"
                          r"(?:bao nhieu|may|ty|trieu|nghin|ngan|tram) dong|usd|kinh phi|ngan sach|hoc phi|"
                          r"muc luong|"
                          r"luong co so|phu cap|chi phi|gia cuoc|muc ho tro|muc chi|dinh muc|von)\b")
_PRICE_RE = re.compile(r"\bgia\b(?! tri)")
_PERCENT_WORDS = re.compile(r"%|\bphan tram\b")
_COUNT_RE = re.compile(r"\b(?:bao nhieu|bao nhiu|may|so luong)\s+(?P<noun>[a-z]+(?: [a-z]+)?)")
# Nouns that follow "bao nhiêu" without naming a unit of count.
_NOT_UNITS = {"phan", "lan", "nam", "thang", "ngay", "tien", "dong", "la", "va", "cua", "tu", "den", "trong", "thi",
              "phan tram", "nguoi ky", "dot", "ky"}
_MONEY_RE = re.compile(r"\d[\d.,]*\s*(?:nghin\s+|trieu\s+|ty\s+)?(?:dong|usd|vnd|d\b)|\d[\d.,]*\s*(?:ty|trieu)\b")
_PERCENT_RE = re.compile(r"\d\s*%|\bphan tram\b")
_FIGURE_RE = re.compile(
    r"\d|\b(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|it nhat)\b|\b(?:thu|khoa|lan thu)\s+[ivxlc]+\b"
)
_IDENTITY_RE = re.compile(
    r"\b(?:ai ky|nguoi ky|ky ngay|ky khi nao|ky vao ngay|do ai ky|ai la nguoi ky|ban hanh ngay|ban hanh khi nao|"
    r"ban hanh vao|ngay ban hanh|ngay nao ban hanh|kinh gui|co quan ban hanh|don vi ban hanh|ai ban hanh|so hieu|"
    r"ve van de gi|ve viec gi|noi dung chinh|trich yeu|ten day du|co quan nao ban hanh|don vi nao ban hanh|"
    r"do ai ban hanh|ai la nguoi ban hanh)\b"
)
# "QĐ 2954/QĐ-UBND ban hành kế hoạch gì, ngày nào": a document named by its number, asked what it issues and when.
_NAMED_ISSUES_RE = re.compile(
    r"\b(?:qd|quyet dinh|kh|ke hoach|nq|nghi quyet|cv|cong van|tb|thong bao|ct|chi thi|hd|huong dan|tt|thong tu)"
    r"\s*(?:so\s*)?\d+\S*\s.*\bban hanh\b.*\b(?:gi|ngay nao|khi nao|nao)\b"
)
# "Công văn 174 gửi ai" asks whom the document is addressed to; "báo cáo gửi ai" asks where a report goes.
_ADDRESSEES_RE = re.compile(
    r"\b(?:gui ai|gui cho ai|gui nhung ai|gui nhung co quan|gui den ai|gui den nhung|gui (?:den |toi )?nhung noi|"
    r"noi nhan)\b"
)
_ABOUT_DOCUMENT_RE = re.compile(
    r"\b(?:cong van|cv|van ban|ke hoach|kh|quyet dinh|qd|nghi quyet|nq|thong bao|tb|huong dan|chi thi|quy dinh|"
    r"ket luan|kl|cong dien|cd|quy che|chuong trinh|de an)\b"
)
# "… theo quyết định nào", "căn cứ nghị quyết nào", "kế hoạch số mấy": the answer is a document's number.
_DOCUMENT_NUMBER_RE = re.compile(
    r"\b(?:nghi quyet|quyet dinh|ke hoach|ket luan|chi thi|cong van|thong bao|huong dan|bao cao|thong tu|nghi dinh|"
    # "báo cáo tháng trước ngày nào" asks a date: no word of time between the kind and "nào"
    r"quy dinh|to trinh|cong dien|chuong trinh|de an|quy che|thong tri|kh|qd|nq|kl|cv|tb)"
    r"(?: (?!(?:ngay|thang|nam|quy|tuan|gio|luc|khi|thoi|han|truoc|sau)\b)[a-z]+){0,3} "
    r"(?:nao|so may|so bao nhieu|so gi)\b|\bso hieu\b"
)
_PERSON_RE = re.compile(
    rf"(?:\b(?:ông|bà|đồng chí|đ/c|Đồng chí|Đ/c|Ông|Bà)\s+)[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,3}}"
)
# "Hiệu trưởng trường … là ai": a role's holder, who is often the one who signed. "Trưởng BCĐ", "trưởng BTC" are
# heads of a Ban.
_ROLE_ASKED_RE = re.compile(
    r"\b(?P<role>(?:pho )?(?:hieu truong|chu tich|bi thu|giam doc|truong ban|truong phong|bo truong|thu truong|"
    r"chanh van phong|truong b(?:cd|tc|ql|vd|dd)))\b.*\b(?:la ai|ten gi|ten la gi|ai)\b"
)
# Vietnamese family names: capitalised syllables after one of them are a person's name ("Nguyễn Hòa Bình").
_SURNAMES = ("Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đoàn|Trịnh|Lương|Mai|"
             "Trương|Lâm|Tô|Hà|Cao|Đào|Thái|Chu|Tạ|Kiều|Lại|Vương|Triệu|Châu|Lưu|Nông|Phùng|Tăng|Quách|Thân")
_NAME_RE = re.compile(rf"(?<!phố )(?<!Phố )\b(?:{_SURNAMES})(?:\s+[{UPPER}][{LOWER}]+){{1,3}}\b")
# "Nhiệm vụ của Sở Y tế", "Công an xã được giao làm gì": the tasks under the heading that names the body.
_TASKS_RE = re.compile(r"\b(?:nhiem vu|trach nhiem|duoc giao|phan cong|lam gi|lam nhung gi|nhiem vu gi)\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
# "số điện thoại đường dây nóng là số nào", "sđt bao nhiêu": only a passage with a telephone number answers.
_PHONE_ASKED_RE = re.compile(r"\b(?:dien thoai|sdt|hotline)\b")
_PHONE_RE = re.compile(r"(?:\+84|\b0)\d[\d .]{7,12}\d\b|\(\d{3,4}\)\s?\d[\d .]{5,10}\d|\b1[089]00\s?\d{3,4}\b|"
                       r"\b11[1-5]\b")
PHONE_MISSED = 0.5  # a telephone number is asked and the passage states none
UNIT_MISSED = 0.7  # a percentage or a count of something else where a count of people, trạm, hộ … is asked


@dataclass(frozen=True, slots=True)
class Expectation:
    """What the question names or asks for, folded: years, other numbers, the unit of the figure asked."""

    intents: frozenset[str]
    years: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    money: bool = False
    percent: bool = False
    count_noun: str | None = None
    identity: bool = False
    document_number: bool = False
    who: bool = False
    role: str | None = None
    compare: bool = False
    tasks: bool = False
    phone: bool = False


def expectation(question: Question) -> Expectation:
    """Read what an answer to `question` must state."""
    folded = fold(question.text)
    figure = FIGURE in question.intents
    years = frozenset(f"n:{int(year)}" for year in _YEAR_RE.findall(folded))
    numbers = frozenset(
        concept.term for concept in question.concepts
        if concept.term.startswith("n:") and concept.term not in years and concept.term != "n:0"
    )
    count = _COUNT_RE.search(folded)
    noun = count["noun"] if count else None
    if noun is not None:
        first = noun.split()[0]
        noun = None if first in _NOT_UNITS or noun in _NOT_UNITS else (first if len(first) > 1 else None)
    return Expectation(
        intents=frozenset(question.intents),
        years=years,
        numbers=numbers,
        # "giải ngân vốn … đạt bao nhiêu %": a share of the money is asked, not a sum.
        money=figure and bool(_MONEY_WORDS.search(folded) or _PRICE_RE.search(folded))
        and not _PERCENT_WORDS.search(folded),
        percent=figure and bool(_PERCENT_WORDS.search(folded)),
        count_noun=noun if figure else None,
        identity=bool(_IDENTITY_RE.search(folded) or _NAMED_ISSUES_RE.search(folded)) or bool(
            _ADDRESSEES_RE.search(folded) and _ABOUT_DOCUMENT_RE.search(folded) and "bao cao" not in folded
        ),
        document_number=bool(_DOCUMENT_NUMBER_RE.search(folded)),
        who=bool(re.search(r"\bai\b", folded)),
        role=role["role"] if (role := _ROLE_ASKED_RE.search(folded)) else None,
        compare=bool(re.search(r"\bso sanh\b|\bkhac (?:gi|nhau)\b", folded)),
        tasks=bool(_TASKS_RE.search(folded)),
        phone=bool(_PHONE_ASKED_RE.search(folded)),
    )


def answer_fit(expect: Expectation, folded: str) -> float:
    """How well a passage (folded, with its lead) gives the kind of answer asked: 1.0, or less for a near miss."""
    factor = 1.0
    if FIGURE in expect.intents:
        if not _FIGURE_RE.search(folded):
            factor *= 0.6
        elif expect.money and not _MONEY_RE.search(folded):
            factor *= 0.7
        elif (expect.percent and not _PERCENT_RE.search(folded)) or (
            expect.count_noun and not _counted(expect.count_noun, folded)
        ):
            factor *= UNIT_MISSED
    if expect.phone and not _PHONE_RE.search(folded):
        factor *= PHONE_MISSED
    return factor


def names_someone(text: str) -> bool:
    """Whether a passage names a person ("ông Nguyễn Đức Minh", "đồng chí Lê Văn A", "bà X - Tổ trưởng")."""
    return bool(_PERSON_RE.search(text))


def _role_words(role: str) -> str:
    """The role as documents write it, folded: "trưởng BCĐ" is "trưởng ban …"."""
    return re.sub(r"^((?:pho )?truong) b(?:cd|tc|ql|vd|dd)$", r"\1 ban", role)


def holds_role(role: str, text: str) -> bool:
    """Whether a passage names who holds `role` (folded): the role and a person's name in one clause
    ("Phó Thủ tướng Nguyễn Hòa Bình, Trưởng Ban Chỉ đạo")."""
    words = _role_words(role)
    return any(
        re.search(rf"\b{words}\b", fold(clause)) and (_NAME_RE.search(clause) or _PERSON_RE.search(clause))
        for clause in re.split(r"[;.\n]\s", text)
    )


def mentions_role(role: str, text: str) -> bool:
    """Whether a passage speaks of `role` (folded) or names a person at all."""
    return bool(re.search(rf"\b{_role_words(role)}\b", fold(text)) or _NAME_RE.search(text) or _PERSON_RE.search(text))


def describes_role(role: str, text: str) -> bool:
    """Whether a passage is what a role does, under the role as its heading ("Trưởng Ban Chỉ đạo: Phụ trách
    chung …"), without naming who holds it."""
    head = fold(text).partition(":")[0]
    return bool(re.search(rf"\b{_role_words(role)}\b", head)) and len(head.split()) <= 8 and not (
        _NAME_RE.search(text) or _PERSON_RE.search(text)
    )


# "Hiện nay … có bao nhiêu": the figure as things stand, which a target ("phấn đấu đến năm 2030 đạt …") is not.
_PRESENT_ASKED_RE = re.compile(r"\bhien (?:nay|co|tai|dang|trang)\b|\bden nay\b|\bbay gio\b")
_PRESENT_STATED_RE = re.compile(r"\bhien (?:nay|co|tai|dang|trang)\b|\btinh den\b|\bden nay\b")


def asks_present(question: str) -> bool:
    """Whether a question asks how things stand now ("hiện nay có bao nhiêu …"), not what is aimed at."""
    return bool(_PRESENT_ASKED_RE.search(fold(question)))


def states_present(passage: str) -> bool:
    """Whether a passage says how things stand ("hiện có 87 trạm", "tính đến 30/9 …")."""
    return bool(_PRESENT_STATED_RE.search(fold(passage)))


# Words that begin the name of a body (folded): "Sở Công Thương", "Ủy ban nhân dân xã", "Công an tỉnh".
_BODY_HEADS = {"so", "bo", "ban", "phong", "uy", "ubnd", "hdnd", "cong", "truong", "trung", "van", "cuc", "chi",
               "tinh", "thanh", "huyen", "dang", "doan", "hoi", "mat", "vien", "kho", "ngan", "tram", "benh"}
# A body after these words is where something goes or who helps ("gửi Sở Tài chính", "phối hợp với Sở Y tế").
_OBJECT_BEFORE = {"gui", "ve", "cho", "toi", "den", "voi", "len", "va"}
# Second syllables of verbs whose object a body is ("đôn đốc", "kiểm tra", "hướng dẫn", "chỉ đạo", "yêu cầu").
_TAKES_OBJECT = {"doc", "tra", "dan", "dao", "cau", "sat"}
_PARTNER_CELL_RE = re.compile(r"\bphoi hop\s*:[^;]*")
_BODY_WORDS = 6


_WORD_RE = re.compile(r"[\w/]+")


def acting_bodies(question: str, spelled_out: Callable[[str], tuple[str, ...] | None] | None = None) -> list[list[str]]:
    """The runs of folded words that may name a body the question makes act: each starts at a body's first word
    ("sở", "ủy", "công") not preceded by "gửi", "với", "về" …, and is as long as it could be. Abbreviations are
    spelled out as documents print them ("UBND" → "ủy ban nhân dân") when `spelled_out` reads them."""
    asked: list[str] = []
    for word in _WORD_RE.findall(fold(question)):
        long = spelled_out(word) if spelled_out is not None and word in _BODY_HEADS else None
        asked.extend(long or (word,))
    return [
        asked[position : position + _BODY_WORDS]
        for position, word in enumerate(asked)
        if word in _BODY_HEADS and position + 1 < len(asked)
        and not (position and asked[position - 1] in _OBJECT_BEFORE)
    ]


def body_heads(bodies: list[list[str]], spelled_out: Callable[[str], tuple[str, ...] | None]) -> list[str]:
    """The first two folded words of each body the question names, as a document prints them ("so khcn" is also
    "so khoa"); not a document's type ("chỉ thị" starts like "Chi cục")."""
    heads: list[str] = []
    for run in bodies:
        if kind_of(" ".join(run[:2])) is not None:
            continue
        heads.append(" ".join(run[:2]))
        long = spelled_out(run[1])
        if long:
            heads.append(f"{run[0]} {long[0]}")
    return heads


def prints_body(heads: list[str], text: str, spelled_out: Callable[[str], tuple[str, ...] | None]) -> bool:
    """Whether `text` prints a body whose first two words (`heads`, folded) the question names, with a capital
    ("Sở Xây dựng", "Công an tỉnh", "UBND các xã"; "xây dựng" as a verb is not "Sở Xây dựng")."""
    words: list[tuple[str, bool]] = []  # (folded word, written with a capital), abbreviations spelled out
    for token in _WORD_RE.findall(text):
        folded = fold(token)
        long = spelled_out(folded) if len(token) > 1 and token.isupper() else None
        if long:
            words.extend((word, True) for word in long)
        else:
            words.append((folded, token[:1].isupper()))
    for head in heads:
        first, second = head.split(" ", 1)
        if any(word == first and capital and words[position + 1][0] == second
               for position, (word, capital) in enumerate(words[:-1])):
            return True
    return False


def only_as_object(bodies: list[list[str]], passage: str) -> bool:
    """Whether a body the question names as the one acting ("báo cáo của Sở Công Thương", "Sở Y tế chủ trì …")
    stands in the passage only where things go or who helps ("gửi Sở Công Thương", "phối hợp với Sở Y tế");
    a body is the longest run of the question's words printed in the passage with a capital ("Sở Công Thương")."""
    if not bodies:
        return False
    folded_text = fold(passage)  # as long as the passage: the words of both are at the same places
    if len(folded_text) != len(passage):
        return False
    spans = [match.span() for match in _WORD_RE.finditer(folded_text)]
    folded = [folded_text[start:end] for start, end in spans]
    # A row's "Cơ quan phối hợp: …" cell names partners only.
    partners = [match.span() for match in _PARTNER_CELL_RE.finditer(folded_text)]

    def as_object(start: int) -> bool:
        at = spans[start][0]
        if any(low <= at < high for low, high in partners):
            return True
        if not start or folded[start - 1] not in _OBJECT_BEFORE:
            return False
        if folded[start - 1] != "va":
            return True
        # "… và UBND phường": an object when the list it ends follows a word that takes one ("đôn đốc các sở, ban,
        # ngành và …", "phối hợp với Sở A và …"), the subject when the list opens its clause ("Thủ trưởng các sở, ban,
        # ngành và UBND phường chịu trách nhiệm …").
        for before in range(start - 2, max(-1, start - 14), -1):
            if re.search(r"[.;:]", folded_text[spans[before][1] : spans[before + 1][0]]):
                return False
            if folded[before] in _OBJECT_BEFORE - {"va"} or folded[before] in _TAKES_OBJECT:
                return True
        return start - 14 >= 0

    for run in bodies:
        found: list[int] = []
        if " ".join(run[:2]) in folded_text:
            for size in range(2, len(run) + 1):
                named = [start for start in _occurrences(folded, run[:size]) if passage[spans[start][0]].isupper()]
                if not named:
                    break
                found = named
        elif partners:
            # "UBND phường, xã" asked, "UBND xã, phường" written: the same words after the same head, in any order
            words = set(run[1:])
            found = [start for start, word in enumerate(folded) if word == run[0] and passage[spans[start][0]].isupper()
                     and len(words & set(folded[start + 1 : start + 5])) >= min(2, len(words))]
        if found and all(as_object(start) for start in found):
            return True
    return False


def _occurrences(words: list[str], run: list[str]) -> list[int]:
    size, first = len(run), run[0]
    return [start for start in range(len(words) - size + 1)
            if words[start] == first and words[start : start + size] == run]


def _counted(noun: str, folded: str) -> bool:
    """Whether a figure stands close before the noun asked for ("87 trạm", "02 hội nghị/năm")."""
    return bool(re.search(rf"\d[\d.,]*\s+(?:[a-z]+\s+)?{re.escape(noun)}\b", folded))


def strict_intents(expect: Expectation) -> bool:
    """Whether the question asks for a figure or a date (a person is often named only in a heading)."""
    return bool(expect.intents & {FIGURE, DATE}) and PERSON not in expect.intents
