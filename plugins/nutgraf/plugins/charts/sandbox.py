"""Editors' Altair modules run in a child process, never in the build: what they may and may not do.

A module runs with
- a wall-clock limit (CHARTS_ALTAIR_TIMEOUT, 30 s): past it, it and everything it started are killed;
- a memory limit (MEMORY_MB of address space, where the platform has RLIMIT_AS): past it, allocations
  fail with MemoryError;
- an empty environment (no tokens or paths of the build machine to read), an empty temporary working
  folder of its own (removed afterwards), and, on Linux where user namespaces are allowed, no network;
- a session (process group) of its own, killed when the module is done: a subprocess it leaves
  running does not outlive the build.
Its only result is the spec of the chart its function returns, as JSON; exceptions, ``sys.exit``,
``os._exit``, crashes and time-outs are reported as the module's error. It can still read files the
build's user can read (nothing stops ``open('/etc/…')``); but data belongs in content/ and is passed to
the function by the block's ``data:``, and what it returns is checked like any spec.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("altair_child.py")
# Altair and its imports take ~60 MB of address space; a chart's data is at most a few MB. pandas, if a
# module imports it, takes ~400 MB more. A gigabyte leaves room for both and stops a runaway allocation.
MEMORY_MB = 1024
# A chart's spec with its data inlined: data is at most CHARTS_MAX_DATA_BYTES (1 MB) as a file, more as JSON.
MAX_RESULT_BYTES = 16_000_000


class ModuleError(Exception):
    """Why a module gave no chart: ``message`` (after the module's reference) and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    # Nothing of the group may be left (ProcessLookupError), or there are no process groups here.
    with contextlib.suppress(ProcessLookupError, PermissionError, AttributeError):
        os.killpg(process.pid, signal.SIGKILL)


def _failure(outcome: dict[str, Any], shown: str) -> ModuleError | None:
    if "exit" in outcome:
        return ModuleError(f"called sys.exit({outcome['exit']})", "return a chart instead of exiting")
    if "raised" in outcome:
        where = f" at {shown}:{outcome['line']}" if outcome.get("line") else ""
        text = f": {outcome['message']}" if outcome.get("message") else ""
        return ModuleError(f"raised {outcome['raised']}{where}{text}", f"run it with python {shown} to see why")
    if "returned" in outcome:
        return ModuleError(
            f"returned {outcome['returned']}, not an Altair chart", "return an alt.Chart (or layer, concat …)"
        )
    return None


def run_module(
    path: Path, function: str, data: dict[str, Any] | None, *, shown: str, timeout: int, memory_mb: int = MEMORY_MB
) -> dict[str, Any]:
    """The Vega-Lite spec ``path``'s ``function`` returns (given ``data`` as alt.Data), or ModuleError."""
    with tempfile.TemporaryDirectory(prefix="nutgraf-altair-") as work:
        data_path = ""
        if data is not None:
            data_path = str(Path(work) / ".data.json")
            Path(data_path).write_text(json.dumps(data, default=str), encoding="utf-8")
        command = [sys.executable, "-I", str(CHILD), str(path.resolve()), function, data_path, str(memory_mb << 20)]
        process = subprocess.Popen(
            command,
            cwd=work,
            env={},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=timeout if timeout > 0 else None)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.wait()  # not communicate(): a process that left the group may still hold the pipe
            raise ModuleError(
                f"took longer than {timeout} s", "make it faster or raise CHARTS_ALTAIR_TIMEOUT"
            ) from None
        finally:
            _kill_group(process)  # whatever it started, still running or not
            if process.stdout is not None:
                process.stdout.close()
    if len(output) > MAX_RESULT_BYTES:
        size = f"{len(output) / 1e6:,.0f} MB"
        raise ModuleError(f"returned a spec of {size}; at most {MAX_RESULT_BYTES // 10**6} MB", "aggregate its data")
    try:
        outcome = json.loads(output.decode("utf-8")) if output else {}
    except ValueError:
        outcome = {}
    if not isinstance(outcome, dict) or not outcome:
        code = process.returncode
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            message = f"was killed by {name} (a crash, or more memory than {memory_mb} MB)"
        else:
            message = f"ended the process (exit code {code}) without returning a chart"
        raise ModuleError(message, "return a chart from the function; do not exit the process")
    failure = _failure(outcome, shown)
    if failure is not None:
        raise failure
    spec = outcome.get("spec")
    if not isinstance(spec, dict):
        raise ModuleError("returned something that is not an Altair chart", "return an alt.Chart")
    return spec
