"""A config.yaml value of the wrong type or out of range, said in Vietnamese with its key and line."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from bot.config_yaml import key_line

# Keys whose value must never be repeated in a message (a token written in the file, a password in a URL).
_SECRET_KEY = re.compile(r"token|secret|password|database_url", re.IGNORECASE)

_KINDS: dict[str, str] = {
    "int_parsing": "cần một số nguyên",
    "int_type": "cần một số nguyên",
    "int_from_float": "cần một số nguyên (không có phần lẻ)",
    "float_parsing": "cần một số (dấu chấm thập phân, ví dụ 0.5)",
    "float_type": "cần một số (dấu chấm thập phân, ví dụ 0.5)",
    "bool_parsing": "cần true hoặc false",
    "bool_type": "cần true hoặc false",
    "string_type": "cần một chuỗi chữ (đặt trong ngoặc kép nếu cần)",
    "list_type": "cần một danh sách, ví dụ [a, b] hoặc mỗi mục một dòng bắt đầu bằng «- »",
    "dict_type": "cần một bảng khóa: giá trị (các khóa con thụt lề bên dưới)",
    "model_type": "cần một bảng khóa: giá trị (các khóa con thụt lề bên dưới)",
    "model_attributes_type": "cần một bảng khóa: giá trị (các khóa con thụt lề bên dưới)",
    "path_type": "cần một đường dẫn tệp hoặc thư mục",
    "time_parsing": "cần giờ dạng \"HH:MM\" trong ngoặc kép, ví dụ \"07:30\"",
    "time_type": "cần giờ dạng \"HH:MM\" trong ngoặc kép, ví dụ \"07:30\"",
    "missing": "thiếu khóa này",
    "extra_forbidden": "khóa không được hỗ trợ (xem tệp mẫu: python -m bot init)",
    "string_too_short": "không được để trống",
    "too_short": "không được để trống",
}
_BOUNDS: dict[str, str] = {
    "greater_than": "phải lớn hơn {gt}",
    "greater_than_equal": "phải từ {ge} trở lên",
    "less_than": "phải nhỏ hơn {lt}",
    "less_than_equal": "phải từ {le} trở xuống",
}


def _key(location: tuple[str | int, ...]) -> str:
    """"schedules.lead_days (mục thứ 2)" for ("schedules", "lead_days", 1); pydantic's own steps (a union's
    branch, a validator's name) are left out."""
    names: list[str] = []
    for part in location:
        if isinstance(part, int):
            names.append(f"(mục thứ {part + 1})")
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            names.append(part)
    text = ".".join(name for name in names if not name.startswith("("))
    positions = " ".join(name for name in names if name.startswith("("))
    return f"{text} {positions}".strip() or "(gốc)"


def _problem(item: Any, secret: bool) -> str:
    kind = item["type"]
    context = item.get("ctx") or {}
    if kind in _BOUNDS:
        return _BOUNDS[kind].format(**context)
    if kind == "literal_error":
        choices = str(context.get("expected", "")).replace(" or ", " hoặc ")
        said = "" if secret else f", đang là «{item['input']}»"
        return f"chỉ nhận {choices}{said}"
    if kind in ("value_error", "assertion_error"):  # our own validators already speak Vietnamese
        return str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    wording = _KINDS.get(kind, f"giá trị không hợp lệ ({item['msg']})")
    if kind in ("missing", "extra_forbidden") or secret:
        return wording
    value = item["input"]
    shown = "để trống" if value is None else f"đang là «{str(value)[:60]}»"
    return f"{wording}, {shown}"


def validation_message(error: ValidationError, text: str | None = None) -> str:
    """Every problem as "dòng N, khóa a.b: what is wrong", joined with "; " (one line). `text` is the file's text,
    to find the line of each key."""
    problems: list[tuple[int, str]] = []
    for item in error.errors():
        location = tuple(item["loc"])
        key = _key(location)
        line = key_line(text, location) if text is not None else None
        where = f"dòng {line}, khóa {key}" if line is not None else f"khóa {key}"
        problems.append((line or 0, f"{where}: {_problem(item, bool(_SECRET_KEY.search(key)))}"))
    return "; ".join(problem for _, problem in sorted(problems, key=lambda pair: pair[0]))  # in the file's order
