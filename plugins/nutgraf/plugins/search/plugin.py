"""The search plugin's part in nutgraf's build (``nutgraf.kernel.plugin``)."""

from __future__ import annotations

from pathlib import Path

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.plugin import Plugin
from nutgraf.plugins.search.settings import SearchSettings


class SearchPlugin(Plugin):
    name = "search"
    # The index reads only the pages Pelican wrote (their charts' figures are put in as they are written):
    # listed before the plugins that add images and data files, its index is made while they write them.
    runs_after = ()

    def finalize_output(self, context: BuildContext, output: Path) -> None:
        from nutgraf.plugins.search.pagefind_index import IndexJob

        search = SearchSettings.from_settings(context.settings)
        if search.enabled:
            job = IndexJob(output, search.index_folder, search.language, search.cache_path)
            context.finish_later(job.wait)


PLUGIN = SearchPlugin()
