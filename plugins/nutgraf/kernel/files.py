"""Putting cached files into the site being built."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link when the cache and the site share a disk (a rebuild then writes no bytes), else a copy.

    Safe for cache entries, which are never changed in place, only replaced whole. Never a
    symbolic link: a published site must hold its files, not point at a build machine's cache.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
