"""The three authoring forms, built into Vega-Lite with their data inlined; Altair modules' failures summarised."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutgraf.plugins.charts.problem import ChartError
from nutgraf.plugins.charts.spec import build_spec
from tests.plugins.charts.helpers import SHORTHAND, block, content


def test_shorthand_infers_types_inlines_records_and_adds_tooltips(tmp_path: Path) -> None:
    spec = build_spec(block(SHORTHAND), content(tmp_path)).vega_lite
    assert spec["encoding"]["x"] == {"field": "year", "type": "temporal"}
    assert spec["data"]["values"][0] == {"year": "2001-01-01", "source": "Wind", "net_generation": 10}
    # Dates are read as local dates, so no reader sees 31 December of the year before.
    assert spec["data"]["format"] == {"type": "json", "parse": {"year": "date:'%Y-%m-%d'"}}
    assert [tip["field"] for tip in spec["encoding"]["tooltip"]] == ["source", "year", "net_generation"]


def test_spec_file_has_its_data_url_inlined(tmp_path: Path) -> None:
    spec_text = '{"data": {"url": "data/power.csv"}, "mark": "bar", "encoding": {"x": {"field": "source"}}}'
    root = content(tmp_path, {"charts/p.vl.json": spec_text})
    built = build_spec(block("spec: charts/p.vl.json\nsource: S\nalt: A"), root)
    assert "url" not in built.vega_lite["data"]
    assert len(built.vega_lite["data"]["values"]) == 4
    assert built.table is not None and built.table.relative == "data/power.csv"


def test_spec_file_may_be_yaml(tmp_path: Path) -> None:
    spec_text = "data: {url: data/power.csv}\nmark: bar\nencoding:\n  x: {field: source, type: nominal}\n"
    root = content(tmp_path, {"charts/p.vl.yaml": spec_text})
    built = build_spec(block("spec: charts/p.vl.yaml\nsource: S\nalt: A"), root)
    assert built.vega_lite["mark"] == "bar"


def test_altair_module_gets_the_data_and_returns_a_chart(tmp_path: Path) -> None:
    module = (
        "import altair as alt\n\n"
        "def build(data):\n"
        "    return alt.Chart(data).mark_bar().encode(x='source:N', y='sum(net_generation):Q')\n"
    )
    root = content(tmp_path, {"charts/m.py": module})
    built = build_spec(block("altair: charts/m.py:build\ndata: data/power.csv\nsource: S\nalt: A"), root)
    assert built.vega_lite["mark"]["type"] == "bar"
    assert built.vega_lite["data"]["values"][2]["source"] == "Coal"


def _altair_problem(tmp_path: Path, module: str, timeout: int = 30) -> str:
    root = content(tmp_path, {"charts/m.py": module})
    with pytest.raises(ChartError) as raised:
        build_spec(block("altair: charts/m.py:build\nsource: S\nalt: A"), root, timeout=timeout)
    (problem,) = raised.value.problems
    return str(problem.diagnostic(block("altair: charts/m.py:build\nsource: S\nalt: A")))


def test_altair_module_raising_is_summarised_with_its_line(tmp_path: Path) -> None:
    module = "import altair as alt\n\ndef build():\n    columns = {}\n    return columns['year']\n"
    assert _altair_problem(tmp_path, module) == (
        "content/explainers/a.md:11: charts/m.py:build raised KeyError at content/charts/m.py:5: 'year';"
        " run it with python content/charts/m.py to see why"
    )


def test_altair_module_returning_something_else(tmp_path: Path) -> None:
    message = _altair_problem(tmp_path, "def build():\n    return 42\n")
    assert "charts/m.py:build returned int, not an Altair chart" in message


def test_altair_module_with_an_invalid_chart_gets_the_schema_error(tmp_path: Path) -> None:
    module = "import altair as alt\ndef build():\n    return alt.Chart().mark_bar().encode(x=alt.X('a:Q', bin='no'))\n"
    message = _altair_problem(tmp_path, module)
    assert "charts/m.py:build: Vega-Lite: encoding.x.bin" in message and "\n" not in message


def test_altair_module_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    message = _altair_problem(tmp_path, "def build():\n    while True:\n        pass\n", timeout=1)
    assert "charts/m.py:build took longer than 1 s; make it faster or raise CHARTS_ALTAIR_TIMEOUT" in message
