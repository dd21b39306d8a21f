"""The build's stages that plugins may take part in, found by convention.

A plugin package (named in ``PLUGINS``) may define any of:

- ``check_content(settings) -> list[Diagnostic]``: find every problem in the
  content without writing anything (``invoke check`` and every build run it);
- ``prepare_build(settings) -> None``: heavy work done once before Pelican runs
  (for example rendering all charts in parallel into the cache);
- ``finalize_output(settings, output_path) -> None``: work on the finished
  site before it replaces ``output/`` (for example the search index);
- ``build_inputs(settings) -> list[str]``: what decides the site besides its
  files and settings (for example which explainers are under embargo now),
  so that an up-to-date site is rebuilt when it changes.

Plain functions rather than Pelican signals, so that checking content needs no
Pelican run and a failing stage stops the build before anything is published.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.sources import links_out_of_content

Settings = dict[str, Any]


def plugin_modules(settings: Settings) -> Iterator[ModuleType]:
    """The plugin packages named in the settings, imported by the same names Pelican uses."""
    for plugin in settings.get("PLUGINS") or []:
        if isinstance(plugin, str):
            yield importlib.import_module(plugin)
        else:  # Pelican also accepts module objects.
            yield plugin


def _stage(settings: Settings, name: str) -> Iterator[Callable[..., Any]]:
    for module in plugin_modules(settings):
        function = getattr(module, name, None)
        if function is not None:
            yield function


def check_content(settings: Settings) -> list[Diagnostic]:
    """Every problem every plugin finds in the content (and links out of it), sorted by place."""
    diagnostics: list[Diagnostic] = links_out_of_content(settings)
    for check in _stage(settings, "check_content"):
        diagnostics.extend(check(settings))
    return sorted(set(diagnostics))


def prepare_build(settings: Settings) -> None:
    for prepare in _stage(settings, "prepare_build"):
        prepare(settings)


def build_inputs(settings: Settings) -> list[str]:
    return [value for inputs in _stage(settings, "build_inputs") for value in inputs(settings)]


def finalize_output(settings: Settings, output_path: str) -> None:
    for finalize in _stage(settings, "finalize_output"):
        finalize(settings, output_path)
