"""Create a new explainer from a title: front matter, the four section headings, and a note that shows how to
write each part of an explainer (a chart in each form, a key figure, a source, an update, an image)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pelican.utils import slugify

from nutgraf.kernel.diagnostics import Diagnostic, NutgrafError, display_path

DEFAULT_HEADINGS = ("What's happening", "Why it matters", "What's next", "Beyond the headlines")


class ScaffoldError(NutgrafError):
    """The explainer could not be created (for example, the file exists)."""


def explainer_slug(title: str) -> str:
    slug = slugify(title, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")])
    if not slug:
        msg = f"the title {title!r} gives an empty file name; use a title with letters or digits"
        raise ScaffoldError(msg)
    return slug


def explainer_text(
    title: str,
    today: dt.date,
    headings: tuple[str, ...] = DEFAULT_HEADINGS,
    bodies: tuple[str, ...] | None = None,
    lede: str = "",
    guide: str = "",
) -> str:
    """The Markdown of a new draft explainer; ``bodies`` fills the sections (and ``lede`` the text before them),
    ``guide`` (a comment) comes last."""
    bodies = bodies or tuple("TODO: write this section." for _ in headings)
    front_matter = "\n".join(
        [
            f"Title: {title}",
            f"Date: {today.isoformat()}",
            "Summary: TODO: one sentence (at most 200 characters) that tells the story.",
            "Topic: TODO",
            "Tags: TODO",
            "Status: draft",
        ]
    )
    sections = "\n\n".join(f"## {heading}\n\n{body.strip()}" for heading, body in zip(headings, bodies, strict=True))
    lede = f"{lede.strip()}\n\n" if lede.strip() else ""
    guide = f"\n\n{guide.strip()}" if guide else ""
    return f"{front_matter}\n\n{lede}{sections}{guide}\n"


def new_explainer_text(title: str, slug: str, today: dt.date, chart: str = "") -> str:
    """A new draft with the writing guide, and ``chart`` (a chart block) in its first part."""
    bodies = tuple("TODO: write this section." for _ in DEFAULT_HEADINGS)
    if chart:
        bodies = (f"{bodies[0]}\n\n{chart}", *bodies[1:])
    return explainer_text(title, today, bodies=bodies, guide=writing_guide(slug, today))


def create_explainer(
    title: str,
    folder: Path,
    today: dt.date | None = None,
    text: str | None = None,
    slug: str | None = None,
    chart: str = "",
) -> Path:
    """Write a new explainer file (``chart``: a chart block for its first part); never overwrite one."""
    slug = slug or explainer_slug(title)
    path = folder / f"{slug}.md"
    text = text if text is not None else new_explainer_text(title, slug, today or dt.date.today(), chart)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        msg = f"{path} already exists; choose another title, or edit that file"
        raise ScaffoldError(msg) from None
    return path


PLACEHOLDER_TITLE = "TODO: the headline"


def import_explainer(
    text_file: Path, folder: Path, settings: dict[str, Any], title: str = "", today: dt.date | None = None
) -> tuple[Path, list[Diagnostic]]:
    """A draft explainer made from a plain-text one; the problems say which lines were not recognised.

    The file is named after the title, or after the text file when there is no title yet.
    """
    from nutgraf.plugins.explainers.importer import import_text, imported_bodies
    from nutgraf.plugins.explainers.settings import ExplainerSettings

    options = ExplainerSettings.from_settings(settings)
    try:
        raw = text_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"cannot read {text_file} as UTF-8 text ({error})"
        raise ScaffoldError(msg) from None
    imported = import_text(raw, display_path(text_file), options)
    text = explainer_text(
        title or PLACEHOLDER_TITLE,
        today or dt.date.today(),
        headings=tuple(spec.label for spec in options.sections),
        bodies=imported_bodies(imported, options),
        lede="\n\n".join(imported.lede),
    )
    slug = explainer_slug(title) if title else explainer_slug(text_file.stem.replace("_", " "))
    return create_explainer(title or PLACEHOLDER_TITLE, folder, text=text, slug=slug), list(imported.problems)


# What a new draft shows its editor, as an HTML comment at its end (never on the page). The examples are indented,
# so the build reads none of them; copy one out without the indent. It says TODO once: a piece cannot be published
# with the note still in it (its HTML would carry it).
GUIDE = """<!--
How to write this explainer (this note is not shown on the page; delete it before you publish).

Preview: run `invoke livereload` and open {preview}: the page refreshes itself on every save.
Publish: fill in Summary, Topic and Tags above, write the four parts, leave no TODO, then delete "Status: draft".

A source, as a footnote: put `[^1]` right after the claim, and a line starting `[^1]:` at the end of the file:

    `[^1]:` Who published it, "Title of the report", 12 May 2026, https://example.org/report

A key figure, where the text states one:

    ```figure
    value: More than 57,000
    label: people arrested since 2023
    source: The ministry's figures
    ```

A chart, in one of three forms; each needs a source and an alt text (what the chart shows, in a sentence or two).
The data file goes in content/data/, and content/data/README.txt says where it comes from.

{chart}

    ```chart
    spec: charts/my-chart.vl.json       # a full Vega-Lite spec (JSON or YAML) in content/charts/
    source: Who published the figures
    alt: What the chart shows.
    ```

    ```chart
    altair: charts/my_chart.py:build    # a Python function in content/charts/ that returns an Altair chart
    data: data/my-data.csv
    source: Who published the figures
    alt: What the chart shows.
    ```

An image: put the file in content/images/, then write, where it goes:

    ![What the image shows, for readers who cannot see it]({{static}}/images/photo.jpg)

A correction or an addition once published: add a dated line to the front matter (the page shows it):

    Updates: {today}: Corrected the number of arrests.
-->"""

EXAMPLE_CHART = """    ```chart
    title: What the chart shows, as a headline
    data: data/my-data.csv              # shorthand: a data file, a mark and its columns
    mark: line                          # or bar, area, point
    x: year:T                           # column:type; T a date, Q a number, N a category, O an order
    y: value:Q
    color: series:N
    source: Who published the figures
    alt: What the chart shows.
    ```"""


def writing_guide(slug: str, today: dt.date, chart: str = EXAMPLE_CHART) -> str:
    return GUIDE.format(preview=preview_address(slug), chart=chart, today=today.isoformat())


def preview_address(slug: str) -> str:
    """Where `invoke livereload` shows a draft (the preview's DRAFT_URL)."""
    return f"http://127.0.0.1:8000/drafts/{slug}/"


# Vega-Lite's measurement types, as a chart block's shorthand writes them.
TYPE_LETTERS = {"quantitative": "Q", "temporal": "T", "nominal": "N"}


def chart_from_data(content_root: Path, data: str) -> str:
    """A shorthand chart block for a data file (a path inside content/), its channels chosen from the columns'
    types: a line over time when there are dates, bars otherwise; a category column colours the series."""
    from nutgraf.plugins.charts.data import DataError, load_table

    try:
        table = load_table(content_root, data)
    except DataError as error:
        raise ScaffoldError(str(error)) from None
    types = {column: table.column_type(column) for column in table.columns}
    by_type = {kind: [column for column in table.columns if types[column] == kind] for kind in TYPE_LETTERS}
    numbers, dates, categories = by_type["quantitative"], by_type["temporal"], by_type["nominal"]
    if not numbers:
        msg = f"{data} has no column of numbers to chart (its columns: {', '.join(table.columns)})"
        raise ScaffoldError(msg)
    if dates:
        mark, x = "line", f"{dates[0]}:T"
        colour = categories[:1]
    elif categories:
        mark, x = "bar", f"{categories[0]}:N"
        colour = categories[1:2]
    else:
        mark, x = "point", f"{numbers.pop(0)}:Q"
        colour = []
    lines = [
        "```chart",
        "title: TODO the chart's headline",
        f"data: {table.relative}",
        f"mark: {mark}",
        f"x: {x}",
        f"y: {numbers[0]}:Q",
        *(f"color: {column}:N" for column in colour),
        "source: TODO who published these figures",
        "alt: TODO what the chart shows, in a sentence or two",
        "```",
    ]
    listing = ", ".join(f"{column} ({TYPE_LETTERS[types[column]]})" for column in table.columns)
    return "\n".join([f"<!-- {table.relative} has the columns {listing}. -->", *lines])
