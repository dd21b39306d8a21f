"""The chart plugin's part in nutgraf's build (``nutgraf.kernel.plugin``).

Light to import on purpose, like the package: the chart code (Altair, the render pool) loads when a stage runs.
"""

from __future__ import annotations

from pathlib import Path

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.plugin import Plugin


class ChartsPlugin(Plugin):
    name = "charts"

    def check_content(self, context: BuildContext) -> list[Diagnostic]:
        from nutgraf.plugins.charts import hooks

        return hooks.check_content(context)

    def prepare_build(self, context: BuildContext) -> None:
        from nutgraf.plugins.charts import hooks

        hooks.prepare_build(context)

    def finalize_output(self, context: BuildContext, output: Path) -> None:
        from nutgraf.plugins.charts import hooks

        hooks.finalize_output(context, output)


PLUGIN = ChartsPlugin()
