"""Create a new explainer from a title: front matter and the four section headings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican.utils import slugify

DEFAULT_HEADINGS = ("What's happening", "Why it matters", "What's next", "Beyond the headlines")


class ScaffoldError(Exception):
    """The explainer could not be created (for example, the file exists)."""


def explainer_slug(title: str) -> str:
    slug = slugify(title, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")])
    if not slug:
        msg = f"the title {title!r} gives an empty file name; use a title with letters or digits"
        raise ScaffoldError(msg)
    return slug


def explainer_text(
    title: str,
    today: dt.date,
    headings: tuple[str, ...] = DEFAULT_HEADINGS,
    bodies: tuple[str, ...] | None = None,
) -> str:
    """The Markdown of a new draft explainer; ``bodies`` fills the sections when given."""
    bodies = bodies or tuple("TODO: write this section." for _ in headings)
    front_matter = "\n".join(
        [
            f"Title: {title}",
            f"Date: {today.isoformat()}",
            "Summary: TODO: one sentence (at most 200 characters) that tells the story.",
            "Topic: TODO",
            "Tags: TODO",
            "Status: draft",
        ]
    )
    sections = "\n\n".join(f"## {heading}\n\n{body.strip()}" for heading, body in zip(headings, bodies, strict=True))
    return f"{front_matter}\n\n{sections}\n"


def create_explainer(title: str, folder: Path, today: dt.date | None = None, text: str | None = None) -> Path:
    """Write a new explainer file; refuse to overwrite one that exists."""
    path = folder / f"{explainer_slug(title)}.md"
    text = text if text is not None else explainer_text(title, today or dt.date.today())
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        msg = f"{path} already exists; choose another title, or edit that file"
        raise ScaffoldError(msg) from None
    return path
