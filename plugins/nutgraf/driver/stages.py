"""The build's stages, run for every nutgraf plugin named in ``PLUGINS`` (contract: ``nutgraf.kernel.plugin``).

Each plugin package's ``plugin`` module offers ``PLUGIN``; the plugins run in ``PLUGINS`` order,
which must put each plugin after those it declares it ``runs_after`` (Pelican runs their signal
handlers in that order too, so the driver checks the order rather than changing it).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from nutgraf.kernel.context import BuildContext, context_for
from nutgraf.kernel.diagnostics import Diagnostic, NutgrafError
from nutgraf.kernel.file_kinds import non_markdown_documents, unsafe_entries
from nutgraf.kernel.plugin import NutgrafPlugin
from nutgraf.kernel.settings_check import check_settings
from nutgraf.kernel.sources import links_out_of_content

Settings = Mapping[str, Any]


class PluginOrderError(NutgrafError):
    """``PLUGINS`` lists a plugin before one it runs after, or names a broken nutgraf plugin."""


def _nutgraf_plugin(package: str | ModuleType) -> NutgrafPlugin | None:
    """The package's ``plugin.PLUGIN``; None for a Pelican plugin that is not one of nutgraf's."""
    name = package if isinstance(package, str) else package.__name__  # Pelican also accepts module objects
    try:
        module = importlib.import_module(f"{name}.plugin")
    except ModuleNotFoundError as error:
        if error.name == f"{name}.plugin":
            return None
        raise
    plugin = getattr(module, "PLUGIN", None)
    if not isinstance(plugin, NutgrafPlugin):
        raise PluginOrderError(f"{name}.plugin has no PLUGIN implementing nutgraf.kernel.plugin.NutgrafPlugin")
    return plugin


def plugins(settings: Settings) -> list[NutgrafPlugin]:
    """The nutgraf plugins of ``PLUGINS``, in its order, checked against what each runs after."""
    found = [plugin for package in settings.get("PLUGINS") or [] if (plugin := _nutgraf_plugin(package))]
    position = {plugin.name: index for index, plugin in enumerate(found)}
    for index, plugin in enumerate(found):
        for earlier in plugin.runs_after:
            if position.get(earlier, -1) > index:
                raise PluginOrderError(
                    f"PLUGINS lists '{plugin.name}' before '{earlier}', which it runs after; move '{earlier}' up"
                )
    return found


def check_content(settings: Settings, context: BuildContext | None = None) -> list[Diagnostic]:
    """Every error and note every plugin finds in the content (and links out of it), sorted by place."""
    if wrong_settings := check_settings(settings):  # before any plugin meets a value it would crash on
        return wrong_settings
    unsafe = unsafe_entries(settings)
    if unsafe:  # a FIFO or a loop would hang the checks below: nothing else is opened
        return sorted(set(unsafe))
    context = context or context_for(settings)
    diagnostics: list[Diagnostic] = links_out_of_content(settings) + non_markdown_documents(settings)
    for plugin in plugins(settings):
        diagnostics.extend(plugin.check_content(context))
    return sorted(set(diagnostics))


def prepare_build(context: BuildContext) -> None:
    for plugin in plugins(context.settings):
        plugin.prepare_build(context)


def finalize_output(context: BuildContext, output: Path) -> None:
    """Each plugin's work on the finished site, and what they started in the background, done."""
    try:
        for plugin in plugins(context.settings):
            plugin.finalize_output(context, output)
    except BaseException:
        context.finish_pending(failing=True)
        raise
    context.finish_pending()
