"""Timing a command and sampling the peak memory of its whole process tree."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float  # the largest sum of resident memory over the process and its children
    peak_pss_mb: float  # the same with shared pages (libraries, the interpreter) divided among their users
    peak_main_rss_mb: float  # the build process alone (its render workers excluded)
    returncode: int
    stderr: str


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        with Path(f"/proc/{pid}/smaps_rollup").open() as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(_children(current))
    return found


def run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, interval: float = 0.1) -> Run:
    """Run ``command`` to completion; its wall time and the peak RSS of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = peak_main = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss, peak_main
        while not done.is_set():
            members = _tree(process.pid)
            peak = max(peak, sum(_rss(member) for member in members))
            peak_pss = max(peak_pss, sum(_pss(member) for member in members))
            peak_main = max(peak_main, _rss(process.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Run(seconds, peak / 2**20, peak_pss / 2**20, peak_main / 2**20, process.returncode, stderr)
