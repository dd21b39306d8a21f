"""Each published chart's embed page and oEmbed file, written with Pelican's writer, and the explainer's
"Embed" disclosure under each chart (see ``embeds`` for the pieces)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.kernel.context import context_for
from nutgraf.kernel.file_memo import code_digest
from nutgraf.plugins.charts.embeds import (
    OEMBED_FILE,
    RESIZE_SCRIPT,
    FrameSize,
    disclosure_html,
    embed_folder,
    frame_size,
    headed,
    oembed,
    oembed_json,
    snippet,
    svg_size,
)
from nutgraf.plugins.charts.library import ChartLibrary
from nutgraf.plugins.charts.markdown_extension import PLACEHOLDER

TEMPLATE = "embed"  # theme/templates/embed.html


@dataclass(frozen=True)
class ChartEmbed:
    """One chart of one page, as another site embeds it."""

    key: str  # the chart's key in the library (see ``chart_key``)
    anchor: str  # its figure's id on the page
    folder: str  # the embed page's folder, relative to SITEURL
    url: str  # the embed page's address (absolute when SITEURL is)
    title: str  # the iframe's title: the chart's, else the page's
    size: FrameSize
    code: str  # the snippet an editor copies

    @property
    def oembed_url(self) -> str:
        return f"{self.url}{OEMBED_FILE}"


def embeddable(item: Any) -> bool:
    """Published pages only: a draft's or a hidden page's charts get no embed page nor code."""
    return getattr(item, "status", "published") == "published"


def chart_embed(
    library: ChartLibrary, settings: Mapping[str, Any], item: Any, key: str, anchor: str, item_url: str | None = None
) -> ChartEmbed:
    """``item_url``: the page's ``url``, when the caller has it (Pelican works it out anew at each ask)."""
    chart = library.prepared(key)
    options = chart.block.options
    title = " ".join(str(options.get("title") or "").split())
    # Kept with the chart's cache entry: every build works out every embed page's key, rendered or not.
    width, height = library.cache.fact(chart.key, "wide size", "wide.svg", svg_size)
    size = frame_size(width, height, title, str(options.get("subtitle") or ""), str(options.get("note") or ""))
    folder = embed_folder(str(item.url) if item_url is None else item_url, anchor)
    url = library.url(folder)
    resize_script = library.url(f"{settings.get('THEME_STATIC_DIR', 'theme')}/{RESIZE_SCRIPT}")
    frame_title = title or " ".join(str(getattr(item, "title", "")).split())
    return ChartEmbed(key, anchor, folder, url, frame_title, size, snippet(url, frame_title, size, resize_script))


def page_embeds(library: ChartLibrary, settings: Mapping[str, Any], item: Any) -> list[ChartEmbed]:
    """The page's charts in order, with the anchors ``hooks.expand_charts`` gives their figures."""
    used_ids: set[str] = set()
    item_url = str(item.url)
    return [
        chart_embed(library, settings, item, key, library.anchor(key, used_ids), item_url)
        for key in PLACEHOLDER.findall(getattr(item, "_content", None) or "")
    ]


class EmbedFigure:
    """The chart's figure on its embed page, drawn only when the page is rendered: a writer that finds the
    page unchanged since the last build (``nutgraf.driver.output_reuse``) never draws it. ``output_key`` says
    what the figure is made from: the block (its key), the chart's renders (their key), its anchor and language."""

    def __init__(self, library: ChartLibrary, key: str, anchor: str, lang: str, gettext: Callable[[str], str]) -> None:
        self.output_key = f"{key}\0{library.prepared(key).key}\0{anchor}\0{lang}"
        self._draw = lambda: headed(library.figure(key, anchor, gettext=gettext))
        self._html: str | None = None

    def __html__(self) -> str:
        if self._html is None:
            self._html = self._draw()
        return self._html

    def __str__(self) -> str:
        return self.__html__()

    def __contains__(self, text: str) -> bool:
        return text in self.__html__()


@dataclass(frozen=True)
class EmbedDisclosures:
    """What ``hooks.expand_charts`` puts after each figure of a published page: its "Embed" disclosure."""

    library: ChartLibrary
    settings: Mapping[str, Any]
    item: Any
    gettext: Callable[[str], str]

    def __call__(self, key: str, anchor: str) -> str:
        embed = chart_embed(self.library, self.settings, self.item, key, anchor)
        return disclosure_html(embed.code, anchor, self.gettext)


# The context's state holding the explainers' generator until their charts' embed pages are written.
_ARTICLES = "charts: explainers written"


def remember_articles(generator: Any, writer: Any) -> None:
    """``article_writer_finalized``: the explainers' embed pages are written with the pages' (``write_embed_pages``),
    once search has read every page Pelican writes (``search.index_written_pages``, a handler before ours): the
    index is made while they are written."""
    context_for(generator.settings).replace_state(_ARTICLES, generator)


def write_embed_pages(generator: Any, writer: Any) -> None:
    """``page_writer_finalized``: each published chart's embed page, the explainers' and the pages', in the language
    of the page it is on, and its oEmbed JSON beside it."""
    articles = context_for(generator.settings).pop_state(_ARTICLES)
    for written in (articles, generator):
        if written is not None:
            _write_embed_pages(written, writer)


def _write_embed_pages(generator: Any, writer: Any) -> None:
    from nutgraf.plugins.charts.hooks import library_in

    settings = generator.settings
    context = context_for(settings)
    library = library_in(context)
    items = [*getattr(generator, "articles", []), *getattr(generator, "pages", []), *generator.translations]
    template = None
    code = code_digest()
    for item in items:
        if not embeddable(item) or not getattr(item, "has_charts", False):
            continue
        template = template or generator.get_template(TEMPLATE)
        gettext = context.gettext_for(getattr(item, "lang", None))
        back_url = library.url(str(item.url))
        for embed in page_embeds(library, settings, item):
            figure = EmbedFigure(library, embed.key, embed.anchor, str(getattr(item, "lang", "")), gettext)
            writer.write_file(
                f"{embed.folder}index.html",
                template,
                generator.context,
                settings.get("RELATIVE_URLS", False),
                page=item,
                embed=embed,
                figure=figure,
                back_url=f"{back_url}#{embed.anchor}",
                oembed_url=embed.oembed_url,
                template_name=TEMPLATE,
            )
            lead = library.lead_chart(embed.key)
            answer = oembed(
                title=embed.title,
                html=embed.code,
                size=embed.size,
                provider_name=str(settings.get("SITENAME") or ""),
                provider_url=library.url(""),
                thumbnail=(library.url(lead.image), lead.width, lead.height),
            )
            write_oembed(writer, f"{embed.folder}{OEMBED_FILE}", answer, code)


def write_oembed(writer: Any, name: str, answer: dict[str, object], code: str) -> None:
    """The oEmbed file ``name``; linked from the previous site instead when the writer reuses unchanged files
    (``nutgraf.driver.output_reuse``'s: its ``plan``) and it was written there from the same answer and ``code``
    (nutgraf's, which prints it)."""
    plan = getattr(writer, "plan", None)
    # The answer in the fast compact form: the file is its pretty print.
    key = hashlib.sha256(json.dumps(["oembed", code, answer], ensure_ascii=False).encode()).hexdigest()
    if plan is not None and plan.reuse(name, key):
        return
    target = Path(writer.output_path) / name
    target.unlink(missing_ok=True)  # never written through a link into the previous site
    target.write_text(oembed_json(answer), encoding="utf-8")
    if plan is not None:
        plan.wrote(name, key, ())
