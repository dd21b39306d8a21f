"""Small builders shared by the chart tests."""

from __future__ import annotations

import os
from pathlib import Path

from nutgraf.plugins.charts.block import ChartBlock, parse_block
from nutgraf.plugins.charts.settings import ChartSettings

CSV = "year,source,net_generation\n2001-01-01,Wind,10\n2002-01-01,Wind,20\n2001-01-01,Coal,30\n2002-01-01,Coal,25\n"


def content(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    """A content/ folder with one small data file (and ``files``)."""
    root = tmp_path / "content"
    (root / "data").mkdir(parents=True)
    (root / "data" / "power.csv").write_text(CSV, encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def settings(root: Path) -> ChartSettings:
    return ChartSettings.from_settings({"PATH": str(root), "CHARTS_WORKERS": 1})


def block(text: str, line: int = 10) -> ChartBlock:
    parsed = parse_block(text.strip("\n"), "content/explainers/a.md", line)
    assert isinstance(parsed, ChartBlock), parsed
    return parsed


SHORTHAND = """
title: Power by source
data: data/power.csv
mark: line
x: year
y: net_generation:Q
color: source:N
source: A statistics office
alt: Two lines.
"""


GOLDEN = Path(__file__).parent / "golden"


def assert_matches_golden(name: str, rendered: bytes) -> None:
    """``rendered`` is the golden file ``name`` byte for byte (NUTGRAF_UPDATE_GOLDEN=1 rewrites it after a
    deliberate change: vl-convert's output is deterministic)."""
    golden = GOLDEN / name
    if os.environ.get("NUTGRAF_UPDATE_GOLDEN") == "1":
        golden.write_bytes(rendered)
    assert rendered.decode() == golden.read_text(encoding="utf-8")
