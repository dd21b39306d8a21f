"""Rendered charts kept across builds, one folder per content hash: an unchanged chart never renders twice."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FILES = ("wide.svg", "narrow.svg", "wide.vg.json", "narrow.vg.json", "chart.png")
# The keys the last successful build used, one a line: what ``nutgraf clean --stale`` keeps.
USED_KEYS_FILE = "used-by-last-build.txt"
_KEY = re.compile(r"[0-9a-f]{64}")


def cache_key(job_inputs: dict[str, Any]) -> str:
    """The hash of everything that decides a chart's pixels: specs (data inlined), theme and versions."""
    canonical = json.dumps(job_inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ChartCache:
    """A folder of ``<key[:2]>/<key>/<file>``; entries are written whole or not at all."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def __contains__(self, key: str) -> bool:
        folder = self.folder(key)
        return all((folder / name).is_file() for name in FILES)

    def read(self, key: str, name: str) -> bytes:
        return (self.folder(key) / name).read_bytes()

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
        shutil.rmtree(self.folder(key), ignore_errors=True)

    def record_used(self, keys: Iterable[str]) -> None:
        """Remember ``keys`` as the last successful build's (replacing the previous record whole)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=self.root, prefix=".used-", delete=False, encoding="utf-8") as file:
            file.write("".join(f"{key}\n" for key in sorted(set(keys))))
        Path(file.name).replace(self.root / USED_KEYS_FILE)

    def used_by_last_build(self) -> set[str] | None:
        """The keys the last successful build recorded; None before any build recorded them."""
        try:
            text = (self.root / USED_KEYS_FILE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return set(text.split())

    def write(self, key: str, files: dict[str, bytes]) -> None:
        target = self.folder(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=target.parent))
        for name, data in files.items():
            (staging / name).write_bytes(data)
        try:
            staging.rename(target)  # atomic: readers see all files or none
        except OSError:  # another build wrote it first, or an incomplete entry is in the way
            if key in self:
                shutil.rmtree(staging, ignore_errors=True)
            else:
                shutil.rmtree(target, ignore_errors=True)
                staging.rename(target)
