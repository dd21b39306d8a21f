"""Each authoring form turned into a Vega-Lite spec with its data inlined.

- shorthand: ``data`` + ``mark`` + encoding channels, written as plain Vega-Lite (as Altair would write it),
  checked once against the schema; Altair builds it again only to word what the schema refuses;
- ``spec:`` a Vega-Lite file (JSON or YAML) inside content/, its data URLs inlined;
- ``altair:`` ``path/to/module.py:function``, a function returning an Altair chart.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import jsonschema
import yaml
from altair.utils import parse_shorthand

from nutgraf.kernel import safe_yaml
from nutgraf.kernel.suggest import did_you_mean
from nutgraf.plugins.charts.annotations import KEY as ANNOTATIONS
from nutgraf.plugins.charts.annotations import USERMETA_KEY, check_annotations
from nutgraf.plugins.charts.block import CHANNELS, ChartBlock
from nutgraf.plugins.charts.cell_types import Dataset, cell_problems, dataset_problems, inline_datasets, zero_missing
from nutgraf.plugins.charts.data import DEFAULT_LIMITS, DataError, DataLimits, Table, load_table, resolve_inside
from nutgraf.plugins.charts.fields import spec_objects, unknown_fields
from nutgraf.plugins.charts.maps import map_spec
from nutgraf.plugins.charts.problem import ChartError, ChartProblem
from nutgraf.plugins.charts.sandbox import ModuleError, run_module
from nutgraf.plugins.charts.schema import describe, schema_error, schema_valid
from nutgraf.plugins.charts.spec_policy import spec_problems

MARKS = sorted(name.removeprefix("mark_") for name in dir(alt.Chart) if name.startswith("mark_"))
TYPE_CODES = {"quantitative": "Q", "temporal": "T", "nominal": "N", "ordinal": "O"}
# Channels whose fields make the default tooltip, in the order a reader wants them.
_TOOLTIP_KEYS = frozenset({"field", "type", "title", "timeUnit", "aggregate", "format", "formatType", "bin"})
TOOLTIP_CHANNELS = ("color", "x", "y", "theta", "size", "text", "shape", "detail")


@dataclass(frozen=True)
class BuiltSpec:
    """A chart's Vega-Lite spec, its data inlined, and the table it came from (when one file)."""

    vega_lite: dict[str, Any]
    table: Table | None


def build_spec(
    block: ChartBlock, content_root: Path, *, timeout: int = 30, limits: DataLimits = DEFAULT_LIMITS
) -> BuiltSpec:
    """The block's chart as Vega-Lite, or ChartError saying what is wrong."""
    if block.form == "spec":
        return spec_file(block, content_root, limits)
    if block.form == "altair":
        return altair_chart(block, content_root, timeout=timeout, limits=limits)
    if block.form == "map":  # maps.py builds it; its data file's cells are checked like any chart's
        spec, table = map_spec(block, content_root, limits)
        return BuiltSpec(checked_cells(spec, [table], block, content_root), table)
    return shorthand(block, content_root, limits)


def display(path: Path, content_root: Path) -> str:
    return (Path(content_root.name) / path.relative_to(content_root)).as_posix()


# The shorthand form ------------------------------------------------------------------------


def _channel_name(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)


def _typed(definition: Any, table: Table, key: str, problems: list[ChartProblem]) -> Any:
    """The channel definition with its type filled in from the data, its field checked."""
    if isinstance(definition, str):
        try:
            parsed = parse_shorthand(definition)
        except ValueError as error:  # e.g. an unknown type code, 'year:Z'
            problems.append(ChartProblem(f"'{key}': {str(error).splitlines()[0]}", "write field:T, :Q, :N or :O", key))
            return None
        field = parsed.get("field")
        if field and "type" not in parsed:
            definition = f"{definition}:{TYPE_CODES[table.column_type(field)]}"
    elif isinstance(definition, dict):
        field = definition.get("field")
        if isinstance(field, str) and "type" not in definition:
            definition = {**definition, "type": table.column_type(field)}
    else:
        problems.append(ChartProblem(f"'{key}' must be a field such as 'year:T', or a mapping", key=key))
        return None
    if isinstance(field, str) and field not in table.columns:
        problems.append(
            ChartProblem(
                f"field '{field}' is not in {table.relative}{did_you_mean(field, table.columns)}",
                f"its columns are: {', '.join(table.columns)}",
                key=key,
            )
        )
    return definition


def _tooltip(definition: Any) -> Any:
    """A channel's definition reduced to what a tooltip takes (no axis, scale or legend)."""
    if isinstance(definition, dict):
        kept = {k: v for k, v in definition.items() if k in _TOOLTIP_KEYS}
        return kept if "field" in kept else None
    return definition if isinstance(definition, str) else None


def _field_types(encodings: dict[str, tuple[str, Any]]) -> Iterator[tuple[str, str]]:
    for _key, typed in encodings.values():
        for definition in typed if isinstance(typed, list) else [typed]:
            if isinstance(definition, str):
                parsed = parse_shorthand(definition)
                if "field" in parsed:
                    yield parsed["field"], parsed.get("type", "")
            elif isinstance(definition, dict) and isinstance(definition.get("field"), str):
                yield definition["field"], str(definition.get("type", ""))


def shorthand(block: ChartBlock, content_root: Path, limits: DataLimits = DEFAULT_LIMITS) -> BuiltSpec:
    options = block.options
    try:
        table = load_table(content_root, options.get("data"), limits)
    except DataError as error:
        raise ChartError([ChartProblem(error.message, error.hint, key="data")]) from None
    problems: list[ChartProblem] = []
    mark = options.get("mark")
    mark_options = dict(mark) if isinstance(mark, dict) else {"type": mark}
    mark_type = mark_options.pop("type", None)
    if any(not isinstance(name, str) for name in mark_options):
        problems.append(ChartProblem("mark options must be named", "e.g. mark: {type: line, point: true}", key="mark"))
    if not isinstance(mark_type, str) or mark_type not in MARKS:
        problems.append(
            ChartProblem(
                f"mark '{mark_type}' is not one Vega-Lite knows{did_you_mean(mark_type, MARKS)}"
                if mark_type
                else "a shorthand chart needs a 'mark'",
                f"use one of: {', '.join(MARKS)}",
                key="mark" if mark_type else None,
            )
        )
    encodings: dict[str, tuple[str, Any]] = {}
    for key in [key for key in options if key in CHANNELS]:
        value = options[key]
        if isinstance(value, list):
            typed = [_typed(item, table, key, problems) for item in value]
        else:
            typed = _typed(value, table, key, problems)
        encodings[_channel_name(key)] = (key, typed)
    if problems:
        raise ChartError(problems)

    temporal = {field for field, kind in _field_types(encodings) if kind == "temporal"}
    if "tooltip" not in encodings:
        tips = [_tooltip(encodings[c][1]) for c in TOOLTIP_CHANNELS if c in encodings and _tooltip(encodings[c][1])]
        if tips:
            encodings["tooltip"] = ("tooltip", tips)
    data = table.inline(temporal)
    spec = _plain_spec(data, mark_type, mark_options, encodings)
    if spec is None or not schema_valid({**spec, "data": {"values": [], "format": data["format"]}}):
        # Refused (or not plain JSON): Altair builds it again, to say what is wrong in its words.
        spec = _altair_spec(data, mark_type, mark_options, encodings, options)
    if ANNOTATIONS in options:
        annotations, problems = check_annotations(options[ANNOTATIONS], spec, table)
        if problems:
            raise ChartError(problems)
        spec["usermeta"] = {**(spec.get("usermeta") or {}), USERMETA_KEY: annotations}
    return BuiltSpec(checked_cells(spec, [table], block, content_root), table)


# Altair's default theme wrote this view size into every chart; the themed sizes replace it (prepare._sized).
_ALTAIR_VIEW = {"continuousWidth": 300, "continuousHeight": 300}
# Secondary channels (x2, y2) take a field without a type: Altair drops the type a shorthand names.
_UNTYPED_CHANNELS = frozenset({"x2", "y2"})


class _NotPlain(Exception):  # noqa: N818 -- a signal within this module, not an error shown to anyone
    """A value YAML gave that JSON has no word for (a date, say): Altair's conversion is needed."""


def _plain(value: Any) -> Any:
    """``value`` with every mapping's keys in sorted order, as Altair writes a channel; _NotPlain if not JSON."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _NotPlain
        return {key: _plain(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise _NotPlain


def _channel_definition(channel: str, definition: Any) -> Any:
    if isinstance(definition, list):
        return [_channel_definition(channel, item) for item in definition]
    if isinstance(definition, str):
        parsed = parse_shorthand(definition)
        if channel in _UNTYPED_CHANNELS:
            parsed.pop("type", None)
        definition = parsed
    return _plain(definition)


def _plain_spec(
    data: dict[str, Any], mark_type: str, mark_options: dict[str, Any], encodings: dict[str, tuple[str, Any]]
) -> dict[str, Any] | None:
    """The shorthand chart as Vega-Lite, as Altair would write it (key for key), without Altair's copies and
    validation at each call (~3 ms a chart with one schema check, against ~47 ms through Altair); None when a
    value is not plain JSON."""
    try:
        encoding = {channel: _channel_definition(channel, encodings[channel][1]) for channel in sorted(encodings)}
        mark = {"type": mark_type, **{name: mark_options[name] for name in sorted(mark_options)}}
        _plain(mark)  # only checked: Altair sorts a mark's own options, not what they hold
    except _NotPlain:
        return None
    return {
        "config": {"view": dict(_ALTAIR_VIEW)},
        "data": data,
        "mark": mark,
        "encoding": encoding,
        "$schema": alt.SCHEMA_URL,
    }


def _altair_spec(
    data: dict[str, Any],
    mark_type: str,
    mark_options: dict[str, Any],
    encodings: dict[str, tuple[str, Any]],
    options: dict[str, Any],
) -> dict[str, Any]:
    """The shorthand chart built with Altair, for what the schema refused: ChartError in Altair's words."""
    problems: list[ChartProblem] = []
    chart = alt.Chart(alt.Data(**data))
    chart = getattr(chart, f"mark_{mark_type}")(**mark_options)
    for channel, (key, definition) in encodings.items():
        try:
            chart = chart.encode(**{channel: definition})
        except (ValueError, TypeError, jsonschema.ValidationError) as error:
            problems.append(ChartProblem(f"'{key}': {str(error).splitlines()[0]}", key=key))
    if problems:
        raise ChartError(problems)
    try:
        return chart.to_dict()
    except jsonschema.ValidationError as error:
        path = [str(part) for part in error.absolute_path]
        key = path[1] if path[:1] == ["encoding"] and len(path) > 1 else ("mark" if path[:1] == ["mark"] else None)
        snake = {_channel_name(k): k for k in options}
        raise ChartError([ChartProblem(describe(error), key=snake.get(key or "", key))]) from None


def checked_cells(
    spec: dict[str, Any], tables: list[Table], block: ChartBlock, content_root: Path, inline: Sequence[Dataset] = ()
) -> dict[str, Any]:
    """The spec, once every cell of its data files (and of its own ``inline`` data) is what it is drawn as
    (ChartError naming each bad cell)."""
    missing = block.options.get("missing")
    missing = missing if isinstance(missing, str) else None
    chart = f"{block.path}:{block.line}"
    problems = cell_problems(spec, tables, chart, missing, content_root)
    problems += dataset_problems(spec, list(inline), chart, missing)
    if problems:
        raise ChartError(problems)
    if missing == "zero":
        zero_missing(spec)
    return spec


# The spec: form -----------------------------------------------------------------------------


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _inline_row_line(text: str, field: str, index: int) -> int:
    """The line of a spec file's ``index``-th inline row naming ``field`` (a row names each of its fields once),
    else the line of its ``values``."""
    key = re.compile(rf"""(?<![\w-])(["']?){re.escape(field)}\1\s*:""")
    start = _line_of(text, "values")
    seen = 0
    for number, line in enumerate(text.splitlines()[start - 1 :], start=start):
        for _ in key.finditer(line):  # rows written side by side share a line
            if seen == index:
                return number
            seen += 1
    return start


def _field_line(text: str, field: str) -> int:
    """The line of a spec file (JSON or YAML) that names ``field`` as a field."""
    quoted = re.compile(rf"""(["']){re.escape(field)}\1|field["']?\s*:\s*{re.escape(field)}\s*(#.*)?$""")
    for number, line in enumerate(text.splitlines(), start=1):
        if quoted.search(line):
            return number
    return _line_of(text, field)


def data_nodes(spec: Any) -> Iterator[dict[str, Any]]:
    """Every ``data`` of the spec, at any depth, that names a file by ``url``."""
    for node in spec_objects(spec):
        data = node.get("data")
        if isinstance(data, dict) and isinstance(data.get("url"), str):
            yield data


def _spec_field_types(spec: Any) -> Iterator[tuple[str, str]]:
    if isinstance(spec, dict):
        if isinstance(spec.get("field"), str):
            yield spec["field"], str(spec.get("type", ""))
        for value in spec.values():
            yield from _spec_field_types(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _spec_field_types(item)


def _read_text(path: Path, shown: str, encoding: str = "utf-8-sig") -> str:
    """A spec or module file's text, or ChartError when it is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        raise ChartError([ChartProblem(message, "save the file as UTF-8", path=shown, line=line)]) from None


# A spec file holds a chart's description and at most a data file's worth of inline data (CHARTS_MAX_DATA_BYTES).
MAX_SPEC_BYTES = 2 * DEFAULT_LIMITS.max_bytes


def read_spec_file(path: Path, shown: str) -> tuple[dict[str, Any], str]:
    size = path.stat().st_size
    if size > MAX_SPEC_BYTES:  # refused before it is read: parsing a huge file takes the build's memory
        message = f"is {size:,} bytes; a spec file may be at most {MAX_SPEC_BYTES:,}"
        raise ChartError([ChartProblem(message, "put the data in a file of content/data/ and name it", path=shown)])
    text = _read_text(path, shown)
    try:
        loaded = json.loads(text) if path.suffix == ".json" else safe_yaml.load(text)
    except json.JSONDecodeError as error:
        raise ChartError([ChartProblem(f"not valid JSON: {error.msg}", path=shown, line=error.lineno)]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        refused = isinstance(error, safe_yaml.RefusedYAML)
        message = f"{'' if refused else 'not valid YAML: '}{getattr(error, 'problem', error)}"
        hint = "write each value out in full" if refused else "check the YAML syntax"
        raise ChartError([ChartProblem(message, hint, path=shown, line=mark.line + 1 if mark else 1)]) from None
    except RecursionError:
        raise ChartError([ChartProblem("is nested too deeply to read", path=shown)]) from None
    if not isinstance(loaded, dict):
        raise ChartError([ChartProblem("a Vega-Lite spec must be an object", path=shown)])
    return loaded, text


def spec_file(block: ChartBlock, content_root: Path, limits: DataLimits = DEFAULT_LIMITS) -> BuiltSpec:
    try:
        path = resolve_inside(content_root, block.options["spec"], "spec file")
    except DataError as error:
        raise ChartError([ChartProblem(error.message, error.hint, key="spec")]) from None
    shown = display(path, content_root)
    spec, text = read_spec_file(path, shown)
    spec = copy.deepcopy(spec)
    # The spec's own data, typed like a data file's (read before data files are inlined beside it).
    own_data = inline_datasets(spec, shown, lambda index, field: _inline_row_line(text, field, index))
    problems: list[ChartProblem] = []
    tables: list[Table] = []
    temporal = {field for field, kind in _spec_field_types(spec) if kind == "temporal"}
    for data in data_nodes(spec):
        url = data.pop("url")
        try:
            table = load_table(content_root, url, limits)
        except DataError as error:
            problems.append(ChartProblem(error.message, error.hint, path=shown, line=_line_of(text, url)))
            continue
        tables.append(table)
        inline = table.inline(temporal)
        data["values"] = inline["values"]
        given = data.get("format") or {}
        parse = {**inline["format"].get("parse", {}), **(given.get("parse") or {})}  # the spec's own parse wins
        data["format"] = {key: value for key, value in given.items() if key not in ("type", "parse", "property")}
        data["format"].update({"type": "json", **({"parse": parse} if parse else {})})
    if problems:
        raise ChartError(problems)
    problems = [
        ChartProblem(found.message, found.hint, path=shown, line=_line_of(text, found.needle))
        for found in spec_problems(spec, content_root, limits.max_rows)  # what would fetch or be too large
    ]
    if problems:
        raise ChartError(problems)
    problems.extend(_field_problems(spec, lambda field: {"path": shown, "line": _field_line(text, field)}))
    if not problems and (error := schema_error(spec)):
        problems.append(ChartProblem(error, path=shown, line=_line_of(text, error.split(": ")[1].split(".")[-1])))
    if problems:
        raise ChartError(problems)
    spec = checked_cells(spec, tables, block, content_root, own_data)
    return BuiltSpec(spec, tables[0] if len({t.path for t in tables}) == 1 else None)


def _field_problems(spec: dict[str, Any], where: Callable[[str], dict[str, Any]]) -> list[ChartProblem]:
    return [
        ChartProblem(
            f"field '{field}' ({channel}) is not in the chart's data{did_you_mean(field, columns)}",
            f"its columns are: {', '.join(columns)}",
            **where(field),
        )
        for channel, field, columns in unknown_fields(spec)
    ]


# The altair: form ---------------------------------------------------------------------------


def split_reference(reference: object) -> tuple[str, str]:
    if not isinstance(reference, str) or reference.count(":") != 1 or not all(reference.split(":")):
        msg = "'altair' must name a module file and a function, e.g. charts/iowa_wind.py:build"
        raise ChartError([ChartProblem(msg, "write path/to/module.py:function", key="altair")])
    module, function = reference.split(":")
    return module, function


def check_altair_reference(block: ChartBlock, content_root: Path) -> list[ChartProblem]:
    """Static checks of an ``altair:`` reference: the file is inside content/, parses and defines the function."""
    try:
        module, function = split_reference(block.options.get("altair"))
        path = resolve_inside(content_root, module, "Altair module")
    except ChartError as problems:
        return problems.problems
    except DataError as error:
        return [ChartProblem(error.message, error.hint, key="altair")]
    shown = display(path, content_root)
    try:
        tree = ast.parse(_read_text(path, shown, "utf-8"), filename=shown)
    except ChartError as error:
        return error.problems
    except SyntaxError as error:
        hint = f"run python {shown} to see it"
        return [ChartProblem(f"Python syntax error: {error.msg}", hint, path=shown, line=error.lineno or 1)]
    defined = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    if function not in defined:
        message = f"{shown} defines no function '{function}'{did_you_mean(function, defined)}"
        return [ChartProblem(message, "name a function defined at the module's top level", key="altair")]
    return []


def altair_chart(
    block: ChartBlock, content_root: Path, *, timeout: int = 30, limits: DataLimits = DEFAULT_LIMITS
) -> BuiltSpec:
    problems = check_altair_reference(block, content_root)
    table = None
    if "data" in block.options:
        try:
            table = load_table(content_root, block.options["data"], limits)
        except DataError as error:
            problems.append(ChartProblem(error.message, error.hint, key="data"))
    if problems:
        raise ChartError(problems)
    module_name, function_name = split_reference(block.options["altair"])
    path = resolve_inside(content_root, module_name, "Altair module")
    reference = block.options["altair"]
    try:
        spec = run_module(
            path,
            function_name,
            table.inline() if table else None,
            shown=display(path, content_root),
            timeout=timeout,
        )
    except ModuleError as failure:
        raise ChartError([ChartProblem(f"{reference} {failure.message}", failure.hint, key="altair")]) from None
    if error := schema_error(spec):
        raise ChartError([ChartProblem(f"{reference}: {error}", key="altair")])
    problems = [
        ChartProblem(f"{reference}: {found.message}", found.hint, key="altair")
        for found in spec_problems(spec, content_root, limits.max_rows)
    ]
    problems.extend(_field_problems(spec, lambda _field: {"key": "altair"}))
    if problems:
        raise ChartError(problems)
    return BuiltSpec(checked_cells(spec, [table] if table else [], block, content_root), table)
