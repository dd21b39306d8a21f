"""Annotations of shorthand charts: each kind built as layers, each bad value reported at its line with a fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nutgraf.plugins.charts.annotations import USERMETA_KEY, annotated, block_descriptions
from nutgraf.plugins.charts.problem import ChartError
from nutgraf.plugins.charts.spec import build_spec
from tests.plugins.charts.helpers import SHORTHAND, block, content


def built(tmp_path: Path, annotations: str) -> dict[str, Any]:
    return build_spec(block(SHORTHAND + "annotations:\n" + annotations), content(tmp_path)).vega_lite


def layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    drawn = annotated(spec)
    assert "usermeta" not in drawn
    base, *added = drawn["layer"]
    assert base["mark"] == spec["mark"] and base["encoding"] == spec["encoding"]
    assert all("tooltip" not in layer["encoding"] for layer in added)  # charts.js steps through tooltips only
    return added


def problems(tmp_path: Path, annotations: str) -> list[str]:
    chart = block(SHORTHAND + "annotations:\n" + annotations)
    with pytest.raises(ChartError) as caught:
        build_spec(chart, content(tmp_path))
    return [str(problem.diagnostic(chart)) for problem in caught.value.problems]


def test_note_at_a_point_is_a_point_and_text_beside_it(tmp_path: Path) -> None:
    added = layers(built(tmp_path, "  - {x: 2002-01-01, y: 25, text: Coal falls}\n"))
    point, text = added
    assert point["mark"]["type"] == "point" and text["mark"]["type"] == "text"
    assert text["mark"]["text"] == ["Coal falls"] and text["mark"]["style"] == "annotation"
    # Data positions, not fields: a field's name would join the shared axis's title. Dates are local, like the data's.
    assert text["encoding"]["x"] == {"datum": {"year": 2002, "month": 1, "date": 1}, "type": "temporal"}
    assert text["encoding"]["y"] == {"datum": 25.0, "type": "quantitative"}
    # At the right end of the x axis the text runs leftwards, inside the chart.
    assert text["mark"]["align"] == "right"
    assert text["data"] == {"values": [{}]}  # one mark, not one per row of the chart's data


def test_event_is_a_vertical_rule_labelled_at_the_top(tmp_path: Path) -> None:
    rule, label = layers(built(tmp_path, "  - {x: 2001-01-01, text: Crackdown begins}\n"))
    assert rule["mark"]["type"] == "rule" and set(rule["encoding"]) == {"x"}
    assert label["mark"]["align"] == "left" and label["mark"]["y"] == 0
    assert label["mark"]["text"] == ["Crackdown begins"]


def test_period_is_a_shaded_range_and_level_a_horizontal_rule(tmp_path: Path) -> None:
    spec = built(tmp_path, "  - {from: 2001-01-01, to: 2001-07-01, text: Strike}\n  - {y: 15, text: Target}\n")
    rect, _, rule, rule_label = layers(spec)
    assert rect["mark"] == {"type": "rect", "style": "annotation-range"}
    assert rect["encoding"]["x"]["datum"]["month"] == 1 and rect["encoding"]["x2"]["datum"]["month"] == 7
    assert rule["mark"]["type"] == "rule" and set(rule["encoding"]) == {"y"}
    assert rule_label["mark"]["text"] == ["Target"]
    assert block_descriptions(block(SHORTHAND + "annotations:\n  - {y: 15, text: Target}").options["annotations"]) == [
        "Target (at 15)"
    ]


def test_long_text_wraps_into_short_lines(tmp_path: Path) -> None:
    _, text = layers(built(tmp_path, "  - {x: 2002-01-01, y: 25, text: 'Coal output falls for the first time'}\n"))
    assert all(len(line) <= 18 for line in text["mark"]["text"]) and len(text["mark"]["text"]) > 1


def test_annotations_are_carried_in_usermeta_and_the_direct_labels_stay(tmp_path: Path) -> None:
    from nutgraf.plugins.charts.direct_labels import label_marks

    spec = built(tmp_path, "  - {x: 2001-01-01, text: Start}\n")
    assert spec["usermeta"][USERMETA_KEY][0]["kind"] == "event"
    labelled = label_marks(spec, width=608)
    assert "layer" in labelled  # the lines are named at their ends, as without annotations
    assert len(annotated(labelled)["layer"]) == len(labelled["layer"]) + 2


def test_a_date_that_does_not_parse_is_reported_at_its_line(tmp_path: Path) -> None:
    found = problems(tmp_path, "  - {x: '2010-13-01', text: Peak}\n")
    line = 10 + 1 + SHORTHAND.strip("\n").count("\n") + 2
    assert found == [f"content/explainers/a.md:{line}: annotation x '2010-13-01' is not a date; write YYYY-MM-DD"]


def test_a_bare_year_on_a_date_axis_gets_the_date_to_write(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, "  - {x: 2002, text: Peak}\n")
    assert "annotation x '2002' is not a date; write YYYY-MM-DD, e.g. 2002-01-01" in found


def test_values_outside_the_data_are_errors_with_the_range(tmp_path: Path) -> None:
    found = problems(tmp_path, "  - {x: 2010-01-01, text: Late}\n  - {y: 500, text: High}\n")
    assert "annotation x '2010-01-01' is outside the chart's x axis (2001-01-01 to 2002-01-01)" in found[0]
    assert "write a value from 2001-01-01 to 2002-01-01" in found[0]
    assert "annotation y '500' is outside the chart's y axis (0 to 30)" in found[1]


def test_missing_text_and_unknown_shapes_are_errors(tmp_path: Path) -> None:
    found = problems(tmp_path, "  - {x: 2001-01-01, y: 10}\n  - {x: 2001-01-01, text: ''}\n")
    assert "annotation 1 (x, y) is none of the four kinds" in found[0]
    assert "annotation 2 has no text" in found[1]


def test_annotations_must_be_a_list(tmp_path: Path) -> None:
    chart = block(SHORTHAND + "annotations: Peak in 2010")
    with pytest.raises(ChartError, match="'annotations' must be a list"):
        build_spec(chart, content(tmp_path))


def test_period_must_run_forwards(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, "  - {from: 2002-01-01, to: 2001-01-01, text: Back}\n")
    assert "is empty or reversed" in found


def test_annotations_leave_the_axis_titles_as_they_were(tmp_path: Path) -> None:
    import vl_convert

    spec = built(
        tmp_path,
        "  - {x: 2001-01-01, text: A}\n  - {x: 2002-01-01, y: 25, text: B}\n"
        "  - {from: 2001-01-01, to: 2001-07-01, text: C}\n  - {y: 15, text: D}\n",
    )
    plain = {key: value for key, value in spec.items() if key != "usermeta"}

    def titles(chart: dict[str, Any]) -> list[Any]:
        return [axis.get("title") for axis in vl_convert.vegalite_to_vega(chart)["axes"] if "title" in axis]

    assert titles(annotated(spec)) == titles(plain) == ["year", "net_generation"]
    svg = vl_convert.vegalite_to_svg(annotated(spec))
    assert all(f">{text}<" in svg for text in "ABCD")
