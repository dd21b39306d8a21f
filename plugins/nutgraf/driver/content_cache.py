"""Where Pelican keeps its content cache: a folder per fingerprint of what the parsed pages depend on.

Pelican keys its reader cache on each Markdown file alone and never notices that the settings
or our Markdown extensions changed; a stale page would then be served from the cache. Naming
the folder after a hash of the settings, of our plugins' code and of the library versions
makes any such change start a fresh cache (and a failed build removes it: Pelican leaves a
half-written cache file behind when it cannot save, and cannot read one back). Chart data is
not part of it: chart figures are put into pages as they are written (``charts.hooks.chart_figures``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from nutgraf.kernel.context import CONTEXT_SETTING
from nutgraf.kernel.file_memo import file_digest

# Settings that change on every build, or that only say where files go.
_VOLATILE = frozenset({"OUTPUT_PATH", "CACHE_PATH", "BUILD_DATE", "DELETE_OUTPUT_DIRECTORY", CONTEXT_SETTING})
_LIBRARIES = ("pelican", "markdown")
# Our Markdown extensions' code, and the catalogues they translate headings such as "Sources" with.
_CODE_SUFFIXES = (".py", ".po")


def _plain(value: Any) -> Any:
    """Values as JSON can say them; objects become their type's name (their repr holds addresses)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    return type(value).__qualname__


def fingerprint(settings: dict[str, Any], code_folders: list[Path]) -> str:
    digest = hashlib.sha256()
    plain = {key: _plain(value) for key, value in settings.items() if key not in _VOLATILE}
    digest.update(json.dumps(plain, sort_keys=True).encode())
    digest.update(json.dumps({name: version(name) for name in _LIBRARIES}).encode())
    for folder in code_folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in _CODE_SUFFIXES or not path.is_file():
                continue
            status = path.stat()
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(file_digest(path, status.st_mtime_ns, status.st_size))
    return digest.hexdigest()[:16]


def content_cache_path(settings: dict[str, Any], plugins_folder: Path) -> Path:
    """The cache folder for these settings and this code; older folders beside it are removed."""
    root = Path(settings["CACHE_PATH"])
    if not root.is_absolute():
        root = Path(settings["PATH"]).parent / root
    current = root / fingerprint(settings, [plugins_folder, Path(settings["THEME"]) / "translations"])
    if root.is_dir():
        for folder in root.iterdir():
            if folder != current and folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
    if settings.get("GZIP_CACHE", True):
        _drop_damaged(current)
    return current


def _drop_damaged(folder: Path) -> None:
    """Remove cache files that are not whole, so Pelican starts them afresh instead of crashing.

    Pelican writes its cache in place: a build killed while saving, or two builds saving at
    once, leave a truncated file, which Pelican fails to read (EOFError) on every later build.
    """
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        try:
            with gzip.open(path, "rb") as cache:
                while cache.read(1 << 20):  # gzip checks its length and CRC at the end
                    pass
        except (OSError, EOFError, zlib.error):
            path.unlink(missing_ok=True)


@contextmanager
def discarded_on_failure(folder: Path | None, *, kept_if_interrupted: bool = False) -> Iterator[None]:
    """Remove the cache folder when the Pelican run inside fails, whatever the reason.

    ``kept_if_interrupted``: not when it was interrupted (the live preview stops a rebuild that a new save
    made stale), where the next build checks each file whole (``_drop_damaged``, gzip caches only): a run
    stopped while saving leaves at worst a file that is dropped, and the rest of the cache stays warm.
    """
    try:
        yield
    except KeyboardInterrupt:
        if folder is not None and not kept_if_interrupted:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    except BaseException:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise
