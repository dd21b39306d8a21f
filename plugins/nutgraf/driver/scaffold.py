"""Create a new explainer from a title: front matter and the four section headings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pelican.utils import slugify

from nutgraf.kernel.diagnostics import Diagnostic, NutgrafError, display_path

DEFAULT_HEADINGS = ("What's happening", "Why it matters", "What's next", "Beyond the headlines")


class ScaffoldError(NutgrafError):
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
    lede: str = "",
) -> str:
    """The Markdown of a new draft explainer; ``bodies`` fills the sections (and ``lede`` the text before them)."""
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
    lede = f"{lede.strip()}\n\n" if lede.strip() else ""
    return f"{front_matter}\n\n{lede}{sections}\n"


def create_explainer(
    title: str, folder: Path, today: dt.date | None = None, text: str | None = None, slug: str | None = None
) -> Path:
    """Write a new explainer file; refuse to overwrite one that exists."""
    path = folder / f"{slug or explainer_slug(title)}.md"
    text = text if text is not None else explainer_text(title, today or dt.date.today())
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        msg = f"{path} already exists; choose another title, or edit that file"
        raise ScaffoldError(msg) from None
    return path


PLACEHOLDER_TITLE = "TODO: the headline"


def import_explainer(
    text_file: Path, folder: Path, settings: dict[str, Any], title: str = "", today: dt.date | None = None
) -> tuple[Path, list[Diagnostic]]:
    """A draft explainer made from a plain-text one; the problems say which lines were not recognised.

    The file is named after the title, or after the text file when there is no title yet.
    """
    from nutgraf.plugins.explainers.importer import import_text, imported_bodies
    from nutgraf.plugins.explainers.settings import ExplainerSettings

    options = ExplainerSettings.from_settings(settings)
    try:
        raw = text_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"cannot read {text_file} as UTF-8 text ({error})"
        raise ScaffoldError(msg) from None
    imported = import_text(raw, display_path(text_file), options)
    text = explainer_text(
        title or PLACEHOLDER_TITLE,
        today or dt.date.today(),
        headings=tuple(spec.label for spec in options.sections),
        bodies=imported_bodies(imported, options),
        lede="\n\n".join(imported.lede),
    )
    slug = explainer_slug(title) if title else explainer_slug(text_file.stem.replace("_", " "))
    return create_explainer(title or PLACEHOLDER_TITLE, folder, text=text, slug=slug), list(imported.problems)
