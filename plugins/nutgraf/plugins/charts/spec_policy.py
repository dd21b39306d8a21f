"""What a finished Vega-Lite spec (a spec file's, or an Altair module's) may ask of the build and the reader.

The build never fetches, and a page never loads from another origin: every dataset is inlined from
content/ before rendering, so a ``url`` left in the spec (a dataset, an image mark's picture) would be
fetched by vl-convert at build time or by the reader's browser. Images may come only from files in
content/; links (``href``) may go anywhere but to script. Generated and inline data is bounded like data
files (CHARTS_MAX_DATA_ROWS): a ``sequence`` of a million rows would take the renderer's memory.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob"})


@dataclass(frozen=True)
class SpecProblem:
    message: str
    hint: str
    needle: str  # text on the problem's line in the spec file


def _walk(spec: Any) -> Iterator[tuple[str, Any, Any]]:
    """(key, value, the mapping holding it) for every key of every mapping, without recursion."""
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                yield str(key), value, node
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def _inline_values(spec: Any) -> Iterator[list[Any]]:
    for key, value, _holder in _walk(spec):
        if key == "values" and isinstance(value, list):
            yield value
        elif key == "datasets" and isinstance(value, dict):
            yield from (rows for rows in value.values() if isinstance(rows, list))


def _field_values(spec: Any, field: str) -> Iterator[str]:
    for rows in _inline_values(spec):
        for row in rows:
            if isinstance(row, dict) and isinstance(row.get(field), str):
                yield row[field]


def image_problem(url: str, content_root: Path) -> SpecProblem | None:
    """None when ``url`` names a file inside content/ by a relative path; else why it may not be used."""
    parts = urlsplit(url.strip())
    hint = "copy the image into content/ and name it by its path there, e.g. images/logo.png"
    if parts.scheme or parts.netloc or url.strip().startswith(("/", "\\")):
        return SpecProblem(f"image '{url}' would be loaded from outside the site", hint, url)
    target = (content_root / parts.path).resolve()
    if not target.is_relative_to(content_root.resolve()) or not target.is_file():
        return SpecProblem(f"image '{url}' is not a file in content/", hint, url)
    return None


def link_problem(url: str) -> SpecProblem | None:
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme in _SCRIPT_SCHEMES:
        return SpecProblem(f"link '{url[:60]}' would run script or open a local file", "link to a web page", url)
    return None


def _rows_of_sequence(sequence: Any) -> float:
    if not isinstance(sequence, dict):
        return 0
    start, stop, step = sequence.get("start", 0), sequence.get("stop", 0), sequence.get("step", 1)
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in (start, stop, step)):
        return 0  # the schema check reports it
    if step == 0 or not all(math.isfinite(n) for n in (start, stop, step)):
        return math.inf
    return max(0.0, math.ceil((stop - start) / step))


def spec_problems(spec: dict[str, Any], content_root: Path, max_rows: int) -> list[SpecProblem]:
    """Everything in the spec that would fetch, load from elsewhere, run script or generate too much data."""
    problems: list[SpecProblem] = []
    for key, value, holder in _walk(spec):
        if key == "url" and isinstance(value, str):
            is_mark = holder.get("type") == "image"  # an image mark's own url
            problem = image_problem(value, content_root) if is_mark else None
            if not is_mark:
                message = f"data URL '{value}' would be fetched when the chart is drawn"
                hint = "put the file in content/data/ and name it in the chart block's data:, or in data.url"
                problem = SpecProblem(message, hint, value)
            if problem:
                problems.append(problem)
        elif key in ("url", "href") and isinstance(value, dict):  # an encoding channel
            given = value.get("value")
            urls = [given] if isinstance(given, str) else []
            if isinstance(value.get("field"), str):
                urls.extend(_field_values(spec, value["field"]))
            for url in urls:
                found = image_problem(url, content_root) if key == "url" else link_problem(url)
                if found:
                    problems.append(found)
        elif key == "href" and isinstance(value, str):
            if found := link_problem(value):
                problems.append(found)
        elif key == "sequence" and (rows := _rows_of_sequence(value)) > max_rows:
            shown = "endless" if math.isinf(rows) else f"{int(rows):,} rows"
            message = f"the generated sequence has {shown}; a chart's data may have at most {max_rows:,}"
            problems.append(SpecProblem(message, "generate fewer rows (raise step or lower stop)", "sequence"))
    for rows in _inline_values(spec):
        if len(rows) > max_rows:
            message = f"inline data has {len(rows):,} rows; a chart's data may have at most {max_rows:,}"
            problems.append(SpecProblem(message, "aggregate it first", "values"))
    unique: dict[tuple[str, str], SpecProblem] = {}
    for problem in problems:
        unique.setdefault((problem.message, problem.needle), problem)
    return list(unique.values())
