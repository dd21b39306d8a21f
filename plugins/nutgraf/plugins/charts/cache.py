"""Rendered charts kept across builds, one folder per content hash: an unchanged chart never renders twice.

Every entry carries the SHA-256 of each of its files (MANIFEST), checked when the entry is looked up
and when a file is read: a truncated or altered file (a full disk, a killed copy, an edit in output/
through a hard link) makes the entry missing, so it is rendered again, never served.

Hashing every file of every entry at each build costs more than the rest of an edit's chart work, so the
entries a build found whole are recorded (INDEX) with each file's size, modification time and inode as
they were when hashed; the next build hashes again only the files whose stat differs. That still catches a
changed file: writing into a file (in place, or through a hard link in output/) sets its modification time,
and a file replaced (a copy, a restore, another build) has another inode or time. What it cannot catch is
a deliberate forgery that writes the same number of bytes and sets the old time back (as the record of the
site's files in ``nutgraf.driver.output_reuse`` cannot): a file a page shows is still checked as it is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from nutgraf.kernel import used_keys

# What every entry holds; a chart drawn for feeds or as a page's lead has its images too (render.render).
FILES = ("wide.svg", "narrow.svg", "wide.vg.json", "narrow.vg.json", "table.json")
MANIFEST = "sha256.json"
INDEX = "verified.pickle"  # the entries the last build found whole: their files' stats, and facts
INDEX_VERSION = 1
_DIGEST_SIZE = hashlib.sha256().digest_size


class DamagedCacheEntryError(Exception):
    """A cached file's bytes are not those written: the entry must be rendered again."""


def seal(data: bytes) -> bytes:
    """``data`` prefixed with its SHA-256, for a cache file read back with ``unseal``."""
    return hashlib.sha256(data).digest() + data


def unseal(sealed: bytes) -> bytes | None:
    """The data ``seal`` wrapped, or None when it was damaged since."""
    digest, data = sealed[:_DIGEST_SIZE], sealed[_DIGEST_SIZE:]
    return data if len(digest) == _DIGEST_SIZE and hashlib.sha256(data).digest() == digest else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_KEY = re.compile(r"[0-9a-f]{64}")


def cache_key(job_inputs: dict[str, Any]) -> str:
    """The hash of everything that decides a chart's pixels: specs (data inlined), theme and versions."""
    canonical = json.dumps(job_inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


Stat = tuple[int, int, int]  # a file's size, modification time (ns) and inode


def _stat_of(status: os.stat_result) -> Stat:
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def _recorded_entry(value: Any) -> dict[str, Any] | None:
    """An entry of the index as ``save_index`` writes it (``stats``: each file's, the manifest's too, by name;
    ``facts``: see ``fact``), or None (damaged, or written by other code)."""
    if not isinstance(value, dict):
        return None
    stats, facts = value.get("stats"), value.get("facts")
    if not (isinstance(stats, dict) and isinstance(facts, dict)) or not {*FILES, MANIFEST} <= stats.keys():
        return None
    if not all(
        isinstance(stat, tuple) and len(stat) == 3 and all(type(n) is int for n in stat) for stat in stats.values()
    ):
        return None
    return value


class ChartCache:
    """A folder of ``<key[:2]>/<key>/<file>``; entries are written whole or not at all.

    One instance serves one build: it reads each entry's manifest once (a page's figure, the site's assets and
    the lead chart each ask for it) and checks a whole entry's files once (preparing and rendering both ask),
    hashing only those whose stat changed since a build before found them whole (see the module's docstring).
    Every file read is still checked against its manifest.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._manifests: dict[str, dict[str, str]] = {}  # only those found: another process may write the rest
        self._whole: set[str] = set()
        self._index: dict[str, dict[str, Any]] | None = None  # read when first asked (render workers never ask)
        self._index_changed = False

    def __reduce__(self) -> tuple[type[ChartCache], tuple[Path]]:
        """Sent to each render job as its folder alone: what this build found is its own, and sizeable."""
        return (ChartCache, (self.root,))

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def _manifest(self, key: str) -> dict[str, str]:
        if key in self._manifests:
            return self._manifests[key]
        try:
            manifest = json.loads((self.folder(key) / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(manifest, dict):
            return {}
        self._manifests[key] = manifest
        return manifest

    def _forget(self, key: str) -> None:
        self._manifests.pop(key, None)
        self._whole.discard(key)
        if self._index is not None and self._index.pop(key, None) is not None:
            self._index_changed = True

    def _entries(self) -> dict[str, dict[str, Any]]:
        """The index: what the last build found whole (entries damaged or of another shape are left out)."""
        if self._index is None:
            try:
                with (self.root / INDEX).open("rb") as file:
                    stored = pickle.load(file)  # our own cache file, written by ``save_index``
            except Exception:  # missing, damaged, or pickled by other code: every entry is hashed again
                stored = None
            entries = (
                stored.get("entries") if isinstance(stored, dict) and stored.get("version") == INDEX_VERSION else None
            )
            self._index = {
                key: entry
                for key, value in (entries.items() if isinstance(entries, dict) else ())
                if (entry := _recorded_entry(value)) is not None
            }
        return self._index

    def _unchanged(self, key: str, stats: dict[str, Stat]) -> bool:
        """Whether every file of the entry has the stat it had when it was hashed."""
        folder = f"{self.root}/{key[:2]}/{key}/"  # strings, not paths: this runs for every file of every chart
        try:
            return all(_stat_of(os.stat(folder + name)) == stat for name, stat in stats.items())  # noqa: PTH116
        except OSError:
            return False

    def _hashed_whole(self, key: str) -> dict[str, Stat] | None:
        """Each file of the entry hashed and compared with its manifest: the files' stats (each taken as the file
        is opened, before it is read, so that a later write changes it) if every one is as written, else None."""
        folder = self.folder(key)
        stats: dict[str, Stat] = {}
        try:
            with (folder / MANIFEST).open("rb") as file:
                stats[MANIFEST] = _stat_of(os.fstat(file.fileno()))
                manifest = json.loads(file.read())
            if not isinstance(manifest, dict):
                return None
            for name in {*FILES, *manifest}:
                with (folder / name).open("rb") as file:
                    stats[name] = _stat_of(os.fstat(file.fileno()))
                    if manifest.get(name) != _sha256(file.read()):
                        return None
        except (OSError, ValueError):
            return None
        self._manifests[key] = manifest
        return stats

    def __contains__(self, key: str) -> bool:
        """Whether the entry is complete and every file's bytes are those written."""
        if key in self._whole:
            return True
        recorded = self._entries().get(key)
        if recorded is not None and self._unchanged(key, recorded["stats"]):
            self._whole.add(key)  # its manifest is read if a file of it is: its stat says it is the one checked
            return True
        stats = self._hashed_whole(key)
        if stats is None:
            self._forget(key)
            return False
        self._whole.add(key)
        self._entries()[key] = {"stats": stats, "facts": {}}
        self._index_changed = True
        return True

    def fact(self, key: str, name: str, source: str, work_out: Callable[[bytes], Any]) -> Any:
        """``work_out`` of the entry's file ``source`` (a render's size, say), kept in the index with the entry:
        while the entry is unchanged, later builds get it without reading the file."""
        recorded = self._entries().get(key) if key in self._whole else None
        if recorded is not None and name in recorded["facts"]:
            return recorded["facts"][name]
        value = work_out(self.read(key, source))
        if recorded is not None:
            recorded["facts"][name] = value
            self._index_changed = True
        return value

    def save_index(self, keys: Iterable[str]) -> None:
        """Record which of ``keys`` (this build's) were found whole, for the next build (replacing the index)."""
        entries = self._entries()
        kept = {key: entries[key] for key in sorted(set(keys)) if key in self._whole and key in entries}
        if not self._index_changed and kept.keys() == entries.keys():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.root, prefix=".index-", delete=False) as file:
            pickle.dump({"version": INDEX_VERSION, "entries": kept}, file, protocol=pickle.HIGHEST_PROTOCOL)
        Path(file.name).replace(self.root / INDEX)
        self._index, self._index_changed = kept, False

    def read(self, key: str, name: str) -> bytes:
        data = (self.folder(key) / name).read_bytes()
        if self._manifest(key).get(name) != _sha256(data):
            msg = f"the cached {name} of chart {key[:12]} is damaged: build again to render it anew"
            raise DamagedCacheEntryError(msg)
        return data

    def add(self, key: str, name: str, data: bytes) -> None:
        """Put ``data``, worked out from the whole entry's own files (its table as CSV, say), into the entry as the
        file ``name``, for later builds to link as they link its renders. Each file is put in place by a rename,
        the manifest last: a reader sees the entry as it was or with the file, never with a part of it."""
        folder = self.folder(key)
        manifest = {**self._manifest(key), name: _sha256(data)}
        manifest_bytes = json.dumps(manifest, sort_keys=True).encode("utf-8")
        for written, content in ((name, data), (MANIFEST, manifest_bytes)):
            # Written as ``write`` writes (with the umask's mode: the file is linked into the published site).
            temporary = folder / f".{written}.{os.getpid()}"
            temporary.write_bytes(content)
            temporary.replace(folder / written)
        self._manifests[key] = manifest
        recorded = self._entries().get(key) if key in self._whole else None
        if recorded is not None:  # the other files keep the stats they were hashed with
            for written in (name, MANIFEST):
                recorded["stats"][written] = _stat_of((folder / written).stat())
            self._index_changed = True

    def has(self, key: str, name: str) -> bool:
        """Whether the entry holds the file ``name`` (a chart's images are drawn only where used)."""
        recorded = self._entries().get(key) if key in self._whole else None
        return name in recorded["stats"] if recorded is not None else name in self._manifest(key)

    def path(self, key: str, name: str) -> Path:
        return self.folder(key) / name

    def keys(self) -> set[str]:
        """Every entry on disk, whole or not (the spec memo's ``specs/`` and staging folders are not entries)."""
        return {
            entry.name
            for shard in self.root.glob("[0-9a-f][0-9a-f]")
            for entry in shard.iterdir()
            if _KEY.fullmatch(entry.name) and entry.name.startswith(shard.name)
        }

    def remove(self, key: str) -> None:
        self._forget(key)
        shutil.rmtree(self.folder(key), ignore_errors=True)

    def record_used(self, keys: Iterable[str]) -> None:
        """Remember ``keys`` as the last successful build's (replacing the previous record whole)."""
        used_keys.record_used(self.root, keys)

    def used_by_last_build(self) -> set[str] | None:
        """The keys the last successful build recorded; None before any build recorded them."""
        return used_keys.used_by_last_build(self.root)

    def write(self, key: str, files: dict[str, bytes]) -> None:
        self._forget(key)
        target = self.folder(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=target.parent))
        for name, data in files.items():
            (staging / name).write_bytes(data)
        manifest = {name: _sha256(data) for name, data in files.items()}
        (staging / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
        try:
            staging.rename(target)  # atomic: readers see all files or none
        except OSError:  # another build wrote it first, or an incomplete entry is in the way
            if key in self:
                shutil.rmtree(staging, ignore_errors=True)
            else:
                shutil.rmtree(target, ignore_errors=True)
                staging.rename(target)
