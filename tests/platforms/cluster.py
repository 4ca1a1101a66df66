"""Several `python -m bot run` processes on one PostgreSQL, each with its own webhook port, pointed at a fake
Telegram Bot API: started from one config file as a deployment would start them, reached the way a load balancer
reaches them, killed or stopped like processes. Used by the three-worker kill test and bench/broadcast.py."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from pathlib import Path
from typing import Any

import httpx

from bot.config import Settings, load_settings
from bot.wiring import Runtime, build_runtime
from knowledge.base import KnowledgeBase
from knowledge.loading import DEFAULT_SAMPLES
from schedules.messages import ChatRef, Reply, SendResult
from schedules.repository import Repository, make_engine
from tests.clock import off_schedule

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:CLUSTER-token"


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _NoSender:
    """The side runtime's sender: it never starts its scheduler, so nothing is sent through it."""

    platform = "telegram"

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        raise AssertionError("the side runtime does not send")


@dataclass
class Worker:
    """One worker process and where it listens."""

    number: int
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@dataclass
class Cluster:
    """N workers sharing `database_url`, Telegram by webhook at the fake's `base_url`."""

    folder: Path
    database_url: str
    base_url: str
    admins: list[str]
    workers: int = 3
    rate: float = 29.0  # platforms.telegram.messages_per_second
    started: list[Worker] = field(default_factory=list)
    _turn: Iterator[int] = field(default_factory=count)

    def config(self) -> Path:
        """One config.yaml for every worker: only the port differs, from the environment (WEBHOOK_PORT)."""
        path = self.folder / "config.yaml"
        quiet = off_schedule(datetime.now(Settings().zone))  # no digest nor theme among the sends measured
        admins = ", ".join(f"'{admin}'" for admin in self.admins)
        path.write_text(
            f"database_url: {self.database_url}\n"
            f"admins: [{admins}]\n"
            "knowledge:\n"
            f"  sources: ['{DEFAULT_SAMPLES}']\n"
            f"  ingest_dir: '{self.folder / 'kho'}'\n"
            f"  cache_dir: '{self.folder / 'index'}'\n"
            "platforms:\n"
            "  telegram:\n"
            "    token: ${TELEGRAM_BOT_TOKEN}\n"
            f"    base_url: {self.base_url}/bot\n"
            "    mode: webhook\n"
            f"    messages_per_second: {self.rate:g}\n"
            "webhook:\n"
            "  public_url: https://bot.example.vn\n"
            "  listen: 127.0.0.1\n"
            "  port: ${WEBHOOK_PORT}\n"
            "schedules:\n"
            f"  digest_weekday: {quiet.digest_weekday}\n"
            f"  theme_day: {quiet.theme_day}\n",
            encoding="utf-8",
        )
        return path

    def start(self, timeout: float = 90.0) -> None:
        """Start every worker and wait until each answers /healthz and one of them leads."""
        config = self.config()
        for number in range(self.workers):
            port = free_port()
            log = self.folder / f"worker{number}.log"
            env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_PORT": str(port)}
            env.pop("ZALO_BOT_TOKEN", None)
            with open(log, "wb") as output:
                process = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(config), "run"], cwd=ROOT,
                                           env=env, stdout=output, stderr=subprocess.STDOUT)
            self.started.append(Worker(number, port, process, log))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dead = [worker for worker in self.started if not worker.alive]
            if dead:
                raise RuntimeError(f"worker {dead[0].number} exited at start:\n{dead[0].output()[-3000:]}")
            if all(self.health(worker) for worker in self.started) and self.leader() is not None:
                return
            time.sleep(0.2)
        raise RuntimeError("the workers did not all start: " + " | ".join(w.output()[-500:] for w in self.started))

    def health(self, worker: Worker) -> dict[str, Any] | None:
        """The worker's /healthz report (None when it does not answer or is not healthy)."""
        if not worker.alive:
            return None
        try:
            response = httpx.get(f"http://127.0.0.1:{worker.port}/healthz", timeout=2)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        report: dict[str, Any] = response.json()
        return report

    def leader(self) -> Worker | None:
        """The live worker that says it leads."""
        for worker in self.started:
            report = self.health(worker)
            if report is not None and report["workers"]["leading"]:
                return worker
        return None

    def post(self, update: dict[str, Any], secret: str, worker: Worker | None = None) -> Worker:
        """Deliver an update as a load balancer would: to `worker`, else to the next live one in turn."""
        live = [candidate for candidate in self.started if candidate.alive]
        target = worker or live[next(self._turn) % len(live)]
        response = httpx.post(f"http://127.0.0.1:{target.port}/telegram", json=update, timeout=10,
                              headers={"X-Telegram-Bot-Api-Secret-Token": secret})
        response.raise_for_status()
        return target

    def kill(self, worker: Worker) -> float:
        """kill -9; returns the moment (time.monotonic)."""
        worker.process.send_signal(signal.SIGKILL)
        at = time.monotonic()
        worker.process.wait(timeout=10)
        return at

    def side_runtime(self, knowledge: KnowledgeBase) -> Runtime:
        """The bot's services on the cluster's database, built as a worker builds them but never started: to set
        up chats and reminders the way the bot itself stores them."""
        settings = load_settings(self.config(), {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_PORT": "0"})
        repository = Repository(make_engine(settings.database_url))
        return build_runtime(settings, knowledge, {"telegram": _NoSender()}, lambda: datetime.now(settings.zone),
                             repository=repository)

    def subscribe(self, runtime: Runtime, chat_ids: list[int]) -> None:
        """Chats subscribed to broadcasts, as /dangky leaves them (negative ids are groups)."""
        services, now = runtime.services, runtime.scheduler.clock()
        for chat_id in chat_ids:
            chat = services.repository.chat("telegram", str(chat_id), now,
                                            kind="group" if chat_id < 0 else "private")
            services.broadcasts.subscribe(chat, now)

    def stop(self) -> dict[int, int]:
        """SIGTERM every live worker; returns each one's exit code."""
        for worker in self.started:
            if worker.alive:
                worker.process.send_signal(signal.SIGTERM)
        codes = {}
        for worker in self.started:
            try:
                codes[worker.number] = worker.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                codes[worker.number] = worker.process.wait()
        return codes


@contextlib.contextmanager
def running_cluster(cluster: Cluster) -> Iterator[Cluster]:
    """The cluster started, and every process ended when the block ends, whatever happened."""
    try:
        cluster.start()
        yield cluster
    finally:
        for worker in cluster.started:
            if worker.alive:
                worker.process.kill()
                worker.process.wait()
