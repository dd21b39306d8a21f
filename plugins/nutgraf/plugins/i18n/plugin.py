"""The i18n plugin's part in nutgraf's build (``nutgraf.kernel.plugin``)."""

from __future__ import annotations

from pathlib import Path

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.plugin import Plugin
from nutgraf.plugins.i18n.catalogues import check_catalogues
from nutgraf.plugins.i18n.settings import I18nSettings


class I18nPlugin(Plugin):
    name = "i18n"
    # Its content_object_init handler dates a page in its language after explainers has set the page's ``modified``.
    runs_after = ("explainers",)

    def check_content(self, context: BuildContext) -> list[Diagnostic]:
        """Every theme catalogue parses and is named for a language Babel knows."""
        settings = context.settings
        options = I18nSettings.from_settings(settings)
        return check_catalogues(options.catalogues, Path(str(settings.get("PATH") or "content")).resolve().parent)


PLUGIN = I18nPlugin()
