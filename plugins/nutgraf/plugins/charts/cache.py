"""Rendered charts kept across builds, one folder per content hash: an unchanged chart never renders twice."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

FILES = ("wide.svg", "narrow.svg", "wide.vg.json", "narrow.vg.json", "table.json", "chart.png", "card.png", "thumb.svg")


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
