"""Where each annotation's label goes: measured, so that no two overlap and none crosses the chart's edge.

A label has a few places it may take, in the order a reader expects them (beside its point on the side
with more room; an event's label at the top of the plot, then a line lower; a level's label above its
line at the left, then at the right, then below). Labels are placed one after another, each in the first
of its places whose box, measured in the font the chart is drawn in, stays inside the plot and clear of
every label placed before it. Points are placed first (they are fixed to the data), then levels, then the
labels along the top, which can always move down a line.

Positions are in the plot's pixels, x from the left and y from the top, as vl-convert lays the chart out:
each label's ``Anchor`` is where its value is drawn (a period's, where its range starts and ends).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Measure = Callable[[str], float]
LINE_HEIGHT = 16
# Space between a label and its anchor, and between two labels side by side; between two labels one above
# the other (a line's own leading already parts them a little).
GAP = 5
LINE_GAP = 3
# Rows an event's or a period's label may move down before it gives up and overlaps (rare: five events
# within one label's width of each other).
TOP_ROWS = 5


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right + GAP
            and other.left < self.right + GAP
            and self.top < other.bottom + LINE_GAP
            and other.top < self.bottom + LINE_GAP
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.right <= width and self.top >= 0 and self.bottom <= height


@dataclass(frozen=True)
class Anchor:
    x: float = 0.0
    y: float = 0.0
    end: float = 0.0  # a period's end; its start is x


# A place for a label: the text mark's properties there, and the box the label covers.
Place = tuple[dict[str, Any], Box]


def _beside(x: float, y: float, size: tuple[float, float], gap: float, side: str) -> Place:
    """Text beside (x, y), vertically centred, running right ("left"-aligned) or left."""
    wide, tall = size
    left = x + gap if side == "left" else x - gap - wide
    return {"align": side, "dx": gap if side == "left" else -gap}, Box(left, y - tall / 2, left + wide, y + tall / 2)


def _note_places(at: Anchor, size: tuple[float, float], width: float) -> Iterator[Place]:
    x, y = at.x, at.y
    sides = ("left", "right") if x < width / 2 else ("right", "left")
    for side in sides:
        yield _beside(x, y, size, 8, side)
    for side in sides:  # above the point, then below it, when neither side has room
        placement, box = _beside(x, y, size, 0, side)
        for shift in (-(size[1] / 2 + GAP + 4), size[1] / 2 + GAP + 4):
            moved = Box(box.left, box.top + shift, box.right, box.bottom + shift)
            yield {**placement, "dy": shift}, moved


def _level_places(at: Anchor, size: tuple[float, float], width: float) -> Iterator[Place]:
    wide, tall = size
    y = at.y
    for above in (True, False):
        top = y - 4 - tall if above else y + 4
        vertical = {"baseline": "bottom", "dy": -4} if above else {"baseline": "top", "dy": 4}
        yield {"align": "left", "dx": 2, "x": 0, **vertical}, Box(2, top, 2 + wide, top + tall)
        yield {"align": "right", "dx": -2, "x": width, **vertical}, Box(width - 2 - wide, top, width - 2, top + tall)


def _event_places(at: Anchor, size: tuple[float, float], width: float) -> Iterator[Place]:
    return _top_places(at.x, at.x, size, width)


def _period_places(at: Anchor, size: tuple[float, float], width: float) -> Iterator[Place]:
    return _top_places(at.x, at.end, size, width)


def _top_places(start: float, end: float, size: tuple[float, float], width: float) -> Iterator[Place]:
    """Along the top of the plot, rightwards from ``start`` or leftwards from ``end`` (an event's both are
    its x), whichever has more room first; a line lower when those are taken."""
    tall = size[1]
    preferred = ("left", "right") if start < width / 2 else ("right", "left")
    for row in range(TOP_ROWS):
        top = 2 + row * (tall + LINE_GAP)
        for side in preferred:
            x = start if side == "left" else end
            placement, box = _beside(x, top + tall / 2, size, GAP, side)
            # Periods label the side they start from, so that side says which end the text belongs to.
            key = "from" if side == "left" else "to"
            yield {**placement, "baseline": "top", "y": 0, "dy": top, "at": key}, box


_PLACES = {"note": _note_places, "level": _level_places, "event": _event_places, "period": _period_places}
# Fixed to the data first; the labels along the top can always move down.
_ORDER = {"note": 0, "level": 1, "event": 2, "period": 2}


def drawn_text(item: dict[str, Any], width_of: Callable[[str, str, float], float]) -> Box:
    """The box of a text mark's item as vl-convert lays it out (x, y, offsets, alignment, baseline, size):
    the chart's own labels (a line's name at its end, a bar's value) that annotations must keep clear of.
    ``width_of(text, font, size)`` measures a line."""
    size = float(item.get("fontSize") or 11)
    text = item.get("text", "")
    lines = [str(line) for line in text] if isinstance(text, list) else [str(text)]
    wide = max(width_of(line, str(item.get("font") or "sans-serif"), size) for line in lines)
    tall = size * 1.2 * len(lines)
    x = float(item.get("x", 0)) + float(item.get("dx", 0))
    y = float(item.get("y", 0)) + float(item.get("dy", 0))
    left = {"left": x, "center": x - wide / 2}.get(str(item.get("align")), x - wide)
    top = {"top": y, "middle": y - tall / 2, "bottom": y - tall}.get(str(item.get("baseline")), y - size)
    return Box(left, top, left + wide, top + tall)


def label_size(lines: list[str], measure: Measure) -> tuple[float, float]:
    return max(measure(line) for line in lines), LINE_HEIGHT * len(lines)


def place_labels(
    kinds: list[str],
    anchors: list[Anchor],
    lines: list[list[str]],
    *,
    width: float,
    height: float,
    measure: Measure,
    taken: list[Box] | None = None,
) -> list[dict[str, Any]]:
    """The text mark's properties for each label (annotation kinds, their anchors and their lines, in one
    order), placed clear of each other, of the boxes in ``taken`` and of the plot's edges where any of
    their places allows."""
    placed: list[Box] = list(taken or [])
    chosen: list[dict[str, Any]] = [{} for _ in kinds]
    for index in sorted(range(len(kinds)), key=lambda i: (_ORDER[kinds[i]], i)):
        size = label_size(lines[index], measure)
        places = list(_PLACES[kinds[index]](anchors[index], size, width))
        free = [p for p in places if p[1].inside(width, height) and not any(p[1].overlaps(b) for b in placed)]
        inside = [p for p in places if p[1].inside(width, height)]
        placement, box = (free or inside or places)[0]
        chosen[index] = placement
        placed.append(box)
    return chosen


def first_places(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each label's first place, by its value's place on the axis (``x_position``, 0 to 1): for a spec
    drawn at no known size."""
    return [
        next(_PLACES[item["kind"]](Anchor(x=item.get("x_position", item.get("from_position", 0.0))), (0, 0), 1.0))[0]
        for item in items
    ]
