"""Explainers for the reader's-site tests: real Markdown, with a real chart block."""

from __future__ import annotations

# A real chart block (raw HTML is refused by the content checks): a word found only in its title.
CHART_BLOCK = """
```chart
title: Quarantine arrivals fell by half
data: data/ferries.csv
mark: bar
x: month:O
y: crossings:Q
source: A planted test figure
alt: Bars of ferry crossings by month, 2025.
```
"""
CHART_DATA = {"content/data/ferries.csv": "month,crossings\nJan,120\nFeb,60\n"}


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
