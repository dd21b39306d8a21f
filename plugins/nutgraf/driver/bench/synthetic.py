"""A deterministic synthetic site: N explainers of about 650 words with two charts each.

Chart data are slices of real public series shipped offline by the ``vega_datasets``
package (no number is made up); each explainer gets its own data files, as in a
newsroom, so editing one file touches only the charts that use it.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path

import vega_datasets

_DATA = Path(vega_datasets.__file__).parent / "_data"
_SECTIONS = ("What's happening", "Why it matters", "What's next", "Beyond the headlines")
_VOCABULARY = (
    "government crackdown networks scam operations nationals border authorities prosecutions "
    "families victims region cooperation reputation reforms economic desperation investigators "
    "courts evidence officials policy markets households prices workers industry supply demand "
    "energy generation employment growth decline trend season weather rainfall temperature data "
    "report analysis figures estimate source survey record month year decade change pressure"
)
_WORDS = tuple(_VOCABULARY.split())


@dataclass(frozen=True)
class ChartShape:
    """One kind of chart: which real series it slices and how it is drawn."""

    name: str
    source: str
    mark: str
    x: str
    y: str
    color: str | None


SHAPES = (
    ChartShape("stocks", "Yahoo Finance, via the vega-datasets package", "line", "date:T", "price:Q", None),
    ChartShape(
        "electricity", "U.S. Energy Information Administration", "area", "year:T", "net_generation:Q", "source:N"
    ),
    ChartShape("employment", "U.S. Bureau of Labor Statistics", "line", "month:T", "nonfarm:Q", None),
    ChartShape("weather", "NOAA, via the vega-datasets package", "bar", "date:T", "precipitation:Q", None),
)


def _rows(name: str) -> tuple[list[str], list[list[str]]]:
    file = {"stocks": "stocks.csv", "electricity": "iowa-electricity.csv", "employment": "us-employment.csv"}.get(
        name, "seattle-weather.csv"
    )
    with (_DATA / file).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    if name == "employment":
        keep = [header.index("month"), header.index("nonfarm")]
        header, body = [header[i] for i in keep], [[row[i] for i in keep] for row in body]
    return header, body


def data_slice(shape: ChartShape, index: int) -> str:
    """A contiguous slice of the shape's real series, different for each index, as CSV."""
    header, body = _rows(shape.name)
    rng = random.Random(f"{shape.name}-{index}")
    if shape.name == "electricity":  # rows per year and source: keep whole years, all sources
        years = sorted({row[0] for row in body})
        span = rng.randint(8, len(years))
        first = rng.randint(0, len(years) - span)
        window = set(years[first : first + span])
        body = [row for row in body if row[0] in window]
        length, start = len(body), 0
    else:
        length = min(len(body), rng.randint(24, 60))
        start = rng.randint(0, len(body) - length)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body[start : start + length])
    return buffer.getvalue()


def _paragraphs(rng: random.Random, words: int) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentence = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(12, 22)))
        sentences.append(sentence.capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))


def chart_block(shape: ChartShape, data_path: str, title: str) -> str:
    lines = [
        "```chart",
        f"title: {title}",
        f"data: {data_path}",
        f"mark: {shape.mark}",
        f"x: {shape.x}",
        f"y: {shape.y}",
        *([f"color: {shape.color}"] if shape.color else []),
        f"source: {shape.source}",
        f"alt: {title}, drawn from a slice of the series.",
        "```",
    ]
    return "\n".join(lines)


def explainer(index: int, with_charts: bool = True) -> tuple[str, dict[str, str]]:
    """The Markdown of explainer ``index`` and its data files (path under content/ → CSV)."""
    rng = random.Random(index)
    data: dict[str, str] = {}
    charts: list[str] = []
    for number in range(2):
        shape = SHAPES[(index + number) % len(SHAPES)]
        path = f"data/bench/{index:05d}-{number}-{shape.name}.csv"
        data[path] = data_slice(shape, index * 2 + number)
        charts.append(chart_block(shape, path, f"Explainer {index}, chart {number + 1} ({shape.name})"))
    sections = []
    for number, heading in enumerate(_SECTIONS):
        body = _paragraphs(rng, 160)
        if with_charts and number < 2:
            body = f"{body}\n\n{charts[number]}"
        sections.append(f"## {heading}\n\n{body}")
    front = (
        f"Title: Synthetic explainer number {index}\n"
        f"Date: 2026-{1 + index % 12:02d}-{1 + index % 28:02d}\n"
        f"Summary: A synthetic explainer, number {index}, for the benchmark.\n"
        f"Topic: Topic {index % 10}\n"
        f"Tags: bench, tag-{index % 25}\n"
    )
    return front + "\n" + "\n\n".join(sections) + "\n", (data if with_charts else {})


def write_site(content: Path, count: int, with_charts: bool = True) -> None:
    """Write ``count`` explainers (and their data) under ``content``."""
    (content / "explainers").mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text, data = explainer(index, with_charts)
        (content / "explainers" / f"bench-{index:05d}.md").write_text(text, encoding="utf-8")
        for relative, csv_text in data.items():
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(csv_text, encoding="utf-8")
