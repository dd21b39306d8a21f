"""Fields a Vega-Lite spec encodes, checked against the columns of its inline data."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

# Transforms that make fields without naming them in an 'as': their output cannot be checked.
_OPAQUE = frozenset({"pivot", "lookup", "flatten", "graticule", "sphere", "url"})


def field_definitions(spec: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(channel, definition) for every encoding channel bound to a field, at any depth (layers, facets,
    concatenations); inline data is not looked into: its records are the editor's values, not encodings."""
    if isinstance(spec, list):
        for item in spec:
            yield from field_definitions(item)
        return
    if not isinstance(spec, dict):
        return
    encoding = spec.get("encoding")
    if isinstance(encoding, dict):
        for channel, definition in encoding.items():
            for item in definition if isinstance(definition, list) else [definition]:
                if isinstance(item, dict) and isinstance(item.get("field"), str):
                    yield channel, item
    for key, value in spec.items():
        if key not in ("encoding", "data", "datasets"):
            yield from field_definitions(value)


def encoded_fields(spec: Any) -> Iterator[tuple[str, str]]:
    """(channel, field) for every encoding channel bound to a field, at any depth."""
    for channel, definition in field_definitions(spec):
        yield channel, definition["field"]


def _columns_of(values: Any, format_type: str) -> list[str]:
    if isinstance(values, list):
        # An array of plain values (numbers, text) is read by Vega-Lite as objects with one field, 'data'.
        return [key for row in values for key in (row if isinstance(row, dict) else ["data"])]
    if isinstance(values, str):
        delimiter = "\t" if format_type == "tsv" else ","
        return next(csv.reader(io.StringIO(values), delimiter=delimiter), [])
    return []


# Transforms whose output fields have default names when no 'as' is given (Vega-Lite's documentation).
_DEFAULT_OUTPUTS = {
    "fold": ("key", "value"),
    "density": ("value", "density"),
    "quantile": ("prob", "value"),
    "sequence": ("data",),
}


def as_names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def known_fields(spec: dict[str, Any]) -> set[str] | None:
    """Every column of the spec's inline data plus every field its transforms make; None if unknowable."""
    known: set[str] = set()
    for key, value in (item for node in spec_objects(spec) for item in node.items()):
        if key in _OPAQUE:
            return None
        if key == "data" and isinstance(value, dict) and "values" in value:
            known.update(_columns_of(value["values"], str((value.get("format") or {}).get("type", "json"))))
        elif key == "datasets" and isinstance(value, dict):
            for values in value.values():
                known.update(_columns_of(values, "json"))
        elif key == "as":
            known.update(as_names(value))
    for transform in spec_objects(spec):
        known.update(_made_by(transform))
    return known


def spec_objects(spec: Any) -> Iterator[dict[str, Any]]:
    """Every object in the spec, at any depth (the spec itself first)."""
    if isinstance(spec, dict):
        yield spec
        for value in spec.values():
            yield from spec_objects(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from spec_objects(item)


def _made_by(transform: dict[str, Any]) -> set[str]:
    """Fields one transform makes beyond its 'as' names: defaults, bins' ends, regressions' own fields."""
    made: set[str] = set()
    for name, defaults in _DEFAULT_OUTPUTS.items():
        if name in transform and "as" not in transform:
            made.update(defaults)
    if "bin" in transform and "field" in transform and isinstance(transform.get("as"), str):
        made.add(f"{transform['as']}_end")
    for name in ("regression", "loess"):  # they keep the names of the fields they fit
        if isinstance(transform.get(name), str):
            made.add(transform[name])
    return made


def unknown_fields(spec: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(channel, field, known columns) for each encoded field not in the data."""
    known = known_fields(spec)
    if not known:
        return []
    found = []
    for channel, field in encoded_fields(spec):
        if field not in known and not any(mark in field for mark in ".[\\"):
            found.append((channel, field, sorted(known)))
    return found
