"""The search plugin's part in nutgraf's build (``nutgraf.kernel.plugin``)."""

from __future__ import annotations

from pathlib import Path

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.plugin import Plugin
from nutgraf.plugins.search.settings import SearchSettings


class SearchPlugin(Plugin):
    name = "search"
    # The index reads the finished pages, charts' captions and files included.
    runs_after = ("charts",)

    def finalize_output(self, context: BuildContext, output: Path) -> None:
        from nutgraf.plugins.search.pagefind_index import build_index

        search = SearchSettings.from_settings(context.settings)
        if search.enabled:
            build_index(output, search.index_folder, search.language, search.cache_path)


PLUGIN = SearchPlugin()
