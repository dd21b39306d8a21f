"""Chart blocks turned into render jobs: each spec sized, themed and keyed by its content."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nutgraf.kernel import fonts
from nutgraf.kernel.chart_locale import chart_locale
from nutgraf.plugins.charts import theme
from nutgraf.plugins.charts.annotation_layout import Anchor, drawn_text
from nutgraf.plugins.charts.annotations import LAYERS_PER_ANNOTATION, STYLE, USERMETA_KEY, annotated, place_labels_of
from nutgraf.plugins.charts.block import ChartBlock
from nutgraf.plugins.charts.cache import ChartCache, cache_key
from nutgraf.plugins.charts.data import Table
from nutgraf.plugins.charts.direct_labels import label_marks
from nutgraf.plugins.charts.labels import plot_layout, text_width
from nutgraf.plugins.charts.render import RenderJob, measure_font, measured, page_font, renderer_versions
from nutgraf.plugins.charts.settings import ChartSettings
from nutgraf.plugins.charts.spec_memo import memo_key, spec_memo

# Specs combining several views size each view themselves; only single and layered views are fitted.
_COMPOUND = ("facet", "concat", "hconcat", "vconcat", "repeat")


@dataclass(frozen=True)
class Download:
    """The chart's data as readers download it: a file of content/ or a CSV written from inline data."""

    url_path: str  # inside the site, e.g. data/iowa-electricity.csv
    label: str  # CSV or JSON
    source: Path | None = None
    content: bytes | None = None


@dataclass(frozen=True)
class PreparedChart:
    """What pages need of a chart: its block, render key and download. Not its built spec nor its data:
    that (data inlined) is loaded again from the spec memo only when a render job is made, and
    dropped with the job, so a build never holds every chart's spec at once."""

    block: ChartBlock
    key: str  # the cache key of its renders
    download: Download | None
    size: dict[str, tuple[int, int]]  # variant -> (width, height) asked for
    settings: ChartSettings  # the chart's own: its language's script fonts lead the font stack
    variants: tuple[str, ...]  # what it is drawn as (see ``variants``)
    spec_key: str | None = None  # its spec's key in the spec memo (``spec_memo.memo_key``); None: not remembered
    # The built spec, only for a chart the memo cannot give again (``altair:`` modules are not
    # remembered) and only while its renders are missing: running the editor's module twice is dearer.
    held_spec: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def job(self) -> RenderJob:
        """The chart's render job: made anew on each use (loading its spec), so nothing keeps it."""
        settings = self.settings
        vega_lite = self.held_spec
        if vega_lite is None:
            built, _ = spec_memo(settings.cache_path).build_keyed(
                self.spec_key,
                self.block,
                settings.content_path,
                timeout=settings.altair_timeout,
                limits=settings.data_limits,
            )
            vega_lite = built.vega_lite
        locale = chart_locale(self.block.lang)
        specs = {
            variant: _sized(
                vega_lite,
                *self.size.get(variant, self.size["wide"]),
                config,
                marks_only=variant == "thumb",
                legend=self.block.options.get("legend") is True,
            )
            for variant, config in _configs(settings).items()
            if variant in self.variants
        }
        return RenderJob(self.key, specs, settings.png_scale, locale.format_locale, locale.time_format_locale)

    def without_spec(self) -> PreparedChart:
        return replace(self, held_spec=None) if self.held_spec is not None else self


def variants(settings: ChartSettings, *, lead: bool) -> tuple[str, ...]:
    """What a chart is drawn as: the page's wide and narrow SVGs; the PNG only when feeds are written (a feed
    shows each chart as it); the social card's PNG and the thumbnail only for a page's first chart, which
    they show. Images cost more to draw than the rest of a chart: none is drawn for nothing."""
    return ("wide", "narrow", *(("image",) if settings.feeds else ()), *(("card", "thumb") if lead else ()))


def _configs(settings: ChartSettings) -> dict[str, dict[str, Any]]:
    """The theme of each render: the page's wide and narrow SVGs, the PNGs and the thumbnail."""
    return {
        "wide": theme.vega_lite_config(settings),
        "narrow": theme.narrow_config(settings),
        "image": theme.image_config(settings),
        "card": theme.image_config(settings, width=theme.CARD_SIZE[0]),
        "thumb": theme.thumbnail_config(settings),
    }


def _sized(
    spec: dict[str, Any],
    width: int,
    height: int,
    config: dict[str, Any],
    *,
    marks_only: bool = False,
    legend: bool = False,
) -> dict[str, Any]:
    sized = theme.house_style(spec)
    if not marks_only:
        sized = label_marks(sized, width=width, legend=legend)
    else:  # a thumbnail: no axes, legends or title; the spec's own would override the config's
        (sized.get("usermeta") or {}).pop(USERMETA_KEY, None)  # nor annotations: the marks alone
        sized.pop("title", None)
        for view in theme.views(sized):
            for definition in (view.get("encoding") or {}).values():
                if isinstance(definition, dict):
                    definition.update({"axis": None} if "axis" in definition else {})
                    definition.update({"legend": None} if "legend" in definition else {})
    sized.pop("$schema", None)
    if not any(key in sized for key in _COMPOUND):
        sized["width"], sized["height"] = width, height
    sized["config"] = theme.merge(config, {k: v for k, v in (spec.get("config") or {}).items() if k != "view"})
    sized["config"]["view"] = {**config.get("view", {}), "continuousWidth": width, "continuousHeight": height}
    # Annotations last, over the direct labels (which label a single view only), placed in the plot as drawn.
    return _annotated(sized)


def _annotated(sized: dict[str, Any]) -> dict[str, Any]:
    """The sized spec with its annotations drawn, their labels placed where vl-convert draws their values
    (axes and line-end labels take their share of the chart's size; scales are niced) and measured in the
    shipped font that draws them."""
    annotations = (sized.get("usermeta") or {}).get(USERMETA_KEY)
    if not annotations:
        return sized
    # Measured as the render workers draw it, whichever process prepares the chart: the spec, and so its
    # cache key, must not depend on what this process happened to render before.
    fonts.use_shipped_fonts()
    font = page_font(sized) or "sans-serif"
    first = annotated(sized)
    width, height, marks = plot_layout(measured(first, font))
    base = len(first["layer"]) - LAYERS_PER_ANNOTATION * len(annotations)
    # The chart's own text marks (its lines' names, its bars' values) stay where they are; labels avoid them.
    own = [
        drawn_text(item, text_width)
        for index in range(base)
        for item in marks.get(f"layer_{index}_marks", [])
        if "text" in item
    ]
    anchors = []
    for index, item in enumerate(annotations):
        shape, label = (marks.get(f"layer_{base + LAYERS_PER_ANNOTATION * index + n}_marks") for n in (0, 1))
        if not shape or not label:  # not laid out as expected: each label keeps its first place
            return first
        if item["kind"] == "period":
            anchors.append(Anchor(x=shape[0]["x"], end=shape[0]["x"] + shape[0].get("width", 0)))
        else:
            anchors.append(Anchor(x=label[0].get("x", 0), y=label[0].get("y", 0)))
    size = float(((sized["config"].get("style") or {}).get(STYLE) or {}).get("fontSize") or 11)
    stack = f"{measure_font(font)}, {font}"

    def measure(text: str) -> float:
        return text_width(text, stack, size)

    labels = place_labels_of(annotations, anchors, width, height, measure, taken=own)
    return annotated(sized, labels=labels)


def sizes(block: ChartBlock, settings: ChartSettings) -> dict[str, tuple[int, int]]:
    aspect = float(block.options.get("aspect") or settings.aspect)
    wide_height = int(block.options.get("height") or round(settings.width / aspect))
    narrow_aspect = min(settings.width / wide_height, settings.narrow_aspect)
    return {
        "wide": (settings.width, wide_height),
        "narrow": (settings.narrow_width, round(settings.narrow_width / narrow_aspect)),
        "card": theme.CARD_SIZE,
        "thumb": theme.THUMBNAIL_SIZE,
    }


def _inline_rows(spec: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]] | None:
    """The first inline dataset of a spec as (columns, rows), for a download when no file is named."""
    candidates = [spec.get("data") or {}, *[{"values": v} for v in (spec.get("datasets") or {}).values()]]
    for data in candidates:
        values = data.get("values") if isinstance(data, dict) else None
        if isinstance(values, str):
            kind = (data.get("format") or {}).get("type", "csv")
            rows = list(csv.DictReader(io.StringIO(values), delimiter="\t" if kind == "tsv" else ","))
            return (list(rows[0]) if rows else []), rows
        if isinstance(values, list) and values and all(isinstance(row, dict) for row in values):
            columns = list(dict.fromkeys(key for row in values for key in row))
            return columns, values
    return None


def _download(spec: dict[str, Any], table: Table | None, key: str, settings: ChartSettings) -> Download | None:
    if table is not None:
        return Download(table.relative.lstrip("/"), table.format.upper(), source=table.path)
    inline = _inline_rows(spec)
    if inline is None:
        return None
    columns, rows = inline
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return Download(f"{settings.output_dir}/{key[:16]}.csv", "CSV", content=buffer.getvalue().encode())


def prepare_chart(block: ChartBlock, settings: ChartSettings, *, lead: bool = True) -> PreparedChart:
    """The block's chart, keyed by what decides its pixels (ChartError when it cannot be built).

    ``lead``: the block is the first chart of a page (or may be), so its card and thumbnail are drawn too.
    """
    return prepare_keyed(block, settings, memo_key(block, settings.content_path, settings.data_limits), lead=lead)


def prepare_keyed(block: ChartBlock, settings: ChartSettings, spec_key: str | None, *, lead: bool) -> PreparedChart:
    """``prepare_chart`` with the block's spec memo key given (a build works it out once per chart)."""
    built, content_hash = spec_memo(settings.cache_path).build_keyed(
        spec_key, block, settings.content_path, timeout=settings.altair_timeout, limits=settings.data_limits
    )
    size = sizes(block, settings)
    drawn = variants(settings, lead=lead)
    locale = chart_locale(block.lang)
    if locale.fonts:  # the script's fonts first, in the SVG's font stack and for vl-convert's measuring
        settings = replace(settings, font=locale.font_stack(settings.font))
    inputs = {
        "spec": content_hash,  # remembered with the spec: a rebuild does not hash its inlined data again
        "size": size,
        "legend": block.options.get("legend") is True,  # the block's own say in how the spec is drawn
        "configs": {variant: config for variant, config in _configs(settings).items() if variant in drawn},
        "png_scale": settings.png_scale,
        "theme": theme.THEME_VERSION,
        "versions": renderer_versions(),
        **locale.cache_inputs(),
    }
    key = cache_key(inputs)
    held = None
    if spec_key is None and key not in ChartCache(settings.cache_path):
        held = built.vega_lite
    download = _download(built.vega_lite, built.table, key, settings)
    return PreparedChart(block, key, download, size, settings, drawn, spec_key, held)
