"""``nutgraf clean --stale``: keep the caches bounded by what the last successful build used.

CI restores ``.cache/`` from the latest run and saves it under a new key each run; without pruning,
every chart ever drawn (each edit of a chart's data is a new render) would be carried forward for
good. Chart renders are the bulk of the cache; the last successful build records the keys it used
(``ChartCache.record_used``), and everything else is removed here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.plugins.charts.cache import ChartCache
from nutgraf.plugins.charts.settings import ChartSettings


@dataclass(frozen=True)
class PruneResult:
    removed: int  # chart entries removed
    kept: int  # chart entries kept (used by the last successful build)
    recorded: bool  # False: no build has recorded its charts yet, so nothing was removed


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


def prune_charts(cache: ChartCache) -> PruneResult:
    """Remove every render the last successful build did not use."""
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


def prune(settings: dict[str, Any], cache_root: Path) -> PruneResult:
    """Prune the chart cache and print what was removed and the size of every cache folder."""
    charts = ChartCache(ChartSettings.from_settings(settings).cache_path)
    before = folder_size(cache_root)
    result = prune_charts(charts)
    if not result.recorded:
        print(f"No build has recorded its charts in {charts.root} yet: nothing was removed.")
    else:
        print(f"Removed {result.removed} chart render(s) the last build did not use; kept {result.kept}.")
    if cache_root.is_dir():
        for folder in sorted(path for path in cache_root.iterdir() if path.is_dir()):
            print(f"  {megabytes(folder_size(folder)):>10}  {folder.name}/")
    print(f"Cache {cache_root}: {megabytes(before)} before, {megabytes(folder_size(cache_root))} after.")
    return result
