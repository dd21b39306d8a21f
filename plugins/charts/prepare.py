"""Chart blocks turned into render jobs: each spec sized, themed and keyed by its content."""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from charts import theme
from charts.block import ChartBlock
from charts.cache import cache_key
from charts.data import Table
from charts.locale import chart_locale
from charts.render import RenderJob, renderer_versions
from charts.settings import ChartSettings
from charts.spec_memo import spec_memo

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
class JobRecipe:
    """How to make a chart's render job: sizing and theming its spec three times is done only
    when the cache lacks the chart, never on a rebuild that finds it."""

    vega_lite: dict[str, Any]
    size: dict[str, tuple[int, int]]
    configs: dict[str, dict[str, Any]]  # wide, narrow, image
    png_scale: float
    format_locale: dict[str, Any] | None
    time_format_locale: dict[str, Any] | None

    def job(self, key: str) -> RenderJob:
        specs = {
            variant: _sized(self.vega_lite, *self.size["narrow" if variant == "narrow" else "wide"], config)
            for variant, config in self.configs.items()
        }
        return RenderJob(key, specs, self.png_scale, self.format_locale, self.time_format_locale)


@dataclass(frozen=True)
class PreparedChart:
    block: ChartBlock
    key: str  # the cache key of its renders
    table: Table | None
    download: Download | None
    size: dict[str, tuple[int, int]]  # variant -> (width, height) asked for
    recipe: JobRecipe

    @cached_property
    def job(self) -> RenderJob:
        return self.recipe.job(self.key)


def _sized(spec: dict[str, Any], width: int, height: int, config: dict[str, Any]) -> dict[str, Any]:
    sized = copy.deepcopy(spec)
    sized.pop("$schema", None)
    if not any(key in sized for key in _COMPOUND):
        sized["width"], sized["height"] = width, height
    sized["config"] = theme.merge(config, {k: v for k, v in (spec.get("config") or {}).items() if k != "view"})
    sized["config"]["view"] = {**config.get("view", {}), "continuousWidth": width, "continuousHeight": height}
    return sized


def sizes(block: ChartBlock, settings: ChartSettings) -> dict[str, tuple[int, int]]:
    aspect = float(block.options.get("aspect") or settings.aspect)
    wide_height = int(block.options.get("height") or round(settings.width / aspect))
    narrow_aspect = min(settings.width / wide_height, settings.narrow_aspect)
    return {
        "wide": (settings.width, wide_height),
        "narrow": (settings.narrow_width, round(settings.narrow_width / narrow_aspect)),
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


def prepare_chart(block: ChartBlock, settings: ChartSettings) -> PreparedChart:
    """The block's chart ready to render (ChartError when it cannot be built)."""
    built, content_hash = spec_memo(settings.cache_path).build_hashed(
        block, settings.content_path, timeout=settings.altair_timeout, limits=settings.data_limits
    )
    size = sizes(block, settings)
    locale = chart_locale(block.lang)
    if locale.fonts:  # the script's fonts first, in the SVG's font stack and for vl-convert's measuring
        settings = replace(settings, font=locale.font_stack(settings.font))
    configs = {
        "wide": theme.vega_lite_config(settings),
        "narrow": theme.narrow_config(settings),
        "image": theme.image_config(settings),
    }
    inputs = {
        "spec": content_hash,  # remembered with the spec: a rebuild does not hash its inlined data again
        "size": size,
        "configs": configs,
        "png_scale": settings.png_scale,
        "theme": theme.THEME_VERSION,
        "versions": renderer_versions(),
        **locale.cache_inputs(),
    }
    key = cache_key(inputs)
    recipe = JobRecipe(
        built.vega_lite, size, configs, settings.png_scale, locale.format_locale, locale.time_format_locale
    )
    return PreparedChart(block, key, built.table, _download(built.vega_lite, built.table, key, settings), size, recipe)
