"""Chart data files: found inside content/, read as a table, inlined into specs."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.kernel.diagnostics import NutgrafError
from nutgraf.kernel.suggest import did_you_mean

DATA_FORMATS = {".csv": "csv", ".tsv": "tsv", ".json": "json"}
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2})?)?")


@dataclass(frozen=True)
class DataLimits:
    """How much data one chart may inline into its page (CHARTS_MAX_DATA_BYTES, CHARTS_MAX_DATA_ROWS)."""

    max_bytes: int = 1_000_000
    max_rows: int = 5_000


DEFAULT_LIMITS = DataLimits()


class DataError(NutgrafError):
    """A data file is missing, outside content/, or unreadable; the message says which."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)


@dataclass(frozen=True)
class Table:
    """A data file read as rows, keeping its bytes for the cache key and the inline spec."""

    path: Path
    relative: str  # inside content/, as the block names it
    format: str  # csv, tsv or json
    raw: bytes
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]

    def inline(self, dates: Collection[str] | None = None) -> dict[str, Any]:
        """Vega-Lite inline data: the rows as JSON records, numbers typed as Vega would infer them.

        Records rather than the CSV text: Vega's CSV reader builds its row parser with
        ``new Function``, which the page's Content-Security-Policy forbids. Date-only columns among
        ``dates`` (all of them when None) are read as local dates: Vega reads "2001-01-01" as UTC
        midnight, which readers west of Greenwich would see as 31 December 2000.
        """
        data: dict[str, Any] = {"values": self.records(), "format": {"type": "json"}}
        wanted = self.columns if dates is None else [c for c in self.columns if c in dates]
        parse = {column: f"date:'{pattern}'" for column in wanted if (pattern := self.date_pattern(column))}
        if parse:
            data["format"]["parse"] = parse
        return data

    def records(self) -> list[dict[str, Any]]:
        """The rows with CSV numbers and booleans typed (JSON rows as they are)."""
        if self.format == "json":
            return [dict(row) for row in self.rows]
        converters = {column: _converter(self.rows, column) for column in self.columns}
        return [{column: converters[column](row.get(column)) for column in self.columns} for row in self.rows]

    def date_pattern(self, column: str) -> str | None:
        """The d3 time format of a column holding dates without times, if it does."""
        values = [str(row.get(column)) for row in self.rows if row.get(column) not in (None, "")]
        for pattern, shape in (("%Y-%m-%d", _DAY), ("%Y-%m", _MONTH)):
            if values and all(shape.match(value) for value in values):
                return pattern
        return None

    def column_type(self, column: str) -> str:
        """Vega-Lite's measurement type for a column, guessed from its values."""
        values = [row.get(column) for row in self.rows if row.get(column) not in (None, "")]
        if values and all(isinstance(v, int | float) or _NUMBER.match(str(v)) for v in values):
            return "quantitative"
        if values and all(_DATE.match(str(v)) for v in values):
            return "temporal"
        return "nominal"


def _converter(rows: tuple[dict[str, Any], ...], column: str) -> Callable[[Any], Any]:
    """How Vega's type inference would read a CSV column: booleans, numbers, or text as it is."""
    values = [row.get(column) for row in rows if row.get(column) not in (None, "")]

    def empty_as_none(convert: Callable[[str], Any]) -> Callable[[Any], Any]:
        return lambda value: None if value in (None, "") else convert(value)

    if values and all(str(v).lower() in ("true", "false") for v in values):
        return empty_as_none(lambda value: str(value).lower() == "true")
    if values and all(_NUMBER.match(str(v)) for v in values):
        return empty_as_none(lambda value: int(value) if re.fullmatch(r"-?\d+", value) else float(value))
    return lambda value: value


def resolve_inside(content_root: Path, relative: object, what: str = "data file") -> Path:
    """The file ``relative`` names inside content/, or a DataError (missing, or escaping content/)."""
    if not isinstance(relative, str) or not relative.strip():
        raise DataError(f"{what} must be a path inside content/", "e.g. data/iowa-electricity.csv")
    root = content_root.resolve()
    if "\0" in relative:
        raise DataError(f"{what} {relative!r} is not a usable path", "remove the NUL character from it")
    if Path(relative).is_absolute() or re.match(r"^[a-zA-Z]+://", relative):
        raise DataError(f"{what} '{relative}' is outside content/", "give a path relative to content/")
    target = (root / relative).resolve()  # resolves '..' and symlinks alike
    if not target.is_relative_to(root):
        raise DataError(f"{what} '{relative}' is outside content/", "copy the file into content/ and name it there")
    if not target.is_file():
        folder = target.parent
        nearby = [p.relative_to(root).as_posix() for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
        msg = f"{what} '{relative}' does not exist{did_you_mean(relative, sorted(nearby))}"
        raise DataError(msg, "paths are relative to content/")
    return target


_AGGREGATE_HINT = "aggregate it first (e.g. by month or by category), or raise {setting} in pelicanconf.py"


def load_table(content_root: Path, relative: object, limits: DataLimits = DEFAULT_LIMITS) -> Table:
    path = resolve_inside(content_root, relative)
    kind = DATA_FORMATS.get(path.suffix.lower())
    if kind is None:
        msg = f"data file '{relative}' is not CSV, TSV or JSON"
        raise DataError(msg, "use a .csv, .tsv or .json file")
    size = path.stat().st_size
    if size > limits.max_bytes:  # checked before reading: every byte would be inlined into the page
        msg = f"data file '{relative}' has {size:,} bytes; a chart's data may have at most {limits.max_bytes:,}"
        raise DataError(msg, _AGGREGATE_HINT.format(setting="CHARTS_MAX_DATA_BYTES"))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
        if kind == "json":
            rows = json.loads(text)
            if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
                msg = f"data file '{relative}' must hold a JSON list of objects"
                raise DataError(msg, 'write [{"year": 2001, ...}, ...]')
            columns = tuple(dict.fromkeys(key for row in rows for key in row))
        else:
            reader = csv.DictReader(io.StringIO(text), delimiter="\t" if kind == "tsv" else ",")
            rows = list(reader)
            columns = tuple(reader.fieldnames or ())
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
        msg = f"data file '{relative}' cannot be read ({error})"
        raise DataError(msg, "save it as UTF-8 CSV or JSON") from error
    except RecursionError:  # JSON nested thousands of levels deep
        msg = f"data file '{relative}' is nested too deeply to read"
        raise DataError(msg, 'write a flat JSON list of objects: [{"year": 2001, ...}, ...]') from None
    if len(rows) > limits.max_rows:
        msg = f"data file '{relative}' has {len(rows):,} rows; a chart's data may have at most {limits.max_rows:,}"
        raise DataError(msg, _AGGREGATE_HINT.format(setting="CHARTS_MAX_DATA_ROWS"))
    return Table(path, str(relative), kind, raw, columns, tuple(rows))
