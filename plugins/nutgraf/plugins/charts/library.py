"""The build's charts: prepared once before Pelican runs, looked up by block while it writes pages."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from nutgraf.kernel.diagnostics import ContentError, Diagnostic
from nutgraf.plugins.charts.annotations import KEY as ANNOTATIONS
from nutgraf.plugins.charts.annotations import block_descriptions
from nutgraf.plugins.charts.block import block_digest, parse_block
from nutgraf.plugins.charts.cache import ChartCache
from nutgraf.plugins.charts.embeds import svg_size
from nutgraf.plugins.charts.html import FigureParts, feed_figure_html, figure_html
from nutgraf.plugins.charts.pool import render_missing
from nutgraf.plugins.charts.prepare import PreparedChart, prepare_chart
from nutgraf.plugins.charts.problem import ChartError
from nutgraf.plugins.charts.settings import ChartSettings
from nutgraf.plugins.charts.table import ChartTable
from nutgraf.plugins.charts.theme import THUMBNAIL_SIZE

# Output file of each cached file, after the chart's short key.
OUTPUT_FILES = {
    "wide.vg.json": "-wide.vg.json",
    "narrow.vg.json": "-narrow.vg.json",
    "chart.png": ".png",
    "card.png": "-card.png",
    "thumb.svg": "-thumb.svg",
}
DATA_CSV = "data.csv"  # the chart's data as drawn, for download: put into its cache entry by the first build


def chart_key(digest: str, lang: str) -> str:
    """The same block in two languages is two charts: numbers and dates are drawn in each one's locale."""
    return f"{lang}:{digest}" if lang else digest


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


@dataclass(frozen=True)
class LeadChart:
    """What other plugins need of a page's first chart (thumbnails, social cards), without parsing its HTML."""

    image: str  # the chart's PNG, relative to SITEURL
    title: str  # the sentence above the chart saying what it shows
    alt: str  # the chart's text alternative
    width: int  # its size in CSS pixels (the PNG is drawn at CHARTS_PNG_SCALE times this)
    height: int
    card_image: str = ""  # the chart drawn for a social card (PNG), relative to SITEURL
    thumbnail: str = ""  # the chart's marks drawn for a thumbnail (SVG), relative to SITEURL
    thumbnail_width: int = 0
    thumbnail_height: int = 0


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (the IHDR chunk follows the 8-byte signature)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


@dataclass
class ChartLibrary:
    settings: ChartSettings
    site_url: str
    cache: ChartCache
    charts: dict[str, PreparedChart] = field(default_factory=dict)  # by block digest (and language)

    def add(self, prepared: PreparedChart) -> None:
        self.charts[chart_key(prepared.block.digest, prepared.block.lang)] = prepared

    def render(self) -> tuple[int, int]:
        """Render what the cache lacks; (rendered, from cache), or ContentError naming each failed block."""
        distinct = {chart.key: chart for chart in self.charts.values()}  # identical charts render once
        missing = [chart for key, chart in distinct.items() if key not in self.cache]
        # Each job (its spec loaded from the memo, sized and themed) is made as a worker is ready for it.
        report = render_missing(
            (chart.job for chart in missing),
            self.cache,
            workers=self.settings.workers,
            count=len(missing),
            progress_threshold=self.settings.progress_threshold,
        )
        for chart in missing:  # checked whole once, as found: the next build finds it by its files' stats
            _ = chart.key in self.cache
        # Specs held for want of a memo entry are needed no more.
        self.charts = {digest: chart.without_spec() for digest, chart in self.charts.items()}
        failures = [
            chart.block.diagnostic(None, f"chart cannot be drawn: {why}", hint)
            for chart in self.charts.values()
            if chart.key in report.failed
            for why, hint in [report.failed[chart.key]]
        ]
        if failures:
            raise ContentError(failures)
        return report.rendered, len(distinct) - len(missing)

    def url(self, path: str) -> str:
        return f"{self.site_url}/{path}"

    def asset(self, chart: PreparedChart, name: str) -> str:
        return f"{self.settings.output_dir}/{chart.key[:16]}{OUTPUT_FILES[name]}"

    def lookup(self, body: str, lang: str = "") -> PreparedChart:
        """The prepared chart of a block; prepared now if the build did not (a plain ``pelican`` run)."""
        digest = chart_key(block_digest(body), lang)
        if digest not in self.charts:
            parsed = parse_block(body, "chart block", 0)
            if isinstance(parsed, Diagnostic):
                raise ContentError([parsed])
            parsed = replace(parsed, lang=lang)
            try:
                self.add(prepare_chart(parsed, self.settings))
            except ChartError as error:
                raise ContentError([problem.diagnostic(parsed) for problem in error.problems]) from None
            self.render()
        return self.charts[digest]

    def lead_chart(self, key: str) -> LeadChart:
        chart = self.charts[key]
        options = chart.block.options
        width, height = chart.size["wide"]  # as asked; the PNG says as drawn, when feeds have one drawn
        if self.cache.has(chart.key, "chart.png"):
            pixel_width, pixel_height = self.cache.fact(chart.key, "png size", "chart.png", _png_size)
            width, height = round(pixel_width / self.settings.png_scale), round(pixel_height / self.settings.png_scale)
        return LeadChart(
            image=self.image_path(chart),
            title=str(options.get("title") or ""),
            alt=" ".join(str(options.get("alt") or "").split()),
            width=width,
            height=height,
            card_image=self.asset(chart, "card.png") if "card" in chart.variants else "",
            thumbnail=self.asset(chart, "thumb.svg") if "thumb" in chart.variants else "",
            thumbnail_width=THUMBNAIL_SIZE[0],
            thumbnail_height=THUMBNAIL_SIZE[1],
        )

    def image_path(self, chart: PreparedChart) -> str:
        """The chart's PNG relative to SITEURL, or "" when this build draws none (it writes no feeds)."""
        return self.asset(chart, "chart.png") if "image" in chart.variants else ""

    def image_url(self, key: str) -> str:
        """The absolute URL (when SITEURL is) of the PNG of a prepared chart, or "" when it has none."""
        path = self.image_path(self.charts[key])
        return self.url(path) if path else ""

    def prepared(self, key: str) -> PreparedChart:
        """The prepared chart of a key (see ``chart_key``)."""
        chart = self.charts.get(key)
        if chart is None:  # only when a page came from Pelican's cache in a run that skipped prepare_build
            msg = "a chart of this page was not prepared in this build"
            raise ContentError([Diagnostic("content", 1, msg, "build with invoke build, which prepares every chart")])
        return chart

    def anchor(self, key: str, used_ids: set[str]) -> str:
        """The figure's id on its page (see ``chart_key``); ``used_ids``, the page's so far, keeps it unique."""
        chart = self.prepared(key)
        options = chart.block.options
        anchor = str(options.get("id") or "") or f"chart-{slug(str(options.get('title') or '')) or chart.key[:8]}"
        base, number = anchor, 2
        while anchor in used_ids:
            anchor, number = f"{base}-{number}", number + 1
        used_ids.add(anchor)
        return anchor

    def figure_by_key(self, key: str, used_ids: set[str], *, gettext: Callable[[str], str] | None = None) -> str:
        """The figure of a prepared chart (see ``chart_key``); ``used_ids`` keeps anchors unique on a page."""
        return self.figure(key, self.anchor(key, used_ids), gettext=gettext)

    def figure(self, key: str, anchor: str, *, gettext: Callable[[str], str] | None = None) -> str:
        """The figure of a prepared chart with the id ``anchor``."""
        chart = self.prepared(key)
        svgs = {name: self.cache.read(chart.key, f"{name}.svg").decode() for name in ("wide", "narrow")}
        return figure_html(self._figure_parts(key, anchor, wide_svg=svgs["wide"], narrow_svg=svgs["narrow"]), gettext)

    def feed_figure(
        self, key: str, anchor: str, url: Callable[[str], str], *, gettext: Callable[[str], str] | None = None
    ) -> str:
        """The figure of a prepared chart in a feed entry (``feed_figure_html``): its PNG, not its SVGs."""
        chart = self.prepared(key)
        size = self.cache.fact(chart.key, "wide size", "wide.svg", svg_size)  # kept with the entry: no SVG read
        return feed_figure_html(self._figure_parts(key, anchor), size, gettext, url)

    def _figure_parts(self, key: str, anchor: str, *, wide_svg: str = "", narrow_svg: str = "") -> FigureParts:
        chart = self.prepared(key)
        options = chart.block.options
        table = self.table(chart)
        download = chart.download
        return FigureParts(
            anchor=anchor,
            alt=str(options["alt"]).strip(),
            source=str(options["source"]).strip(),
            source_url=str(options.get("source_url") or ""),
            title=str(options.get("title") or ""),
            subtitle=str(options.get("subtitle") or ""),
            note=str(options.get("note") or ""),
            wide_svg=wide_svg,
            narrow_svg=narrow_svg,
            wide_vega_url=self.url(self.asset(chart, "wide.vg.json")),
            narrow_vega_url=self.url(self.asset(chart, "narrow.vg.json")),
            image_url=self.image_url(key),
            download_url=self.url(self.chart_csv_path(chart)) if table else "",
            source_file_url=self.url(quote(download.url_path)) if download else "",  # 'rates #1.csv'
            source_file_label=download.label if download else "CSV",
            table=table if options.get("table", True) is not False else None,
            annotations=tuple(block_descriptions(options.get(ANNOTATIONS))),
        )

    def table(self, chart: PreparedChart) -> ChartTable | None:
        """The chart's data as drawn (see table.py), or None for a chart without tooltips."""
        data = self.cache.read(chart.key, "table.json")
        return None if data.strip() == b"null" else ChartTable.from_json(data)

    def chart_csv_path(self, chart: PreparedChart) -> str:
        return f"{self.settings.output_dir}/{chart.key[:16]}-data.csv"

    def write_assets(self, output: Path) -> None:
        """Each chart's PNG and compiled Vega, and its data for download, into the site.

        Every file is a hard link to the chart's cache entry (a copy where the file system has none), the CSV of
        its data too (worked out once, then kept in the entry): a build that renders nothing writes no bytes.
        """
        linked: set[str] = set()
        (output / self.settings.output_dir).mkdir(parents=True, exist_ok=True)
        for chart in self.charts.values():
            if chart.key not in linked:  # the same chart on two pages is one set of files
                linked.add(chart.key)
                self._link_assets(chart, output)
            download = chart.download
            if download is None:
                continue
            target = output / download.url_path
            if target.exists():  # already copied with the static files
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if download.source is not None:
                # By its place in this project's content/, not the path the prepared chart holds: a chart
                # remembered from a copy of the project elsewhere (a moved folder, a restored cache) names that copy.
                shutil.copyfile(self.settings.content_path / download.url_path, target)
            elif download.content is not None:
                target.write_bytes(download.content)

    def _link_assets(self, chart: PreparedChart, output: Path) -> None:
        key, cache = chart.key, self.cache
        if cache.fact(key, "has table", "table.json", lambda data: data.strip() != b"null"):
            self._link_csv(chart, output / self.chart_csv_path(chart))
        # Strings, not paths: this runs for every file of every chart.
        folder, site = f"{cache.folder(key)}/", f"{output}/"
        for name in OUTPUT_FILES:
            if cache.has(key, name):  # images are drawn only where used
                _link_new(folder + name, site + self.asset(chart, name))

    def _link_csv(self, chart: PreparedChart, target: Path) -> None:
        """The chart's data as drawn, as CSV: put into its cache entry the first time, then linked as its renders."""
        if not self.cache.has(chart.key, DATA_CSV):
            table = self.table(chart)
            data = table.csv() if table is not None else b""  # not None: the entry's table is not null
            try:
                self.cache.add(chart.key, DATA_CSV, data)
            except OSError:  # a cache that cannot be written to (read-only, full): the site still gets the file
                if not target.exists():
                    target.write_bytes(data)
                return
        _link_new(self.cache.path(chart.key, DATA_CSV), target)


def _link_new(source: str | Path, target: str | Path) -> None:
    """``target`` linked to ``source`` (see ``link_or_copy``) unless the site has it already (64 bits of two charts'
    keys alike): never written into, as it may be a link to another entry's file."""
    try:
        os.link(source, target)
    except FileExistsError:
        pass
    except OSError:
        shutil.copyfile(source, target)
