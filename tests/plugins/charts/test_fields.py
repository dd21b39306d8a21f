"""Fields a spec makes itself (transform outputs, default names, plain values) are known to the field check."""

from __future__ import annotations

from typing import Any

import pytest

from nutgraf.plugins.charts.fields import unknown_fields

ROWS = {"values": [{"a": 1, "b": 2}]}


def spec(transform: list[dict[str, Any]], field: str, data: dict[str, Any] = ROWS) -> dict[str, Any]:
    return {"data": data, "transform": transform, "mark": "bar", "encoding": {"x": {"field": field}}}


@pytest.mark.parametrize(
    ("transform", "field"),
    [
        ([{"density": "a"}], "density"),
        ([{"density": "a"}], "value"),
        ([{"density": "a", "as": ["v", "d"]}], "d"),
        ([{"bin": True, "field": "a", "as": "binned"}], "binned_end"),
        ([{"bin": True, "field": "a", "as": ["lo", "hi"]}], "hi"),
        ([{"fold": ["a", "b"]}], "key"),
        ([{"quantile": "a"}], "prob"),
        ([{"regression": "b", "on": "a"}], "b"),
        ([{"calculate": "datum.a * 2", "as": "double"}], "double"),
        ([{"aggregate": [{"op": "mean", "field": "a", "as": "mean_a"}], "groupby": ["b"]}], "mean_a"),
        ([{"window": [{"op": "rank", "as": "rank"}]}], "rank"),
        ([{"timeUnit": "year", "field": "a", "as": "y"}], "y"),
    ],
)
def test_fields_a_transform_makes_are_known(transform: list[dict[str, Any]], field: str) -> None:
    assert unknown_fields(spec(transform, field)) == []


def test_plain_values_are_the_field_data() -> None:
    assert unknown_fields(spec([], "data", {"values": [1, 2, 3]})) == []


def test_a_field_no_data_or_transform_makes_is_still_unknown() -> None:
    assert unknown_fields(spec([{"density": "a"}], "densty")) == [("x", "densty", ["a", "b", "density", "value"])]
