"""Webhook mode: one small ASGI app (Starlette on uvicorn) receiving both platforms' updates, with /healthz and
/metrics; the same app without hooks serves only those two on a port of their own (metrics.port)."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import socket
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ZALO_SECRET_HEADER = "X-Bot-Api-Secret-Token"
Health = Callable[[], dict[str, Any]]
Exposition = Callable[[], tuple[bytes, str]]  # the metrics as text, and their content type


class BodyTooLarge(Exception):
    """The request body passed the configured limit."""


@dataclass(frozen=True)
class Hook:
    """One platform's webhook: the path it posts to, the secret header it must carry, and what handles an update."""

    path: str
    header: str
    secret: str
    process: Callable[[dict[str, Any]], Awaitable[None]]


class WebhookApp:
    """Checks the secret in constant time, limits the body, answers at once and handles the update in the
    background; `drain` waits for the updates still being handled. /healthz and /metrics (when given) read the
    database in a worker thread, so a scrape never holds up the updates."""

    def __init__(self, hooks: list[Hook], health: Health, max_body_bytes: int = 1_000_000, *,
                 metrics: Exposition | None = None) -> None:
        self.hooks = {hook.path.strip("/"): hook for hook in hooks}
        self.health = health
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes
        self._tasks: set[asyncio.Task[None]] = set()
        routes = [Route("/healthz", self._healthz, methods=["GET"])]
        if metrics is not None:
            routes.append(Route("/metrics", self._metrics, methods=["GET"]))
        self.app = Starlette(routes=[*routes, Route("/{name}", self._update, methods=["POST"])])

    async def _healthz(self, _request: Request) -> Response:
        report = await asyncio.to_thread(self.health)
        return JSONResponse(report, status_code=200 if report.get("ok") else 503)

    async def _metrics(self, _request: Request) -> Response:
        assert self.metrics is not None
        body, content_type = await asyncio.to_thread(self.metrics)
        return Response(body, media_type=content_type)

    async def _update(self, request: Request) -> Response:
        hook = self.hooks.get(request.path_params["name"])
        if hook is None:
            return JSONResponse({"ok": False, "description": "not found"}, status_code=404)
        given = request.headers.get(hook.header, "")
        if not hmac.compare_digest(given.encode(), hook.secret.encode()):
            log.warning("webhook %s: request with a wrong or missing secret refused", hook.path)
            return JSONResponse({"ok": False, "description": "forbidden"}, status_code=403)
        try:
            body = await self._read(request)
        except BodyTooLarge:
            return JSONResponse({"ok": False, "description": "body too large"}, status_code=413)
        try:
            data = json.loads(body)
        except ValueError:
            return JSONResponse({"ok": False, "description": "body is not JSON"}, status_code=400)
        if not isinstance(data, dict):
            return JSONResponse({"ok": False, "description": "body is not an object"}, status_code=400)
        task = asyncio.create_task(self._process(hook, data))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return JSONResponse({"ok": True})

    async def _read(self, request: Request) -> bytes:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            raise BodyTooLarge
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise BodyTooLarge
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    async def _process(hook: Hook, data: dict[str, Any]) -> None:
        try:
            await hook.process(data)
        except Exception:  # one bad update must not take the server down
            log.exception("webhook %s: update could not be handled", hook.path)

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait for updates still being handled."""
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=timeout)


class _EmbeddedServer(uvicorn.Server):
    """uvicorn inside our process: the runner owns SIGINT/SIGTERM, not uvicorn."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class WebhookServer:
    """Serves a WebhookApp on host:port until stopped; `purpose` names it in errors ("webhook", "/metrics")."""

    def __init__(self, app: WebhookApp, host: str, port: int, purpose: str = "webhook") -> None:
        self.app = app
        self.host = host
        self.port = port
        self.purpose = purpose
        self.server = _EmbeddedServer(uvicorn.Config(app.app, host=host, port=port, log_level="warning",
                                                     lifespan="off", access_log=False))
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Bind (an OSError names the address) and serve in the background."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as error:
            sock.close()
            raise OSError(f"không mở được cổng {self.host}:{self.port} cho {self.purpose} ({error.strerror})") from None
        self.port = int(sock.getsockname()[1])
        self._task = asyncio.create_task(self.server.serve(sockets=[sock]), name="webhooks")
        while not self.server.started and not self._task.done():
            await asyncio.sleep(0.01)
        if self._task.done():  # uvicorn gave up before serving: say so rather than point the platforms at nothing
            failure = None if self._task.cancelled() else self._task.exception()
            self._task = None
            raise OSError(f"máy chủ {self.purpose} {self.host}:{self.port} không chạy được ({failure!r})")

    async def stop(self) -> None:
        """Stop accepting requests, then wait for updates being handled."""
        if self._task is not None:
            self.server.should_exit = True
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.app.drain()
