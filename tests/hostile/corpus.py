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
