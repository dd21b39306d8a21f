"""The build stages (see nutgraf.stages) and the Pelican signal handlers of the chart plugin."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from charts.block import ChartBlock, chart_blocks
from charts.cache import ChartCache
from charts.library import ChartLibrary
from charts.locale import document_lang
from charts.markdown_extension import ChartExtension
from charts.prepare import prepare_chart
from charts.problem import ChartError
from charts.settings import ChartSettings
from charts.validate import check_block
from nutgraf.diagnostics import ContentError, Diagnostic
from nutgraf.sources import SourceFile, read_sources

# Where prepare_build leaves the build's charts for the Markdown extension (the same settings dict).
LIBRARY_SETTING = "CHARTS_LIBRARY"


def _blocks(settings: dict[str, Any]) -> tuple[list[ChartBlock], list[Diagnostic]]:
    blocks: list[ChartBlock] = []
    diagnostics: list[Diagnostic] = []
    for kind in ("ARTICLE_PATHS", "PAGE_PATHS"):
        for source in read_sources(settings, kind):
            if not isinstance(source, SourceFile):
                continue  # unreadable files are reported by the explainer checks
            ids: dict[str, int] = {}
            lang = _chart_lang(document_lang(source.text), settings)
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


def _chart_lang(lang: str, settings: dict[str, Any]) -> str:
    """'' for the default language, whose charts keep the settings' own locale and fonts."""
    default = str(settings.get("DEFAULT_LANG") or "en")
    return "" if lang.replace("_", "-").casefold() in ("", default.replace("_", "-").casefold()) else lang


def check_content(settings: dict[str, Any]) -> list[Diagnostic]:
    """Every problem of every chart block, without rendering or running Altair modules."""
    chart_settings = ChartSettings.from_settings(settings)
    blocks, diagnostics = _blocks(settings)
    for block in blocks:
        diagnostics.extend(check_block(block, chart_settings))
    return sorted(set(diagnostics))


def new_library(settings: dict[str, Any]) -> ChartLibrary:
    chart_settings = ChartSettings.from_settings(settings)
    return ChartLibrary(chart_settings, settings.get("SITEURL", "").rstrip("/"), ChartCache(chart_settings.cache_path))


def prepare_build(settings: dict[str, Any]) -> None:
    """Build every chart's spec (running Altair modules), then render the new ones in parallel."""
    started = time.perf_counter()
    library = new_library(settings)
    blocks, diagnostics = _blocks(settings)
    for block in blocks:
        try:
            library.add(prepare_chart(block, library.settings))
        except ChartError as error:
            diagnostics.extend(problem.diagnostic(block) for problem in error.problems)
    if diagnostics:
        raise ContentError(diagnostics)
    rendered, cached = library.render()
    settings[LIBRARY_SETTING] = library
    # Printed, not logged: the build shows only warnings, and a warning would fail it.
    print(
        f"Rendered {rendered} chart{'s' if rendered != 1 else ''} ({cached} from cache)"
        f" in {time.perf_counter() - started:.1f} s.",
        file=sys.stderr,
    )


def finalize_output(settings: dict[str, Any], output_path: str) -> None:
    library = settings.get(LIBRARY_SETTING)
    if isinstance(library, ChartLibrary):
        library.write_assets(Path(output_path))


def add_markdown_extension(pelican: Any) -> None:
    """``initialized`` handler: our extension joins Pelican's Markdown extensions."""
    settings = pelican.settings

    def library() -> ChartLibrary:
        if not isinstance(settings.get(LIBRARY_SETTING), ChartLibrary):
            settings[LIBRARY_SETTING] = new_library(settings)  # a plain `pelican` run: render on demand
        return settings[LIBRARY_SETTING]

    def language(lang: str) -> tuple[str, Any]:
        """The chart language of a document, and the gettext of its page (the i18n plugin's, when loaded)."""
        translator = settings.get("I18N_GETTEXT")
        return _chart_lang(lang, settings), (translator(lang) if callable(translator) else None)

    settings.setdefault("MARKDOWN", {}).setdefault("extensions", []).append(ChartExtension(library, language))


def flag_charts(instance: Any) -> None:
    """``content_object_init`` handler: pages with charts load the chart stylesheet and script."""
    content = getattr(instance, "_content", None) or ""
    if 'class="chart"' not in content:
        return
    instance.has_charts = True
    figure = BeautifulSoup(content, "html.parser").select_one("figure.chart[data-chart-image]")
    if figure is not None:
        instance.chart_image = figure["data-chart-image"]
