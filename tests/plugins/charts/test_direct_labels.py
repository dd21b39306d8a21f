"""Values on bars and names at line ends, only where they can be read; the legend stays otherwise."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from nutgraf.plugins.charts.direct_labels import label_marks
from nutgraf.plugins.charts.prepare import prepare_chart
from nutgraf.plugins.charts.render import render
from tests.plugins.charts.helpers import block, content, settings


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
    assert unit["encoding"]["x"]["scale"]["padding"] > 0  # room for the labels inside the chart, both ways
    assert label_marks(bars(13), width=608) == bars(13)  # too many to read
    assert label_marks(bars(11), width=328) == bars(11)  # no room on a phone


def test_the_room_for_values_never_runs_the_axis_past_zero_where_no_bar_goes() -> None:
    def scale(changes: list[float]) -> dict[str, Any]:
        spec = bars(len(changes))
        for row, change in zip(spec["data"]["values"], changes, strict=True):
            row["change"] = change
        return label_marks(spec, width=608)["layer"][0]["encoding"]["x"]["scale"]

    # Gains only: the axis starts at zero, with room past the longest bar (x: the bars lie along the width).
    assert scale([3, 5, 0]) == {"domainMin": 0, "domainMax": {"expr": "5.0 * width / max(1, width - 56)"}}
    assert scale([-3, -5]) == {"domainMin": {"expr": "-5.0 * width / max(1, width - 56)"}, "domainMax": 0}
    assert scale([-3, 5]) == {"padding": 56}  # both: room at both ends
    assert scale([0, 0]) == {"padding": 56}
    own = bars(3)
    own["encoding"]["x"]["scale"] = {"domain": [0, 100]}  # a domain the spec sets itself is kept
    assert label_marks(own, width=608)["layer"][0]["encoding"]["x"]["scale"] == {"padding": 56, "domain": [0, 100]}


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


@pytest.mark.parametrize(
    ("rows", "x", "y"),
    [
        ("region,change\nNorth,3\nSouth,5\n", "region:N", "change:Q"),  # gains, upright bars
        ("region,change\nNorth,3\nSouth,5\n", "change:Q", "region:N"),  # gains, lying bars
        ("region,change\nNorth,-3\nSouth,-5\n", "region:N", "change:Q"),  # losses
    ],
)
def test_drawn_bars_of_one_sign_keep_their_axis_on_their_side_of_zero(
    tmp_path: Path, rows: str, x: str, y: str
) -> None:
    root = content(tmp_path, {"data/change.csv": rows})
    chart = f"title: Change\ndata: data/change.csv\nmark: bar\nx: {x}\ny: {y}\nsource: A bureau\nalt: Bars.\n"
    svg = render(prepare_chart(block(chart), settings(root)).job)["wide.svg"].decode()
    texts = re.findall(r">([^<]*)</text>", svg)
    numbers = [float(text.replace("−", "-")) for text in texts if re.fullmatch(r"−?[\d.]+", text)]
    assert {3.0, 5.0} <= {abs(n) for n in numbers}  # the bars' values are drawn
    gains = "-" not in rows
    assert all(n >= 0 for n in numbers) if gains else all(n <= 0 for n in numbers), texts
