"""The Hugo yardstick: the synthetic explainers' text as a Hugo project with a minimal layout.

The project mirrors what plain Pelican builds from the same files (see ``site_builds``): one page per
explainer at /explainers/<slug>/, a home page listing them with their summaries, an archive, and the
tags and topics with a page for each term. Plain Pelican files every explainer under the topic
"explainers" (the folder's name, as it reads no ``Topic:``), so Hugo does too. Feeds, the sitemap
and the 404 page are off, as they are off in the baseline.
"""

from __future__ import annotations

import json
from pathlib import Path

from nutgraf.driver.bench import synthetic

CONFIG = """\
baseURL = "/"
title = "nutgraf bench"
locale = "en"
# The synthetic explainers are dated across 2026 and the build's clock is fixed (--clock): build them all.
buildFuture = true
disableKinds = ["rss", "sitemap", "robotstxt", "404"]

[taxonomies]
tag = "tags"
topic = "topics"

[permalinks.section]
explainers = "/archives/"
"""

LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title></head>
<body>
<nav><a href="/">{{ site.Title }}</a> <a href="/archives/">Archives</a>
<a href="/topics/">Topics</a> <a href="/tags/">Tags</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
{{ range site.RegularPages }}
<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>
{{ end }}
{{ end }}
""",
}


def page(pelican_text: str, topic: str = "explainers") -> str:
    """A Pelican Markdown file (``Key: value`` lines, a blank line, the body) as a Hugo page."""
    header, body = pelican_text.split("\n\n", 1)
    metadata = dict(line.split(": ", 1) for line in header.splitlines())
    front = {
        "title": metadata["Title"],
        "date": metadata["Date"],
        "summary": metadata["Summary"],
        "tags": [tag.strip() for tag in metadata["Tags"].split(",")],
        "topics": [topic],
    }
    # JSON is Hugo's third front-matter format: an object opening the file.
    return json.dumps(front, indent=1) + "\n\n" + body


def write_project(folder: Path, count: int) -> None:
    """Write the Hugo project for ``count`` synthetic explainers (their text only) under ``folder``."""
    (folder / "layouts").mkdir(parents=True, exist_ok=True)
    (folder / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, template in LAYOUTS.items():
        (folder / "layouts" / name).write_text(template, encoding="utf-8")
    explainers = folder / "content" / "explainers"
    explainers.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text, _ = synthetic.explainer(index, with_charts=False)
        (explainers / f"bench-{index:05d}.md").write_text(page(text), encoding="utf-8")
