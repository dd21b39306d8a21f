"""Where each explainer and page will be written, checked against the site's own addresses and each other.

Pelican writes whatever ``Slug``, ``Save_as`` and ``URL`` metadata say, silently replacing the home page,
the search page, a listing, a language's folder or a data file, or writing outside output/. ``Template``
may name any template of the theme, including ones that are not for content (``base`` drops the page's
parts). Each is an error naming the file and the page it would replace.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.frontmatter import FrontMatter
from nutgraf.kernel.languages import is_known
from nutgraf.kernel.sources import SourceRecord

# Templates written for one explainer or page; the others are the site's own (listings, home, search…).
CONTENT_TEMPLATES = {"ARTICLE_PATHS": frozenset({"article"}), "PAGE_PATHS": frozenset({"page"})}


def _first(path: str) -> str:
    return path.strip("/").split("/", 1)[0]


def reserved(settings: Mapping[str, Any]) -> dict[str, str]:
    """Top-level names of the output that the site itself writes, and what each is."""
    names = {"index.html": "the home page", "404.html": "the not-found page", "pagefind": "the search index"}
    listings = {
        "CATEGORIES_SAVE_AS": "the topics listing",
        "CATEGORY_SAVE_AS": "the topic pages",
        "TAGS_SAVE_AS": "the tags listing",
        "TAG_SAVE_AS": "the tag pages",
        "ARCHIVES_SAVE_AS": "the archives",
        "CORRECTIONS_SAVE_AS": "the corrections page",
        "ARTICLE_SAVE_AS": "the explainers",
        "DRAFT_SAVE_AS": "the drafts",
        "SEARCH_SAVE_AS": "the search page",
        "SITEMAP_SAVE_AS": "the sitemap",
        "ROBOTS_SAVE_AS": "robots.txt",
        "FEED_ALL_ATOM": "the feeds",
    }
    defaults = {"SEARCH_SAVE_AS": "search/index.html", "SITEMAP_SAVE_AS": "sitemap.xml", "ROBOTS_SAVE_AS": "robots.txt"}
    for key, what in listings.items():
        value = settings.get(key, defaults.get(key))
        if isinstance(value, str) and value.strip("/"):
            names.setdefault(_first(value), what)
    names.setdefault("feeds", "the feeds")
    if later := _home_later_pages(settings):
        names.setdefault(later, "the home page's later pages")
    names.setdefault(str(settings.get("THEME_STATIC_DIR") or "theme"), "the theme's files")
    names.setdefault(str(settings.get("CHARTS_OUTPUT_DIR") or "charts").strip("/"), "the charts' files")
    for folder in settings.get("STATIC_PATHS") or []:
        names.setdefault(_first(folder), f"the static files of content/{folder}")
    for metadata in (settings.get("EXTRA_PATH_METADATA") or {}).values():
        if isinstance(metadata, dict) and isinstance(metadata.get("path"), str):
            names.setdefault(_first(metadata["path"]), f"the static file {metadata['path']}")
    return names


def _home_later_pages(settings: Mapping[str, Any]) -> str | None:
    """The top-level name of the home page's page 2 (``page`` of ``page/2/index.html``), when it is paginated."""
    if "index" not in (settings.get("PAGINATED_TEMPLATES") or {}):
        return None
    for rule in settings.get("PAGINATION_PATTERNS") or ():
        if isinstance(rule, list | tuple) and len(rule) == 3 and isinstance(rule[2], str) and rule[0] != 1:
            # Formatted as Pelican's paginator formats it for index.html (pelican.paginator.Page._from_settings).
            fields = {"save_as": "index.html", "url": "", "name": "index", "base_name": "", "extension": ".html"}
            try:
                save_as = rule[2].format(**fields, number=2).removeprefix("/")
            except (KeyError, IndexError, ValueError):  # a pattern Pelican cannot format either: it reports it
                return None
            return _first(save_as) if save_as.strip("/") else None
    return None


def _leaves(path: str) -> bool:
    """Whether an output path given in metadata could be written outside output/."""
    if path.startswith(("/", "\\")) or "\\" in path or urlsplit(path).scheme:
        return True
    normal = posixpath.normpath(path)
    return normal == ".." or normal.startswith("../")


def _output_path(front: FrontMatter, slug: str, key: str, settings: Mapping[str, Any]) -> str:
    given = front.first("save_as")
    if given is not None and given.value:
        return given.value
    setting = "ARTICLE_SAVE_AS" if key == "ARTICLE_PATHS" else "PAGE_SAVE_AS"
    pattern = str(settings.get(setting) or ("{slug}.html"))
    return pattern.replace("{slug}", slug)


def _problems_of(
    source: SourceRecord, key: str, settings: Mapping[str, Any], names: dict[str, str], taken: dict[str, str]
) -> Iterable[Diagnostic]:
    front = source.front_matter
    for field_name, what in (("save_as", "Save_as"), ("url", "URL")):
        given = front.first(field_name)
        if given is not None and given.value and _leaves(given.value):
            verb = "be written" if field_name == "save_as" else "point"
            message = f"{what} '{given.value}' would {verb} outside the site"
            yield Diagnostic(source.display, given.line, message, "remove the line; the slug sets the address")
            return
    template = front.first("template")
    allowed = CONTENT_TEMPLATES[key]
    theme = Path(str(settings.get("THEME") or "")) / "templates"
    if template is not None and template.value not in allowed and (theme / f"{template.value}.html").is_file():
        kind = "an explainer" if key == "ARTICLE_PATHS" else "a page"
        message = f"Template '{template.value}' is a template of the site, not one for {kind}"
        yield Diagnostic(
            source.display, template.line, message, f"use {' or '.join(sorted(allowed))}, or remove the line"
        )
    save_as = front.first("save_as")
    slug, slug_line = source.slug, source.slug_line
    if key == "ARTICLE_PATHS" and (save_as is None or not save_as.value):
        # Under explainers/ (or its language's folder): duplicate slugs are duplicate_slugs' to report.
        if front.first("lang") is None:
            taken.setdefault(posixpath.normpath(_output_path(front, slug, key, settings)), source.display)
        return
    path = posixpath.normpath(_output_path(front, slug, key, settings))
    given = save_as if save_as is not None and save_as.value else front.first("slug")
    line = given.line if given is not None else slug_line
    top = _first(path)
    hint = "remove the Save_as line" if save_as is not None and save_as.value else "choose another slug"
    if path in taken:
        yield Diagnostic(source.display, line, f"would be written to {path}, as {taken[path]} is", hint)
    elif top in names and not (key == "ARTICLE_PATHS" and names[top] == "the explainers"):
        yield Diagnostic(source.display, line, f"would be written to {path}, which is {names[top]}", hint)
    elif top != path and is_known(top):
        message = f"would be written to {path}, inside the folder of the language '{top}'"
        yield Diagnostic(source.display, line, message, hint)
    else:
        taken[path] = source.display


def address_problems(sources: Iterable[SourceRecord], settings: Mapping[str, Any]) -> list[Diagnostic]:
    """Metadata that would write an explainer or page over the site's own addresses, another page, or out."""
    names = reserved(settings)
    taken: dict[str, str] = {}
    found: list[Diagnostic] = []
    for source in sources:
        found.extend(_problems_of(source, source.kind, settings, names, taken))
    return found
