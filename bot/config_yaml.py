"""Reading config.yaml: a YAML loader without its traps, and syntax errors as one Vietnamese line with the line."""

from __future__ import annotations

import re
from typing import Any

import yaml

# YAML 1.1 reads `send_time: 7:30` as the base-60 integer 450 (then 00:07:30) and `1:30:00` likewise; in a config
# file those are times or text, never sexagesimal numbers. Same resolvers as SafeLoader otherwise.
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""", re.X)
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""", re.X)


class ConfigLoader(yaml.SafeLoader):
    """SafeLoader without base-60 numbers, refusing a key written twice in one mapping (the second would
    silently win over the one the user edits)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                first = seen[key].start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {first})", key_node.start_mark)
            if isinstance(key, str):
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NUMBERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ConfigLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
ConfigLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
# A time of day written plainly (7:30, 07:30, 18:45:00) is text "07:30", which the settings read as a time.
_CLOCK_TAG = "tag:directive-bot,2024:clock"
ConfigLoader.add_implicit_resolver(_CLOCK_TAG, re.compile(r"^[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?$"),
                                   list("0123456789"))
ConfigLoader.add_constructor(_CLOCK_TAG, lambda loader, node: str(node.value).zfill(len(node.value) + 1)
                             if len(str(node.value).split(":")[0]) == 1 else str(node.value))


def read_yaml(text: str) -> Any:
    """Parse config text with ConfigLoader (yaml.YAMLError on a syntax error or a key written twice)."""
    return yaml.load(text, Loader=ConfigLoader)  # ConfigLoader is a SafeLoader


def key_line(text: str, path: tuple[str | int, ...]) -> int | None:
    """The 1-based line where the setting at `path` (pydantic's location: keys and list positions) is written,
    or the nearest enclosing one that is; None when the text does not parse."""
    try:
        node = yaml.compose(text, Loader=ConfigLoader)
    except yaml.YAMLError:
        return None
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((key, value) for key, value in node.value if key.value == part), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


# PyYAML's problems and what to do about each, in Vietnamese.
_PROBLEMS: list[tuple[str, str]] = [
    (r"found character '\\t'", "có ký tự Tab: YAML chỉ thụt lề bằng dấu cách"),
    (r"duplicate key '(?P<key>[^']*)' \(first on line (?P<first>\d+)\)",
     "khóa {key} viết hai lần (lần đầu ở dòng {first}): xóa một trong hai"),
    (r"mapping values are not allowed here",
     "dấu «:» không đứng được ở đây: giá trị có dấu hai chấm phải đặt trong ngoặc kép, hoặc thụt lề sai"),
    (r"could not find expected ':'", "thiếu dấu «:» sau tên khóa (hoặc thụt lề sai)"),
    (r"expected <block end>, but found", "thụt lề không khớp với các dòng trên"),
    (r"found unhashable key", "dấu «{{» mở một bảng: đặt giá trị trong ngoặc kép; biến môi trường viết ${{TÊN}}"),
    (r"while scanning an alias", "dấu «*» ở đầu giá trị có nghĩa riêng trong YAML: đặt giá trị trong ngoặc kép"),
    (r"while scanning an anchor", "dấu «&» ở đầu giá trị có nghĩa riêng trong YAML: đặt giá trị trong ngoặc kép"),
    (r"found character '(?P<char>.)' that cannot start any token",
     "giá trị không bắt đầu được bằng «{char}»: đặt giá trị trong ngoặc kép"),
    (r"found undefined alias", "dấu «*» ở đầu giá trị có nghĩa riêng trong YAML: đặt giá trị trong ngoặc kép"),
]
# An opening left unclosed is reported by PyYAML where it gave up (often the next key, or the end of the file):
# the line to fix is where it was opened.
_OPENINGS = {
    "while scanning a quoted scalar": "dấu ngoặc kép",
    "while parsing a flow sequence": "dấu «[»",
    "while parsing a flow mapping": "dấu «{»",
}

_AT_CONTEXT = {"while scanning an alias", "while scanning an anchor", "while constructing a mapping"}


def yaml_message(error: yaml.YAMLError) -> str:
    """One line: "dòng N, cột M: what is wrong and what to do" (lines and columns 1-based)."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = str(getattr(error, "problem", None) or error)
    context = str(getattr(error, "context", None) or "")
    opening = _OPENINGS.get(context)
    if opening is not None and context_mark is not None:
        where = f"dòng {context_mark.line + 1}, cột {context_mark.column + 1}"
        ahead = f" (tới dòng {problem_mark.line + 1} vẫn chưa đóng)" if problem_mark is not None else ""
        return f"{where}: {opening} mở ở đây chưa được đóng{ahead}, hoặc thiếu dấu phẩy giữa các phần tử"
    if context in _AT_CONTEXT and context_mark is not None:  # the sign at fault is where PyYAML's context began
        problem_mark = context_mark
    where = f"dòng {problem_mark.line + 1}, cột {problem_mark.column + 1}" if problem_mark is not None else "cú pháp"
    for pattern, wording in _PROBLEMS:
        found = re.search(pattern, f"{problem} {context}")
        if found:
            return f"{where}: {wording.format(**found.groupdict())}"
    return f"{where}: YAML không hợp lệ ({problem})"
