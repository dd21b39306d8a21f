"""Values on bars and names at line ends, only where they can be read; the legend stays otherwise."""

from __future__ import annotations

from typing import Any

from nutgraf.plugins.charts.direct_labels import label_marks


def bars(count: int) -> dict[str, Any]:
    return {
        "data": {"values": [{"industry": f"Industry {i}", "change": i - 3} for i in range(count)]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "industry", "type": "nominal", "title": None},
            "x": {"field": "change", "type": "quantitative", "axis": {"format": "+,"}},
        },
    }


def lines(ends: dict[str, float]) -> dict[str, Any]:
    rows = [
        {"year": year, "source": name, "value": end - 10 + year * 10} for name, end in ends.items() for year in (0, 1)
    ]
    return {
        "data": {"values": rows},
        "mark": "line",
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": {"field": "value", "type": "quantitative"},
            "color": {"field": "source", "type": "nominal"},
        },
    }


def test_a_few_bars_carry_their_values_at_their_ends_on_a_wide_chart() -> None:
    labelled = label_marks(bars(11), width=608)
    unit, text = labelled["layer"]
    assert unit["mark"] == "bar" and text["mark"]["type"] == "text"
    assert text["encoding"]["text"] == {"field": "change", "type": "quantitative", "format": "+,"}
    assert "'right'" in text["mark"]["align"]["expr"]  # a loss's value sits left of its bar's end
    assert unit["encoding"]["x"]["scale"]["padding"] > 0  # room for the labels inside the chart
    assert label_marks(bars(13), width=608) == bars(13)  # too many to read
    assert label_marks(bars(11), width=328) == bars(11)  # no room on a phone


def test_lines_are_named_at_their_ends_instead_of_a_legend_unless_the_block_asks_for_one() -> None:
    spec = lines({"Coal": 25, "Wind": 10})
    labelled = label_marks(spec, width=608)
    unit, names = labelled["layer"]
    assert unit["encoding"]["color"]["legend"] is None
    assert names["encoding"]["text"]["field"] == "source"
    assert names["encoding"]["y"]["aggregate"] == {"argmax": "year"}
    assert label_marks(spec, width=608, legend=True) == spec


def test_lines_ending_too_close_or_too_many_keep_their_legend() -> None:
    close = lines({"Coal": 20, "Wind": 19.5})
    assert label_marks(close, width=608) == close
    many = lines({f"S{i}": i * 10 for i in range(7)})
    assert label_marks(many, width=608) == many
