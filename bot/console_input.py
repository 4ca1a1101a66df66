"""Standard input for the console chat, read by a daemon thread so that Ctrl+C never waits for a line."""

from __future__ import annotations

import queue
import threading
from typing import TextIO


class InterruptibleInput:
    """Lines of `stream` as `readline()` returns them; after `close()` readline returns "" at once. The chat reads
    in an executor thread that the interpreter waits for at exit: it must not stay blocked on the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._lines: queue.Queue[str] = queue.Queue()
        self._closed = threading.Event()
        self._reader: threading.Thread | None = None

    def isatty(self) -> bool:
        """Whether the underlying stream is a terminal (the chat then shows a prompt)."""
        return self.stream.isatty()

    def readline(self) -> str:
        """The next line with its newline, or "" at end of input or once closed."""
        if self._reader is None:
            self._reader = threading.Thread(target=self._pump, name="console-input", daemon=True)
            self._reader.start()
        while not self._closed.is_set():
            try:
                return self._lines.get(timeout=0.1)
            except queue.Empty:
                continue
        return ""

    def close(self) -> None:
        """Stop handing out lines (the daemon thread may stay blocked on the terminal: it does not hold up exit)."""
        self._closed.set()

    def _pump(self) -> None:
        while True:
            line = self.stream.readline()
            self._lines.put(line)
            if not line:
                return
