"""What the benchmarks ran on: CPU, cores, memory, Python, key package versions, date.

Read from /proc and ``importlib.metadata`` so the description needs no extra dependency; a
field that cannot be read says so instead of failing the run.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = ("scrapy", "scrapy-playwright", "playwright", "twisted", "spacy", "jieba", "lxml",
            "elasticsearch", "noida-db", "scrapy-redis", "redis", "rich")
ROOT = Path(__file__).resolve().parents[1]


def cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    try:
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total(meminfo: Path = Path("/proc/meminfo")) -> str:
    try:
        for line in meminfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                kib = int(line.split()[1])
                return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _command_output(cmd: list[str]) -> str | None:
    if shutil.which(cmd[0]) is None:
        return None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() or None


def describe(now: dt.datetime | None = None) -> dict[str, str]:
    """Ordered label → value pairs describing this machine and software."""
    now = now or dt.datetime.now(dt.UTC)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    chromium = _command_output(["chromium", "--version"]) or "not found"
    commit = _command_output(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    versions = package_versions()
    return {
        "date": now.isoformat(timespec="seconds"),
        "CPU": cpu_model(),
        "cores": f"{os.cpu_count()} (usable by this process: {usable})",
        "memory": memory_total(),
        "OS": platform.platform(),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": ", ".join(f"{name} {version}" for name, version in versions.items()),
        "browser": chromium,
        "commit": commit,
    }
