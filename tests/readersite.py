"""Explainers for the reader's-site tests: real Markdown, with a chart figure as the chart plugin emits it."""

from __future__ import annotations

# A chart as it reaches the page: inline SVG with an accessible name, and a figcaption with the title.
CHART_FIGURE = """
<figure class="chart" aria-label="Ferry crossings by month">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Ferry crossings by month, 2025"
 viewBox="0 0 10 10" width="10" height="10">
<title>Ferry crossings by month, 2025</title><text x="1" y="5">Jan</text></svg>
<figcaption>Quarantine arrivals fell by half. Source: a planted test figure.</figcaption>
</figure>
"""


def explainer(title: str, topic: str = "Testing", date: str = "2026-01-02", body_extra: str = "") -> str:
    return f"""Title: {title}
Date: {date}
Summary: One sentence that says what {title.lower()} is about.
Topic: {topic}
Tags: testing, reader

## What's happening

The happening part of {title.lower()}.

## Why it matters

The matters part, with a word found only here: zeppelin.
{body_extra}
## What's next

The next part.

## Beyond the headlines

The background part.
"""
