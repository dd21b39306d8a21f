"""The explainers plugin's part in nutgraf's build (``nutgraf.kernel.plugin``)."""

from __future__ import annotations

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.plugin import Plugin


class ExplainersPlugin(Plugin):
    name = "explainers"

    def check_content(self, context: BuildContext) -> list[Diagnostic]:
        from nutgraf.plugins.explainers.hooks import options_for
        from nutgraf.plugins.explainers.page_facts import remember_page_facts
        from nutgraf.plugins.explainers.validate import check_content

        diagnostics = check_content(context.settings, context.content, context.memo)
        if not any(diagnostic.is_error for diagnostic in diagnostics):  # a build follows: its pages need the facts
            remember_page_facts(context, options_for(context.settings))
        return diagnostics


PLUGIN = ExplainersPlugin()
