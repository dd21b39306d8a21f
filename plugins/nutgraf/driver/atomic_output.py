"""Write a site into a staging folder and swap it into place only when it is complete."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# Ctrl-C, and the termination request CI sends when a run is cancelled.
_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


class InterruptedAfterSwap(KeyboardInterrupt):
    """An interrupt that arrived while the new site was being swapped in: the swap was completed first."""


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, so the swap is never left half-way."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        # A signal that came in meanwhile is delivered here, as KeyboardInterrupt.
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux's renameat2; False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def replace_directory(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, so that ``target`` is never missing or half-written."""
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # ``new`` now holds the previous site.
        return
    # Fallback: two renames; the gap between them is a few microseconds.
    old = Path(tempfile.mkdtemp(prefix=".output.old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old)


@contextmanager
def staged_directory(target: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``target``; on success it replaces ``target``.

    On any failure, Ctrl-C included, the folder is removed and ``target`` is untouched. An interrupt
    during the swap itself waits for the swap to finish, then raises ``InterruptedAfterSwap``.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swapped = False
    try:
        with _interrupts_deferred():
            # mkdtemp makes the folder private (0700); a web server must be able to read the site.
            staging.chmod(0o755)
            replace_directory(staging, target)
            swapped = True
    except KeyboardInterrupt as interrupt:
        if swapped:
            raise InterruptedAfterSwap from interrupt
        shutil.rmtree(staging, ignore_errors=True)
        raise
