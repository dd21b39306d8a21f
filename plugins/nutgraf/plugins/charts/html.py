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


@dataclass(frozen=True)
class _MetaItem:
    """One part of the line under the chart: a note or the source (text), or a data link (``href``)."""

    css_class: str
    inner: str  # HTML
    href: str = ""

    def html(self) -> str:
        if self.href:
            return f'<a class="{self.css_class}" href="{_attribute(self.href)}" download>{self.inner}</a>'
        return f'<span class="{self.css_class}">{self.inner}</span>'


def _caption(parts: FigureParts) -> list[str]:
    caption = []
    if parts.title:
        caption.append(f'<p class="chart-title">{escape(parts.title)}</p>')
    if parts.subtitle:
        caption.append(f'<p class="chart-subtitle">{escape(parts.subtitle)}</p>')
    return caption


def _meta(parts: FigureParts, gettext: Callable[[str], str], url: Callable[[str], str]) -> list[_MetaItem]:
    """Note, source and the data links, with each address as ``url`` gives it."""
    meta = []
    if parts.note:
        meta.append(_MetaItem("chart-note", escape(parts.note)))
    source = escape(parts.source)
    if parts.source_url:
        source = f'<a href="{_attribute(url(parts.source_url))}">{source}</a>'
    source_label = gettext("Source:")
    meta.append(_MetaItem("chart-source", f"{escape(source_label)} {source}"))
    if parts.download_url:
        download = gettext("Download the data (%(format)s)") % {"format": "CSV"}
        meta.append(_MetaItem("chart-download", escape(download), url(parts.download_url)))
    if parts.source_file_url:
        if parts.download_url:
            text = gettext("Full source file (%(format)s)") % {"format": parts.source_file_label}
        else:
            text = gettext("Download the data (%(format)s)") % {"format": parts.source_file_label}
        meta.append(_MetaItem("chart-source-file", escape(text), url(parts.source_file_url)))
    return meta


def _label(parts: FigureParts, gettext: Callable[[str], str]) -> str:
    """What the chart shows, in words: its alt text, then what it marks."""
    return " ".join(filter(None, [parts.alt, annotations_sentence(parts.annotations, gettext)]))


def _table(parts: FigureParts, gettext: Callable[[str], str]) -> str:
    return data_table(parts.table, parts.title, gettext, parts.annotations) if parts.table is not None else ""


def _same(url: str) -> str:
    return url


def figure_html(parts: FigureParts, gettext: Callable[[str], str] | None = None) -> str:
    """The chart's figure; the caption holds title, notes, source and the data link.

    The caption comes first so screen readers hear what the chart is before it; the stylesheet
    shows the source line under the chart.
    """
    gettext = gettext or _english  # the page's language (the i18n plugin's catalogues), else English
    caption = _caption(parts)
    caption.append(f'<p class="chart-meta">{" ".join(item.html() for item in _meta(parts, gettext, _same))}</p>')
    graphic = (
        # Search indexes the caption, not the axis labels or table cells (their numbers would run into words).
        f'<div class="chart-graphic" role="img" aria-label="{_attribute(_label(parts, gettext))}" data-pagefind-ignore>'
        f"{parts.wide_svg}{parts.narrow_svg}</div>"
    )
    keys = gettext("Arrow keys step through the data; Escape leaves.")  # charts.js reads it to screen readers
    image = f' data-chart-image="{_attribute(parts.image_url)}"' if parts.image_url else ""  # feeds' PNG
    return (
        f'<figure class="chart" id="{_attribute(parts.anchor)}"'
        f' data-chart-wide="{_attribute(parts.wide_vega_url)}" data-chart-narrow="{_attribute(parts.narrow_vega_url)}"'
        f'{image} data-chart-help="{_attribute(keys)}">'
        # Block elements with a line break between: text extracted without CSS (search excerpts, reader
        # modes) never runs a title into its subtitle.
        f"<figcaption>{chr(10).join(caption)}</figcaption>\n{graphic}\n{_table(parts, gettext)}</figure>"
    )


def feed_figure_html(
    parts: FigureParts,
    size: tuple[float, float],
    gettext: Callable[[str], str] | None = None,
    url: Callable[[str], str] = _same,
) -> str:
    """The chart's figure in a feed entry: its PNG (``parts.image_url``, ``size`` as drawn wide) in an ``<img>``
    with the chart's words as alt text, each address as ``url`` gives it (absolute: a feed reader has no page to
    resolve it against). Feed readers run no script, drop inline SVG and show the entry without the site's
    stylesheet, which on the page moves the source line under the chart: here the figure is written in reading
    order, each part a block of its own: title and subtitle (the figcaption), the image, then note, source and
    data links, then the data table.
    """
    gettext = gettext or _english
    caption = _caption(parts)
    width, height = size
    lines = [
        f'<p class="chart-image"><img src="{_attribute(url(parts.image_url))}"'
        f' alt="{_attribute(_label(parts, gettext))}" width="{width:g}" height="{height:g}"></p>'
    ]
    lines += [
        f"<p>{item.html()}</p>" if item.href else f'<p class="{item.css_class}">{item.inner}</p>'
        for item in _meta(parts, gettext, url)
    ]
    figcaption = f"<figcaption>{chr(10).join(caption)}</figcaption>\n" if caption else ""
    return (
        f'<figure class="chart" id="{_attribute(parts.anchor)}">{figcaption}{"".join(lines)}\n'
        f"{_table(parts, gettext)}</figure>"
    )
