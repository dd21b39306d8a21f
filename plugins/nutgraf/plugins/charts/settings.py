"""The chart plugin's settings, read once from Pelican's settings with their defaults."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nutgraf.plugins.charts.data import DataLimits

# Okabe–Ito's colour-blind-safe hues, darkened or lightened where needed so that each
# reaches 3:1 contrast against both the light (#ffffff) and dark (#121212) page.
DEFAULT_PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#b07d00", "#8a8a8a")
# Pelican's feed settings: FEED_ATOM, FEED_ALL_RSS, CATEGORY_FEED_ATOM, TRANSLATION_FEED_RSS...
_FEED = re.compile(r"([A-Z]+_)?FEED(_ALL)?_(ATOM|RSS)")


@dataclass(frozen=True)
class ChartSettings:
    """Every ``CHARTS_*`` setting, with its default (documented in README)."""

    content_path: Path  # PATH: data, spec and module paths resolve inside it
    cache_path: Path  # CHARTS_CACHE_PATH: rendered charts, keyed by content
    output_dir: str = "charts"  # CHARTS_OUTPUT_DIR: where PNG and Vega files go in the site
    width: int = 608  # CHARTS_WIDTH: the text column's width on a desktop, in CSS px
    narrow_width: int = 328  # CHARTS_NARROW_WIDTH: the column of a 360 px phone
    aspect: float = 1.6  # CHARTS_ASPECT: width / height of the wide variant
    narrow_aspect: float = 1.0  # CHARTS_NARROW_ASPECT: width / height at most, on phones
    # CHARTS_FONT: the page's own stack (site.css --sans), each face no wider than DejaVu Sans, which vl-convert
    # measures with (render.measure_font), so labels fit in whichever face the reader gets.
    font: str = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif'
    font_size: int = 14  # CHARTS_FONT_SIZE: axis and legend text, px as rendered
    palette: tuple[str, ...] = DEFAULT_PALETTE  # CHARTS_PALETTE
    theme: dict[str, Any] = field(default_factory=dict)  # CHARTS_THEME: merged into the Vega-Lite config
    altair_timeout: int = 30  # CHARTS_ALTAIR_TIMEOUT: seconds an Altair module may take
    workers: int = 0  # CHARTS_WORKERS: render processes; 0 means one per core
    progress_threshold: int = 8  # CHARTS_PROGRESS_THRESHOLD: show a progress bar above this many renders
    png_scale: float = 2.0  # CHARTS_PNG_SCALE: pixel density of the PNG for feeds and social cards
    max_data_bytes: int = DataLimits.max_bytes  # CHARTS_MAX_DATA_BYTES: the largest data file a chart may inline
    max_data_rows: int = DataLimits.max_rows  # CHARTS_MAX_DATA_ROWS: the most rows a chart's data file may have
    feeds: bool = True  # whether Pelican writes any feed (FEED_ALL_ATOM, CATEGORY_FEED_RSS...): every chart's PNG

    @property
    def data_limits(self) -> DataLimits:
        return DataLimits(self.max_data_bytes, self.max_data_rows)

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> ChartSettings:
        content = Path(settings["PATH"]).resolve()
        cache = Path(settings.get("CHARTS_CACHE_PATH") or ".cache/charts")
        if not cache.is_absolute():
            cache = content.parent / cache  # the project root, where the settings live
        return cls(
            content_path=content,
            cache_path=cache,
            output_dir=settings.get("CHARTS_OUTPUT_DIR", cls.output_dir).strip("/"),
            width=int(settings.get("CHARTS_WIDTH", cls.width)),
            narrow_width=int(settings.get("CHARTS_NARROW_WIDTH", cls.narrow_width)),
            aspect=float(settings.get("CHARTS_ASPECT", cls.aspect)),
            narrow_aspect=float(settings.get("CHARTS_NARROW_ASPECT", cls.narrow_aspect)),
            font=settings.get("CHARTS_FONT", cls.font),
            font_size=int(settings.get("CHARTS_FONT_SIZE", cls.font_size)),
            palette=tuple(settings.get("CHARTS_PALETTE", DEFAULT_PALETTE)),
            theme=dict(settings.get("CHARTS_THEME") or {}),
            altair_timeout=int(settings.get("CHARTS_ALTAIR_TIMEOUT", cls.altair_timeout)),
            workers=int(settings.get("CHARTS_WORKERS", 0)) or (os.cpu_count() or 1),
            progress_threshold=int(settings.get("CHARTS_PROGRESS_THRESHOLD", cls.progress_threshold)),
            png_scale=float(settings.get("CHARTS_PNG_SCALE", cls.png_scale)),
            max_data_bytes=int(settings.get("CHARTS_MAX_DATA_BYTES", cls.max_data_bytes)),
            max_data_rows=int(settings.get("CHARTS_MAX_DATA_ROWS", cls.max_data_rows)),
            feeds=any(value for key, value in settings.items() if _FEED.fullmatch(key)),
        )
