"""`python -m bot run`: every configured messenger and the scheduler in one process, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.config import PlatformSettings, Settings
from bot.metrics import Meter
from bot.platforms import PlatformStartError
from bot.platforms.direct import Pace
from bot.platforms.telegram import TELEGRAM, TelegramPlatform
from bot.platforms.webhooks import TELEGRAM_SECRET_HEADER, ZALO_SECRET_HEADER, Hook, WebhookApp, WebhookServer
from bot.platforms.zalo import ZALO, ZaloApiError, ZaloPlatform, ZaloPolicyError
from bot.wiring import Runtime, build_runtime, follow_documents, limits_of, load_knowledge, open_repository
from bot.workers import Workers, WorkersError
from handlers.router import Router
from knowledge.base import KnowledgeBase
from schedules.messages import ChatRef, Reply, SendResult

log = logging.getLogger(__name__)
SECRET_HEADERS = {TELEGRAM: TELEGRAM_SECRET_HEADER, ZALO: ZALO_SECRET_HEADER}


class StartError(Exception):
    """The bot cannot start as configured; the message says what to change."""


class Platform(Protocol):
    """What the runner needs of a messenger: updates in, the Sender protocol out, and a two-step stop."""

    platform: str
    running: bool
    mode: str
    pace: Pace | None
    meter: Meter

    def attach(self, router: Router) -> None: ...
    async def start(self, *, polling: bool) -> None: ...
    async def set_webhook(self, url: str, secret: str) -> None: ...
    async def process(self, data: dict[str, Any]) -> None: ...
    async def send(self, chat: ChatRef, reply: Reply) -> SendResult: ...
    async def stop_receiving(self) -> None: ...
    async def close(self) -> None: ...


def enabled_platforms(settings: Settings) -> dict[str, PlatformSettings]:
    """The platforms config.yaml enables; each must have its token, and webhook mode a public address."""
    enabled = {name: platform for name, platform in (("telegram", settings.platforms.telegram),
                                                     ("zalo", settings.platforms.zalo)) if platform.enabled}
    if not enabled:
        raise StartError("Không có nền tảng nào được bật (platforms.telegram.enabled, platforms.zalo.enabled).")
    for name, platform in enabled.items():
        if not platform.configured:
            key = f"platforms.{name}.token"
            fix = ("Đặt biến môi trường đó" if settings.variable_of(key) else
                   f"Ghi token vào khóa đó, tốt nhất qua biến môi trường (token: ${{{name.upper()}_BOT_TOKEN}})")
            raise StartError(f"Thiếu token của {name}: {settings.where(key)}. {fix}, hoặc tắt nền tảng bằng "
                             f"platforms.{name}.enabled: false.")
        if platform.mode == "webhook" and not settings.webhook.public_url:
            raise StartError(f"{name} chạy webhook nhưng chưa có địa chỉ công khai: đặt webhook.public_url "
                             "(https://…) trong tệp cấu hình, hoặc dùng mode: polling.")
    return enabled


@dataclass
class Service:
    """The running bot: the runtime, its platforms, and the webhook server when a platform uses one."""

    settings: Settings
    runtime: Runtime
    platforms: dict[str, Platform]
    webhooks: WebhookServer | None = None
    status: WebhookServer | None = None  # /metrics and /healthz on metrics.port
    hooks: list[Hook] = field(default_factory=list)
    workers: Workers = field(init=False)

    def __post_init__(self) -> None:
        self.workers = Workers(self.runtime, self._after_start)

    def health(self) -> dict[str, Any]:
        """What /healthz reports: each platform, the scheduler and who leads, and whether all are up (a worker
        that does not lead is up without a scheduler of its own)."""
        scheduler = self.runtime.scheduler
        platforms = {name: {"running": platform.running, "mode": platform.mode}
                     for name, platform in self.platforms.items()}
        report: dict[str, Any] = {"platforms": platforms,
                                  "scheduler": {"running": scheduler.running, "jobs": len(scheduler.jobs())},
                                  "workers": self.workers.health()}
        try:
            report["scheduler"]["outbox"] = self.runtime.services.repository.delivery_counts()
        except Exception as error:  # the database is down: say so rather than fail the health check itself
            report["scheduler"]["outbox_error"] = type(error).__name__
        scheduling = scheduler.running or (self.workers.leadership is not None and not self.workers.leading)
        report["ok"] = scheduling and all(item["running"] for item in platforms.values()) and (
            "outbox_error" not in report["scheduler"])
        return report

    async def start(self) -> None:
        """Start the platforms (and the webhook server), then the scheduler (on PostgreSQL: campaign for it)."""
        try:
            self.workers.claim()
        except WorkersError as error:
            raise StartError(str(error)) from None
        await self._start_status()  # first: a port in use stops the start before any platform polls
        webhook_names = [name for name, platform in self.platforms.items()
                         if self._settings_of(name).mode == "webhook"]
        for name, platform in self.platforms.items():
            try:
                await platform.start(polling=name not in webhook_names)
            except (ZaloPolicyError, PlatformStartError) as error:
                raise StartError(str(error)) from None
            except ZaloApiError as error:
                raise StartError(f"Không kết nối được Zalo ({error}); kiểm tra token và platforms.zalo.base_url.") \
                    from None
            except Exception as error:  # python-telegram-bot: InvalidToken, NetworkError…
                raise StartError(f"Không kết nối được {name} ({type(error).__name__}: {error}); kiểm tra token và "
                                 f"platforms.{name}.base_url.") from None
        if webhook_names:
            await self._start_webhooks(webhook_names)
        await self.workers.start()
        log.info("running: %s; %s",
                 ", ".join(f"{name} ({platform.mode})" for name, platform in self.platforms.items()),
                 "scheduler started" if self.workers.leadership is None else
                 f"worker {self.workers.name}: the scheduler runs on whichever worker leads")

    def _after_start(self) -> None:
        """Once the scheduler runs here: the chats that follow documents get their reminders."""
        follow_documents(self.runtime, self.settings, self.runtime.scheduler.clock())

    async def _start_webhooks(self, names: list[str]) -> None:
        webhook = self.settings.webhook
        for name in names:
            configured = self._settings_of(name).webhook_secret
            secret = configured.get_secret_value() if configured else ""
            self.hooks.append(Hook(f"/{name}", SECRET_HEADERS[name], secret or self._derived_secret(name),
                                   self.platforms[name].process))
        metrics = self.settings.metrics  # on the webhook server unless they have a port of their own
        exposition = self.runtime.metrics.exposition if metrics.enabled and metrics.port is None else None
        self.webhooks = WebhookServer(WebhookApp(self.hooks, self.health, webhook.max_body_bytes,
                                                 metrics=exposition), webhook.listen, webhook.port)
        try:
            await self.webhooks.start()
        except OSError as error:
            raise StartError(str(error)) from None
        for hook in self.hooks:
            name = hook.path.strip("/")
            try:
                await self.platforms[name].set_webhook(f"{webhook.public_url}{hook.path}", hook.secret)
            except Exception as error:  # the platform refused the address or could not be reached
                raise StartError(f"Không đặt được webhook cho {name} ({type(error).__name__}: {error}); kiểm tra "
                                 "webhook.public_url (HTTPS, truy cập được từ Internet).") from None

    def _derived_secret(self, name: str) -> str:
        """The webhook secret when none is configured: derived from the token, so every worker (and every start)
        registers the same one and accepts what the platform posts to any of them; it reveals nothing of the
        token, and whoever could compute it holds the token already."""
        token = self._settings_of(name).token
        assert token is not None  # enabled_platforms checked it
        digest = hmac.new(token.get_secret_value().encode(), f"directive-bot webhook {name}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")

    def _settings_of(self, name: str) -> PlatformSettings:
        platform: PlatformSettings = getattr(self.settings.platforms, name)
        return platform

    async def _start_status(self) -> None:
        """/metrics and /healthz on a port of their own, when metrics.port sets one (polling has no web server);
        with metrics.enabled false, /healthz alone."""
        metrics = self.settings.metrics
        if metrics.port is None:
            return
        exposition = self.runtime.metrics.exposition if metrics.enabled else None
        self.status = WebhookServer(WebhookApp([], self.health, metrics=exposition), metrics.listen, metrics.port,
                                    "/metrics" if metrics.enabled else "/healthz")
        try:
            await self.status.start()
        except OSError as error:
            raise StartError(f"{error}: đổi metrics.port trong tệp cấu hình.") from None

    async def stop(self) -> None:
        """Stop taking updates, let the scheduler finish its send, then close the connections."""
        if self.webhooks is not None:
            await self.webhooks.stop()
        if self.status is not None:
            await self.status.stop()
        for name, platform in self.platforms.items():
            try:
                await platform.stop_receiving()
            except Exception:
                log.exception("stopping %s from receiving failed", name)
        await self.workers.stop()
        for name, platform in self.platforms.items():
            try:
                await platform.close()
            except Exception:
                log.exception("closing %s failed", name)
        self.runtime.services.repository.engine.dispose()
        self.workers.release()


def build_service(settings: Settings, clock: Callable[[], datetime] | None = None,
                  knowledge: KnowledgeBase | None = None) -> Service:
    """Everything `run` starts, built but not started (SchemaError if the database needs an upgrade)."""
    enabled = enabled_platforms(settings)
    clock = clock or (lambda: datetime.now(settings.zone))
    knowledge = knowledge if knowledge is not None else load_knowledge(settings)
    repository = open_repository(settings)
    platforms: dict[str, Platform] = {}
    for name, platform_settings in enabled.items():
        if name == TELEGRAM:
            platforms[name] = TelegramPlatform(platform_settings, clock, repository)
        else:
            platforms[name] = ZaloPlatform(platform_settings, repository, clock)
    runtime = build_runtime(settings, knowledge, platforms, clock, repository=repository,
                            limits={name: limits_of(platform) for name, platform in enabled.items()})
    for platform in platforms.values():
        platform.attach(runtime.router)
        platform.pace = runtime.scheduler.outbox.pace  # answers keep to the broadcast's pace
        platform.meter = runtime.metrics
    return Service(settings, runtime, platforms)


async def serve(service: Service, stop: asyncio.Event | None = None) -> None:
    """Run until `stop` is set or the process gets SIGINT/SIGTERM; always shuts down cleanly."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    handled = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread, or not supported
            loop.add_signal_handler(signum, stop.set)
            handled.append(signum)
    try:
        await service.start()
        await stop.wait()
        log.info("stopping: finishing the sends in progress")
    finally:
        for signum in handled:
            loop.remove_signal_handler(signum)
        await service.stop()
