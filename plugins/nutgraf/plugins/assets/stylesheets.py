"""A page's theme stylesheets as one minified file, named by its content (pure but for writing it)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import rcssmin


def bundle(names: Sequence[str], source: Path) -> tuple[str, bytes]:
    """(file name, bytes) of the stylesheets ``names`` (``source/<name>.css``) in that order, minified, as
    ``<names>.<hash>.css``: a changed rule gives a new name, so no browser keeps a stale copy."""
    css = "\n".join((source / f"{name}.css").read_text(encoding="utf-8") for name in names)
    data = rcssmin.cssmin(css).encode("utf-8")
    return f"{'-'.join(names)}.{hashlib.sha256(data).hexdigest()[:12]}.css", data


class Stylesheets:
    """The ``stylesheet`` template filter: the site path of a bundle, written into the output once a build."""

    def __init__(self, source: Path, output: Path, folder: str) -> None:
        self.source = source  # the theme's css/ folder
        self.output = output
        self.folder = folder  # the bundles' folder in the site, e.g. theme/css
        self.paths: dict[tuple[str, ...], str] = {}

    def path(self, names: Sequence[str]) -> str:
        key = tuple(names)
        if key not in self.paths:
            name, data = bundle(key, self.source)
            target = self.output / self.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            self.paths[key] = f"{self.folder}/{name}"
        return self.paths[key]
