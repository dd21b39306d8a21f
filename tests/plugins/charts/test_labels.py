"""Long category labels wrap between words to the axis's limit, measured by vl-convert; none is cut short."""

from __future__ import annotations

from nutgraf.plugins.charts.labels import label_expression, text_width, wrap, wrap_category_labels


def by_letters(text: str) -> float:
    return 10.0 * len(text)


def test_a_label_wraps_between_words_into_lines_that_fit() -> None:
    assert wrap("Education and health services", 150, by_letters) == ["Education and", "health services"]
    assert wrap("Manufacturing", 150, by_letters) == ["Manufacturing"]
    assert wrap("Supercalifragilistic is long", 100, by_letters) == ["Supercalifragilistic", "is long"]


def test_a_label_in_a_script_without_spaces_breaks_between_characters() -> None:
    """Chinese has no spaces to break at: a long name breaks between its characters, a number kept whole."""
    assert wrap("电信网络诈骗案件2025年", 80, by_letters) == ["电信网络诈骗案件", "2025年"]
    assert wrap("缅甸 妙瓦底电诈园区", 50, by_letters) == ["缅甸 妙瓦", "底电诈园区"]
    assert wrap("短标签", 80, by_letters) == ["短标签"]


def test_vl_convert_measures_longer_text_wider() -> None:
    assert text_width("Education and health services", "DejaVu Sans", 14) > text_width("Education", "DejaVu Sans", 14)


def test_category_axes_get_their_wrapped_labels_and_room_for_them() -> None:
    rows = [{"industry": name, "change": 1} for name in ("Education and health services", "Mining")]
    spec = {
        "data": {"values": rows},
        "height": 60,
        "mark": "bar",
        "encoding": {"y": {"field": "industry", "type": "nominal"}, "x": {"field": "change", "type": "quantitative"}},
        "config": {"axis": {"labelLimit": 150, "labelFontSize": 14}},
    }
    wrapped = wrap_category_labels(spec, measure=by_letters)
    axis = wrapped["encoding"]["y"]["axis"]
    lines = {"Education and health services": ["Education and", "health services"]}
    assert axis["labelExpr"] == label_expression(lines)
    assert axis["labelExpr"].startswith('datum.label === "Education and health services" ? ["Education and", ')
    assert wrapped["height"] > 60 and "axis" not in spec["encoding"]["y"]  # taller; the original untouched
    short = {**spec, "data": {"values": [{"industry": "Mining", "change": 1}]}}
    assert wrap_category_labels(short, measure=by_letters) is short
