"""The explainers plugin's part in nutgraf's build (``nutgraf.kernel.plugin``)."""

from __future__ import annotations

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.plugin import Plugin


class ExplainersPlugin(Plugin):
    name = "explainers"

    def check_content(self, context: BuildContext) -> list[Diagnostic]:
        from nutgraf.plugins.explainers.validate import check_content

        return check_content(context.settings, context.content, context.memo)


PLUGIN = ExplainersPlugin()
