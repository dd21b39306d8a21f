"""The search plugin's part in nutgraf's build (``nutgraf.kernel.plugin``)."""

from __future__ import annotations

from pathlib import Path

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.plugin import Plugin
from nutgraf.plugins.search.settings import SearchSettings

# The context's state under which a build's index job is kept once started.
INDEX_JOB = "search index"


def start_index(context: BuildContext, output: Path) -> None:
    """Read the searchable pages of the site being written into ``output`` and make its index in the background,
    once per build; the build waits for it before the site replaces the previous one (``finish_later``)."""
    from nutgraf.plugins.search.pagefind_index import IndexJob

    search = SearchSettings.from_settings(context.settings)
    if not search.enabled or context.state(INDEX_JOB, lambda: None) is not None:
        return
    job = context.replace_state(INDEX_JOB, IndexJob(output, search.index_folder, search.language, search.cache_path))
    context.finish_later(job.wait)


class SearchPlugin(Plugin):
    name = "search"
    # The index reads only the pages Pelican wrote (their charts' figures are put in as they are written). It is
    # started as soon as the last of them is (``index_written_pages``), else here; listed before the plugins that
    # write embed pages, images and data files, its index is made while they write them.
    runs_after = ()

    def finalize_output(self, context: BuildContext, output: Path) -> None:
        start_index(context, output)
        context.pop_state(INDEX_JOB)


PLUGIN = SearchPlugin()
