"""A site whose every editable text carries script, built once for the escaping and browser tests."""

from __future__ import annotations

import json
from pathlib import Path

from tests.plugins.explainers.helpers import VALID
from tests.support import make_project, run_nutgraf

# Each would set window.__pwned if it ever ran; the browser test checks that it never does.
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
CLOSING = "</script><script>window.__pwned=3</script>"
# The same as a chart's category labels: spaced, so that they wrap onto lines that fit a phone's chart. A word
# too wide for the chart fails the build (it would be cut short), which is not what these tests are about.
# (In a script or a handler, a bare assignment sets window.__pwned too.)
LABEL = '<script> __pwned=1 </script> <img src=x onerror= "__pwned=2" >'
CLOSING_LABEL = "</script> <script> __pwned=3 </script>"


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _csv(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


CHART_ONLY = VALID.replace(
    "The second part.",
    f"""The second part.

```chart
title: {_yaml("Title " + PAYLOAD)}
subtitle: {_yaml("Subtitle " + PAYLOAD)}
note: {_yaml("Note " + PAYLOAD)}
source: {_yaml("Source " + PAYLOAD)}
alt: {_yaml("Alt " + PAYLOAD)}
data: data/hostile.csv
mark: bar
x: label:N
y: value:Q
```

```chart
title: From JSON
source: A statistics office
alt: Bars whose labels carry script.
data: data/hostile.json
mark: point
x: value:Q
y: label:N
tooltip: [label:N, value:Q]
```
""",
)
HOSTILE_CSV = f"label,value\n{_csv(LABEL)},1\n{_csv(CLOSING_LABEL)},2\nplain,3\n"
HOSTILE_JSON = json.dumps([{"label": LABEL, "value": 1}, {"label": CLOSING_LABEL, "value": 2}])

EVERYWHERE = (
    CHART_ONLY.replace("Title: Floods in the delta", "Title: Floods " + PAYLOAD)
    .replace(
        "Summary: The delta is flooding, and more rain is due.",
        "Summary: Dek " + PAYLOAD + " &lt;script&gt;window.__pwned=4&lt;/script&gt;",
    )
    .replace("Topic: Climate", "Topic: Climate <script>window.__pwned=5</script>")
    .replace(
        "Tags: floods, rain",
        "Tags: fl<b onmouseover=window.__pwned=6>oods, rain\nUpdates: 2026-03-03: Fixed " + PAYLOAD,
    )
    .replace(
        "The third part.",
        f"The third part.\n\n```figure\nvalue: {_yaml(PAYLOAD)}\nlabel: {_yaml('Label ' + PAYLOAD)}\n"
        f"source: {_yaml('Source ' + PAYLOAD)}\n```",
    )
)


def build_site(root: Path, explainer: str) -> Path:
    """Build a project holding the one explainer and the hostile data; return its output/."""
    make_project(
        root,
        {
            "content/explainers/hostile.md": explainer,
            "content/data/hostile.csv": HOSTILE_CSV,
            "content/data/hostile.json": HOSTILE_JSON,
        },
    )
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "output"
