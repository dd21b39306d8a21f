"""Results of per-file work kept between builds, by the content they were computed from.

Work that reads one file and nothing else (the HTML policy renders a file's Markdown to look at its HTML)
gives the same answer for the same bytes. Kept under a hash of the file's name and text and of what else
the answer depends on (``salt``: settings, library versions; nutgraf's own code is always part of it), it
is done again only for the files that changed, and an edit costs the work of one file, not of the site.

One pickle per kind of work, read once per build and written whole (a killed build leaves the old one);
a build of the whole content drops the entries of files it no longer has. A file that cannot be read
back (damaged, written by other code) is an empty memo, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_CODE = Path(__file__).resolve().parents[1]  # the nutgraf package


@functools.cache
def file_digest(path: Path, mtime_ns: int, size: int) -> bytes:
    """A code file's hash, read again only when the file changed: a long-lived process (the live preview's)
    fingerprints code on every render, and reading a hundred files each time costs more than the render."""
    return hashlib.sha256(path.read_bytes()).digest()


def code_digest() -> str:
    """A hash of nutgraf's Python code: a changed check must not be answered from an older one's memo."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.rglob("*.py")):
        status = path.stat()
        digest.update(path.relative_to(_CODE).as_posix().encode() + b"\0")
        digest.update(file_digest(path, status.st_mtime_ns, status.st_size))
    return digest.hexdigest()


class FileMemo:
    """One kind of per-file work's results, by file; kept in ``path`` (None: for this process only)."""

    def __init__(self, path: Path | None, salt: str) -> None:
        self.path = path
        self.salt = f"{code_digest()}\0{salt}"
        self._entries: dict[str, Any] = self._load()
        self._used: set[str] = set()
        self._changed = False
        # The files whose work was done, not found, in this process: what an edit cost (tests look here).
        self.computed: list[str] = []

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as stored:
                entries = pickle.load(stored)  # our own cache file, written below
        except Exception:  # missing, damaged, or pickled by other code: start afresh
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, name: str, text: str, compute: Callable[[], T]) -> T:
        """``compute()`` for the file ``name`` whose content is ``text``, or its result kept from a build before."""
        key = hashlib.sha256(f"{self.salt}\0{name}\0{text}".encode()).hexdigest()
        self._used.add(key)
        if key not in self._entries:
            self._entries[key] = compute()
            self._changed = True
            self.computed.append(name)
        return self._entries[key]

    def save(self, *, prune: bool) -> None:
        """Write the memo; ``prune`` (a build that saw every file) drops the entries it did not use."""
        if self.path is None:
            return
        if prune and len(self._used) < len(self._entries):
            self._entries = {key: value for key, value in self._entries.items() if key in self._used}
            self._changed = True
        if not self._changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        with temporary.open("wb") as stored:
            pickle.dump(self._entries, stored, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.path)
        self._changed = False


# How a check asks for its memo: ``BuildContext.memo(name, salt)``.
Memos = Callable[[str, str], FileMemo]


class FileDigests:
    """Files' SHA-256, kept between builds by each file's stat: a build reads again only the files changed since.

    A file's key is its size, modification and status-change times, inode and device. The status-change time
    (ctime) is what makes skipping the read safe: every write, truncation, rename, restore or ``touch`` sets it
    to the present, and nothing short of setting the system clock back undoes that, so a file changed since
    it was hashed has another key, even when its size and modification time were put back. A file changed in
    the same clock tick as it was hashed could keep its key, so a file changed in the last seconds before it
    was hashed is not kept (as git treats "racily clean" files). Not for files a build hard-links elsewhere:
    each link sets their ctime, which would only cost a read each build.

    Kept in ``path`` (None: for this process only), read once, written whole with the files this build hashed.
    """

    RECENT_NS = 2 * 10**9  # a file changed this close to its hashing is hashed again next time

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, tuple[tuple[int, ...], str]] = self._load()
        self._used: dict[str, tuple[tuple[int, ...], str]] = {}
        self._recent: set[str] = set()  # hashed, but not to be kept (see the class's docstring)
        self._changed = False

    def _load(self) -> dict[str, tuple[tuple[int, ...], str]]:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as stored:
                entries = pickle.load(stored)  # our own cache file, written below
        except Exception:  # missing, damaged, or pickled by other code: every file is hashed again
            return {}
        return entries if isinstance(entries, dict) else {}

    def digest(self, path: str | os.PathLike[str]) -> str:
        """The hex SHA-256 of the file's bytes (OSError when it cannot be read)."""
        name = os.fspath(path)
        status = os.stat(name)  # noqa: PTH116 - a string: this runs for every data file
        key = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)
        found = self._used.get(name) or self._entries.get(name)
        if not (isinstance(found, tuple) and len(found) == 2 and found[0] == key):
            with open(name, "rb") as file:  # noqa: PTH123 - a string: this runs for every data file
                found = (key, hashlib.sha256(file.read()).hexdigest())
            self._changed = True
            if time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) < self.RECENT_NS:
                self._recent.add(name)
            else:
                self._recent.discard(name)
        self._used[name] = found
        return found[1]

    def save(self) -> None:
        """Keep the digests of the files this build hashed or found (the others' are dropped)."""
        if self.path is None or not (self._changed or self._used.keys() != self._entries.keys()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        kept = {name: found for name, found in self._used.items() if name not in self._recent}
        with temporary.open("wb") as stored:
            pickle.dump(kept, stored, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.path)
        self._entries, self._changed = kept, False
