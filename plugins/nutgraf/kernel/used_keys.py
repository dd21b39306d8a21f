"""The entries of a cache the last successful build used, one key a line: what ``nutgraf clean --stale`` keeps.

Each cache that grows with every edit (chart renders, built specs, social cards) writes its record at the end
of a build; ``nutgraf.driver.stale_cache`` removes whatever is not in it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

USED_KEYS_FILE = "used-by-last-build.txt"


def record_used(folder: Path, keys: Iterable[str]) -> None:
    """Remember ``keys`` as the last successful build's (replacing the previous record whole)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, prefix=".used-", delete=False, encoding="utf-8") as file:
        file.write("".join(f"{key}\n" for key in sorted(set(keys))))
    Path(file.name).replace(folder / USED_KEYS_FILE)


def used_by_last_build(folder: Path) -> set[str] | None:
    """The keys the last successful build recorded in ``folder``; None before any build recorded them."""
    try:
        text = (folder / USED_KEYS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return set(text.split())
