"""Annotation labels placed where they fit: clear of each other and inside the plot, as measured and as drawn."""

from __future__ import annotations

import itertools
import re

import pytest

from nutgraf.plugins.charts.annotation_layout import Anchor, Box, drawn_text, place_labels
from nutgraf.plugins.charts.labels import text_width
from nutgraf.plugins.charts.prepare import prepare_chart
from nutgraf.plugins.charts.render import measure_font, render
from tests.plugins.charts.helpers import SHORTHAND, assert_matches_golden, block, content, settings


def seven_px(text: str) -> float:
    return 7.0 * len(text)


def seven(text: str, font: str, size: float) -> float:
    return seven_px(text)


def test_a_second_event_close_to_the_first_moves_down_a_line() -> None:
    lines = [["Crackdown begins"], ["Second wave"]]
    first, second = place_labels(
        ["event", "event"], [Anchor(x=60), Anchor(x=80)], lines, width=328, height=200, measure=seven_px
    )
    assert first == {"align": "left", "dx": 5, "baseline": "top", "y": 0, "dy": 2, "at": "from"}
    assert second["dy"] > first["dy"]  # the next row down, not on top of the first


def test_events_far_apart_share_the_top_row() -> None:
    anchors = [Anchor(x=60), Anchor(x=550)]
    first, second = place_labels(["event"] * 2, anchors, [["Start"], ["End"]], width=608, height=200, measure=seven_px)
    assert first["dy"] == second["dy"] == 2
    assert (first["align"], second["align"]) == ("left", "right")  # each runs away from its nearer edge


def test_a_period_is_labelled_from_its_start_or_back_from_its_end() -> None:
    anchors = [Anchor(x=20, end=60), Anchor(x=250, end=300)]
    start, end = place_labels(["period"] * 2, anchors, [["A"], ["B"]], width=328, height=200, measure=seven_px)
    assert (start["at"], start["align"], end["at"], end["align"]) == ("from", "left", "to", "right")


def test_a_note_at_the_top_of_the_plot_moves_below_its_point_rather_than_cross_the_edge() -> None:
    lines = [["Two lines", "of text"]]
    (placement,) = place_labels(["note"], [Anchor(x=100, y=2)], lines, width=328, height=200, measure=seven_px)
    assert placement["dy"] > 0


def test_a_level_label_moves_off_a_note_it_would_cover() -> None:
    anchors = [Anchor(x=6, y=90), Anchor(y=100)]
    _, placed = place_labels(
        ["note", "level"], anchors, [["Peak"], ["Target"]], width=328, height=200, measure=seven_px
    )
    assert placed != {"align": "left", "dx": 2, "x": 0, "baseline": "bottom", "dy": -4}


def test_a_label_keeps_clear_of_the_charts_own_labels() -> None:
    own = drawn_text(
        {"x": 250, "y": 40, "dx": 6, "align": "left", "baseline": "middle", "text": "Coal", "fontSize": 10}, seven
    )
    assert own == Box(256, 34, 256 + 28, 46)
    # An event near the right end would run leftwards along the top; a level's label at the right is taken.
    (placed,) = place_labels(
        ["level"],
        [Anchor(y=100)],
        [["Target"]],
        width=300,
        height=200,
        measure=seven_px,
        taken=[Box(0, 80, 60, 100)],
    )
    assert placed["align"] == "right"


def test_boxes_overlap_only_when_they_share_area_or_come_closer_than_the_gap() -> None:
    assert Box(0, 0, 10, 10).overlaps(Box(12, 0, 20, 10))  # 2 px apart: too close to read as two labels
    assert not Box(0, 0, 10, 10).overlaps(Box(20, 0, 30, 10))
    assert Box(0, 0, 10, 10).overlaps(Box(0, 11, 10, 20))  # lines 1 px apart run together
    assert not Box(0, 0, 10, 10).overlaps(Box(0, 14, 10, 24))  # one line under the other


ANNOTATED = (
    SHORTHAND
    + """annotations:
  - {x: 2001-03-01, text: Crackdown begins}
  - {x: 2001-05-01, text: Second wave}
  - {x: 2002-01-01, y: 25, text: Coal falls}
  - {y: 15, text: Target}
"""
)
LABELS = ("Crackdown begins", "Second wave", "Coal falls", "Target")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = content(tmp_path_factory.mktemp("annotated"))
    return render(prepare_chart(block(ANNOTATED), settings(root)).job)


def _label_boxes(svg: str) -> dict[str, Box]:
    """Each annotation label's box in the SVG, from its position, anchor and size as drawn (the SVG gives a
    text's baseline: its top is about an ascent, 0.8 of the font size, above)."""
    boxes = {}
    for match in re.finditer(r"<text([^>]*)>([^<]*)</text>", svg):
        attributes, text = match.groups()
        if text not in LABELS:
            continue
        x, y = map(float, re.search(r"translate\(([-\d.]+),([-\d.]+)\)", attributes).groups())
        size = float(re.search(r'font-size="([\d.]+)px"', attributes).group(1))
        font = re.search(r'font-family="([^"]+)"', attributes).group(1).replace("&quot;", '"')
        wide = text_width(text, f"{measure_font(font)}, {font}", size)
        anchor = re.search(r'text-anchor="(\w+)"', attributes)
        left = x - wide if anchor and anchor.group(1) == "end" else x
        boxes[text] = Box(left, y - 0.8 * size, left + wide, y + 0.2 * size)
    return boxes


@pytest.mark.parametrize(("name", "width"), [("wide.svg", 608), ("narrow.svg", 328)])
def test_drawn_labels_neither_collide_nor_cross_the_plot(rendered: dict[str, bytes], name: str, width: int) -> None:
    svg = rendered[name].decode()
    boxes = _label_boxes(svg)
    assert set(boxes) == set(LABELS)
    for (one, a), (other, b) in itertools.combinations(boxes.items(), 2):
        assert not (a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom), (one, other)
    assert all(box.left >= 0 and box.right <= width for box in boxes.values()), boxes


@pytest.mark.parametrize("name", ["wide.svg", "narrow.svg"])
def test_annotated_svg_matches_golden_file(rendered: dict[str, bytes], name: str) -> None:
    assert_matches_golden(f"annotated-{name}", rendered[name])
