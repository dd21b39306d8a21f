"""Prepared charts hold what pages need; their specs come back from the memo only to make a render job."""

from __future__ import annotations

import shutil
from pathlib import Path

from nutgraf.plugins.charts.cache import ChartCache
from nutgraf.plugins.charts.library import ChartLibrary
from nutgraf.plugins.charts.prepare import prepare_chart
from tests.plugins.charts.helpers import SHORTHAND, block, content, settings

MODULE = """import altair as alt
import pandas as pd


def build():
    data = pd.DataFrame({"year": ["2020", "2021"], "sales": [3, 5]})
    return alt.Chart(data).mark_bar().encode(x="year:O", y="sales:Q")
"""
ALTAIR = "altair: charts/sales.py:build\nsource: A statistics office\nalt: Bars of sales.\n"


def test_a_remembered_chart_holds_no_spec_and_makes_its_job_from_the_memo(tmp_path: Path) -> None:
    chart_settings = settings(content(tmp_path))
    prepared = prepare_chart(block(SHORTHAND), chart_settings)
    assert prepared.held_spec is None
    job = prepared.job
    assert job.key == prepared.key
    assert [row["net_generation"] for row in job.specs["wide"]["data"]["values"]] == [10, 20, 30, 25]
    assert job.specs["narrow"]["width"] < job.specs["wide"]["width"]
    shutil.rmtree(chart_settings.cache_path / "specs")  # a memo emptied mid-build: the spec is built again
    assert prepared.job == job


def test_an_altair_chart_holds_its_spec_only_until_it_is_rendered(tmp_path: Path) -> None:
    chart_settings = settings(content(tmp_path, {"charts/sales.py": MODULE}))
    prepared = prepare_chart(block(ALTAIR), chart_settings)
    assert prepared.held_spec is not None  # modules are not remembered: run once, not again for the job
    library = ChartLibrary(chart_settings, "", ChartCache(chart_settings.cache_path))
    library.add(prepared)
    assert library.render() == (1, 0)
    assert all(chart.held_spec is None for chart in library.charts.values())
    assert prepare_chart(block(ALTAIR), chart_settings).held_spec is None  # rendered: nothing to hold


def test_asking_for_the_legend_is_another_chart_to_render(tmp_path: Path) -> None:
    """`legend: true` keeps a legend the line labels would replace: the cache must not serve the labelled one."""
    root = content(tmp_path)
    labelled = prepare_chart(block(SHORTHAND), settings(root))
    with_legend = prepare_chart(block(SHORTHAND + "legend: true\n"), settings(root))
    assert labelled.key != with_legend.key
    assert "layer" in labelled.job.specs["wide"] and "layer" not in with_legend.job.specs["wide"]
