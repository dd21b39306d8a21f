"""Charts and social cards are drawn in the fonts nutgraf ships: a build on a machine without any font installed
gives the same bytes as one here (real builds, the machine's fonts hidden in a mount namespace)."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nutgraf.kernel import fonts
from tests.plugins.charts.test_build import CHART_A, FRONT, SECTIONS
from tests.support import make_project, nutgraf_env

SYSTEM_FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts")
CHINESE_CHART = """```chart
title: 历年销售额
data: data/a.csv
mark: bar
x: year:O
y: sales:Q
source: 测试局
alt: 按年份显示销售额的柱状图。
```"""
FILES = {
    "content/explainers/a.md": FRONT + SECTIONS.format(charts=CHART_A),
    "content/explainers/a.zh-hans.md": "Lang: zh-Hans\nSlug: a\nTranslation: true\n"
    + FRONT.replace("Title: Charts", "Title: 图表")
    + "## 正在发生什么\n\n文字。\n\n"
    + CHINESE_CHART
    + "\n\n## 为何重要\n\n文字。\n\n## 接下来\n\n文字。\n\n"
    + "## 头条之外\n\n文字。\n",
    "content/data/a.csv": "year,sales\n2020,3\n2021,5\n",
}


def build(root: Path, *, hide_fonts: bool) -> Path:
    output = root / "output"
    command = [sys.executable, "-m", "nutgraf", "build", "--output", str(output)]
    if hide_fonts:  # an empty folder over each font folder, seen only by this build
        mounts = "; ".join(f"[ ! -d {folder} ] || mount -t tmpfs none {folder}" for folder in SYSTEM_FONT_FOLDERS)
        command = ["unshare", "-m", "--propagation", "private", "sh", "-ec", f'{mounts}; exec "$@"', "sh", *command]
    env = nutgraf_env({"HOME": str(root)}, cwd=root)  # nor ~/.fonts, ~/.local/share/fonts
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    return output


def different_files(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files, *comparison.funny_files]
    for name in comparison.common_dirs:
        found += [f"{name}/{path}" for path in different_files(left / name, right / name)]
    return found


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"),
    reason="hides the machine's fonts in a mount namespace: Linux, as root",
)
def test_a_build_without_any_installed_font_draws_the_same_charts_and_cards(tmp_path: Path) -> None:
    here = build(make_project(tmp_path / "here", FILES), hide_fonts=False)
    bare = build(make_project(tmp_path / "bare", FILES), hide_fonts=True)
    charts = sorted(path.name for path in (here / "charts").iterdir())
    # Each page's lead chart as drawn for its social card (a build without feeds draws no other chart PNG).
    assert sum(name.endswith("-card.png") for name in charts) == 2, charts
    assert (here / "social" / "zh-hans" / "a.png").is_file()
    # Every file: chart PNGs, social cards, and the pages that hold the SVGs.
    assert different_files(here, bare) == []


def test_the_shipped_fonts_are_found_beside_the_package() -> None:
    names = sorted(path.name for path in fonts.FONT_DIRECTORY.iterdir())
    assert {"NutgrafSans.ttf", "NutgrafSans-Bold.ttf", "NutgrafSerif-Bold.ttf"} <= set(names)
    assert {"NutgrafCJKSC-Regular.otf", "NutgrafCJKSC-Bold.otf", "LICENSE-DejaVu.txt", "LICENSE-Noto-OFL.txt"} <= set(
        names
    )
    assert not fonts.FONT_DIRECTORY.is_relative_to("/usr")
