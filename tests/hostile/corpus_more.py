"""More hostile inputs (issue 19): raw HTML and other origins, files that are not files, YAML bombs,
specs that would fetch, and Altair modules that misbehave. Same shape as ``corpus``: each case says the
file and the line its diagnostic names, and a fragment of the message."""

from __future__ import annotations

import json

from tests.hostile.corpus import CHART, CSV, EXPLAINER, MODULE, SHORTHAND, Case, altair_explainer, with_chart
from tests.plugins.explainers.helpers import VALID

PAGE = "Title: About\n\nA page about us.\n"


def in_body(markdown: str, text: str = VALID) -> str:
    """The valid explainer with ``markdown`` as a paragraph of 'What's next'."""
    return text.replace("The third part.", f"The third part.\n\n{markdown}")


def _html(name: str, markdown: str, needle: str, message: str) -> Case:
    return Case(name, {EXPLAINER: in_body(markdown)}, EXPLAINER, needle, message)


def _spec(name: str, spec: dict | str, needle: str, message: str, suffix: str = "json", **files: str) -> Case:
    text = json.dumps(spec, indent=1) if isinstance(spec, dict) else spec
    written = {
        EXPLAINER: with_chart(f"spec: charts/s.vl.{suffix}\nsource: S\nalt: A."),
        f"content/charts/s.vl.{suffix}": text,
        **files,
    }
    return Case(name, written, f"content/charts/s.vl.{suffix}", needle, message)


def _module(name: str, body: str, message: str, settings: str = "") -> Case:
    files = {EXPLAINER: altair_explainer(), "content/charts/m.py": MODULE.format(body=body)}
    return Case(name, files, EXPLAINER, "altair:", message, settings=settings)


POINTS = [{"a": 1, "b": 2}]
HTML_CASES = [
    _html("inline frame", 'See <iframe src="/search/"></iframe> here.', "<iframe", "element <iframe> is not allowed"),
    _html("object element", '<object data="/data/d.csv"></object>', "<object", "HTML element <object> is not allowed"),
    _html("video element", '<video src="/clip.mp4" autoplay></video>', "<video", "HTML element <video> is not allowed"),
    _html("form posting away", '<form action="https://collect.example">\n<input name=q>\n</form>', "<form", "<form>"),
    _html("style element", "<style>body{display:none}</style>", "<style", "HTML element <style> is not allowed"),
    _html("base element", '<base href="https://elsewhere.example/">', "<base", "HTML element <base> is not allowed"),
    _html("meta refresh", '<meta http-equiv="refresh" content="0;url=https://x.example">', "<meta", "<meta>"),
    _html("inline svg with onload", "<svg onload=alert(1)><circle r=4 /></svg>", "<svg", "HTML element <svg>"),
    _html("handler on allowed element", 'A <mark onmouseenter="steal()">word</mark>.', "onmouseenter", "onmouseenter="),
    _html("style attribute", 'A <kbd style="position:fixed;top:0">key</kbd>.', "style=", "style attribute on <kbd>"),
    _html("handler through attr_list", 'Pick me.\n{: onclick="go()" }', "onclick", "event handler onclick="),
    _html("vbscript link", "[Read the terms](vbscript:msgbox(1))", "vbscript:", "a vbscript: address in <a href>"),
    _html("mixed-case javascript link", "[Click](JaVaScRiPt:alert(document.domain))", "JaVaScRiPt", "javascript:"),
    _html("data: link", '<a href="data:text/html,<b>x</b>">open</a>', "data:text", "a data: address in <a href>"),
    _html("javascript in q cite", '<q cite="javascript:alert(1)">Quoted</q>', "<q cite", "javascript: address in <q"),
    _html("remote Markdown image", "![A chart](https://cdn.example.net/c.png)", "cdn.example.net", "another origin"),
    _html("scheme-relative raw image", '<img src="//pixel.example/t.gif" alt="">', "pixel.example", "another origin"),
    _html("data: image", "![dot](data:image/png;base64,iVBORw0KGgo=)", "data:image", "a data: address in <img src>"),
    Case(
        "remote image by reference",
        {EXPLAINER: in_body("![logo][brand]\n\n[brand]: http://brand.example/logo.png")},
        EXPLAINER,
        "[brand]: http",
        "would load http://brand.example/logo.png from another origin",
    ),
    Case(
        "script in a page",
        {EXPLAINER: VALID, "content/pages/p.md": PAGE + "\n<script>fetch('/x')</script>\n"},
        "content/pages/p.md",
        "<script",
        "HTML element <script> is not allowed",
    ),
    Case(
        "SVG data file with a script",
        {
            EXPLAINER: VALID,
            "content/data/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<script>x()</script>\n</svg>',
        },
        "content/data/logo.svg",
        "<script>",
        "the SVG holds a <script>",
    ),
    Case(
        "SVG data file with a handler",
        {EXPLAINER: VALID, "content/data/map.svg": '<svg xmlns="http://www.w3.org/2000/svg"\n  onload="x()">\n</svg>'},
        "content/data/map.svg",
        "onload",
        "event handler",
    ),
]

FILE_CASES = [
    Case(
        "explainer saved as HTML",
        {EXPLAINER: VALID, "content/explainers/b.html": "<html><body><script>x()</script></body></html>"},
        "content/explainers/b.html",
        None,
        "is not a Markdown file",
    ),
    Case(
        "explainer saved as reStructuredText",
        {EXPLAINER: VALID, "content/explainers/c.rst": "Title\n=====\n\n.. include:: /etc/hostname\n"},
        "content/explainers/c.rst",
        None,
        "rename it to c.md",
    ),
    Case(
        "page with the .mkd suffix",
        {EXPLAINER: VALID, "content/pages/about.mkd": PAGE},
        "content/pages/about.mkd",
        None,
        "rename it to about.md",
    ),
    Case(
        "explainer with an upper-case suffix",
        {EXPLAINER: VALID, "content/explainers/D.MD": VALID},
        "content/explainers/D.MD",
        None,
        "rename it to D.md",
    ),
    Case(
        "chart data file that is a FIFO",
        {EXPLAINER: with_chart(SHORTHAND)},
        "content/data/d.csv",
        None,
        "is a FIFO (named pipe), not a file",
        fifos=("content/data/d.csv",),
    ),
    Case(
        "explainer that is a FIFO",
        {EXPLAINER: VALID},
        "content/explainers/pipe.md",
        None,
        "is a FIFO (named pipe)",
        fifos=("content/explainers/pipe.md",),
    ),
    Case(
        "link to a FIFO inside content/",
        {EXPLAINER: VALID},
        "content/data/rows.csv",
        None,
        "is a link to a FIFO (named pipe), not a file",
        links={"content/data/rows.csv": "content/extra/pipe"},
        fifos=("content/extra/pipe",),
    ),
    Case(
        "link to itself",
        {EXPLAINER: VALID},
        "content/explainers/self.md",
        None,
        "is a link that leads back to itself (a loop)",
        links={"content/explainers/self.md": "content/explainers/self.md"},
    ),
    Case(
        "two links pointing at each other",
        {EXPLAINER: VALID},
        "content/data/ping.csv",
        None,
        "a loop",
        links={"content/data/ping.csv": "content/data/pong.csv", "content/data/pong.csv": "content/data/ping.csv"},
    ),
    Case(
        "folder link to its own parent",
        {EXPLAINER: VALID, "content/explainers/2026/b.md": VALID.replace("Floods", "Rain")},
        "content/explainers/2026/again",
        None,
        "is a link to a folder that contains it (a loop)",
        links={"content/explainers/2026/again": "content/explainers"},
    ),
    Case(
        "dangling link",
        {EXPLAINER: VALID},
        "content/data/gone.csv",
        None,
        "which does not exist",
        links={"content/data/gone.csv": "content/data/never-there.csv"},
    ),
]

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]"
NESTED = "value: " + "{v: " * 90 + "1" + "}" * 90
YAML_CASES = [
    Case(
        "alias bomb in a chart block",
        {EXPLAINER: with_chart(SHORTHAND + "\n" + ALIAS_BOMB), "content/data/d.csv": CSV},
        EXPLAINER,
        "a: &a",
        "chart block: anchors and aliases (&name, *name) are not allowed",
    ),
    Case(
        "merge key in a chart block",
        {EXPLAINER: with_chart("base: &base {source: S}\n<<: *base\nalt: A.\n" + SHORTHAND), "content/data/d.csv": CSV},
        EXPLAINER,
        "base: &base",
        "anchors and aliases",
    ),
    Case(
        "anchor in a key-figure block",
        {EXPLAINER: in_body("```figure\nvalue: &v '12'\nlabel: *v\nsource: S\n```")},
        EXPLAINER,
        "value: &v",
        "the key figure block: anchors and aliases",
    ),
    Case(
        "key-figure block nested 90 deep",
        {EXPLAINER: in_body(f"```figure\n{NESTED}\nlabel: L\nsource: S\n```")},
        EXPLAINER,
        "value: {v:",
        "nested more than 64 levels deep",
    ),
    _spec(
        "alias bomb in a YAML spec",
        "mark: bar\nlots: &l [1, 2, 3, 4, 5, 6, 7, 8, 9]\nmore: [*l, *l, *l, *l, *l, *l]\n",
        "&l",
        "anchors and aliases (&name, *name) are not allowed",
        suffix="yaml",
    ),
]

SEQUENCE = {"data": {"sequence": {"start": 0, "stop": 1_000_000, "as": "a"}}, "mark": "point"}
ENCODE_A = {"x": {"field": "a", "type": "quantitative"}}
SPEC_CASES = [
    _spec(
        "spec inline value that is not a number",
        {
            "data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": "n/a"}]},
            "mark": "point",
            "encoding": {**ENCODE_A, "y": {"field": "b", "type": "quantitative"}},
        },
        '"n/a"',
        "column 'b' holds 'n/a' where the chart at content/explainers/a.md:",
    ),
    _spec(
        "spec inline CSV with a date that can be misread",
        {
            "data": {"values": "day,b\n2026-01-01,1\n01/02/2026,2\n", "format": {"type": "csv"}},
            "mark": "line",
            "encoding": {"x": {"field": "day", "type": "temporal"}, "y": {"field": "b", "type": "quantitative"}},
        },
        '"values"',
        "column 'day' holds '01/02/2026' where the chart at content/explainers/a.md:",
    ),
    _spec(
        "spec image mark from another origin",
        {
            "data": {"values": POINTS},
            "mark": {"type": "image", "url": "https://img.example/p.png"},
            "encoding": ENCODE_A,
        },
        "img.example",
        "would be loaded from outside the site",
    ),
    _spec(
        "spec image URLs in the data",
        {
            "data": {"values": [{"a": 1, "pic": "http://tracker.example/1.png"}]},
            "mark": "image",
            "encoding": {**ENCODE_A, "url": {"field": "pic", "type": "nominal"}},
        },
        "tracker.example",
        "image 'http://tracker.example/1.png' would be loaded from outside the site",
    ),
    _spec(
        "spec image from a file outside content/",
        {
            "data": {"values": POINTS},
            "mark": "image",
            "encoding": {**ENCODE_A, "url": {"value": "../../../etc/logo.png"}},
        },
        "etc/logo.png",
        "is not a file in content/",
    ),
    _spec(
        "spec href to script",
        {"data": {"values": POINTS}, "mark": "point", "encoding": {**ENCODE_A, "href": {"value": "javascript:x()"}}},
        "javascript:",
        "would run script",
    ),
    _spec("spec with a million-row sequence", SEQUENCE, "sequence", "the generated sequence has 1,000,000 rows"),
    _spec(
        "spec with an endless sequence",
        {"data": {"sequence": {"start": 0, "stop": 10, "step": 0}}, "mark": "point"},
        "sequence",
        "the generated sequence has endless",
    ),
    _spec(
        "spec with 7,000 inline rows",
        '{"mark": "point",\n "data": {"values": ' + json.dumps([{"a": n} for n in range(7000)]) + "}}",
        "values",
        "inline data has 7,000 rows",
    ),
    _spec(
        "spec lookup fetching from the web",
        {
            "data": {"values": POINTS},
            "transform": [{"lookup": "a", "from": {"data": {"url": "https://api.example/t.json"}, "key": "a"}}],
            "mark": "point",
        },
        "api.example",
        "outside content/",
    ),
]

MORE_CHECK_CASES = HTML_CASES + FILE_CASES + YAML_CASES + SPEC_CASES

MORE_BUILD_CASES = [
    _module("Altair module that calls os._exit", "    import os\n    os._exit(3)", "ended the process (exit code 3)"),
    _module(
        "Altair module that reads the environment",
        "    import os\n    return alt.Chart(alt.Data(values=[{'a': 1}])).mark_text(text=os.environ['PATH'])",
        "raised KeyError at content/charts/m.py:6: 'PATH'",
    ),
    _module(
        "Altair module that allocates 8 GB",
        "    hoard = bytearray(8 << 30)\n    return hoard",
        "raised MemoryError at content/charts/m.py:5",
    ),
    _module(
        "Altair module that swallows every interrupt",
        "    import time\n    while True:\n        try:\n            time.sleep(60)\n"
        "        except BaseException:\n            pass",
        "took longer than 1 s",
        settings="CHARTS_ALTAIR_TIMEOUT = 1\n",
    ),
    _module(
        "Altair module that crashes the interpreter",
        "    import os, signal\n    os.kill(os.getpid(), signal.SIGSEGV)",
        "was killed by SIGSEGV",
    ),
    _module("Altair module that exits with a message", "    raise SystemExit('no data')", "sys.exit('no data')"),
    _module(
        "Altair module whose chart fetches its data",
        "    return alt.Chart(alt.Data(url='https://api.example/d.json')).mark_point().encode(x='a:Q')",
        "data URL 'https://api.example/d.json' would be fetched",
    ),
    _module(
        "Altair module whose image mark loads from elsewhere",
        CHART.replace("mark_bar()", "mark_image(url='https://img.example/x.png')"),
        "would be loaded from outside the site",
    ),
]


def _page(name: str, metadata: str, needle: str, message: str, **others: str) -> Case:
    files = {EXPLAINER: VALID, "content/pages/p.md": f"Title: P\n{metadata}\n\nText.\n", **others}
    return Case(name, files, "content/pages/p.md", needle, message)


def _front(name: str, metadata: str, needle: str, message: str) -> Case:
    return Case(name, {EXPLAINER: VALID.replace("Tags:", f"{metadata}\nTags:")}, EXPLAINER, needle, message)


ADDRESS_CASES = [
    _page(
        "page taking the search page's address", "Slug: search", "Slug:", "search/index.html, which is the search page"
    ),
    _page("page taking the tags listing", "Slug: tags", "Slug:", "which is the tags listing"),
    _page("page taking the corrections page", "Slug: corrections", "Slug:", "which is the corrections page"),
    _page("page taking the home page's page 2", "Slug: page", "Slug:", "which is the home page's later pages"),
    _page("page named as a language's folder", "Slug: zh-hans", "Slug:", "inside the folder of the language 'zh-hans'"),
    _page("page saved as the home page", "Save_as: index.html", "Save_as:", "index.html, which is the home page"),
    _page(
        "page saved over an explainer",
        "Save_as: explainers/a/index.html",
        "Save_as:",
        "as content/explainers/a.md is",
    ),
    _page(
        "two pages with one slug",
        "Slug: about",
        "Slug:",
        "would be written to about/index.html, as content/pages/about.md is",
        **{"content/pages/about.md": "Title: About\n\nText.\n"},
    ),
    _front("explainer saved over a data file", "Save_as: data/d.csv", "Save_as:", "the static files of content/data"),
    _front("explainer saved over the charts", "Save_as: charts/x.png", "Save_as:", "which is the charts' files"),
    _front(
        "Save_as climbing out", "Save_as: explainers/../../../x.html", "Save_as:", "would be written outside the site"
    ),
    _front("URL to another site", "URL: https://elsewhere.example/", "URL:", "would point outside the site"),
    _front("Template of the site's layout", "Template: base", "Template:", "'base' is a template of the site"),
    _page("page with the home page's template", "Template: index", "Template:", "not one for a page"),
]
MORE_CHECK_CASES += ADDRESS_CASES

MORE_CHECK_CASES.append(
    _spec(
        "spec file of 3 MB",
        '{"mark": "point",\n "description": "' + "x" * 3_000_000 + '"}',
        None,
        "is 3,000,0",
    )
)
MORE_BUILD_CASES.append(
    _module(
        "Altair module returning a 20 MB spec",
        "    return alt.Chart(alt.Data(values=[{'a': 1}])).mark_point().properties(description='x' * 20_000_000)",
        "returned a spec of 20 MB",
    )
)
