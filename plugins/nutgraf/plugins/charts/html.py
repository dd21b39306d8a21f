"""A rendered chart as HTML: <figure> with both static SVGs, caption, source, data link and data table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from nutgraf.plugins.charts.data import Table


@dataclass(frozen=True)
class FigureParts:
    """What the figure shows, already rendered; URLs are absolute paths or full URLs."""

    anchor: str
    alt: str
    source: str
    wide_svg: str
    narrow_svg: str
    wide_vega_url: str
    narrow_vega_url: str
    image_url: str
    title: str = ""
    subtitle: str = ""
    note: str = ""
    source_url: str = ""
    download_url: str = ""
    download_label: str = "CSV"
    table: Table | None = None


def _attribute(value: str) -> str:
    return escape(value, quote=True)


def _english(message: str) -> str:
    return message


def data_table(table: Table, title: str, gettext: Callable[[str], str] = _english) -> str:
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(row.get(column, '')))}</td>" for column in table.columns) + "</tr>"
        for row in table.rows
    )
    # gettext is called outside f-strings, where `pybabel extract` finds the messages.
    caption = gettext("The data: %(title)s") % {"title": title} if title else gettext("The data")
    summary = gettext("Show the data")
    return (
        f'<details class="chart-data"><summary>{escape(summary)}</summary><div class="chart-table">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>"
    )


def figure_html(parts: FigureParts, gettext: Callable[[str], str] | None = None) -> str:
    """The chart's figure; the caption holds title, notes, source and the data link.

    The caption comes first so screen readers hear what the chart is before it; the stylesheet
    shows the source line under the chart.
    """
    gettext = gettext or _english  # the page's language (the i18n plugin's catalogues), else English
    caption = []
    if parts.title:
        caption.append(f'<span class="chart-title">{escape(parts.title)}</span>')
    if parts.subtitle:
        caption.append(f'<span class="chart-subtitle">{escape(parts.subtitle)}</span>')
    meta = []
    if parts.note:
        meta.append(f'<span class="chart-note">{escape(parts.note)}</span>')
    source = escape(parts.source)
    if parts.source_url:
        source = f'<a href="{_attribute(parts.source_url)}">{source}</a>'
    source_label = gettext("Source:")
    meta.append(f'<span class="chart-source">{escape(source_label)} {source}</span>')
    if parts.download_url:
        download = gettext("Download the data (%(format)s)") % {"format": parts.download_label}
        meta.append(
            f'<a class="chart-download" href="{_attribute(parts.download_url)}" download>{escape(download)}</a>'
        )
    caption.append(f'<span class="chart-meta">{" ".join(meta)}</span>')
    graphic = (
        f'<div class="chart-graphic" role="img" aria-label="{_attribute(parts.alt)}">'
        f"{parts.wide_svg}{parts.narrow_svg}</div>"
    )
    table = data_table(parts.table, parts.title, gettext) if parts.table is not None else ""
    return (
        f'<figure class="chart" id="{_attribute(parts.anchor)}"'
        f' data-chart-wide="{_attribute(parts.wide_vega_url)}" data-chart-narrow="{_attribute(parts.narrow_vega_url)}"'
        f' data-chart-image="{_attribute(parts.image_url)}">'
        f"<figcaption>{''.join(caption)}</figcaption>{graphic}{table}</figure>"
    )
