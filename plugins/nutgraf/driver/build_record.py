"""What the last successful build of an output folder was made from, and what it wrote.

A build whose inputs are byte for byte those of the last successful build, into an output
folder nobody has touched since, would write the same bytes again (builds are reproducible:
``source_date_epoch``). So it is skipped, as make or Hugo skip up-to-date targets, and a
rebuild with nothing changed costs a walk over the inputs instead of a full Pelican run.

The inputs are every file Pelican and our plugins read (content, theme, plugin code), the
settings' values, the installed packages' versions and the build's "now". Anything left out
would serve a stale site, so the list errs on the side of rebuilding.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path, PurePath
from typing import Any

from nutgraf.driver.content_cache import fingerprint

RECORD_VERSION = "1"
_SKIPPED_FOLDERS = frozenset({"__pycache__", ".git", ".pytest_cache", ".ruff_cache"})


def _files(folder: Path) -> Iterable[Path]:
    """Every file under ``folder`` (symbolic links followed, as Pelican does), in a stable order.

    A folder reached twice (a link to a folder containing it) is walked once: a loop cannot trap the walk.
    """
    seen: set[tuple[int, int]] = set()
    for root, folders, names in os.walk(folder, followlinks=True):
        try:
            status = Path(root).stat()
        except OSError:
            folders[:] = []
            continue
        if (status.st_dev, status.st_ino) in seen:
            folders[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        folders[:] = sorted(name for name in folders if name not in _SKIPPED_FOLDERS)
        for name in sorted(names):
            yield Path(root) / name


def _packages() -> list[tuple[str, str]]:
    """Every installed distribution and its version: Pelican, Markdown, Altair, vl-convert, Pagefind, Babel…"""
    return list(_packages_installed(_install_stamps()))


def _install_stamps() -> tuple[tuple[str, int], ...]:
    """Each import folder and its modification time: installing or removing a package adds or removes its
    metadata folder (``*.dist-info``) there, which changes the folder's time; nothing else is needed to
    know that the installed packages are still those read last time in this process (the live preview
    builds again and again)."""
    stamps = []
    for folder in sys.path:
        try:
            stamps.append((folder, Path(folder or ".").stat().st_mtime_ns))
        except OSError:
            stamps.append((folder, -1))
    return tuple(stamps)


@functools.lru_cache(maxsize=1)
def _packages_installed(stamps: tuple[tuple[str, int], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted({(str(dist.metadata["Name"]).lower(), dist.version) for dist in distributions()}))


def input_folders(settings: dict[str, Any], plugins_folder: Path) -> list[Path]:
    """The folders a build reads: content, theme and plugin code."""
    plugin_paths = [Path(settings["PATH"]).parent / path for path in settings.get("PLUGIN_PATHS") or []]
    folders = [Path(settings["PATH"]), Path(settings["THEME"]), plugins_folder, *plugin_paths]
    unique: dict[Path, None] = {}
    for folder in folders:
        unique.setdefault(folder.resolve(), None)
    return list(unique)


def input_files(folders: list[Path]) -> dict[Path, bytes]:
    """Each file the build reads (under ``folders``, as ``folder / relative path``) → the hash of its bytes."""
    found: dict[Path, bytes] = {}
    for folder in folders:
        for path in _files(folder):
            try:
                # A FIFO or device is never opened (reading it could block forever): the check refuses it.
                data = path.read_bytes() if stat.S_ISREG(path.stat().st_mode) else b"\0special"
            except OSError:  # a dangling link or an unreadable file: its absence is part of the state
                data = b"\0unreadable"
            found[path] = hashlib.sha256(data).digest()
    return found


def inputs_digest(
    settings: dict[str, Any], folders: list[Path], epoch: int, files: dict[Path, bytes] | None = None
) -> str:
    """The hash of everything a build's output is made from (see the module's docstring); ``files`` are
    ``input_files(folders)`` when the caller has them already."""
    files = input_files(folders) if files is None else files
    digest = hashlib.sha256(RECORD_VERSION.encode())
    digest.update(fingerprint(settings, []).encode())  # the settings' values
    digest.update(json.dumps([_packages(), epoch]).encode())
    for folder in folders:
        digest.update(b"\0folder\0" + str(folder).encode())
        prefix = os.path.join(str(folder), "")  # noqa: PTH118 - strings: thousands of files
        for path, file_hash in files.items():
            name = str(path)
            if name.startswith(prefix):  # what path.is_relative_to(folder) says, at a string's cost
                digest.update(b"\0" + PurePath(name[len(prefix) :]).as_posix().encode() + b"\0")
                digest.update(file_hash)
    return digest.hexdigest()


def _output_entries(folder: str, prefix: str, digest: Any) -> None:
    """Feed ``digest`` each file's path, size and modification time under ``folder``, in name order.

    ``os.scandir`` rather than a walk with ``Path.stat``: a site has tens of thousands of files, and this
    runs on every build, twice when something changed. Links are not followed: a site holds its files.
    """
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _output_entries(entry.path, f"{prefix}{entry.name}/", digest)
        else:
            status = entry.stat(follow_symlinks=False)
            digest.update(f"{prefix}{entry.name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())


def output_digest(output: Path) -> str | None:
    """The hash of the output folder's file names, sizes and modification times; None if it does not exist."""
    if not output.is_dir():
        return None
    digest = hashlib.sha256()
    try:
        _output_entries(str(output), "", digest)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class BuildRecord:
    """The record of one output folder's last successful build, kept in the cache folder."""

    path: Path

    @classmethod
    def for_output(cls, cache_root: Path, output: Path) -> BuildRecord:
        name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
        return cls(cache_root / "builds" / f"{name}.json")

    def _read(self) -> dict[str, Any]:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return record if isinstance(record, dict) else {}

    def is_current(self, inputs: str, output: Path) -> bool:
        """Whether ``output`` holds, untouched, what a build of these inputs wrote."""
        record = self._read()
        if record.get("inputs") != inputs or record.get("output") != str(output.resolve()):
            return False
        written = record.get("written")
        return written is not None and written == output_digest(output)

    def save(self, inputs: str, output: Path) -> None:
        record = {"inputs": inputs, "output": str(output.resolve()), "written": output_digest(output)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        temporary.replace(self.path)  # whole or not at all: a killed build leaves the old record
        self._drop_orphans()

    def _drop_orphans(self) -> None:
        """Forget builds into folders that are gone (temporary outputs of ``invoke check --site``, tests)."""
        for other in self.path.parent.glob("*.json"):
            output = BuildRecord(other)._read().get("output")
            if other != self.path and not (isinstance(output, str) and Path(output).is_dir()):
                other.unlink(missing_ok=True)
