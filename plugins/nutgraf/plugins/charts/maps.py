"""Map chart blocks (``map:``): a choropleth or a locator map, built as plain Vega-Lite.

- a choropleth colours the regions of a base map by a column of the data, joined by a key:
  ``map: data/us-10m.json``, ``feature: counties``, ``data: data/rates.csv``, ``key: id``, ``color: rate:Q``;
- a locator map draws the data's rows as points by ``longitude:`` and ``latitude:`` on the base map.

The base map is a TopoJSON topology or a GeoJSON FeatureCollection in content/, read and checked here (size,
safe parsing, shape) and inlined like any data. The join is checked here too, before anything is drawn, with
the same key matching the spec then gives Vega (each row's key is written as the map's own value): a row whose
key names no region, a key given twice, and a region without a row (unless ``missing: gap`` draws it as "no
data") are errors, never a region drawn silently empty or a value silently left out.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.kernel.suggest import did_you_mean
from nutgraf.plugins.charts import theme
from nutgraf.plugins.charts.block import ChartBlock
from nutgraf.plugins.charts.cell_types import is_number, row_lines
from nutgraf.plugins.charts.data import DEFAULT_LIMITS, DataError, DataLimits, Table, load_table, resolve_inside
from nutgraf.plugins.charts.problem import ChartError, ChartProblem
from nutgraf.plugins.charts.svg import PRESENTATION, SVG_NS

KEY = "map"
# The projections Vega draws (d3-geo's), as Vega-Lite names them; 'identity' is for data already projected.
PROJECTIONS = (
    "albers",
    "albersUsa",
    "azimuthalEqualArea",
    "azimuthalEquidistant",
    "conicConformal",
    "conicEqualArea",
    "conicEquidistant",
    "equalEarth",
    "equirectangular",
    "gnomonic",
    "mercator",
    "naturalEarth1",
    "orthographic",
    "stereographic",
    "transverseMercator",
)
DEFAULT_PROJECTION = "equalEarth"
BASE_MAP_SUFFIXES = (".json", ".topojson", ".geojson")
_TYPE_CODES = {"Q": "quantitative", "O": "ordinal", "N": "nominal"}
_CHANNEL_KEYS = frozenset({"field", "type", "title", "format"})
SHOWN_KEYS = 5  # how many unmatched keys an error names
# A choropleth's legend bar (px): its classes' bounds ("12.5%") fit under it without overlapping, and it fits the
# 328 px phone chart.
LEGEND_LENGTH = 280


@dataclass(frozen=True)
class BaseMap:
    """A base map file: its parsed content, its kind, and the regions of the feature a block draws."""

    relative: str
    content: dict[str, Any]
    kind: str  # "topojson" or "geojson"
    feature: str | None  # the TopoJSON object drawn
    regions: tuple[dict[str, Any], ...]  # each region's {"id": ..., "properties": {...}}

    @property
    def data(self) -> dict[str, Any]:
        """Vega-Lite inline data drawing the regions (the whole file inlined: TopoJSON shares arcs)."""
        if self.kind == "topojson":
            return {"values": self.content, "format": {"type": "topojson", "feature": self.feature}}
        return {"values": self.content, "format": {"type": "json", "property": "features"}}


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    """A JSON number Python reads as a float, refused when it is too large to be one (1e999 would be inf)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is too large a number")
    return value


def load_base_map(
    content_root: Path, relative: object, feature: object, limits: DataLimits = DEFAULT_LIMITS
) -> BaseMap:
    """The base map ``relative`` names, checked: its size, its JSON, that it is TopoJSON or GeoJSON, the feature."""
    try:
        path = resolve_inside(content_root, relative, "base map")
    except DataError as error:
        raise ChartError([ChartProblem(error.message, error.hint, key=KEY)]) from None
    if path.suffix.lower() not in BASE_MAP_SUFFIXES:
        message = f"base map '{relative}' is not a TopoJSON or GeoJSON file"
        raise ChartError([ChartProblem(message, "name a .json, .topojson or .geojson file", key=KEY)])
    size = path.stat().st_size
    if size > limits.max_bytes:  # checked before reading: all of it is inlined into the page's interactive chart
        message = f"base map '{relative}' has {size:,} bytes; a chart's data may have at most {limits.max_bytes:,}"
        hint = "simplify it (e.g. mapshaper -simplify 10%), or raise CHARTS_MAX_DATA_BYTES in pelicanconf.py"
        raise ChartError([ChartProblem(message, hint, key=KEY)])
    try:
        text = path.read_bytes().decode("utf-8-sig")
        content = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite)
    except (UnicodeDecodeError, ValueError) as error:  # JSONDecodeError, NaN, a number of 5,000 digits
        message = f"base map '{relative}' is not valid JSON ({error})"
        raise ChartError([ChartProblem(message, "save it as UTF-8 TopoJSON or GeoJSON", key=KEY)]) from None
    except RecursionError:
        message = f"base map '{relative}' is nested too deeply to read"
        raise ChartError([ChartProblem(message, "save it as TopoJSON or GeoJSON", key=KEY)]) from None
    kind = _kind(content)
    if kind is None:
        shown = content.get("type") if isinstance(content, dict) else type(content).__name__
        message = f"base map '{relative}' is not TopoJSON or GeoJSON (its top level is {shown!r})"
        hint = "give a TopoJSON Topology or a GeoJSON FeatureCollection (mapshaper and QGIS export both)"
        raise ChartError([ChartProblem(message, hint, key=KEY)])
    regions = _regions(content, kind, feature, str(relative))
    if len(regions) > limits.max_rows:
        message = f"base map '{relative}' has {len(regions):,} regions; a chart may draw at most {limits.max_rows:,}"
        raise ChartError([ChartProblem(message, "simplify or merge regions, or raise CHARTS_MAX_DATA_ROWS", key=KEY)])
    return BaseMap(str(relative), content, kind, feature if kind == "topojson" else None, regions)  # type: ignore[arg-type]


def _kind(content: Any) -> str | None:
    if not isinstance(content, dict):
        return None
    if (
        content.get("type") == "Topology"
        and isinstance(content.get("objects"), dict)
        and isinstance(content.get("arcs"), list)
    ):
        return "topojson"
    if content.get("type") == "FeatureCollection" and isinstance(content.get("features"), list):
        return "geojson"
    return None


def _regions(content: dict[str, Any], kind: str, feature: object, relative: str) -> tuple[dict[str, Any], ...]:
    if kind == "geojson":
        if feature is not None:
            message = f"'feature' names a TopoJSON object, and base map '{relative}' is GeoJSON"
            raise ChartError([ChartProblem(message, "remove 'feature:'", key="feature")])
        found = content["features"]
    else:
        names = sorted(str(name) for name in content["objects"])
        listed = ", ".join(names)
        if feature is None:
            message = f"base map '{relative}' is TopoJSON: say which of its objects to draw"
            raise ChartError([ChartProblem(message, f"add 'feature:' with one of: {listed}", key=KEY)])
        if not isinstance(feature, str) or feature not in content["objects"]:
            message = f"base map '{relative}' has no object '{feature}'{did_you_mean(feature, names)}"
            raise ChartError([ChartProblem(message, f"its objects are: {listed}", key="feature")])
        drawn = content["objects"][feature]
        collection = isinstance(drawn, dict) and drawn.get("type") == "GeometryCollection"
        found = drawn.get("geometries") if collection else [drawn]
    if not isinstance(found, list) or not all(isinstance(region, dict) for region in found):
        message = f"base map '{relative}': its regions are not objects"
        raise ChartError([ChartProblem(message, "export the map again as TopoJSON or GeoJSON", key=KEY)])
    return tuple({"id": region.get("id"), "properties": _properties(region)} for region in found)


def _properties(region: dict[str, Any]) -> dict[str, Any]:
    properties = region.get("properties")
    return properties if isinstance(properties, dict) else {}


def join_key(value: Any) -> str | None:
    """A key as a join matches it: numbers by value (FIPS code '01001' is 1001), anything else as its text."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value) if math.isfinite(value) else None
    text = str(value).strip()
    if re.fullmatch(r"[-+]?\d+", text):
        return str(int(text))
    return text or None


def _listed(keys: list[str]) -> str:
    shown = ", ".join(f"'{key}'" for key in keys[:SHOWN_KEYS])
    return f"{shown} (and {len(keys) - SHOWN_KEYS:,} more)" if len(keys) > SHOWN_KEYS else shown


def _field(
    definition: Any, key: str, table: Table, problems: list[ChartProblem], default: str
) -> dict[str, Any] | None:
    """A channel given as ``field``, ``field:Q`` or ``{field, type, title, format}``, its field checked."""
    if isinstance(definition, str):
        name, _, code = definition.rpartition(":")
        if not name or code not in _TYPE_CODES:
            name, code = definition, ""
        channel = {"field": name, "type": _TYPE_CODES.get(code) or default}
    elif isinstance(definition, dict) and isinstance(definition.get("field"), str):
        extra = sorted(str(name) for name in definition if name not in _CHANNEL_KEYS)
        if extra:
            message = f"'{key}' has no option '{extra[0]}'"
            problems.append(ChartProblem(message, f"use: {', '.join(sorted(_CHANNEL_KEYS))}", key=key))
            return None
        channel = {"type": default, **definition}
    else:
        problems.append(ChartProblem(f"'{key}' must name a column, e.g. '{key}: rate:Q'", key=key))
        return None
    if channel["field"] not in table.columns:
        message = (
            f"field '{channel['field']}' is not in {table.relative}{did_you_mean(channel['field'], table.columns)}"
        )
        problems.append(ChartProblem(message, f"its columns are: {', '.join(table.columns)}", key=key))
        return None
    return channel


def _column(options: dict[str, Any], key: str, table: Table, problems: list[ChartProblem]) -> str | None:
    value = options.get(key)
    if not isinstance(value, str) or value not in table.columns:
        shown = f"field '{value}' is not in {table.relative}{did_you_mean(value, table.columns)}" if value else ""
        message = shown or f"a map needs '{key}:', a column of {table.relative}"
        problems.append(
            ChartProblem(message, f"its columns are: {', '.join(table.columns)}", key=key if value else None)
        )
        return None
    return value


def _tooltip(channel: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in channel.items() if name in _CHANNEL_KEYS}


def _legend_format(channel: dict[str, Any]) -> dict[str, Any]:
    """The colour channel as drawn: the editor's number format on the legend too."""
    drawn = {name: value for name, value in channel.items() if name != "format"}
    if "format" in channel:
        drawn["legend"] = {"format": channel["format"]}
    return drawn


def map_spec(
    block: ChartBlock, content_root: Path, limits: DataLimits = DEFAULT_LIMITS
) -> tuple[dict[str, Any], Table]:
    """The block's map as Vega-Lite and its data table, or ChartError saying what is wrong."""
    options = block.options
    problems: list[ChartProblem] = []
    projection = options.get("projection", DEFAULT_PROJECTION)
    if projection not in PROJECTIONS:
        message = f"projection '{projection}' is not one Vega draws{did_you_mean(projection, PROJECTIONS)}"
        problems.append(ChartProblem(message, f"use one of: {', '.join(PROJECTIONS)}", key="projection"))
    points = "longitude" in options or "latitude" in options
    if points and ("key" in options or "map_key" in options):
        message = "a map joins regions by 'key:' or places points by 'longitude:' and 'latitude:', not both"
        problems.append(ChartProblem(message, "keep one of them (two maps need two chart blocks)", key="key"))
    try:
        table = load_table(content_root, options.get("data"), limits)
    except DataError as error:
        problems.append(ChartProblem(error.message, error.hint, key="data" if "data" in options else None))
        raise ChartError(problems) from None
    try:
        base = load_base_map(content_root, options.get(KEY), options.get("feature"), limits)
    except ChartError as error:
        raise ChartError([*problems, *error.problems]) from None
    if problems:
        raise ChartError(problems)
    spec = _locator(options, table, base) if points else _choropleth(block, table, base)
    spec = {"projection": {"type": projection}, **spec}
    from nutgraf.plugins.charts.schema import schema_error  # Altair's schema: a second to import, only to build

    if error := schema_error(spec):
        raise ChartError([ChartProblem(error, key=KEY)])
    return spec, table


# The choropleth --------------------------------------------------------------------------


def _choropleth(block: ChartBlock, table: Table, base: BaseMap) -> dict[str, Any]:
    options = block.options
    problems: list[ChartProblem] = []
    key = _column(options, "key", table, problems)
    colour = _field(options.get("color"), "color", table, problems, "quantitative") if "color" in options else None
    if "color" not in options:
        problems.append(
            ChartProblem("a choropleth needs 'color:', the column its regions are coloured by", "e.g. color: rate:Q")
        )
    name = options.get("name")
    if name is not None and (not isinstance(name, str) or name not in table.columns):
        message = f"name '{name}' is not a column of {table.relative}{did_you_mean(name, table.columns)}"
        problems.append(ChartProblem(message, f"its columns are: {', '.join(table.columns)}", key="name"))
    map_key = options.get("map_key", "id")
    if not isinstance(map_key, str) or not map_key:
        problems.append(ChartProblem("'map_key' must name the regions' id or one of their properties", key="map_key"))
    if problems or key is None or colour is None:
        raise ChartError(problems)
    region_keys = _region_keys(base, map_key, "map_key" if "map_key" in options else "key")
    records, without_data = _joined_records(table, key, region_keys, block)
    region_field = "id" if map_key == "id" else f"properties.{map_key}"
    looked_up = [colour["field"], *([name] if name and name != key else [])]
    label_field = name if name and name != key else region_field  # the key column is the region's own key
    label = {"field": label_field, "type": "nominal", "title": name or key}
    drawn = {**_legend_format(colour), "scale": _colour_scale(colour, table)}
    regions = {
        "transform": [{"filter": _valid(colour["field"])}],
        # aria: each region's own label is bytes no one hears (the SVG is one image, the figure's label says it).
        "mark": {"type": "geoshape", "style": "map-region", "aria": False},
        "encoding": {"color": drawn, "tooltip": [label, _tooltip(colour)]},
    }
    # Regions without a value ('missing: gap') drawn in the no-data grey, without a tooltip: not rows of the table.
    empty = {
        "transform": [{"filter": f"!{_valid(colour['field'])}"}],
        "mark": {"type": "geoshape", "style": "map-region", "aria": False, "color": theme.NO_DATA},
    }
    return {
        "data": base.data,
        "transform": [{"lookup": region_field, "from": {"data": {"values": records}, "key": key, "fields": looked_up}}],
        "layer": [empty, regions] if without_data or _has_gaps(records, colour["field"]) else [regions],
        # Vega draws the classes as a bar (a 'discrete gradient'), sized by its config only: room for each bound.
        "config": {"legend": {"gradientLength": LEGEND_LENGTH}},
    }


def _has_gaps(records: list[dict[str, Any]], field: str) -> bool:
    """Whether a row leaves its region's value empty ('missing: gap'): its region is drawn as no data."""
    return any(record.get(field) in (None, "") for record in records)


def _valid(field: str) -> str:
    return f"isValid(datum[{json.dumps(field)}])"


def _colour_scale(colour: dict[str, Any], table: Table) -> dict[str, Any]:
    """Numbers in five classes of about equal count: every colour of the ramp is used however skewed the values
    are (a linear ramp draws most regions of a skewed variable in one or two shades). The bounds are the data's
    quintiles to two significant digits, so the legend reads "6.6%", not "6.5833%"."""
    if colour["type"] == "nominal":
        return {}  # the theme's category palette
    if colour["type"] != "quantitative":
        return {"range": list(theme.SEQUENTIAL)}
    values = sorted(float(v) for row in table.records() if is_number(v := row.get(colour["field"])))
    bounds = sorted({_two_digits(v) for v in statistics.quantiles(values, n=5)}) if len(values) > 1 else []
    bounds = [bound for bound in bounds if values[0] < bound <= values[-1]]  # each class holds some values
    return {"type": "threshold", "domain": bounds, "range": _spread(len(bounds) + 1)}


def _spread(classes: int) -> list[str]:
    """``classes`` colours of the ramp, from its lightest to its darkest (fewer classes when values repeat)."""
    last = len(theme.SEQUENTIAL) - 1
    if classes < 2:
        return [theme.SEQUENTIAL[last]]
    return [theme.SEQUENTIAL[round(index * last / (classes - 1))] for index in range(classes)]


def _two_digits(value: float) -> float:
    if value == 0:
        return 0.0
    return round(value, 1 - math.floor(math.log10(abs(value))))


def _region_keys(base: BaseMap, map_key: str, block_key: str) -> dict[str, Any]:
    """Each region's join key -> the value the map holds (what the data's key is written as for Vega)."""
    keys: dict[str, Any] = {}
    for region in base.regions:
        value = region["id"] if map_key == "id" else region["properties"].get(map_key)
        if (found := join_key(value)) is not None:
            keys.setdefault(found, value)
    if not keys:
        properties = sorted({str(name) for region in base.regions for name in region["properties"]})
        where = f"'{map_key}'" if map_key == "id" else f"a property '{map_key}'"
        message = f"no region of base map '{base.relative}' has {where}{did_you_mean(map_key, properties)}"
        hint = (
            f"name one of their properties in 'map_key:': {', '.join(properties)}"
            if properties
            else ("give the map's regions ids, or properties to join on")
        )
        raise ChartError([ChartProblem(message, hint, key=block_key)])
    return keys


def _joined_records(
    table: Table, key: str, region_keys: dict[str, Any], block: ChartBlock
) -> tuple[list[dict[str, Any]], int]:
    """The data's records with each key written as its region's own value, and how many regions have none;
    ChartError for a join that fails."""
    records = table.records()
    rows: dict[str, int] = {}
    unmatched: list[str] = []
    repeated: list[str] = []
    for record, row in zip(records, table.rows, strict=True):
        found = join_key(row.get(key))
        if found is None or found not in region_keys:
            unmatched.append(str(row.get(key)))
            continue
        if found in rows:
            repeated.append(str(row.get(key)))
        rows[found] = rows.get(found, 0) + 1
        record[key] = region_keys[found]
    problems: list[ChartProblem] = []
    sample = _listed(sorted(region_keys, key=_natural))
    if not rows:
        message = f"the join matches nothing: no key in column '{key}' of {table.relative} is a region of the map"
        problems.append(ChartProblem(message, f"the map's keys are {sample}; check 'key:' and 'map_key:'", key="key"))
    elif unmatched:
        count = f"{len(unmatched):,} of the {len(table.rows):,} rows" if len(unmatched) > 1 else "1 row"
        message = f"{count} of {table.relative} name no region of the map (key {_listed(unmatched)}): not drawn"
        problems.append(ChartProblem(message, f"correct or remove them; the map's keys are {sample}", key="key"))
    if repeated:
        are = f"{len(repeated):,} keys are" if len(repeated) > 1 else "1 key is"
        message = f"{are} in column '{key}' more than once ({_listed(repeated)})"
        problems.append(ChartProblem(message, "give each region one row", key="key"))
    empty = sorted((found for found in region_keys if found not in rows), key=_natural)
    if rows and empty and block.options.get("missing") != "gap":
        count = f"{len(empty):,} of the map's {len(region_keys):,} regions have" if len(empty) > 1 else "1 region has"
        message = f"{count} no row in {table.relative} (key {_listed(empty)})"
        hint = "add their rows, or write 'missing: gap' to draw them as 'no data'"
        problems.append(ChartProblem(message, hint, key="key"))
    if problems:
        raise ChartError(problems)
    return records, len(empty)


def _natural(key: str) -> tuple[int, float, str]:
    try:
        return (0, float(key), key)
    except ValueError:
        return (1, 0.0, key)


# The locator map -------------------------------------------------------------------------


def _locator(options: dict[str, Any], table: Table, base: BaseMap) -> dict[str, Any]:
    problems: list[ChartProblem] = []
    longitude = _column(options, "longitude", table, problems)
    latitude = _column(options, "latitude", table, problems)
    name = _column(options, "name", table, problems) if "name" in options else None
    encoding: dict[str, Any] = {}
    for channel, default in (("color", "nominal"), ("size", "quantitative")):
        if channel in options:
            encoding[channel] = _field(options[channel], channel, table, problems, default)
    if "key" in options or "map_key" in options:
        problems.append(ChartProblem("'key' joins regions: a map of points has none", "remove it", key="key"))
    if problems or longitude is None or latitude is None:
        raise ChartError(problems)
    _check_inside(base, table, longitude, latitude)
    where = [
        {"field": longitude, "type": "quantitative", "title": longitude},
        {"field": latitude, "type": "quantitative", "title": latitude},
    ]
    label = [{"field": name, "type": "nominal", "title": name}] if name else where
    values = [_tooltip(channel) for channel in encoding.values() if channel]
    return {
        "layer": [
            {"data": base.data, "mark": {"type": "geoshape", "style": "map-land"}},
            {
                "data": {"values": table.records()},
                "mark": {"type": "circle", "style": "map-point"},
                "encoding": {
                    "longitude": where[0],
                    "latitude": where[1],
                    **{channel: _legend_format(definition) for channel, definition in encoding.items() if definition},
                    "tooltip": [*label, *values],
                },
            },
        ],
    }


def _check_inside(base: BaseMap, table: Table, longitude: str, latitude: str) -> None:
    """Every point inside the base map's bounds: a point off the map would not be drawn (or drawn off it)."""
    bounds = bounding_box(base.content, base.kind)
    if bounds is None:
        return
    west, south, east, north = bounds
    outside = []
    lines = row_lines(table)
    for index, row in enumerate(table.rows):
        try:
            x, y = float(row.get(longitude)), float(row.get(latitude))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue  # the cell check reports cells that are not numbers
        if not (west <= x <= east and south <= y <= north):
            outside.append(f"line {lines[index] if index < len(lines) else index + 2} ({x:g}, {y:g})")
    if outside:
        count = f"{len(outside):,} points lie" if len(outside) > 1 else "1 point lies"
        box = f"longitude {west:.1f} to {east:.1f}, latitude {south:.1f} to {north:.1f}"
        message = f"{count} outside the base map ({box}): {table.relative} {_listed(outside).replace(chr(39), '')}"
        hint = "check longitude and latitude are not swapped, or use a base map that covers them"
        raise ChartError([ChartProblem(message, hint, key="longitude")])


def bounding_box(content: dict[str, Any], kind: str) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of a map's coordinates (TopoJSON arcs decoded, GeoJSON walked)."""
    given = content.get("bbox")
    if isinstance(given, list) and len(given) == 4 and all(isinstance(n, int | float) for n in given):
        return tuple(float(n) for n in given)  # type: ignore[return-value]
    points = list(_topology_points(content) if kind == "topojson" else _coordinates(content.get("features")))
    if not points:
        return None
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _pair(value: Any) -> bool:
    """A position or a transform's scale or translate: (at least) two numbers."""
    return isinstance(value, list) and len(value) >= 2 and all(isinstance(n, int | float) for n in value[:2])


def _topology_points(topology: dict[str, Any]) -> Iterator[tuple[float, float]]:
    transform = topology.get("transform") if isinstance(topology.get("transform"), dict) else None
    scale = (transform or {}).get("scale", [1, 1])
    translate = (transform or {}).get("translate", [0, 0])
    if transform and not (_pair(scale) and _pair(translate)):
        return  # not a quantized topology Vega could draw either: no bounds to check against
    for arc in topology.get("arcs") or []:
        x = y = 0.0
        for position in arc if isinstance(arc, list) else []:
            if not _pair(position):
                continue
            if transform:  # quantized: each position is the change from the one before
                x, y = x + position[0], y + position[1]
                yield x * scale[0] + translate[0], y * scale[1] + translate[1]
            else:
                yield float(position[0]), float(position[1])


def _coordinates(value: Any) -> Iterator[tuple[float, float]]:
    stack = [value]
    while stack:
        node = stack.pop()
        if _pair(node):
            yield float(node[0]), float(node[1])
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(value for name, value in node.items() if name in ("geometry", "geometries", "coordinates"))


# The map's SVG, kept light --------------------------------------------------------------------------------------

# Geographic paths as Vega writes them: absolute moves and lines to three decimals, points closer than a pixel.
_LINES_ONLY = re.compile(r"[MLZ0-9.,\-e\s]*")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")
# A point nearer the last kept one than this (px) adds nothing a reader can see; positions are kept to 0.1 px.
TOLERANCE = 0.3
# A thumbnail (176 px wide, shown 120-176 px) is looked at, not read: a coarser outline is as good there.
THUMBNAIL_TOLERANCE = 0.8


def _tenths(value: int) -> str:
    text = f"{value / 10:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def compact_path(d: str, tolerance: float = TOLERANCE) -> str:
    """A path of moves and lines written short: relative, to 0.1 px, without points closer than ``tolerance`` px
    to the one before, nor rings smaller than that. Any other path is returned as it is."""
    if not _LINES_ONLY.fullmatch(d):
        return d
    out: list[str] = []
    pen = (0, 0)
    for ring in re.findall(r"M[^M]*", d):
        numbers = [float(n) for n in _NUMBER.findall(ring)]
        points = list(zip(numbers[0::2], numbers[1::2], strict=False))
        if not points:
            continue
        kept = [points[0]]
        for x, y in points[1:]:
            if abs(x - kept[-1][0]) >= tolerance or abs(y - kept[-1][1]) >= tolerance:
                kept.append((x, y))
        closed = ring.rstrip().endswith("Z")
        if closed and len(kept) < 3:
            continue  # a ring smaller than the tolerance: nothing to see
        grid = [(round(x * 10), round(y * 10)) for x, y in kept]
        steps = [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(grid) if a != b]
        start = grid[0]
        text = f"m{_tenths(start[0] - pen[0])},{_tenths(start[1] - pen[1])}"
        if steps:
            text += "l" + ",".join(f"{_tenths(dx)},{_tenths(dy)}" for dx, dy in steps)
        out.append((text + ("z" if closed else "")).replace(",-", "-"))
        pen = start if closed else (start[0] + sum(dx for dx, _ in steps), start[1] + sum(dy for _, dy in steps))
    return "".join(out)


def compact_shapes(svg: str, tolerance: float = TOLERANCE) -> str:
    """A rendered SVG with its map shapes (Vega's shape marks) written short, their shared attributes on their
    group; an SVG without shapes is returned unchanged. A county map's SVG is a third of Vega's."""
    if "mark-shape" not in svg:
        return svg
    root = ET.fromstring(svg)
    for group in root.iter(f"{{{SVG_NS}}}g"):
        if "mark-shape" not in (group.get("class") or "").split():
            continue
        for path in list(group):
            if path.get("transform") == "translate(0,0)":
                del path.attrib["transform"]
            if path.get("d"):
                path.set("d", compact_path(path.get("d", ""), tolerance))
            if not path.get("d"):
                group.remove(path)  # a region with nothing to draw (no geometry, or smaller than a pixel)
        children = list(group)
        shared = dict(children[0].attrib) if children else {}
        for child in children[1:]:
            shared = {name: value for name, value in shared.items() if child.get(name) == value}
        for name, value in shared.items():
            if name in PRESENTATION:  # inherited by the paths from their group
                group.set(name, value)
                for child in children:
                    del child.attrib[name]
    return ET.tostring(root, encoding="unicode")
