"""Start-up problems: one Vietnamese line naming the key or path and what to do; the command exits with 2."""

from __future__ import annotations

import errno

EXIT_PROBLEM = 2  # a start-up problem the user can fix (config, database, knowledge folder, command line)
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class StartupProblem(Exception):
    """The bot cannot start as configured; str() is the one line to show."""


_REASONS = {
    errno.ENOENT: "không có tệp hay thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EIO: "lỗi đọc ghi ổ đĩa",
}


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in Vietnamese (the system's words when the error is not a common one)."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return str(error.strerror or error)
