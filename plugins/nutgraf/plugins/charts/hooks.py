"""The build stages (see nutgraf.driver.stages) and the Pelican signal handlers of the chart plugin."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from nutgraf.kernel.context import BuildContext, BuildHandle, context_for
from nutgraf.kernel.diagnostics import ContentError, Diagnostic
from nutgraf.kernel.file_memo import FileDigests, Memos
from nutgraf.kernel.sources import Content, SourceRecord
from nutgraf.plugins.charts.block import ChartBlock, chart_blocks
from nutgraf.plugins.charts.cache import ChartCache
from nutgraf.plugins.charts.embed_pages import EmbedDisclosures, embeddable
from nutgraf.plugins.charts.library import ChartLibrary, chart_key
from nutgraf.plugins.charts.markdown_extension import PLACEHOLDER, ChartExtension
from nutgraf.plugins.charts.plugin import PLUGIN
from nutgraf.plugins.charts.prepare import prepare_keyed
from nutgraf.plugins.charts.problem import ChartError
from nutgraf.plugins.charts.render import renderer_versions
from nutgraf.plugins.charts.settings import ChartSettings
from nutgraf.plugins.charts.spec_memo import ContentFiles, memo_key, spec_memo
from nutgraf.plugins.charts.validate import check_block

BLOCKS_MEMO = "chart_blocks"  # each document's chart blocks, parsed, by its text
CHECKS_MEMO = "chart_checks"  # each block's problems, by what its check reads
PREPARED_MEMO = "chart_prepared"  # each block's prepared chart, by what it is prepared from
SPEC_KEYS_STATE = f"{PLUGIN.name}:spec keys"
CONTENT_FILES_STATE = f"{PLUGIN.name}:content files"
DATA_DIGESTS = "data-digests.pickle"  # in the chart cache: the hashes of the charts' files (``FileDigests``)


def document_blocks(source: SourceRecord, lang: str) -> tuple[list[ChartBlock], list[Diagnostic]]:
    """The chart blocks of one document, drawn in ``lang`` (see ``ChartLanguage``), and their problems."""
    blocks: list[ChartBlock] = []
    diagnostics: list[Diagnostic] = []
    ids: dict[str, int] = {}
    for found in chart_blocks(source):
        if isinstance(found, Diagnostic):
            diagnostics.append(found)
            continue
        found = replace(found, lang=lang)
        blocks.append(found)
        chart_id = found.options.get("id")
        if chart_id is not None and str(chart_id) in ids:
            message = f"chart id '{chart_id}' is already used on line {ids[str(chart_id)]}"
            diagnostics.append(found.diagnostic("id", message, "give each chart its own id"))
        elif chart_id is not None:
            ids[str(chart_id)] = found.line_of("id")
    return blocks, diagnostics


def content_blocks(
    content: Content, settings: Mapping[str, Any], memos: Memos | None = None
) -> tuple[list[ChartBlock], list[Diagnostic]]:
    """Every chart block of the content (articles and pages), with its document's chart language.

    With ``memos`` (the build's), a document's blocks are parsed again only when its text changed.
    """
    blocks: list[ChartBlock] = []
    diagnostics: list[Diagnostic] = []
    memo = memos(BLOCKS_MEMO, "") if memos is not None else None
    for source in content.records:  # unreadable files are reported by the explainer checks
        lang = _chart_lang(source.lang_given, settings)
        parse = partial(document_blocks, source, lang)
        found, problems = parse() if memo is None else memo.get(source.display, f"{lang}\0{source.text}", parse)
        blocks.extend(found)
        diagnostics.extend(problems)
    return blocks, diagnostics


@dataclass(frozen=True)
class ChartLanguage:
    """A document's ``Lang:`` → the language its charts are drawn in: '' for the default language,
    whose charts keep the settings' own locale and fonts. (A class, not a closure: Pelican pickles it.)"""

    default_lang: str

    def __call__(self, lang: str) -> str:
        same = lang.replace("_", "-").casefold() in ("", self.default_lang.replace("_", "-").casefold())
        return "" if same else lang


def _chart_lang(lang: str, settings: Mapping[str, Any]) -> str:
    return ChartLanguage(str(settings.get("DEFAULT_LANG") or "en"))(lang)


def check_content(context: BuildContext) -> list[Diagnostic]:
    """Every problem of every chart block, without rendering or running Altair modules."""
    settings = context.settings
    chart_settings = ChartSettings.from_settings(settings)
    blocks, diagnostics = content_blocks(context.content, settings, context.memo)
    memo = context.memo(CHECKS_MEMO, str(chart_settings.content_path))
    for block in blocks:
        check = partial(check_block, block, chart_settings)
        # Kept by all the block's check reads: its text, and its data and spec files (their hashes in the spec's
        # memo key). A block with no such key (``altair:`` modules, a missing file) is checked afresh.
        key = spec_key(context, block, chart_settings)
        diagnostics.extend(
            check() if key is None else memo.get(f"{block.path}:{block.line}", f"{key}\0{block.body}", check)
        )
    return sorted(set(diagnostics))


def new_library(settings: Mapping[str, Any]) -> ChartLibrary:
    chart_settings = ChartSettings.from_settings(settings)
    return ChartLibrary(chart_settings, settings.get("SITEURL", "").rstrip("/"), ChartCache(chart_settings.cache_path))


def library_in(context: BuildContext) -> ChartLibrary:
    """The build's chart library: the one ``prepare_build`` filled, or an empty one (a plain ``pelican`` run)."""
    return context.state(PLUGIN.name, lambda: new_library(context.settings))


def library_for(settings: MutableMapping[str, Any]) -> ChartLibrary:
    return library_in(context_for(settings))


@dataclass(frozen=True)
class LibraryLookup:
    """What the Markdown extension holds to find the build's charts: small, so Pelican can pickle it."""

    build: BuildHandle

    def __call__(self) -> ChartLibrary:
        return library_in(self.build.context())


def spec_key(context: BuildContext, block: ChartBlock, settings: ChartSettings) -> str | None:
    """The block's key in the spec memo (``spec_memo.memo_key``), worked out once per build: it resolves and
    hashes the chart's files, and the checks, the preparation and the record of what was used all need it."""
    keys = context.state(SPEC_KEYS_STATE, dict)
    where = (block.path, block.line, block.body)
    if where not in keys:
        files = context.state(CONTENT_FILES_STATE, lambda: content_files(settings))
        keys[where] = memo_key(block, settings.content_path, settings.data_limits, files)
    return keys[where]


def content_files(settings: ChartSettings) -> ContentFiles:
    """The build's ``ContentFiles``, their hashes kept in the chart cache (saved when the build succeeds)."""
    return ContentFiles(settings.content_path, FileDigests(settings.cache_path / DATA_DIGESTS))


def lead_charts(blocks: list[ChartBlock]) -> set[str]:
    """The charts (by ``chart_key``) that come first in a document: pages show them as thumbnails and social
    cards. By key, not by block: the same block text later in another document is the same chart."""
    firsts = {}
    for block in blocks:
        firsts.setdefault(block.path, block)
    return {chart_key(block.digest, block.lang) for block in firsts.values()}


def prepare_build(context: BuildContext) -> None:
    """Build every chart's spec (running Altair modules), then render the new ones in parallel."""
    started = time.perf_counter()
    settings = context.settings
    library = new_library(settings)
    blocks, diagnostics = content_blocks(context.content, settings, context.memo)
    leads = lead_charts(blocks)
    # Kept by what the chart is prepared from: its spec's memo key (the hashes of its files), its text, language
    # and place, whether it leads its page; the settings and renderer with the code. ``altair:`` charts: afresh.
    memo = context.memo(PREPARED_MEMO, repr((library.settings, renderer_versions())))
    for block in blocks:
        lead = chart_key(block.digest, block.lang) in leads
        key = spec_key(context, block, library.settings)
        prepare = partial(prepare_keyed, block, library.settings, key, lead=lead)
        try:
            where, inputs = f"{block.path}:{block.line}", f"{key}\0{lead}\0{block.lang}\0{block.body}"
            library.add(prepare() if key is None else memo.get(where, inputs, prepare))
        except ChartError as error:
            diagnostics.extend(problem.diagnostic(block) for problem in error.problems)
    if diagnostics:
        raise ContentError(diagnostics)
    rendered, cached = library.render()
    context.replace_state(PLUGIN.name, library)
    context.save_later_memos()
    # Printed, not logged: the build shows only warnings, and a warning would fail it.
    print(
        f"Rendered {rendered} chart{'s' if rendered != 1 else ''} ({cached} from cache)"
        f" in {time.perf_counter() - started:.1f} s.",
        file=sys.stderr,
    )


def finalize_output(context: BuildContext, output: Path) -> None:
    library = context.pop_state(PLUGIN.name)
    if library is not None:
        library.write_assets(output)
        # What a later ``nutgraf clean --stale`` keeps: the charts of this, the last complete, build.
        library.cache.record_used(chart.key for chart in library.charts.values())
        library.cache.save_index(chart.key for chart in library.charts.values())
        spec_memo(library.settings.cache_path).record_used(chart.spec_key for chart in library.charts.values())
    files = context.pop_state(CONTENT_FILES_STATE)
    if files is not None and files.digests is not None:
        files.digests.save()


def add_markdown_extension(pelican: Any) -> None:
    """``initialized`` handler: our extension joins Pelican's Markdown extensions, our filter the templates'."""
    settings = pelican.settings
    context = context_for(settings)
    library_in(context)  # so that the extension finds one even in a plain ``pelican`` run
    lookup = LibraryLookup(context.handle)
    chart_language = ChartLanguage(str(settings.get("DEFAULT_LANG") or "en"))
    settings.setdefault("MARKDOWN", {}).setdefault("extensions", []).append(ChartExtension(lookup, chart_language))
    settings.setdefault("JINJA_FILTERS", {})["chart_figures"] = chart_figures


def attach_charts(instance: Any) -> None:
    """``content_object_init``: flag pages with charts; their figures are put in when the page is written.

    Pages with charts load the chart stylesheet and script, and offer their first chart to feeds,
    thumbnails and social cards (``lead_chart``). The content keeps its small placeholders until
    ``chart_figures`` runs in the template: a thousand pages' inline SVGs are never all held in
    memory, nor run through Pelican's link rewriting each time a template reads ``content``.
    """
    content = getattr(instance, "_content", None) or ""
    keys = PLACEHOLDER.findall(content)
    if not keys:
        return
    library = library_for(instance.settings)
    for key in keys:
        library.prepared(key)  # a page whose chart this build did not prepare fails here, before writing
    instance.has_charts = True
    instance.chart_image = library.image_url(keys[0])
    instance.lead_chart = library.lead_chart(keys[0])


def expand_charts(
    html: str, library: ChartLibrary, gettext: Any = None, after_figure: Callable[[str, str], str] | None = None
) -> str:
    """``html`` with each chart placeholder replaced by the chart's figure (anchors unique within it), followed
    by what ``after_figure(key, anchor)`` gives, if anything."""
    used_ids: set[str] = set()

    def figure(match: re.Match[str]) -> str:
        anchor = library.anchor(match[1], used_ids)
        after = after_figure(match[1], anchor) if after_figure is not None else ""
        return library.figure(match[1], anchor, gettext=gettext) + after

    return PLACEHOLDER.sub(figure, html)


def chart_figures(html: str, page: Any) -> str:
    """Jinja filter ``content|chart_figures(page)``: the page's content with its chart figures, as written.

    Runs for every page on every build, cached or not, so a figure always shows the chart
    as rendered from today's data.
    """
    if PLACEHOLDER.search(html) is None:
        return html
    context = context_for(page.settings)
    library = library_in(context)
    gettext = context.gettext_for(getattr(page, "lang", None))
    # Pages only: feeds expand charts without it (``feed.rewrite_feed``).
    disclosures = EmbedDisclosures(library, page.settings, page, gettext) if embeddable(page) else None
    return expand_charts(html, library, gettext, disclosures)
