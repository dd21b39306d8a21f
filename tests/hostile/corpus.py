"""Hostile and malformed inputs, each with the diagnostic it must give: ``path:line: message``.

Every case is a throwaway project: files written into it (text or bytes), symbolic links made in it,
and settings added to its pelicanconf.py. Lines are found by a needle in the file, so that the cases
say where the problem is rather than counting lines by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.plugins.explainers.helpers import VALID

EXPLAINER = "content/explainers/a.md"
CSV = "year,value\n2001,10\n2002,20\n"
SHORTHAND = "title: Values\ndata: data/d.csv\nmark: bar\nx: year:O\ny: value:Q\nsource: A statistics office\nalt: Bars."


def with_chart(chart: str, text: str = VALID) -> str:
    """The valid explainer with one chart block (``chart`` is its YAML) in 'Why it matters'."""
    return text.replace("The second part.", f"The second part.\n\n```chart\n{chart}\n```")


def altair_explainer(reference: str = "charts/m.py:build", extra: str = "") -> str:
    return with_chart(f"altair: {reference}\nsource: A statistics office\nalt: Bars.{extra}")


def front(old: str, new: str) -> str:
    return VALID.replace(old, new)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes]
    path: str  # the file the diagnostic names, as editors see it
    needle: str | None  # text on the diagnostic's line in ``path`` (None: line 1)
    message: str  # a fragment of the diagnostic
    # link -> target: absolute, content/… (inside the project), or a file of OUTSIDE_FILES beside the project
    links: dict[str, str] = field(default_factory=dict)
    fifos: tuple[str, ...] = ()  # named pipes made in the project
    settings: str = ""  # appended to pelicanconf.py
    occurrence: int = 1  # which line holding the needle

    def line(self, root: Path) -> int:
        if self.needle is None:
            return 1
        text = (root / self.path).read_text(encoding="utf-8", errors="replace")
        seen = 0
        for number, line in enumerate(text.split("\n"), start=1):
            if self.needle in line:
                seen += 1
                if seen == self.occurrence:
                    return number
        msg = f"{self.needle!r} is not in {self.path}"
        raise AssertionError(msg)


def _chart_case(name: str, chart: str, needle: str, message: str, **files: str | bytes) -> Case:
    written = {EXPLAINER: with_chart(chart), "content/data/d.csv": CSV}
    written.update({path.replace("__", "/").replace("_DOT_", "."): text for path, text in files.items()})
    return Case(name, written, EXPLAINER, needle, message)


# What the links of the cases point to, beside the project (not in it).
OUTSIDE_FILES = {
    "x.md": VALID,
    "folder/y.md": VALID,
    "d.csv": CSV,
    "m.py": "def build():\n    return None\n",
}

HUGE_ROWS = "year,value\n" + "".join(f"{year},{year % 97}\n" for year in range(6000))
HUGE_BYTES = "year,value\n" + "".join(f"{n},{'9' * 200}\n" for n in range(5200))

# Found by the content check alone (``invoke check``, and the first step of every build).
CHECK_CASES = [
    # Paths and links out of content/ --------------------------------------------------------------
    _chart_case("data path with ..", SHORTHAND.replace("data/d.csv", "../secrets.csv"), "data:", "is outside content/"),
    _chart_case("absolute data path", SHORTHAND.replace("data/d.csv", "/etc/passwd"), "data:", "is outside content/"),
    _chart_case("data URL", SHORTHAND.replace("data/d.csv", "https://example.org/d.csv"), "data:", "outside content/"),
    _chart_case("NUL in a data path", SHORTHAND.replace("data/d.csv", '"data/d\\0.csv"'), "data:", "NUL character"),
    _chart_case("data path is a folder", SHORTHAND.replace("data/d.csv", "data"), "data:", "does not exist"),
    _chart_case("data path is a list", SHORTHAND.replace("data/d.csv", "[data/d.csv]"), "data:", "must be a path"),
    Case(
        "spec whose data.url climbs out",
        {
            EXPLAINER: with_chart("spec: charts/s.vl.json\nsource: S\nalt: A."),
            "content/charts/s.vl.json": '{\n  "data": {"url": "../../../etc/passwd"},\n  "mark": "bar"\n}',
        },
        "content/charts/s.vl.json",
        "../../../etc/passwd",
        "is outside content/",
    ),
    Case(
        "spec whose data.url is absolute",
        {
            EXPLAINER: with_chart("spec: charts/s.vl.yaml\nsource: S\nalt: A."),
            "content/charts/s.vl.yaml": "mark: bar\ndata:\n  url: /etc/hostname\n",
        },
        "content/charts/s.vl.yaml",
        "/etc/hostname",
        "is outside content/",
    ),
    _chart_case("spec path with ..", "spec: ../../pelicanconf.py\nsource: S\nalt: A.", "spec:", "is outside content/"),
    _chart_case(
        "Altair module outside content/",
        "altair: ../tasks.py:build\nsource: S\nalt: A.",
        "altair:",
        "Altair module '../tasks.py' is outside content/",
    ),
    _chart_case(
        "Altair module by absolute path",
        "altair: /tmp/m.py:build\nsource: S\nalt: A.",
        "altair:",
        "Altair module '/tmp/m.py' is outside content/",
    ),
    Case(
        "explainer that is a link out of content/",
        {},
        "content/explainers/x.md",
        None,
        "outside/x.md, outside content/",
        links={"content/explainers/x.md": "x.md"},
    ),
    Case(
        "folder of explainers linked from outside",
        {},
        "content/explainers/elsewhere",
        None,
        "outside content/",
        links={"content/explainers/elsewhere": "folder"},
    ),
    Case(
        "static data file linked to a secret",
        {EXPLAINER: VALID},
        "content/data/id_rsa.csv",
        None,
        "outside content/",
        links={"content/data/id_rsa.csv": "/etc/passwd"},
    ),
    Case(
        "chart data file that is a link out",
        {EXPLAINER: with_chart(SHORTHAND)},
        EXPLAINER,
        "data:",
        "data file 'data/d.csv' is outside content/",
        links={"content/data/d.csv": "d.csv"},
    ),
    Case(
        "Altair module that is a link out",
        {EXPLAINER: altair_explainer()},
        EXPLAINER,
        "altair:",
        "Altair module 'charts/m.py' is outside content/",
        links={"content/charts/m.py": "m.py"},
    ),
    Case(
        "Slug that climbs out of the site",
        {EXPLAINER: front("Tags:", "Slug: ../../../tmp/pwned\nTags:")},
        EXPLAINER,
        "Slug:",
        "is not a valid slug",
    ),
    Case(
        "Template path out of the theme",
        {EXPLAINER: front("Tags:", "Template: ../../../etc/passwd\nTags:")},
        EXPLAINER,
        "Template:",
        "is not a valid template",
    ),
    Case(
        "Template the theme lacks",
        {EXPLAINER: front("Tags:", "Template: nonexistent\nTags:")},
        EXPLAINER,
        "Template:",
        "the theme has no template 'nonexistent'",
    ),
    Case(
        "Lang that breaks out of <html lang>",
        {EXPLAINER: front("Tags:", 'Lang: en"><script>x</script>\nTags:')},
        EXPLAINER,
        "Lang:",
        "unknown language",
    ),
    # Script where a URL or an id goes -------------------------------------------------------------
    _chart_case(
        "javascript: source_url",
        SHORTHAND + "\nsource_url: 'javascript:alert(1)'",
        "source_url:",
        "is not a web address",
    ),
    _chart_case(
        "chart id breaking out of its attribute",
        SHORTHAND + "\nid: 'x\"><script>alert(1)</script>'",
        "id:",
        "is not a valid anchor",
    ),
    _chart_case(
        "chart title that is a mapping",
        SHORTHAND.replace("title: Values", "title: {a: b}"),
        "title:",
        "'title' must be text",
    ),
    # Encodings ----------------------------------------------------------------------------------------
    Case(
        "explainer in Latin-1",
        {EXPLAINER: VALID.replace("delta", "deltá").encode("latin-1")},
        EXPLAINER,
        "Title:",
        "is not valid UTF-8 (byte 0xe1",
    ),
    Case(
        "explainer in UTF-16 with its BOM",
        {EXPLAINER: VALID.encode("utf-16")},
        EXPLAINER,
        None,
        "is not valid UTF-8 (byte 0xff at offset 0)",
    ),
    _chart_case(
        "CSV in Latin-1",
        SHORTHAND,
        "data:",
        "cannot be read",
        content__data__d_DOT_csv="year,value\n2001,café\n".encode("latin-1"),
    ),
    Case(
        "spec file with an invalid byte",
        {
            EXPLAINER: with_chart("spec: charts/s.vl.json\nsource: S\nalt: A."),
            "content/charts/s.vl.json": b'{\n  "mark": "bar\xff"\n}',
        },
        "content/charts/s.vl.json",
        '"mark"',
        "is not valid UTF-8 (byte 0xff",
    ),
    Case(
        "Altair module with an invalid byte",
        {EXPLAINER: altair_explainer(), "content/charts/m.py": b"import altair\n# \xfe\ndef build():\n    pass\n"},
        "content/charts/m.py",
        "# ",
        "is not valid UTF-8 (byte 0xfe",
    ),
    Case(
        "Altair module with a NUL byte",
        {EXPLAINER: altair_explainer(), "content/charts/m.py": "def build():\n    return '\0'\n"},
        "content/charts/m.py",
        None,
        "cannot contain null bytes",
    ),
    # Huge and deep data -------------------------------------------------------------------------------
    _chart_case(
        "data file with too many rows",
        SHORTHAND,
        "data:",
        "has 6,000 rows; a chart's data may have at most 5,000",
        content__data__d_DOT_csv=HUGE_ROWS,
    ),
    _chart_case("data file too large", SHORTHAND, "data:", "aggregate it first", content__data__d_DOT_csv=HUGE_BYTES),
    _chart_case(
        "JSON nested 100,000 deep",
        SHORTHAND.replace("d.csv", "d.json"),
        "data:",
        "nested too deeply",
        content__data__d_DOT_json="[" * 100_000 + "]" * 100_000,
    ),
    _chart_case(
        "CSV field over the csv module's limit",
        SHORTHAND,
        "data:",
        "field larger than field limit",
        content__data__d_DOT_csv="year,value\n2001," + "9" * 200_000 + "\n",
    ),
    _chart_case(
        "chart YAML nested 10,000 deep", "title: " + "[" * 10_000 + "]" * 10_000, "```chart", "nested too deeply"
    ),
    # Malformed chart blocks -------------------------------------------------------------------------
    _chart_case(
        "YAML tag that would run code",
        "title: !!python/object/apply:os.system ['touch /tmp/pwned']\nsource: S",
        "!!python",
        "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    _chart_case(
        "chart key given twice", SHORTHAND + "\ntitle: Other", "title: Other", "chart key 'title' is given twice"
    ),
    _chart_case("unknown type code", SHORTHAND.replace("x: year:O", "x: year:Z"), "x:", '"Z" is not one of the valid'),
    _chart_case(
        "mark options without names",
        SHORTHAND.replace("mark: bar", "mark: {type: bar, 1: 2}"),
        "mark:",
        "mark options must be named",
    ),
    _chart_case("aspect of zero", SHORTHAND + "\naspect: 0", "aspect:", "'aspect' must be a number above 0"),
    _chart_case("aspect of NaN", SHORTHAND + "\naspect: .nan", "aspect:", "'aspect' must be a number above 0"),
    _chart_case("infinite height", SHORTHAND + "\nheight: .inf", "height:", "'height' must be a number above 0"),
    _chart_case("negative height", SHORTHAND + "\nheight: -300", "height:", "'height' must be a number above 0"),
    # Duplicate slugs ------------------------------------------------------------------------------------
    Case(
        "two explainers with the same file name",
        {EXPLAINER: VALID, "content/explainers/2026/a.md": VALID},
        "content/explainers/a.md",
        None,
        "the slug 'a' is also content/explainers/2026/a.md's",
    ),
    Case(
        "two explainers with the same Slug",
        {
            EXPLAINER: front("Tags:", "Slug: floods\nTags:"),
            "content/explainers/b.md": front("Tags:", "Slug: floods\nTags:"),
        },
        "content/explainers/b.md",
        "Slug:",
        "the slug 'floods' is also content/explainers/a.md's",
    ),
    Case(
        "a Slug taking another explainer's file name",
        {EXPLAINER: VALID, "content/explainers/b.md": front("Tags:", "Slug: a\nTags:")},
        "content/explainers/b.md",
        "Slug:",
        "the slug 'a' is also content/explainers/a.md's",
    ),
]


# Data checked against how it is drawn (issue 14) ----------------------------------------------------------------
DATA = "content/data/d.csv"
TIME = SHORTHAND.replace("year:O", "year:T")
YAML_SPEC = "data:\n  url: data/d.csv\nmark: bar\nencoding:\n  x: {field: year, type: ordinal}\n  y:\n"


def _cell_case(name: str, data: str, needle: str, message: str, chart: str = SHORTHAND, path: str = DATA) -> Case:
    suffix = path.rsplit(".", 1)[1]
    chart = chart.replace("data/d.csv", f"data/d.{suffix}")
    return Case(name, {EXPLAINER: with_chart(chart), path: data}, path, needle, message)


def _json_rows(value: str) -> str:
    return f'[\n  {{"year": 2001, "value": 10}},\n  {{"year": 2002, "value": {value}}}\n]\n'


CELL_CASES = [
    _cell_case("a letter in a column drawn as numbers", CSV.replace("2002,20", "2002,T"), "2002,T", "holds 'T' where"),
    _cell_case("a unit in a number cell", CSV.replace("2002,20", "2002,20 mm"), "20 mm", "holds '20 mm' where"),
    _cell_case("a thousands separator", CSV.replace("2002,20", '2002,"1,200"'), "1,200", "holds '1,200' where"),
    _cell_case("n/a in a number cell", CSV.replace("2002,20", "2002,n/a"), "n/a", "holds 'n/a' where"),
    _cell_case("an empty cell without missing:", CSV.replace("2002,20", "2002,"), "2002,", "column 'value' is empty"),
    _cell_case("NaN in JSON data", _json_rows("NaN"), "NaN", "holds NaN where", path="content/data/d.json"),
    _cell_case("Infinity in JSON", _json_rows("Infinity"), "Infinity", "holds Infinity", path="content/data/d.json"),
    _cell_case("text in a JSON number", _json_rows('"20 mm"'), "20 mm", "holds '20 mm'", path="content/data/d.json"),
    _cell_case("true in a JSON number", _json_rows("true"), "true", "holds true where", path="content/data/d.json"),
    _cell_case("null in JSON without missing:", _json_rows("null"), "null", "is empty", path="content/data/d.json"),
    _cell_case(
        "a bad cell in a TSV file", "year\tvalue\n2001\t10\n2002\t?\n", "?", "holds '?'", path="content/data/d.tsv"
    ),
    _cell_case("a bare year drawn as time", CSV, "2001,10", "column 'year' holds '2001' (and 1 more row)", TIME),
    _cell_case(
        "a day-first date drawn as time",
        "year,value\n2001-01-01,10\n01/02/2001,20\n",
        "01/02/2001",
        "holds '01/02/2001' where the chart at content/explainers/a.md:",
        TIME,
    ),
    Case(
        "a bad cell in a full spec's data",
        {
            EXPLAINER: with_chart("spec: charts/s.vl.yaml\nsource: S\nalt: A."),
            "content/charts/s.vl.yaml": YAML_SPEC + "    {field: value, type: quantitative}\n",
            DATA: CSV.replace("2002,20", "2002,T"),
        },
        DATA,
        "2002,T",
        "column 'value' holds 'T' where the chart at content/explainers/a.md:",
    ),
    Case(
        "a misspelt field in a YAML spec",
        {
            EXPLAINER: with_chart("spec: charts/s.vl.yaml\nsource: S\nalt: A."),
            "content/charts/s.vl.yaml": YAML_SPEC + "    field: valeu\n    type: quantitative\n",
            DATA: CSV,
        },
        "content/charts/s.vl.yaml",
        "valeu",
        "field 'valeu' (y) is not in the chart's data (did you mean 'value'?)",
    ),
    _chart_case("an unknown missing policy", SHORTHAND + "\nmissing: skip", "missing:", "'missing: skip' is not a way"),
]

# One date grammar -----------------------------------------------------------------------------------------------
REFUSED = "is not a date in a form that cannot be misread"
DATE_CASES = [
    Case("a date with slashes", {EXPLAINER: front("2026-03-02", "01/12/2026")}, EXPLAINER, "Date:", REFUSED),
    Case("a date with dots", {EXPLAINER: front("2026-03-02", "02.03.2026")}, EXPLAINER, "Date:", REFUSED),
    Case("a date without a year", {EXPLAINER: front("2026-03-02", "Mar 2")}, EXPLAINER, "Date:", REFUSED),
    Case("a day that does not exist", {EXPLAINER: front("2026-03-02", "2026-02-30")}, EXPLAINER, "Date:", "not a date"),
    Case("a date in words", {EXPLAINER: front("2026-03-02", "next Tuesday")}, EXPLAINER, "Date:", REFUSED),
    Case("a 12-hour time", {EXPLAINER: front("2026-03-02", "2026-03-02 2pm")}, EXPLAINER, "Date:", REFUSED),
    Case("a month in another language", {EXPLAINER: front("2026-03-02", "2 März 2026")}, EXPLAINER, "Date:", REFUSED),
    Case(
        "a Modified date with slashes",
        {EXPLAINER: front("Tags:", "Modified: 03/04/2026\nTags:")},
        EXPLAINER,
        "Modified:",
        f"'Modified': '03/04/2026' {REFUSED}",
    ),
    Case(
        "an update dated with slashes",
        {EXPLAINER: front("Tags:", "Updates: 11/30/2026: Fixed a name.\nTags:")},
        EXPLAINER,
        "Updates:",
        "the update date '11/30/2026' is not a date",
    ),
    Case(
        "an update with a two-digit year",
        {EXPLAINER: front("Tags:", "Updates: 1.12.26: Fixed a name.\nTags:")},
        EXPLAINER,
        "Updates:",
        "the update date '1.12.26' is not a date",
    ),
    Case(
        "a correction without a date",
        {EXPLAINER: front("Tags:", "Corrections: The town is Hué, not Huế.\nTags:")},
        EXPLAINER,
        "Corrections:",
        "the correction 'The town is Hué, not Huế.' has no date",
    ),
    Case(
        "a correction dated day/month or month/day",
        {EXPLAINER: front("Tags:", "Corrections: 01/12/2026: The town is Hué.\nTags:")},
        EXPLAINER,
        "Corrections:",
        "the correction date '01/12/2026' is not a date in a form that cannot be misread;"
        " write 2026-12-01 or 2026-01-12",
    ),
    Case(
        "a correction on a day that does not exist",
        {EXPLAINER: front("Tags:", "Corrections: 2026-02-30: The town is Hué.\nTags:")},
        EXPLAINER,
        "Corrections:",
        "the correction date '2026-02-30' is not a date (day is out of range for month)",
    ),
    Case(
        "a correction that says nothing",
        {EXPLAINER: front("Tags:", "Corrections: 2026-03-04:\nTags:")},
        EXPLAINER,
        "Corrections:",
        "the correction says nothing after its date",
    ),
    Case(
        "a correction's continuation line without a date",
        {
            EXPLAINER: front(
                "Tags:", "Corrections: 2026-03-04: The town is Hué.\n    yesterday: the mayor's name.\nTags:"
            )
        },
        EXPLAINER,
        "yesterday:",
        "the correction 'yesterday: the mayor's name.' has no date",
    ),
]

# Images ---------------------------------------------------------------------------------------------------------
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _image_case(name: str, markdown: str, message: str, image: bytes = PNG) -> Case:
    text = VALID.replace("The second part.", f"The second part.\n\n{markdown}")
    return Case(name, {EXPLAINER: text, "content/images/rain.png": image}, EXPLAINER, "![", message)


IMAGE_CASES = [
    _image_case(
        "an image file that is missing", "![Rain](images/rian.png)\nCredit: J", "'images/rian.png' does not exist"
    ),
    _image_case("an image without alt text", "![](images/rain.png)\nCredit: J", "has no alt text"),
    _image_case("an image without a credit", "![Rain](images/rain.png)", "'images/rain.png' has no credit"),
    _image_case("an image on another site", "![Rain](https://example.org/r.png)\nCredit: J", "from another origin"),
    _image_case("an image that is not one", "![Rain](images/rain.png)\nCredit: J", "is not an image", b"<svg/>"),
    _image_case("an image path out of content/", "![Rain](../../../etc/hostname)\nCredit: J", "does not exist"),
]

# Settings (pelicanconf.py) --------------------------------------------------------------------------------------


def _settings_case(name: str, assignment: str, message: str) -> Case:
    needle = assignment.split(" =")[0] + " ="
    return Case(name, {EXPLAINER: VALID}, "pelicanconf.py", needle, message, settings=f"\n{assignment}\n")


SETTINGS_CASES = [
    _settings_case("sections that are not four", 'EXPLAINER_SECTIONS = ["x"]', "EXPLAINER_SECTIONS must be a list"),
    _settings_case("a misspelt chart setting", "CHARTS_WIDHT = 700", "(did you mean 'CHARTS_WIDTH'?)"),
    _settings_case("a width in words", 'CHARTS_WIDTH = "wide"', "CHARTS_WIDTH must be a whole number"),
    _settings_case("a palette of names", 'CHARTS_PALETTE = ["blue"]', "CHARTS_PALETTE must be a list of colours"),
    _settings_case("search switched off with text", 'SEARCH_ENABLED = "no"', "SEARCH_ENABLED must be True or False"),
    _settings_case("a CNAME with a scheme", 'PUBLISH_CNAME = "https://news.example.org"', "must be a bare host name"),
    _settings_case(
        "a summary of no length", "EXPLAINER_SUMMARY_MAX_LENGTH = 0", "must be a whole number of at least 1"
    ),
    _settings_case("a misspelt sitemap setting", 'SITEMAP_SAVEAS = "map.xml"', "(did you mean 'SITEMAP_SAVE_AS'?)"),
]

# Pages are content too ------------------------------------------------------------------------------------------
PAGE = "content/pages/about.md"
ABOUT = "Title: About us\n\nWho we are.\n"
PAGE_CASES = [
    Case(
        "a page in Latin-1", {EXPLAINER: VALID, PAGE: "Title: Café\n\nText.\n".encode("latin-1")}, PAGE, None, "UTF-8"
    ),
    Case("a page without a title", {EXPLAINER: VALID, PAGE: "Slug: about\n\nText.\n"}, PAGE, "Slug:", "no title"),
    Case(
        "a page with an ambiguous date",
        {EXPLAINER: VALID, PAGE: ABOUT.replace("\n\n", "\nDate: 01/12/2026\n\n")},
        PAGE,
        "Date:",
        "write 2026-12-01 or 2026-01-12",
    ),
    Case(
        "a page with a misspelt key",
        {EXPLAINER: VALID, PAGE: ABOUT.replace("Title:", "Tittle: x\nTitle:")},
        PAGE,
        "Tittle:",
        "did you mean 'Title'?",
    ),
    Case(
        "a page with a key figure left open",
        {EXPLAINER: VALID, PAGE: ABOUT + "\n```figure\nvalue: 3\nlabel: L\nsource: S\n"},
        PAGE,
        "```figure",
        "the figure block opened at line",
    ),
    Case(
        "a page citing a footnote it never defines",
        {EXPLAINER: VALID, PAGE: ABOUT.replace("are.", "are.[^1]")},
        PAGE,
        "[^1]",
        "the footnote [^1] is cited but never defined",
    ),
    Case(
        "a page image without a credit",
        {EXPLAINER: VALID, PAGE: ABOUT + "\n![Our office](/images/rain.png)\n", "content/images/rain.png": PNG},
        PAGE,
        "![",
        "has no credit",
    ),
]

# Messages that name the real cause ------------------------------------------------------------------------------
MESSAGE_CASES = [
    _chart_case("a tab in a chart block", SHORTHAND.replace("mark: bar", "mark:\n\ttype: bar"), "\ttype", "tab"),
    Case(
        "a chart block never closed",
        {EXPLAINER: VALID.replace("The second part.", f"The second part.\n\n```chart\n{SHORTHAND}\n")},
        EXPLAINER,
        "```chart",
        "the chart block opened at line",
    ),
    _chart_case("a chart id that is a section's", SHORTHAND + "\nid: why-it-matters", "id:", "the section 'Why it"),
    Case("a TODO left in", {EXPLAINER: VALID.replace("The third", "TODO the third")}, EXPLAINER, "TODO", "'TODO'"),
    Case(
        "Category and Topic that disagree",
        {EXPLAINER: front("Topic: Climate", "Topic: Climate\nCategory: Sport")},
        EXPLAINER,
        "Category:",
        "'Category: Sport' and 'Topic: Climate' (line 4) disagree",
    ),
]
CHECK_CASES += CELL_CASES + DATE_CASES + IMAGE_CASES + SETTINGS_CASES + PAGE_CASES + MESSAGE_CASES

# Found only when the build runs the editor's Altair code (``check`` never runs it).
MODULE = "import altair as alt\n\n\ndef build():\n{body}\n"
CHART = "    return alt.Chart(alt.Data(values=[{'a': 1, 'b': 2}])).mark_bar().encode(x='a:Q', y='b:Q')"
BUILD_CASES = [
    Case(
        "Altair module that raises",
        {
            EXPLAINER: altair_explainer(),
            "content/charts/m.py": MODULE.format(body="    raise RuntimeError('the API is down')"),
        },
        EXPLAINER,
        "altair:",
        "charts/m.py:build raised RuntimeError at content/charts/m.py:5: the API is down",
    ),
    Case(
        "Altair module that calls sys.exit(0)",
        {EXPLAINER: altair_explainer(), "content/charts/m.py": MODULE.format(body="    import sys\n    sys.exit(0)")},
        EXPLAINER,
        "altair:",
        "charts/m.py:build called sys.exit(0)",
    ),
    Case(
        "Altair module that never returns",
        {
            EXPLAINER: altair_explainer(),
            "content/charts/m.py": MODULE.format(
                body="    while True:\n        try:\n            pass\n        except Exception:\n            pass"
            ),
        },
        EXPLAINER,
        "altair:",
        "charts/m.py:build took longer than 1 s",
        settings="CHARTS_ALTAIR_TIMEOUT = 1\n",
    ),
    Case(
        "Altair module that returns a string",
        {
            EXPLAINER: altair_explainer(),
            "content/charts/m.py": MODULE.format(body="    return '<svg onload=alert(1)>'"),
        },
        EXPLAINER,
        "altair:",
        "returned str, not an Altair chart",
    ),
    Case(
        "Altair module whose import fails",
        {
            EXPLAINER: altair_explainer(),
            "content/charts/m.py": "import no_such_module_anywhere\n" + MODULE.format(body=CHART),
        },
        EXPLAINER,
        "altair:",
        "raised ModuleNotFoundError at content/charts/m.py:1",
    ),
    Case(
        "Altair module whose chart names a missing field",
        {
            EXPLAINER: altair_explainer(),
            "content/charts/m.py": MODULE.format(body=CHART.replace("y='b:Q'", "y='missing:Q'")),
        },
        EXPLAINER,
        "altair:",
        "field 'missing' (y) is not in the chart's data",
    ),
]
