"""Each content problem becomes one diagnostic at the right line, with a hint."""

from __future__ import annotations

from pathlib import Path

from nutgraf.plugins.charts.validate import check_block
from tests.plugins.charts.helpers import SHORTHAND, block, content, settings


def problems(tmp_path: Path, text: str, files: dict[str, str] | None = None) -> list[str]:
    root = content(tmp_path, files)
    return [str(d) for d in check_block(block(text), settings(root))]


def test_valid_shorthand_has_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, SHORTHAND) == []


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    found = problems(tmp_path, SHORTHAND + "subtitel: x\n")
    assert found == ["content/explainers/a.md:19: unknown chart key 'subtitel' (did you mean 'subtitle'?)"]


def test_missing_source_and_alt(tmp_path: Path) -> None:
    text = "\n".join(line for line in SHORTHAND.splitlines() if not line.startswith(("source", "alt")))
    found = problems(tmp_path, text)
    assert any("chart has no 'source'; add source:" in f for f in found)
    assert any("chart has no 'alt'; add alt:" in f for f in found)


def test_missing_data_file(tmp_path: Path) -> None:
    found = problems(tmp_path, SHORTHAND.replace("data/power.csv", "data/powr.csv"))
    assert found == [
        "content/explainers/a.md:12: data file 'data/powr.csv' does not exist (did you mean 'data/power.csv'?);"
        " paths are relative to content/"
    ]


def test_data_outside_content_is_refused(tmp_path: Path) -> None:
    root = content(tmp_path)
    (tmp_path / "secret.csv").write_text("a\n1\n")
    (root / "data" / "link.csv").symlink_to(tmp_path / "secret.csv")
    for path in ("../secret.csv", str(tmp_path / "secret.csv"), "data/link.csv"):
        text = SHORTHAND.replace("data/power.csv", path)
        found = [str(d) for d in check_block(block(text), settings(root))]
        assert len(found) == 1, found
        assert found[0].startswith(f"content/explainers/a.md:12: data file '{path}' is outside content/")


def test_unknown_field_suggests_and_lists_columns(tmp_path: Path) -> None:
    found = problems(tmp_path, SHORTHAND.replace("x: year", "x: yaer:T"))
    assert found == [
        "content/explainers/a.md:14: field 'yaer' is not in data/power.csv (did you mean 'year'?);"
        " its columns are: year, source, net_generation"
    ]


def test_unknown_mark(tmp_path: Path) -> None:
    found = problems(tmp_path, SHORTHAND.replace("mark: line", "mark: lines"))
    assert len(found) == 1 and "mark 'lines' is not one Vega-Lite knows (did you mean 'line'?)" in found[0]


def test_schema_error_is_one_readable_line(tmp_path: Path) -> None:
    bad_axis = "y: {field: net_generation, type: quantitative, axis: {labelAngel: 3}}"
    text = SHORTHAND.replace("y: net_generation:Q", bad_axis)
    found = problems(tmp_path, text)
    assert len(found) == 1 and "\n" not in found[0]
    assert found[0].startswith("content/explainers/a.md:15: Vega-Lite: encoding.y.axis:")
    assert "'labelAngel' (did you mean 'labelAngle'?)" in found[0]


def test_spec_file_form_valid_and_its_errors_point_into_the_file(tmp_path: Path) -> None:
    spec = (
        '{\n  "data": {"url": "data/power.csv"},\n  "mark": "line",\n  "encoding": {\n'
        '    "x": {"field": "year", "type": "temporal"},\n    "y": {"field": "net_genration", "type": "quantitative"}\n'
        "  }\n}\n"
    )
    text = "spec: charts/p.vl.json\nsource: S\nalt: A\n"
    found = problems(tmp_path, text, {"charts/p.vl.json": spec})
    assert found == [
        "content/charts/p.vl.json:6: field 'net_genration' (y) is not in the chart's data"
        " (did you mean 'net_generation'?); its columns are: net_generation, source, year"
    ]
    good = spec.replace("net_genration", "net_generation")
    assert problems(tmp_path / "ok", text, {"charts/p.vl.json": good}) == []


def test_altair_reference_is_checked_without_running_it(tmp_path: Path) -> None:
    module = "import altair as alt\n\ndef build(data):\n    raise SystemExit('must not run during checks')\n"
    text = "altair: charts/m.py:biuld\ndata: data/power.csv\nsource: S\nalt: A\n"
    found = problems(tmp_path, text, {"charts/m.py": module})
    assert found == [
        "content/explainers/a.md:11: content/charts/m.py defines no function 'biuld' (did you mean 'build'?);"
        " name a function defined at the module's top level"
    ]
    assert problems(tmp_path / "ok", text.replace("biuld", "build"), {"charts/m.py": module}) == []


def test_mixed_forms_and_keys_without_effect(tmp_path: Path) -> None:
    found = problems(tmp_path, "spec: charts/p.vl.json\nmark: bar\nsource: S\nalt: A\n")
    assert any("mixes authoring forms" in f for f in found)
