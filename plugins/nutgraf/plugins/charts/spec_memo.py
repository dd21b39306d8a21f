"""Built Vega-Lite specs remembered by what they are built from, in memory and across builds.

Building a chart (reading its data, checking its fields, cells and schema) costs milliseconds, more
than the rest of a warm build spends on the chart; the result depends only on the block's
drawing keys, the bytes of its data or spec file, and Altair's version. ``altair:`` modules
are never remembered: they are the editor's code and may read anything.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import re
import stat
import tempfile
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from nutgraf.kernel import used_keys
from nutgraf.kernel.file_memo import FileDigests
from nutgraf.kernel.sources import RealPaths
from nutgraf.plugins.charts.block import FORM_KEYS, ChartBlock
from nutgraf.plugins.charts.cache import seal, unseal
from nutgraf.plugins.charts.data import DEFAULT_LIMITS, DataError, DataLimits, resolve_inside
from nutgraf.plugins.charts.problem import ChartError

if TYPE_CHECKING:
    from nutgraf.plugins.charts.spec import BuiltSpec

# ``spec`` (and with it Altair, a second to import) is imported only where a spec is built or read: a build
# whose charts all come from memos never needs it.

MEMO_VERSION = "2"  # entries are (built spec, its content hash)
_PACKAGE = Path(__file__).resolve().parent
_PREFIX = f"{__package__}."  # nutgraf.plugins.charts.


_CHART_IMPORT = re.compile(rf"^[ \t]*from[ \t]+{re.escape(_PREFIX)}(\w+)", re.MULTILINE)


def _spec_modules() -> list[Path]:
    """This module and every chart module it imports, directly or not (in a function too): the code that builds
    specs.

    Found from the imports, so the list follows the code; other chart code (rendering, figures,
    the pool) may change without making every spec be built again (a minute of Altair at 1,000 charts).
    Read as text, not parsed (a parse of each module cost a tenth of a second a build): an import written in a
    string would count too, which only makes specs be built again once more than needed.
    """
    found: set[str] = set()
    todo = ["spec_memo"]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        todo.extend(_CHART_IMPORT.findall((_PACKAGE / f"{name}.py").read_text(encoding="utf-8")))
    return sorted(_PACKAGE / f"{name}.py" for name in found)


@cache
def _code_digest() -> str:
    """The code that builds specs: a change to it must not reuse old ones."""
    digest = hashlib.sha256()
    for path in _spec_modules():
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _digest(path: Path) -> str:
    """The file's content hash, read once per process for as long as the file is unchanged (the content
    check and the build's preparation each ask for every chart's data)."""
    status = path.stat()
    return _digest_of(path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=16384)
def _digest_of(path: Path, _mtime_ns: int, _size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def _altair_version() -> str:
    return importlib.metadata.version("altair")


class ContentFiles:
    """Files named inside content/, found as ``data.resolve_inside`` finds them, for one build's memo keys.

    Every chart names a file, and resolving each path whole (a system call for each of its folders) cost more
    than hashing the file. Here each folder's real path is worked out once; a file that is not a plain file
    in it (a symbolic link, say), a path with ``..``, or a missing file are resolved the full way, which also
    says what is wrong. Made afresh for each build: a folder's link may change between builds.

    ``digests``: the files' hashes kept between builds (``FileDigests``), so that an edit reads only what changed.
    """

    def __init__(self, content_root: Path, digests: FileDigests | None = None) -> None:
        self.content_root = content_root
        self.root = str(content_root.resolve())
        self.digests = digests
        self._real = RealPaths()

    def digest(self, path: Path) -> str:
        return _digest(path) if self.digests is None else self.digests.digest(path)

    def find(self, relative: object, what: str = "data file") -> tuple[Path, str]:
        """The file and its path relative to content/ (as ``resolve_inside``; DataError when it is not there)."""
        if (
            isinstance(relative, str)
            and "\0" not in relative
            and not relative.startswith("/")
            and "://" not in relative
        ):
            folder, _, name = relative.rpartition("/")
            if name and all(part not in ("", ".", "..") for part in folder.split("/") if folder):
                real = self._real.folder(os.path.join(self.root, folder))  # noqa: PTH118
                path = os.path.join(real, name)  # noqa: PTH118
                inside = real == self.root or real.startswith(self.root.rstrip("/") + "/")
                try:
                    plain_file = stat.S_ISREG(os.lstat(path).st_mode)
                except OSError:
                    plain_file = False
                if inside and plain_file and name not in (".", ".."):
                    return Path(path), path[len(self.root) :].lstrip("/")
        found = resolve_inside(self.content_root, relative, what)
        return found, found.relative_to(self.root).as_posix()


def memo_key(
    block: ChartBlock, content_root: Path, limits: DataLimits, files: ContentFiles | None = None
) -> str | None:
    """The hash of everything the block's spec is built from; None when it cannot be remembered.

    ``files``: the build's (see ``ContentFiles``), for a build that works out every chart's key."""
    if block.form == "altair":
        return None
    drawing = {key: block.options[key] for key in sorted(block.options) if key in FORM_KEYS[block.form]}
    content = files if files is not None and files.content_root == content_root else ContentFiles(content_root)
    try:
        if block.form == "spec":
            from nutgraf.plugins.charts.spec import data_nodes, read_spec_file

            path, name = content.find(block.options.get("spec"), "spec file")
            spec, _ = read_spec_file(path, path.name)
            urls = sorted(str(node["url"]) for node in data_nodes(spec))
            found = [(path, name), *(content.find(url) for url in urls)]
        else:
            names = ("data", "map") if block.form == "map" else ("data",)  # a map is drawn from its base map too
            found = [content.find(block.options.get(name)) for name in names]
    except (DataError, ChartError, OSError, ValueError, RecursionError):
        return None  # the build itself reports what is wrong; nothing to remember
    inputs = {
        "memo": MEMO_VERSION,
        "code": _code_digest(),
        "altair": _altair_version(),
        "form": block.form,
        "drawing": drawing,
        "limits": [limits.max_bytes, limits.max_rows],  # a lowered limit must be checked again
        "files": [(name, content.digest(path)) for path, name in found],
    }
    try:
        canonical = json.dumps(inputs, sort_keys=True, default=str)
    except (TypeError, ValueError):  # keys of mixed types, as in a malformed block: not worth remembering
        return None
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def spec_digest(vega_lite: dict[str, object]) -> str:
    """The hash of a built spec's content (data inlined): what its renders are keyed by."""
    canonical = json.dumps(vega_lite, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class SpecMemo:
    """Specs of shorthand and ``spec:`` charts with their content hashes, kept in ``folder``.

    Not in memory: a build asks for each spec when it checks the chart, when it prepares it and
    (only if its renders are missing) when it makes its render job, and unpickling an entry costs
    far less than holding every chart's spec, its data inlined, for the whole build.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def _load(self, key: str) -> tuple[BuiltSpec, str] | None:
        from nutgraf.plugins.charts.spec import BuiltSpec

        try:
            data = unseal(self._path(key).read_bytes())  # a damaged entry is built again, never unpickled
            entry = pickle.loads(data) if data is not None else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None
        if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], BuiltSpec):
            return entry
        return None

    def _store(self, key: str, entry: tuple[BuiltSpec, str]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", delete=False) as handle:
            handle.write(seal(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)))
        Path(handle.name).replace(path)  # atomic: a reader sees the whole entry or none

    def keys(self) -> set[str]:
        """Every remembered spec's key."""
        return {path.stem for path in self.folder.glob("[0-9a-f][0-9a-f]/*.pickle")}

    def remove(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def record_used(self, keys: Iterable[str | None]) -> None:
        """Remember the keys of the last successful build's specs: what ``nutgraf clean --stale`` keeps."""
        used_keys.record_used(self.folder, (key for key in keys if key is not None))

    def used_by_last_build(self) -> set[str] | None:
        return used_keys.used_by_last_build(self.folder)

    def build(
        self, block: ChartBlock, content_root: Path, *, timeout: int = 30, limits: DataLimits = DEFAULT_LIMITS
    ) -> BuiltSpec:
        """``build_spec``, remembered for shorthand and ``spec:`` charts (ChartError as build_spec)."""
        return self.build_hashed(block, content_root, timeout=timeout, limits=limits)[0]

    def build_hashed(
        self, block: ChartBlock, content_root: Path, *, timeout: int = 30, limits: DataLimits = DEFAULT_LIMITS
    ) -> tuple[BuiltSpec, str]:
        """The built spec and the hash of its content, both remembered (``altair:`` charts: built and hashed anew).

        Renders are keyed by the spec's content, not by what it was built from: a change to our code
        rebuilds the specs, but re-renders only the charts whose specs it actually changed.
        """
        return self.build_keyed(
            memo_key(block, content_root, limits), block, content_root, timeout=timeout, limits=limits
        )

    def build_keyed(
        self,
        key: str | None,
        block: ChartBlock,
        content_root: Path,
        *,
        timeout: int = 30,
        limits: DataLimits = DEFAULT_LIMITS,
    ) -> tuple[BuiltSpec, str]:
        """``build_hashed`` with the block's ``memo_key`` given: a build works each chart's key out once, not at
        each of its stages (it resolves and hashes the chart's files)."""
        from nutgraf.plugins.charts.spec import build_spec

        if key is not None and (entry := self._load(key)) is not None:
            return entry
        built = build_spec(block, content_root, timeout=timeout, limits=limits)
        entry = (built, spec_digest(built.vega_lite))
        if key is not None:
            self._store(key, entry)
        return entry


def spec_memo(cache_path: Path) -> SpecMemo:
    """The memo of a chart cache folder (shared by ``check_content`` and ``prepare_build``): nothing but a folder."""
    return SpecMemo(cache_path / "specs")
