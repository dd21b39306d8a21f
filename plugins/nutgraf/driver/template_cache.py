"""Compiled theme templates kept between builds (Jinja's bytecode cache): a build renders, it no longer compiles.

Pelican makes a Jinja environment per generator and compiles every template it uses in each: about
thirty compilations a build, a large part of an edit's build and most of the live preview's first page.
Jinja checks each template's source against the cached code, so an edited template is compiled again;
it does not check how the environment compiles (its options, our extensions, Jinja's own version), so
the cache folder is named after a fingerprint of those.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache

from nutgraf.driver.content_cache import fingerprint

FOLDER = "templates"


def with_template_cache(settings: dict[str, Any], cache_root: Path, code_folder: Path) -> dict[str, Any]:
    """``settings`` whose Jinja environments keep compiled templates under ``cache_root``; older folders are removed."""
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    compiled_by = {"JINJA_ENVIRONMENT": environment, "jinja2": version("jinja2")}
    root = cache_root / FOLDER
    current = root / fingerprint(compiled_by, [code_folder])
    current.mkdir(parents=True, exist_ok=True)
    for folder in root.iterdir():
        if folder != current and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
    environment["bytecode_cache"] = FileSystemBytecodeCache(str(current))
    return dict(settings, JINJA_ENVIRONMENT=environment)
