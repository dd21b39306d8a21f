"""Feeds in one language each: every Atom feed declares its language (``xml:lang``), and the site-wide feed
(FEED_ALL_ATOM) holds the default language's explainers only.

Why the site-wide feed is the default language's: it is the feed the site's root and its default-language pages
advertise, and the address subscribers already have. Pelican's FEED_ALL_ATOM adds every translation, which would
put each translated story in a reader's list twice, in two languages, in a feed that can declare only one. Every
other language has its own feed (TRANSLATION_FEED_ATOM, ``feeds/zh-Hans.atom.xml``), advertised by that
language's pages. A feed whose entries are in several languages (a topic feed with originals written in different
languages) declares none at its root, and each entry its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from nutgraf.kernel.languages import same_language


def link_languages(articles: Iterable[Any], siteurl: str, default_lang: str) -> dict[str, str]:
    """Each explainer version's address (as Pelican writes it in feeds), and its language."""
    base = siteurl if siteurl.endswith("/") else f"{siteurl}/"
    languages = {}
    for article in articles:
        for version in [article, *(getattr(article, "translations", None) or [])]:
            lang = getattr(version, "lang", None) or default_lang
            languages[urljoin(base, str(version.url))] = lang
    return languages


def _path(link: str) -> str:
    """An entry's link without its query (FEED_APPEND_REF adds ``?ref=feed``)."""
    return urlsplit(link)._replace(query="", fragment="").geturl()


def localise_feed(feed: Any, languages: Mapping[str, str], default_lang: str, *, default_only: bool) -> None:
    """Give ``feed`` (a feedgenerator feed) its language; keep only the default language's entries if
    ``default_only``; a mixed feed's entries each say their own language."""
    entries = [(item, languages.get(_path(str(item.get("link", ""))), default_lang)) for item in feed.items]
    if default_only:
        entries = [(item, lang) for item, lang in entries if same_language(lang, default_lang)]
        feed.items = [item for item, _ in entries]
    spoken = {lang.casefold(): lang for _, lang in entries}
    if len(spoken) > 1:
        feed.feed["language"] = None
        for item, lang in entries:
            item["xml_lang"] = lang
        feed.item_attributes = _entry_language
    else:
        feed.feed["language"] = next(iter(spoken.values()), default_lang)


def _entry_language(item: Mapping[str, Any]) -> dict[str, str]:
    """feedgenerator's hook for an entry's attributes: its ``xml:lang`` in a feed of several languages."""
    return {"xml:lang": item["xml_lang"]} if item.get("xml_lang") else {}


def is_feed(feed: Any, path: str | None) -> bool:
    """Whether ``feed`` is the one written to ``path`` (a FEED_*_ATOM setting, relative to FEED_DOMAIN)."""
    return bool(path) and urlsplit(str(feed.feed.get("feed_url") or "")).path.endswith(f"/{str(path).lstrip('/')}")
