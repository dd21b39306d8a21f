"""Write a site into a staging folder and swap it into place only when it is complete.

When the swap cannot be done (output/'s folder is read-only, output/ is a mount point or in use, the
staging folder cannot be made beside it), nothing is moved: ``OutputNotReplacedError`` says why, and
the staging folder is removed. A build killed outright (SIGKILL, power) leaves its staging folder
behind; the next build removes it, knowing it is nobody's by the lock a running build holds on it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; staging folders of killed builds are left for the user
    fcntl = None  # type: ignore[assignment]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# Ctrl-C, and the termination request CI sends when a run is cancelled.
_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


class OutputNotReplacedError(Exception):
    """The new site could not take output/'s place; output/ is as it was. The message says why."""


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


def _not_writable(target: Path) -> Path | None:
    """A folder the swap must change but cannot (read-only file system, immutable, no permission), if any.

    The swap renames in target's parent; removing the previous site then changes each of its folders.
    Checked before anything moves, so that a site is never replaced only to be found undeletable.
    """
    folders = [target.parent]
    if target.is_dir() and not target.is_symlink():
        folders += [Path(root) for root, _, _ in os.walk(target)]
    return next((folder for folder in folders if not os.access(folder, os.W_OK)), None)


# Run by the detached process that deletes previous sites: each argument is one such tree, nothing else.
_DELETE_TREES = "import shutil, sys\nfor tree in sys.argv[1:]:\n    shutil.rmtree(tree, ignore_errors=True)\n"


def _delete_detached(trees: list[Path]) -> None:
    """Delete ``trees`` in a process of their own that outlives this one: a build does not wait for it.

    Detached on each system (its own session on POSIX; no console, its own group on Windows), so that
    neither the build's exit nor a Ctrl-C in its terminal stops it half-way.
    """
    options: dict[str, Any] = (
        {"creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
        if os.name == "nt"
        else {"start_new_session": True}
    )
    _deleters.append(
        subprocess.Popen(
            [sys.executable, "-c", _DELETE_TREES, *map(str, trees)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            **options,
        )
    )
    _deleters[:] = [deleter for deleter in _deleters if deleter.poll() is None]  # reaps the finished ones


_deleters: list[subprocess.Popen[bytes]] = []  # kept, so that none is reported as still running when collected


def discard(tree: Path, trash: Path | None) -> None:
    """Delete ``tree``, a previous site: moved into ``trash`` and deleted there by a detached process when
    ``trash`` is on its disk, else here and now. Trees an earlier deletion left (a killed machine) go too."""
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            aside = Path(tempfile.mkdtemp(prefix="site-", dir=trash))
            aside.rmdir()
            tree.rename(aside)
        except OSError:  # another disk, or no such folder to be had: deleted the slow way
            pass
        else:
            try:
                _delete_detached(sorted(path for path in trash.iterdir() if path.is_dir() and not path.is_symlink()))
            except OSError:
                shutil.rmtree(aside, ignore_errors=True)
            return
    shutil.rmtree(tree)


def replace_directory(new: Path, target: Path, trash: Path | None = None) -> None:
    """Put ``new`` where ``target`` is, so that ``target`` is never missing or half-written.

    Raises OutputNotReplacedError, with ``target`` untouched, when that cannot be done. The previous site
    is deleted (``discard``) once ``new`` is in its place.
    """
    if (blocked := _not_writable(target)) is not None:
        msg = f"{blocked} cannot be changed (read-only, or not ours to write)"
        raise OutputNotReplacedError(msg)
    if not target.exists():
        try:
            new.rename(target)
        except OSError as error:
            raise OutputNotReplacedError(f"cannot move the new site to {target} ({error.strerror})") from None
        return
    if _exchange(new, target):
        discard(new, trash)  # ``new`` now holds the previous site.
        return
    # Fallback: two renames; the gap between them is a few microseconds.
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    try:
        target.rename(old)
    except OSError as error:  # a mount point (EBUSY), another file system, a folder in use on Windows
        raise OutputNotReplacedError(f"{target} cannot be moved aside ({error.strerror})") from None
    try:
        new.rename(target)
    except OSError as error:
        old.rename(target)  # put the previous site back
        raise OutputNotReplacedError(f"the new site cannot be moved to {target} ({error.strerror})") from None
    discard(old, trash)


def _locked(folder: Path) -> int | None:
    """An open descriptor of ``folder`` holding its lock (None where there are no locks)."""
    if fcntl is None:
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def remove_abandoned_staging(target: Path) -> list[Path]:
    """Remove staging folders beside ``target`` that no running build holds (left by killed builds)."""
    if fcntl is None or not target.parent.is_dir():
        return []
    removed = []
    for folder in sorted([*target.parent.glob(f".{target.name}-*"), *target.parent.glob(f".{target.name}.old-*")]):
        if folder.is_symlink() or not folder.is_dir():
            continue
        try:
            descriptor = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a build is writing into it right now
            continue
        else:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            os.close(descriptor)
    return removed


@contextmanager
def staged_directory(target: Path, trash: Path | None = None) -> Iterator[Path]:
    """Yield an empty folder beside ``target``; on success it replaces ``target``, and the previous site is
    deleted in ``trash`` without waiting for it (``discard``).

    On any failure, Ctrl-C included, the folder is removed and ``target`` is untouched. An interrupt
    during the swap itself waits for the swap to finish, then raises ``InterruptedAfterSwap``.
    """
    target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned_staging(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as error:
        msg = f"cannot make a staging folder beside {target} ({error.strerror})"
        raise OutputNotReplacedError(msg) from None
    lock = _locked(staging)  # while held, no other build takes this folder for a killed build's leftover
    try:
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
                replace_directory(staging, target, trash)
                swapped = True
        except KeyboardInterrupt as interrupt:
            if swapped:
                raise InterruptedAfterSwap from interrupt
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except OutputNotReplacedError:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    finally:
        if lock is not None:
            os.close(lock)
