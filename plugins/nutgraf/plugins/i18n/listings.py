"""Each other language's listing pages: its home, topics, tags and archive, listing that language's explainers.

A newsroom's Chinese reader gets Chinese pages all the way down: the Chinese navigation leads to
``zh-hans/topics/``, ``zh-hans/tags/`` and ``zh-hans/archives/``, which list the Chinese explainers (topic and tag
pages included), in the Chinese theme. Each page is saved where the default language's is, under the language's
folder, and rendered by the same template with ``PAGE_LANG`` set, as Pelican renders the default language's: the
home, topic and tag pages are paginated as the default language's are (their later pages under the language's
folder too: ``zh-hans/page/2/``, ``zh-hans/topics/x/page/2/``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from nutgraf.kernel.languages import url_prefix


@dataclass(frozen=True)
class Listing:
    """One listing page of one language: where it goes, its template, and what the template is given."""

    save_as: str  # relative to the output folder, under the language's folder
    template: str
    url: str  # its address relative to SITEURL: the pager's address of page 1 (Pelican's PAGINATION_PATTERNS)
    values: Mapping[str, Any] = field(default_factory=dict)


def page_name(save_as: str) -> str:
    """Pelican's ``page_name`` for a direct template: its save-as without the extension (``topics/index``)."""
    return str(PurePosixPath(save_as).with_suffix(""))


def _grouped(articles: Iterable[Any], key: str) -> list[tuple[Any, list[Any]]]:
    """(topic or tag, its articles), sorted, as Pelican gives templates ``categories`` and ``tags``."""
    groups: dict[Any, list[Any]] = {}
    for article in articles:
        values = getattr(article, key, None)
        for value in values if isinstance(values, list) else [values]:
            if value is not None:
                groups.setdefault(value, []).append(article)
    return sorted(groups.items())


def language_listings(
    lang: str, articles: Sequence[Any], direct_templates: Sequence[str], settings: Mapping[str, Any]
) -> list[Listing]:
    """The listing pages of ``lang``, whose ``articles`` are given newest first: each direct template (home,
    topics, tags, archive) that the default language has, and a page per topic and per tag."""
    prefix = url_prefix(lang)
    categories, tags = _grouped(articles, "category"), _grouped(articles, "tags")
    common = {"articles": list(articles), "dates": list(articles), "categories": categories, "tags": tags}
    pages = []
    for name in direct_templates:
        save_as = str(settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"))
        url = str(settings.get(f"{name.upper()}_URL", f"{name}.html"))  # as Pelican's generate_direct_templates
        if save_as:
            pages.append(Listing(f"{prefix}/{save_as}", name, f"{prefix}/{url}", {"page_name": page_name(save_as)}))
    for template, groups in (("category", categories), ("tag", tags)):
        for item, items in groups:
            if item.save_as:
                values = {template: item, "articles": items, "dates": items, "page_name": item.page_name}
                pages.append(Listing(f"{prefix}/{item.save_as}", template, f"{prefix}/{item.url}", values))
    language = {"PAGE_LANG": lang}
    return [Listing(page.save_as, page.template, page.url, {**common, **page.values, **language}) for page in pages]
