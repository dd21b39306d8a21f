"""A rendered chart as HTML: <figure> with both static SVGs, caption, source, data link and data table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from nutgraf.plugins.charts.table import ChartTable


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
    download_url: str = ""  # the chart's own columns and rows (CSV)
    source_file_url: str = ""  # the whole data file the chart reads
    source_file_label: str = "CSV"
    table: ChartTable | None = None
    annotations: tuple[str, ...] = ()  # each annotation in words (annotations.describe), for screen readers


def _attribute(value: str) -> str:
    return escape(value, quote=True)


def _english(message: str) -> str:
    return message


def annotations_sentence(annotations: tuple[str, ...], gettext: Callable[[str], str] = _english) -> str:
    """What the chart marks, said after its alt text and in its table's caption (the marks' text is in the SVG,
    which screen readers skip as one image)."""
    if not annotations:
        return ""
    return gettext("Marked on the chart: %(annotations)s.") % {"annotations": "; ".join(annotations)}


def data_table(
    table: ChartTable, title: str, gettext: Callable[[str], str] = _english, annotations: tuple[str, ...] = ()
) -> str:
    """The chart's data as a table: its columns and order, numbers right-aligned; long ones scroll in a box."""

    def cell(tag: str, text: str, numeric: bool, scope: str = "") -> str:
        attributes = (f' scope="{scope}"' if scope else "") + (' class="num"' if numeric else "")
        return f"<{tag}{attributes}>{escape(text)}</{tag}>"

    columns = zip(table.columns, table.numeric, strict=True)
    head = "".join(cell("th", column, numeric, "col") for column, numeric in columns)
    body = "".join(
        "<tr>" + "".join(cell("td", text, numeric) for text, numeric in zip(row, table.numeric, strict=True)) + "</tr>"
        for row in table.rows
    )
    # gettext is called outside f-strings, where `pybabel extract` finds the messages.
    caption = gettext("The data: %(title)s") % {"title": title} if title else gettext("The data")
    if annotations:
        caption = f"{caption}. {annotations_sentence(annotations, gettext)}"
    summary = gettext("Show the data")
    # The scrolling box is a focusable region, so keyboard users can scroll it too.
    return (
        f'<details class="chart-data" data-pagefind-ignore><summary>{escape(summary)}</summary>'
        f'<div class="chart-table" tabindex="0" role="region" aria-label="{_attribute(caption)}">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</div></details>"
    )


def figure_html(parts: FigureParts, gettext: Callable[[str], str] | None = None) -> str:
    """The chart's figure; the caption holds title, notes, source and the data link.

    The caption comes first so screen readers hear what the chart is before it; the stylesheet
    shows the source line under the chart.
    """
    gettext = gettext or _english  # the page's language (the i18n plugin's catalogues), else English
    caption = []
    if parts.title:
        caption.append(f'<p class="chart-title">{escape(parts.title)}</p>')
    if parts.subtitle:
        caption.append(f'<p class="chart-subtitle">{escape(parts.subtitle)}</p>')
    meta = []
    if parts.note:
        meta.append(f'<span class="chart-note">{escape(parts.note)}</span>')
    source = escape(parts.source)
    if parts.source_url:
        source = f'<a href="{_attribute(parts.source_url)}">{source}</a>'
    source_label = gettext("Source:")
    meta.append(f'<span class="chart-source">{escape(source_label)} {source}</span>')
    if parts.download_url:
        download = gettext("Download the data (%(format)s)") % {"format": "CSV"}
        meta.append(
            f'<a class="chart-download" href="{_attribute(parts.download_url)}" download>{escape(download)}</a>'
        )
    if parts.source_file_url:
        if parts.download_url:
            text = gettext("Full source file (%(format)s)") % {"format": parts.source_file_label}
        else:
            text = gettext("Download the data (%(format)s)") % {"format": parts.source_file_label}
        meta.append(
            f'<a class="chart-source-file" href="{_attribute(parts.source_file_url)}" download>{escape(text)}</a>'
        )
    caption.append(f'<p class="chart-meta">{" ".join(meta)}</p>')
    label = " ".join(filter(None, [parts.alt, annotations_sentence(parts.annotations, gettext)]))
    graphic = (
        # Search indexes the caption, not the axis labels or table cells (their numbers would run into words).
        f'<div class="chart-graphic" role="img" aria-label="{_attribute(label)}" data-pagefind-ignore>'
        f"{parts.wide_svg}{parts.narrow_svg}</div>"
    )
    table = data_table(parts.table, parts.title, gettext, parts.annotations) if parts.table is not None else ""
    keys = gettext("Arrow keys step through the data; Escape leaves.")  # charts.js reads it to screen readers
    image = f' data-chart-image="{_attribute(parts.image_url)}"' if parts.image_url else ""  # feeds' PNG
    return (
        f'<figure class="chart" id="{_attribute(parts.anchor)}"'
        f' data-chart-wide="{_attribute(parts.wide_vega_url)}" data-chart-narrow="{_attribute(parts.narrow_vega_url)}"'
        f'{image} data-chart-help="{_attribute(keys)}">'
        # Block elements with a line break between: text extracted without CSS (search excerpts, reader
        # modes) never runs a title into its subtitle.
        f"<figcaption>{chr(10).join(caption)}</figcaption>\n{graphic}\n{table}</figure>"
    )
