"""A chart is drawn without its axes' label limit only when no label needs it: the SVG is the same bytes."""

from __future__ import annotations

import math

import pytest
import vl_convert

from nutgraf.kernel import fonts
from nutgraf.plugins.charts.label_limit import axis_labels, labels_wider_than, text_widths, without_label_limit
from nutgraf.plugins.charts.render import RenderError, drawn

FONT = f"{fonts.SANS}, sans-serif"


def _vega(labels: list[str], limit: int) -> dict:
    spec = {
        "data": {"values": [{"name": label, "value": index + 1} for index, label in enumerate(labels)]},
        "mark": "bar",
        "encoding": {"y": {"field": "name", "type": "nominal"}, "x": {"field": "value", "type": "quantitative"}},
        "width": 300,
        "config": {"font": FONT, "axis": {"labelFont": FONT, "labelFontSize": 14, "labelLimit": limit}},
    }
    return vl_convert.vegalite_to_vega(spec)


def test_labels_that_fit_are_drawn_the_same_without_the_limit() -> None:
    fonts.use_shipped_fonts()
    vega = _vega(["Mining", "Education and health"], 200)
    unlimited, limit = without_label_limit(vega)  # type: ignore[misc]
    assert limit == 200 and unlimited["config"]["axis"]["labelLimit"] == 0
    svg = vl_convert.vega_to_svg(unlimited)
    assert labels_wider_than(svg, limit) == []
    assert drawn(vega, {}) == vl_convert.vega_to_svg(vega) == svg


def test_a_label_vega_would_cut_short_is_an_error_naming_it() -> None:
    """Vega would draw "Telecommunications-and-broa…": a name the data does not have, which no reader may see."""
    fonts.use_shipped_fonts()
    vega = _vega(["Mining", "Telecommunications-and-broadcasting"], 120)
    unlimited, limit = without_label_limit(vega)  # type: ignore[misc]
    [(label, width)] = labels_wider_than(vl_convert.vega_to_svg(unlimited), limit)
    assert label == "Telecommunications-and-broadcasting" and width > 120
    with pytest.raises(RenderError, match=r"'Telecommunications-and-broadcasting' is .* px wide") as raised:
        drawn(vega, {})
    assert "shorten the label" in raised.value.hint


def test_widths_are_those_vega_truncates_by() -> None:
    """A label exactly as wide as the limit is kept whole by Vega; a pixel less and it is cut."""
    fonts.use_shipped_fonts()
    label = "Education and health"
    svg = vl_convert.vega_to_svg(without_label_limit(_vega([label], 120))[0])  # type: ignore[index]
    [styled] = [text for text in axis_labels(svg) if text[0] == label]
    [width] = text_widths([styled])
    assert styled[1:3] == (FONT, "14px")  # measured in the font and size it is drawn in
    whole = vl_convert.vega_to_svg(_vega([label], math.ceil(width)))
    cut = vl_convert.vega_to_svg(_vega([label], math.floor(width)))
    assert f">{label}<" in whole and f">{label}<" not in cut


def test_a_spec_without_a_label_limit_is_drawn_as_it_is() -> None:
    assert without_label_limit({"config": {"axis": {"labelLimit": 0}}}) is None
    assert without_label_limit({}) is None
