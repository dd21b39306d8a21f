"""``nutgraf clean --stale``: keep the caches bounded by what the last successful build used.

CI restores ``.cache/`` from the latest run and saves it under a new key each run; without pruning,
every chart ever drawn (each edit of a chart's data is a new render), every spec built from it and
every social card would be carried forward for good. Each of these caches records the keys the last
successful build used (``nutgraf.kernel.used_keys``), and everything else is removed here.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from nutgraf.plugins.charts.cache import ChartCache
from nutgraf.plugins.charts.settings import ChartSettings
from nutgraf.plugins.charts.spec_memo import spec_memo
from nutgraf.plugins.site_meta.plugin import card_folder
from nutgraf.plugins.site_meta.social_card import CardCache


class KeyedCache(Protocol):
    def keys(self) -> set[str]: ...
    def remove(self, key: str) -> None: ...
    def used_by_last_build(self) -> set[str] | None: ...


@dataclass(frozen=True)
class PruneResult:
    removed: int  # entries removed
    kept: int  # entries kept (used by the last successful build)
    recorded: bool  # False: no build has recorded what it used yet, so nothing was removed


def folder_size(folder: Path) -> int:
    """Bytes in the files under ``folder`` (0 if it does not exist); links are not followed."""
    total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            try:
                total += (Path(parent) / name).lstat().st_size
            except OSError:  # removed while we looked
                continue
    return total


def prune_unused(cache: KeyedCache) -> PruneResult:
    """Remove every entry the last successful build did not use."""
    used = cache.used_by_last_build()
    present = cache.keys()
    if used is None:
        return PruneResult(removed=0, kept=len(present), recorded=False)
    stale = present - used
    for key in stale:
        cache.remove(key)
    return PruneResult(removed=len(stale), kept=len(present & used), recorded=True)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _caches(settings: dict[str, Any]) -> list[tuple[str, KeyedCache, Path]]:
    """(what its entries are, the cache, its folder) for every cache that records what a build used."""
    charts = ChartSettings.from_settings(settings)
    cards = card_folder(settings)
    memo = spec_memo(charts.cache_path)
    return [
        ("chart render(s)", ChartCache(charts.cache_path), charts.cache_path),
        ("built spec(s)", memo, memo.folder),
        ("social card(s)", CardCache(cards), cards),
    ]


def _obsolete(settings: dict[str, Any]) -> list[Path]:
    """Folders earlier versions kept and no build reads now (a restored CI cache would carry them for good)."""
    charts = ChartSettings.from_settings(settings)
    return [charts.cache_path / "feeds"]  # feed entries, made by parsing pages until feed figures were drawn


def prune(settings: dict[str, Any], cache_root: Path) -> dict[str, PruneResult]:
    """Prune every cache that records what a build used; print what was removed and every cache folder's size."""
    before = folder_size(cache_root)
    for folder in _obsolete(settings):
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"Removed {folder}: no build reads it any more.")
    results = {}
    for what, cache, folder in _caches(settings):
        result = results[what] = prune_unused(cache)
        if not result.recorded:
            print(f"No build has recorded its {what} in {folder} yet: nothing was removed.")
        else:
            print(f"Removed {result.removed} {what} the last build did not use; kept {result.kept}.")
    if cache_root.is_dir():
        for folder in sorted(path for path in cache_root.iterdir() if path.is_dir()):
            print(f"  {megabytes(folder_size(folder)):>10}  {folder.name}/")
    print(f"Cache {cache_root}: {megabytes(before)} before, {megabytes(folder_size(cache_root))} after.")
    return results
