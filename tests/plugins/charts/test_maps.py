"""Map blocks (maps.py): each form built and drawn by the real vl-convert, each join and base-map error."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from nutgraf.plugins.charts import theme
from nutgraf.plugins.charts.maps import compact_path
from nutgraf.plugins.charts.prepare import prepare_chart
from nutgraf.plugins.charts.problem import ChartError
from nutgraf.plugins.charts.render import render
from nutgraf.plugins.charts.spec import build_spec
from nutgraf.plugins.charts.validate import check_block
from tests.plugins.charts.helpers import assert_matches_golden, block, content, settings
from tests.sitetools import soup
from tests.support import ROOT, build_in_process, make_project
from tests.theme.tokens import contrast, modes

# Two squares side by side, sharing an arc; rings clockwise, as d3-geo (and TopoJSON) expect.
TOPOLOGY = {
    "type": "Topology",
    "objects": {
        "regions": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": 1, "properties": {"name": "West"}, "arcs": [[-2, -1]]},
                {"type": "Polygon", "id": 2, "properties": {"name": "East"}, "arcs": [[2, 0]]},
            ],
        },
        "outline": {"type": "Polygon", "arcs": [[-2, 2]]},
    },
    "arcs": [[[0, 0], [0, 10]], [[0, 10], [-10, 10], [-10, 0], [0, 0]], [[0, 10], [10, 10], [10, 0], [0, 0]]],
}


def _square(west: float, south: float, name: str) -> dict[str, object]:
    ring = [[west, south], [west, south + 5], [west + 5, south + 5], [west + 5, south], [west, south]]
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEOJSON = {"type": "FeatureCollection", "features": [_square(0, 0, "Alpha"), _square(5, 0, "Beta")]}
RATES = "code,rate,region\n01,0.05,West side\n2,0.12,East side\n"
PLACES = "place,lon,lat,people\nHarbour,1.5,2.5,120\nHill town,8,3,40\n"

CHOROPLETH = """
title: Rates by region
map: maps/two.topojson
feature: regions
projection: mercator
data: data/rates.csv
key: code
name: region
color: {field: rate, type: quantitative, title: Rate, format: ".0%"}
source: A statistics office
alt: Two regions coloured by rate.
"""
LOCATOR = """
title: Two places
map: maps/squares.geojson
projection: equalEarth
data: data/places.csv
longitude: lon
latitude: lat
name: place
size: people:Q
source: A statistics office
alt: Two points on two squares.
"""


def root_with_maps(tmp_path: Path, rates: str = RATES, topology: object = TOPOLOGY) -> Path:
    return content(
        tmp_path,
        {
            "maps/two.topojson": json.dumps(topology),
            "maps/squares.geojson": json.dumps(GEOJSON),
            "data/rates.csv": rates,
            "data/places.csv": PLACES,
        },
    )


def problems(text: str, root: Path) -> list[str]:
    with pytest.raises(ChartError) as failure:
        build_spec(block(text), root)
    return [f"{problem.key}: {problem.message}; {problem.hint}" for problem in failure.value.problems]


# The two forms --------------------------------------------------------------------------------------------------


def test_choropleth_joins_the_data_to_the_regions_by_key_written_as_the_map_holds_it(tmp_path: Path) -> None:
    spec = build_spec(block(CHOROPLETH), root_with_maps(tmp_path)).vega_lite
    assert spec["projection"] == {"type": "mercator"}
    assert spec["data"]["format"] == {"type": "topojson", "feature": "regions"}
    lookup = spec["transform"][0]
    assert lookup["lookup"] == "id" and lookup["from"]["key"] == "code"
    assert lookup["from"]["fields"] == ["rate", "region"]
    # '01' in the CSV is region 1: numbers match by value, and the map's own value is what Vega is given.
    assert [row["code"] for row in lookup["from"]["data"]["values"]] == [1, 2]
    (regions,) = spec["layer"]  # every region has a value: no "no data" layer
    assert regions["transform"] == [{"filter": 'isValid(datum["rate"])'}]
    assert regions["encoding"]["color"]["scale"]["type"] == "threshold"
    assert regions["encoding"]["tooltip"][0] == {"field": "region", "type": "nominal", "title": "region"}


def test_locator_map_places_points_by_longitude_and_latitude_on_the_base_map(tmp_path: Path) -> None:
    spec = build_spec(block(LOCATOR), root_with_maps(tmp_path)).vega_lite
    land, points = spec["layer"]
    assert land["data"]["format"] == {"type": "json", "property": "features"}
    assert land["mark"]["type"] == "geoshape"
    assert points["encoding"]["longitude"]["field"] == "lon" and points["encoding"]["latitude"]["field"] == "lat"
    assert points["encoding"]["size"]["field"] == "people"
    assert [entry["field"] for entry in points["encoding"]["tooltip"]] == ["place", "people"]


@pytest.mark.parametrize("projection", ["albersUsa", "equalEarth", "naturalEarth1", "mercator"])
def test_projection_is_a_key_of_the_block(tmp_path: Path, projection: str) -> None:
    text = CHOROPLETH.replace("projection: mercator", f"projection: {projection}")
    assert build_spec(block(text), root_with_maps(tmp_path)).vega_lite["projection"] == {"type": projection}


def test_the_sequential_colours_and_no_data_grey_reach_3_to_1_on_light_and_dark_pages() -> None:
    for mode, tokens in modes().items():
        for colour in (*theme.SEQUENTIAL, theme.NO_DATA):
            for background in (tokens["paper"], theme.IMAGE_BACKGROUND):
                assert contrast(colour, background) >= 3, f"{mode}: {colour} on {background}"


# Errors ----------------------------------------------------------------------------------------------------------


def test_join_keys_without_a_region_are_counted_and_the_first_named(tmp_path: Path) -> None:
    rates = RATES + "".join(f"{code},0.1,Nowhere {code}\n" for code in range(90, 97))
    found = problems(CHOROPLETH, root_with_maps(tmp_path, rates))
    assert found == [
        "key: 7 of the 9 rows of data/rates.csv name no region of the map"
        " (key '90', '91', '92', '93', '94' (and 2 more)): not drawn;"
        " correct or remove them; the map's keys are '1', '2'"
    ]


def test_a_join_that_matches_nothing_fails_listing_the_maps_keys(tmp_path: Path) -> None:
    found = problems(CHOROPLETH, root_with_maps(tmp_path, "code,rate,region\nA,0.1,a\nB,0.2,b\n"))
    assert found == [
        "key: the join matches nothing: no key in column 'code' of data/rates.csv is a region of the map;"
        " the map's keys are '1', '2'; check 'key:' and 'map_key:'"
    ]


def test_a_region_without_data_is_an_error_unless_missing_gap_draws_it_as_no_data(tmp_path: Path) -> None:
    root = root_with_maps(tmp_path, "code,rate,region\n1,0.1,West side\n")
    assert problems(CHOROPLETH, root) == [
        "key: 1 region has no row in data/rates.csv (key '2');"
        " add their rows, or write 'missing: gap' to draw them as 'no data'"
    ]
    empty, _drawn = build_spec(block(CHOROPLETH + "missing: gap\n"), root).vega_lite["layer"]
    assert empty["mark"]["color"] == theme.NO_DATA and "tooltip" not in empty.get("encoding", {})
    files = render(prepare_chart(block(CHOROPLETH + "missing: gap\n"), settings(root)).job)
    assert f'fill="{theme.NO_DATA}"' in files["wide.svg"].decode()  # drawn, in grey, never left out
    assert json.loads(files["table.json"])["rows"] == [["West side", "10%"]]  # a region without data is no row


def test_a_key_given_twice_is_an_error(tmp_path: Path) -> None:
    found = problems(CHOROPLETH, root_with_maps(tmp_path, RATES + "1,0.3,West again\n"))
    assert found == ["key: 1 key is in column 'code' more than once ('1'); give each region one row"]


def test_a_base_map_that_is_not_topojson_or_geojson_is_refused(tmp_path: Path) -> None:
    root = root_with_maps(tmp_path, topology=[{"year": 2001}])
    assert problems(CHOROPLETH, root) == [
        "map: base map 'maps/two.topojson' is not TopoJSON or GeoJSON (its top level is 'list');"
        " give a TopoJSON Topology or a GeoJSON FeatureCollection (mapshaper and QGIS export both)"
    ]
    for hostile in ('{"type": "Topology", "arcs": [[[1e999, 0]]]}', '{"arcs": NaN}', "[" * 100_000, "1" * 5000):
        (root / "maps" / "two.topojson").write_text(hostile, encoding="utf-8")
        found = problems(CHOROPLETH, root)
        assert len(found) == 1 and re.search(r"is not valid JSON|is nested too deeply", found[0]), found


def test_a_missing_or_misspelt_feature_lists_the_objects_the_map_has(tmp_path: Path) -> None:
    root = root_with_maps(tmp_path)
    assert problems(CHOROPLETH.replace("feature: regions\n", ""), root) == [
        "map: base map 'maps/two.topojson' is TopoJSON: say which of its objects to draw;"
        " add 'feature:' with one of: outline, regions"
    ]
    assert problems(CHOROPLETH.replace("feature: regions", "feature: region"), root) == [
        "feature: base map 'maps/two.topojson' has no object 'region' (did you mean 'regions'?);"
        " its objects are: outline, regions"
    ]


def test_a_point_off_the_base_map_is_an_error_not_a_missing_dot(tmp_path: Path) -> None:
    root = root_with_maps(tmp_path)
    (root / "data" / "places.csv").write_text(PLACES + "Far away,120,-40,5\n", encoding="utf-8")
    assert problems(LOCATOR, root) == [
        "longitude: 1 point lies outside the base map (longitude 0.0 to 10.0, latitude 0.0 to 5.0):"
        " data/places.csv line 4 (120, -40); check longitude and latitude are not swapped,"
        " or use a base map that covers them"
    ]


def test_a_locator_map_on_a_malformed_topology_is_an_error_not_an_exception(tmp_path: Path) -> None:
    broken = {**TOPOLOGY, "transform": {"scale": ["a", 1], "translate": [0, 0]}, "arcs": [[["x", 1], [1]]]}
    root = root_with_maps(tmp_path, topology=broken)
    text = LOCATOR.replace("maps/squares.geojson", "maps/two.topojson").replace(
        "projection:", "feature: regions\nprojection:"
    )
    check_block(block(text), settings(root))  # no exception: what Vega cannot draw is reported when it is drawn


def test_map_errors_are_reported_at_the_block_key_s_line(tmp_path: Path) -> None:
    root = root_with_maps(tmp_path)
    text = CHOROPLETH.replace("projection: mercator", "projection: mercater")
    diagnostics = check_block(block(text, line=10), settings(root))
    assert [(d.line, d.message) for d in diagnostics] == [
        (14, "projection 'mercater' is not one Vega draws (did you mean 'mercator'?)")
    ]
    mixed = check_block(block(CHOROPLETH + "mark: bar\n", line=10), settings(root))
    assert "chart mixes authoring forms" in [d.message for d in mixed]


def test_the_base_map_counts_towards_the_data_size_limit(tmp_path: Path) -> None:
    root = root_with_maps(tmp_path)
    size = (root / "maps" / "two.topojson").stat().st_size
    limited = dataclasses.replace(settings(root), max_data_bytes=size - 1)
    messages = [d.message for d in check_block(block(CHOROPLETH), limited)]
    assert f"base map 'maps/two.topojson' has {size:,} bytes; a chart's data may have at most {size - 1:,}" in messages


# Drawing ---------------------------------------------------------------------------------------------------------


def test_map_paths_are_written_short_and_keep_their_shape() -> None:
    assert compact_path("M10,10L10.04,10.01L20,10L20,20Z") == "m10,10l10,0,0,10z"
    assert compact_path("M1,1L1.1,1.1L1,1.2Z") == ""  # smaller than a pixel: nothing to draw
    assert compact_path("M0,0A1,1 0 1 1 2,2Z") == "M0,0A1,1 0 1 1 2,2Z"  # not only lines: kept as it is


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    root = root_with_maps(tmp_path_factory.mktemp("maps"))
    return {
        name: render(prepare_chart(block(text), settings(root)).job)
        for name, text in (("choropleth", CHOROPLETH), ("locator", LOCATOR))
    }


@pytest.mark.parametrize("form", ["choropleth", "locator"])
@pytest.mark.parametrize("variant", ["wide", "narrow"])
def test_map_svg_matches_golden_file(drawn: dict[str, dict[str, bytes]], form: str, variant: str) -> None:
    assert_matches_golden(f"{form}-{variant}.svg", drawn[form][f"{variant}.svg"])


def test_map_svgs_are_safe_and_fit_the_phone_and_desktop_widths(drawn: dict[str, dict[str, bytes]]) -> None:
    for files in drawn.values():
        wide, narrow = files["wide.svg"].decode(), files["narrow.svg"].decode()
        assert 'width="608"' in wide and 'width="328"' in narrow
        for svg in (wide, narrow):
            assert "style=" not in svg and "<script" not in svg and 'aria-hidden="true"' in svg
            assert 'fill="currentColor"' in svg  # legend and land in the page's ink, light or dark


def test_a_map_s_table_lists_the_joined_values_by_region_name(drawn: dict[str, dict[str, bytes]]) -> None:
    table = json.loads(drawn["choropleth"]["table.json"])
    assert table["columns"] == ["region", "Rate"]
    assert sorted(table["rows"]) == [["East side", "12%"], ["West side", "5%"]]
    points = json.loads(drawn["locator"]["table.json"])
    assert points["columns"] == ["place", "people"]
    assert sorted(points["rows"]) == [["Harbour", "120"], ["Hill town", "40"]]
    choropleth = drawn["choropleth"]["wide.svg"].decode()
    assert re.search(r'fill="#8f9a00"', choropleth) and re.search(r'fill="#4a60b0"', choropleth)


# The explainer ---------------------------------------------------------------------------------------------------

EXPLAINER = "content/explainers/us-county-unemployment-map.md"


def test_the_county_map_explainer_builds_with_its_choropleth_table_and_text_alternative(tmp_path: Path) -> None:
    """A real build of the explainer: its base map and rates, as shipped in content/data/."""
    shipped = [EXPLAINER, "content/data/us-10m.json", "content/data/unemployment.tsv"]
    root = make_project(tmp_path / "site", {name: (ROOT / name).read_bytes() for name in shipped})
    result = build_in_process("build", cwd=root)
    assert result.returncode == 0, result.stderr
    figure = soup(root / "output" / "explainers" / "us-county-unemployment-map" / "index.html").select_one(
        "figure.chart"
    )
    assert figure["id"] == "county-unemployment-map"
    alt = figure.select_one(".chart-graphic")["aria-label"]
    assert alt.startswith("A map of the United States with each county coloured by its unemployment rate")
    wide, narrow = figure.select_one("svg.chart-svg-wide"), figure.select_one("svg.chart-svg-narrow")
    assert wide["width"] == "608" and narrow["width"] == "328"
    assert len(wide.select("g.mark-shape path")) > 3000  # every county drawn
    assert len(str(wide)) < 400_000  # the short paths: Vega's own SVG of it is 2.2 MB
    # The table: one row per county in the data (3,218), its FIPS code and its rate as the legend formats it.
    rows = [[cell.get_text() for cell in row.select("td")] for row in figure.select("details.chart-data tbody tr")]
    assert [th.get_text() for th in figure.select("details.chart-data thead th")] == ["id", "Unemployment rate"]
    assert len(rows) == 3218 and ["1001", "9.7%"] in rows
    assert figure.select_one("a.chart-source-file")["href"].endswith("data/unemployment.tsv")
