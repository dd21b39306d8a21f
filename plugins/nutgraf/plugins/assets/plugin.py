"""The assets plugin's part in nutgraf's build (``nutgraf.kernel.plugin``): none beyond its template filter."""

from __future__ import annotations

from nutgraf.kernel.plugin import Plugin


class AssetsPlugin(Plugin):
    name = "assets"


PLUGIN = AssetsPlugin()
