"""Zip packages (.docx) opened safely: member sizes, compression ratios and the total inflated size checked
against the limits before anything is inflated; XML parsed without DTDs, entities or network access."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from knowledge.errors import DocumentError
from knowledge.readers.source import MB, ReadLimits

MAX_MEMBERS = 10_000
_RATIO_FROM = MB  # a small member may compress very well without harm; the ratio is checked above this size


def local(element: Any) -> str:
    """An element's tag without its namespace ("" for comments and processing instructions)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attribute(element: Any, name: str) -> str | None:
    """The value of the attribute whose local name is `name`, whatever its namespace."""
    for key, value in element.attrib.items():
        if key == name or key.endswith("}" + name):
            return str(value)
    return None


class Package:
    """One zip package whose members are read within the limits; errors name the file and the member."""

    def __init__(self, path: Path, limits: ReadLimits) -> None:
        self.path = path
        self.limits = limits
        self.inflated = 0
        self.zip = zipfile.ZipFile(path)
        members = self.zip.infolist()
        if len(members) > MAX_MEMBERS:
            raise DocumentError(str(path), f"tệp nén có {len(members)} phần, quá giới hạn {MAX_MEMBERS}")
        self.members = {member.filename: member for member in members}

    def close(self) -> None:
        """Close the zip file."""
        self.zip.close()

    def has(self, name: str) -> bool:
        """Whether the package holds a member of that name."""
        return name in self.members

    def _open(self, name: str) -> Any:
        """The member's stream, once its declared size and compression ratio are within the limits."""
        member = self.members.get(name)
        if member is None:
            raise DocumentError(str(self.path), f"thiếu phần {name} (không phải tài liệu Word hợp lệ)")
        if member.flag_bits & 0x1:
            raise DocumentError(str(self.path), "tệp được đặt mật khẩu; hãy mở khóa rồi lưu lại")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM and ratio > self.limits.max_compression_ratio:
            limit = self.limits.max_compression_ratio
            raise DocumentError(
                str(self.path),
                f"phần {name} nén với tỉ lệ bất thường 1:{ratio:.0f} (giới hạn 1:{limit:.0f}, "
                "khóa knowledge.limits.max_compression_ratio): có thể là bom giải nén",
            )
        self.inflated += member.file_size
        if self.inflated > self.limits.max_unzipped_bytes:
            raise DocumentError(
                str(self.path),
                f"nội dung giải nén quá lớn ({self.inflated / MB:.0f} MB, giới hạn "
                f"{self.limits.max_unzipped_bytes / MB:.0f} MB; khóa knowledge.limits.max_unzipped_mb)",
            )
        return self.zip.open(member)  # yields at most file_size bytes and checks the CRC at the end

    def iterparse(self, name: str) -> Iterator[tuple[str, Any]]:
        """("start" | "end", element) events of a member's XML, streamed; a DTD or entity declaration is refused."""
        with self._open(name) as stream:
            events = etree.iterparse(
                stream, events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
                huge_tree=False, remove_comments=True, remove_pis=True,
            )  # fmt: skip
            first = True
            for event, element in events:
                if first:
                    first = False
                    info = element.getroottree().docinfo
                    if info.internalDTD is not None or info.doctype:
                        raise DocumentError(
                            str(self.path), f"phần {name} có khai báo DTD/thực thể XML, không an toàn nên không đọc"
                        )
                yield event, element

    def tree(self, name: str) -> Any:
        """The whole XML tree of a small member (relationships, styles, numbering)."""
        root = None
        for event, element in self.iterparse(name):
            if event == "start" and root is None:
                root = element
        return root

    def related(self, source: str, kind: str) -> str | None:
        """The member that `source` links to with a relationship whose type ends in `kind` ("styles" …)."""
        folder = PurePosixPath(source).parent
        rels = folder / "_rels" / (PurePosixPath(source).name + ".rels")
        if not self.has(str(rels).lstrip("/")):
            return None
        for relation in self.tree(str(rels).lstrip("/")):
            if (attribute(relation, "Type") or "").endswith("/" + kind):
                target = attribute(relation, "Target") or ""
                if attribute(relation, "TargetMode") == "External":
                    continue
                path = PurePosixPath(target) if target.startswith("/") else folder / target
                return _normalise(path)
        return None


def _normalise(path: PurePosixPath) -> str:
    """A member name from a relationship target ("word/../word/styles.xml" → "word/styles.xml")."""
    parts: list[str] = []
    for part in path.parts:
        if part in ("/", "", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
