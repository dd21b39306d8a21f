"""Rendered charts kept across builds, one folder per content hash: an unchanged chart never renders twice.

Every entry carries the SHA-256 of each of its files (MANIFEST), checked when the entry is looked up
and when a file is read: a truncated or altered file (a full disk, a killed copy, an edit in output/
through a hard link) makes the entry missing, so it is rendered again, never served.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nutgraf.kernel import used_keys

# What every entry holds; a chart drawn for feeds or as a page's lead has its images too (render.render).
FILES = ("wide.svg", "narrow.svg", "wide.vg.json", "narrow.vg.json", "table.json")
MANIFEST = "sha256.json"
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


class ChartCache:
    """A folder of ``<key[:2]>/<key>/<file>``; entries are written whole or not at all.

    One instance serves one build: it reads each entry's manifest once (a page's figure, the site's assets and
    the lead chart each ask for it) and checks a whole entry's files once (preparing and rendering both ask).
    Every file read is still checked against its manifest.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._manifests: dict[str, dict[str, str]] = {}  # only those found: another process may write the rest
        self._whole: set[str] = set()

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

    def __contains__(self, key: str) -> bool:
        """Whether the entry is complete and every file's bytes are those written."""
        if key in self._whole:
            return True
        manifest, folder = self._manifest(key), self.folder(key)
        try:
            names = {*FILES, *manifest}
            whole = all(manifest.get(name) == _sha256((folder / name).read_bytes()) for name in names)
        except OSError:
            whole = False
        if whole:
            self._whole.add(key)
        else:
            self._forget(key)
        return whole

    def read(self, key: str, name: str) -> bytes:
        data = (self.folder(key) / name).read_bytes()
        if self._manifest(key).get(name) != _sha256(data):
            msg = f"the cached {name} of chart {key[:12]} is damaged: build again to render it anew"
            raise DamagedCacheEntryError(msg)
        return data

    def has(self, key: str, name: str) -> bool:
        """Whether the entry holds the file ``name`` (a chart's images are drawn only where used)."""
        return name in self._manifest(key)

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
