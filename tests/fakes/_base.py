"""Shared plumbing of the fake Bot API servers: routing, body decoding, call log, faults, delays, lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, ClassVar, Self

from aiohttp import web

JSON = dict[str, Any]

DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    408: "Request timeout",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class ApiError(Exception):
    """Raised by a method handler; becomes `{"ok": false, "error_code", "description", "parameters"?}`."""

    def __init__(self, status: int, description: str | None = None, parameters: JSON | None = None) -> None:
        self.status = status
        self.description = description or DEFAULT_DESCRIPTIONS.get(status, "Error")
        self.parameters = parameters
        super().__init__(f"{status} {self.description}")

    def body(self) -> JSON:
        """The JSON error object both platforms answer with."""
        out: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            out["parameters"] = self.parameters
        return out


@dataclass
class Call:
    """One HTTP request to the fake: method name, decoded parameters, how it was encoded, what was answered."""

    method: str
    params: JSON
    content_type: str
    http_method: str
    at: float
    status: int = 200


@dataclass
class Fault:
    """A planned failure: the next `count` calls of `method` ("*": any) about `chat_id` (if given) answer `error`."""

    method: str
    error: ApiError
    count: int = 1
    chat_id: str | None = None

    def matches(self, method: str, params: JSON) -> bool:
        """True if this fault applies to a call of `method` with `params`."""
        if self.count <= 0 or self.method not in ("*", method):
            return False
        return self.chat_id is None or str(params.get("chat_id")) == self.chat_id


@dataclass
class _Wakeup:
    """An edge-triggered signal: waiters keep the current Event, `fire` sets it and arms a fresh one."""

    event: asyncio.Event = field(default_factory=asyncio.Event)

    def fire(self) -> None:
        self.event.set()
        self.event = asyncio.Event()


class FakeBotServer:
    """An aiohttp server on 127.0.0.1:<ephemeral> answering `{base}/bot{token}/{method}`; subclasses add methods."""

    descriptions: ClassVar[Mapping[int, str]] = {}  # the platform's own wording of an error status, where it has one

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self._faults: list[Fault] = []
        self._delays: dict[str, float] = {}
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wakeup = _Wakeup()
        self._closing = False
        self._in_flight = 0

    # -- lifecycle -------------------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>`; the API lives under `{base_url}/bot{token}/{method}`."""
        if not self._port:
            raise RuntimeError("server is not running")
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_url(self) -> str:
        """`{base_url}/bot{token}`: append `/{method}`."""
        return f"{self.base_url}/bot{self.token}"

    async def start(self) -> None:
        """Bind an ephemeral port on 127.0.0.1 and serve in the running event loop."""
        self._loop = asyncio.get_running_loop()
        self._wakeup = _Wakeup()
        self._closing = False
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._add_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        """Release long polls, close connections and the port."""
        self._closing = True
        self._wakeup.fire()
        deadline = time.monotonic() + 1.0
        while self._in_flight and time.monotonic() < deadline:  # let released long polls answer before closing
            await asyncio.sleep(0.01)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._port = 0

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @contextlib.contextmanager
    def in_thread(self) -> Iterator[Self]:
        """Serve from a private event loop in a daemon thread, for synchronous tests."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name=type(self).__name__, daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout=10)
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(timeout=10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()

    # -- test control ----------------------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int,
        description: str | None = None,
        *,
        count: int = 1,
        chat_id: int | str | None = None,
        parameters: JSON | None = None,
    ) -> None:
        """Answer the next `count` calls of `method` (to `chat_id`, if given) with this error instead of serving."""
        error = ApiError(status, description or self.descriptions.get(status), parameters)
        self._faults.append(Fault(method, error, count, None if chat_id is None else str(chat_id)))

    def recover(self) -> None:
        """Drop every planned failure (an outage ends, a blocked chat unblocks the bot)."""
        self._faults = []

    def delay(self, method: str, seconds: float) -> None:
        """Hold every answer to `method` for `seconds` after the call took effect (0 removes the delay)."""
        if seconds > 0:
            self._delays[method] = seconds
        else:
            self._delays.pop(method, None)

    def calls_to(self, method: str) -> list[Call]:
        """The recorded calls of one method, oldest first."""
        return [call for call in self.calls if call.method == method]

    def _notify(self) -> None:
        """Wake long polls; safe to call from the test's thread when the server runs `in_thread`."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._wakeup.fire()
        else:
            loop.call_soon_threadsafe(self._wakeup.fire)

    async def _wait_for_news(self, deadline: float) -> bool:
        """Sleep until `_notify` or `deadline` (monotonic); False once the deadline passed or the server closes."""
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self._closing:
            return False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.event.wait(), remaining)
        return not self._closing

    # -- HTTP ------------------------------------------------------------------------------------------------------

    def _add_routes(self, app: web.Application) -> None:
        """Routes beside the API methods (Telegram's file downloads); none by default."""

    async def _dispatch(self, method: str, params: JSON) -> JSON:
        """Serve one API method; return the whole success body or raise ApiError. Implemented by each fake."""
        raise NotImplementedError

    def _coerce(self, params: JSON, from_form: bool) -> JSON:
        """Turn decoded parameters into the types the method handlers expect (form values arrive as strings)."""
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = Call(method, {}, request.content_type, request.method, time.monotonic())
        self.calls.append(call)
        self._in_flight += 1
        try:
            return await self._answer(request, call)
        finally:
            self._in_flight -= 1

    async def _answer(self, request: web.Request, call: Call) -> web.Response:
        method = call.method
        try:
            params, from_form = await _read_params(request)
            call.params = params = self._coerce(params, from_form)
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            fault = self._take_fault(method, params)
            if fault is not None:
                raise fault
            body = await self._dispatch(method, params)
        except ApiError as exc:
            body, call.status = exc.body(), exc.status
        if method in self._delays:
            await asyncio.sleep(self._delays[method])
        return web.json_response(body, status=call.status, dumps=lambda obj: json.dumps(obj, ensure_ascii=False))

    def _take_fault(self, method: str, params: JSON) -> ApiError | None:
        for fault in self._faults:
            if fault.matches(method, params):
                fault.count -= 1
                self._faults = [f for f in self._faults if f.count > 0]
                return fault.error
        return None


async def _read_params(request: web.Request) -> tuple[JSON, bool]:
    """Query string merged with a JSON, url-encoded or multipart body; also says whether values came as strings."""
    params: JSON = dict(request.query)
    from_form = bool(params)
    if not request.can_read_body:
        return params, from_form
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise ApiError(400, "Bad Request: can't parse JSON body") from exc
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: JSON body must be an object")
        params.update(body)
        return params, from_form
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            # an uploaded file is recorded by name and size, not content
            if isinstance(value, web.FileField):  # an upload is recorded by name and size, not content
                params[key] = {"filename": value.filename, "size": len(value.file.read())}
            else:
                params[key] = value if isinstance(value, str) else bytes(value).decode()
        return params, True
    raw = await request.read()
    if raw.strip():
        raise ApiError(400, f"Bad Request: unsupported Content-Type {request.content_type}")
    return params, from_form
