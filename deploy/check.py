"""Checks the deployment files against the project without building anything: compose.yaml parses and wires the
workers to PostgreSQL and the knowledge folder; the Dockerfile's install step matches pyproject.toml (Python
version, extras, the packages it copies); the proxy passes on the webhooks but not /metrics; the systemd unit runs
the bot. Prints each problem, exits 1 if any.

    python deploy/check.py [--root FOLDER]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

CONTAINER_APP = Path("/app")


def dockerfile_steps(text: str) -> list[tuple[int, str, str]]:
    """(line, INSTRUCTION, arguments) for each instruction, continuation lines joined."""
    steps: list[tuple[int, str, str]] = []
    pending, start = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if not pending:
            start = number
        if stripped.startswith("#"):
            continue
        pending += " " + stripped.removesuffix("\\")
        if not stripped.endswith("\\"):
            instruction, _, arguments = pending.strip().partition(" ")
            steps.append((start, instruction.upper(), arguments.strip()))
            pending = ""
    return steps


def _version(requirement: str) -> tuple[int, int]:
    found = re.search(r">=\s*(\d+)\.(\d+)", requirement)
    return (int(found[1]), int(found[2])) if found else (0, 0)


def check_dockerfile(root: Path, project: dict[str, Any]) -> list[str]:
    """The image installs this project, with extras pyproject declares, from every package folder it builds."""
    problems: list[str] = []
    path = root / "Dockerfile"
    steps = dockerfile_steps(path.read_text(encoding="utf-8"))
    base = next(((line, args) for line, kind, args in steps if kind == "FROM"), None)
    needed = _version(project["project"].get("requires-python", ""))
    if base is None or not (found := re.match(r"python:(\d+)\.(\d+)", base[1])):
        problems.append(f"{path}: cần FROM python:X.Y (pyproject: requires-python {needed[0]}.{needed[1]}+)")
    elif (int(found[1]), int(found[2])) < needed:
        problems.append(f"{path}:{base[0]}: python {found[1]}.{found[2]} thấp hơn requires-python của pyproject")
    installs = [(line, args) for line, kind, args in steps if kind == "RUN" and re.search(r"pip install\s", args)]
    project_install = [(line, args) for line, args in installs if re.search(r"""["']?\.(\[[^\]]*\])?["']?(\s|$)""",
                                                                             args)]
    if len(project_install) != 1:
        problems.append(f"{path}: cần đúng một bước `pip install \".[…]\"` cài dự án (thấy {len(project_install)})")
        return problems
    line, args = project_install[0]
    target = next((word for word in shlex.split(args) if word.startswith(".")), ".")
    extras = set(filter(None, re.findall(r"\[([^\]]*)\]", target)[0].split(","))) if "[" in target else set()
    declared = set(project["project"].get("optional-dependencies", {}))
    for extra in sorted(extras - declared):
        problems.append(f"{path}:{line}: extra «{extra}» không có trong [project.optional-dependencies] của "
                        f"pyproject.toml (có: {', '.join(sorted(declared))})")
    if "postgres" not in extras:
        problems.append(f"{path}:{line}: thiếu extra «postgres»: compose.yaml chạy bot trên PostgreSQL")
    copied = {Path(word.rstrip("/")) for at, kind, args in steps if kind == "COPY" and at < line
              for word in shlex.split(args)[:-1] if not word.startswith("--")}
    wanted = {Path(name.split(".")[0]) for name in project["tool"]["setuptools"]["packages"]}
    wanted |= {Path("pyproject.toml"), Path(project["project"].get("readme", "README.md"))}
    for missing in sorted(wanted - copied):
        problems.append(f"{path}:{line}: {missing} chưa được COPY trước bước cài đặt (pyproject cần nó)")
    if "ocr" in extras and not any("tesseract-ocr-vie" in args for _, kind, args in steps if kind == "RUN"):
        problems.append(f"{path}: extra «ocr» cần gói apt tesseract-ocr-vie (nhận dạng chữ tiếng Việt)")
    entry = next((args for _, kind, args in steps if kind == "ENTRYPOINT"), "")
    if '"-m", "bot"' not in entry:
        problems.append(f"{path}: ENTRYPOINT phải chạy python -m bot")
    return problems


def _environment(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.split("=", 1) for item in environment if "=" in item)
    return {str(key): str(value) for key, value in environment.items()}


def check_compose(root: Path) -> list[str]:
    """compose.yaml parses; the workers reach the postgres service through psycopg, mount the config and the
    knowledge folder where the image's config.yaml expects them, and wait for the schema upgrade."""
    path = root / "compose.yaml"
    try:
        compose = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [f"{path}:{mark.line + 1 if mark else '?'}: YAML không hợp lệ ({getattr(error, 'problem', error)})"]
    services = (compose or {}).get("services") or {}
    problems = [f"{path}: thiếu dịch vụ «{name}»" for name in ("postgres", "bot", "migrate") if name not in services]
    if problems:
        return problems
    bot = services["bot"]
    url = _environment(bot).get("DATABASE_URL", "")
    if not re.match(r"postgresql\+psycopg://[^@]+@postgres[:/]", url):
        problems.append(f"{path}: bot.environment.DATABASE_URL phải là postgresql+psycopg://…@postgres/… (có: {url})")
    config = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    ingest = CONTAINER_APP / config.get("knowledge", {}).get("ingest_dir", "data/documents")
    mounts = [re.sub(r"\$\{[^}]*\}", "HOST", str(volume)).split(":") for volume in bot.get("volumes") or []]
    targets = {parts[1] for parts in mounts if len(parts) >= 2}
    for needed, what in ((str(ingest), "thư mục văn bản (knowledge.ingest_dir)"),
                         (str(CONTAINER_APP / "config.yaml"), "tệp cấu hình")):
        if needed not in targets:
            problems.append(f"{path}: bot.volumes phải gắn {what} vào {needed}")
    waits = bot.get("depends_on") or {}
    if (waits.get("postgres") or {}).get("condition") != "service_healthy":
        problems.append(f"{path}: bot phải chờ postgres sẵn sàng (depends_on.postgres.condition: service_healthy)")
    if (waits.get("migrate") or {}).get("condition") != "service_completed_successfully":
        problems.append(f"{path}: bot phải chờ migrate xong (condition: service_completed_successfully)")
    if services["migrate"].get("command") != ["db", "upgrade"]:
        problems.append(f"{path}: migrate phải chạy [db, upgrade]")
    return problems + _docker_compose_config(path)


def _docker_compose_config(path: Path) -> list[str]:
    """Where Docker Compose is installed, its own reading of the file too (nothing is built or started)."""
    docker = shutil.which("docker")
    if docker is None:
        return []
    plugin = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, check=False)
    if plugin.returncode != 0:
        return []
    result = subprocess.run([docker, "compose", "-f", str(path), "config", "--quiet"], capture_output=True,
                            text=True, check=False, env={**os.environ, "POSTGRES_PASSWORD": "check"})
    return [] if result.returncode == 0 else [f"{path}: docker compose config: {result.stderr.strip()}"]


_LOCATION_RE = re.compile(r"location\s+(?:(=|~\*|~|\^~)\s+)?(\S+)\s*\{([^}]*)\}")
PROBES = ("/telegram", "/zalo", "/healthz", "/metrics")


def _location(blocks: list[tuple[str, str, str]], path: str) -> tuple[str, str, str] | None:
    """The location block nginx picks for `path`: exact, then a ^~ prefix, then the first regex, then the longest
    prefix."""
    exact = [block for block in blocks if block[0] == "=" and block[1] == path]
    if exact:
        return exact[0]
    prefixes = [block for block in blocks if block[0] in ("", "^~") and path.startswith(block[1])]
    longest = max(prefixes, key=lambda block: len(block[1]), default=None)
    if longest is not None and longest[0] == "^~":
        return longest
    for block in blocks:
        if block[0] in ("~", "~*") and re.search(block[1], path, re.IGNORECASE if block[0] == "~*" else 0):
            return block
    return longest


def forwarded_paths(text: str) -> set[str]:
    """Which of the bot's paths an nginx server block passes on to the workers."""
    blocks = [(match[1] or "", match[2], match[3]) for match in _LOCATION_RE.finditer(text)]
    return {path for path in PROBES if (block := _location(blocks, path)) is not None and "proxy_pass" in block[2]}


def check_proxy(root: Path) -> list[str]:
    """compose's proxy passes the webhooks on, and not /metrics: Prometheus scrapes each worker on the compose
    network, and the public address shows no counters."""
    path = root / "deploy" / "nginx.conf"
    forwarded = forwarded_paths(path.read_text(encoding="utf-8"))
    problems = [f"{path}: {hook} phải được chuyển tới các tiến trình bot (webhook)"
                for hook in ("/telegram", "/zalo") if hook not in forwarded]
    if "/metrics" in forwarded:
        problems.append(f"{path}: /metrics không được chuyển ra địa chỉ công khai; Prometheus gọi từng tiến trình")
    return problems


def check_systemd(root: Path) -> list[str]:
    """The unit starts `python -m bot run` and does not restart on a start-up problem (exit code 2)."""
    path = root / "deploy" / "directive-bot.service"
    text = path.read_text(encoding="utf-8")
    problems = []
    if not re.search(r"^ExecStart=\S*python3?\s+-m bot run$", text, re.MULTILINE):
        problems.append(f"{path}: ExecStart phải chạy python -m bot run")
    if not re.search(r"^RestartPreventExitStatus=2$", text, re.MULTILINE):
        problems.append(f"{path}: thiếu RestartPreventExitStatus=2 (lỗi khởi động không tự hết khi chạy lại)")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run every check; 0 when all pass."""
    parser = argparse.ArgumentParser(description="Kiểm tra Dockerfile, compose.yaml, đơn vị systemd")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    root = parser.parse_args(argv).root
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    problems = check_dockerfile(root, project) + check_compose(root) + check_proxy(root) + check_systemd(root)
    for problem in problems:
        print(problem)
    if not problems:
        print("Dockerfile, compose.yaml và đơn vị systemd khớp với pyproject.toml.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
