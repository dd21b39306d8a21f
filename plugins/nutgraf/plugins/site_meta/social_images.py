"""Each explainer's social image (its lead chart beside the headline, or a title card) and its thumbnail."""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from nutgraf.kernel import fonts
from nutgraf.kernel.chart_locale import chart_locale
from nutgraf.kernel.file_memo import code_digest
from nutgraf.kernel.files import link_or_copy
from nutgraf.kernel.languages import same_language, url_prefix
from nutgraf.plugins.site_meta.settings import SiteMetaSettings
from nutgraf.plugins.site_meta.social_card import (
    CardCache,
    CardText,
    card_key,
    chart_card_svg,
    render_png,
    title_card_svg,
    write_card,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChartCard:
    """A card to draw once the chart plugin has written the chart's PNG into the site."""

    path: str  # the card, relative to the output folder
    chart_image: str  # the lead chart's PNG, relative to the output folder
    chart_title: str
    title: str
    kicker: str
    text: CardText = field(default_factory=CardText)


def card_path(settings: SiteMetaSettings, slug: str, lang: str = "") -> str:
    """The card's address relative to SITEURL (as Pelican's ``url`` attributes are): a translation's is in its
    language's folder (``social/zh-hans/<slug>.png``), beside the original's ``social/<slug>.png``."""
    if lang and not same_language(lang, settings.default_lang):
        return f"{settings.social_image_folder}/{url_prefix(lang)}/{slug}.png"
    return f"{settings.social_image_folder}/{slug}.png"


def card_text(lang: str, settings: SiteMetaSettings, gettext: Callable[[str], str]) -> CardText:
    """The card's tagline in the explainer's language, and the shipped font with its script's glyphs (CJK for
    Chinese): without it a Chinese headline would be drawn as empty boxes."""
    if not lang or same_language(lang, settings.default_lang):
        return CardText()
    script_fonts = (fonts.CJK,) if chart_locale(lang, settings.default_lang).fonts else ()
    return CardText(tagline=gettext(CardText.tagline), fonts=script_fonts)


def add_social_images(
    articles: list[Any],
    settings: SiteMetaSettings,
    output: Path,
    cache: CardCache,
    gettext_for: Callable[[str], Callable[[str], str]] | None = None,
) -> list[ChartCard]:
    """Give every explainer (each translation too) a thumbnail (its lead chart) when it has a chart, and a social
    image unless it has one; a translation's card is in its language (``gettext_for(lang)``, the i18n plugin's).

    Title cards are written now; the cards of explainers with charts are returned, to be drawn
    by ``write_chart_cards`` once the charts' PNGs are in the site.
    """
    chart_cards = []
    for article in articles:
        headline = _plain(article.title)
        lead = getattr(article, "lead_chart", None)  # set by the chart plugin on pages with charts
        if lead is not None:
            article.thumbnail = lead.thumbnail or lead.image  # drawn for its size, marks only
            article.thumbnail_alt = lead.alt
            article.thumbnail_width = lead.thumbnail_width or lead.width
            article.thumbnail_height = lead.thumbnail_height or lead.height
        if getattr(article, "social_image", None):
            continue
        lang = str(getattr(article, "lang", "") or "")
        path = card_path(settings, article.slug, lang)
        text = card_text(lang, settings, gettext_for(lang) if gettext_for else str)
        kicker = str(article.category) if getattr(article, "category", None) else settings.site_name
        article.social_image = path
        if lead is not None:
            chart_cards.append(ChartCard(path, lead.card_image or lead.image, lead.title, headline, kicker, text))
            article.social_image_alt = f"{headline}. {lead.alt or lead.title}"
        else:
            write_card(output / path, title_card_svg(headline, kicker, settings.site_name, text), cache)
            article.social_image_alt = f"{settings.site_name}: {headline}"
    logger.info("Social cards: %d title cards, %d chart cards", len(articles) - len(chart_cards), len(chart_cards))
    return chart_cards


# The chart cards drawn before, by what they are drawn from (``_card_inputs``): [the card's key in the CardCache,
# the SHA-256 of its PNG, the PNG's size, modification time and inode when it was hashed], in the card cache.
CARDS_BY_INPUTS = "cards-by-inputs.json"


def _card_inputs(card: ChartCard, site_name: str, chart_png: bytes, code: str) -> str:
    """A hash of everything a chart card is drawn from, the ``code`` and fonts that draw it included."""
    inputs = [code, fonts.fonts_digest(), site_name, card.title, card.kicker, card.chart_title]
    inputs += [card.text.tagline, list(card.text.fonts), hashlib.sha256(chart_png).hexdigest()]
    return hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()


def _stat_key(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns, status.st_ino]


def _drawn_before(drawn: dict[str, Any], inputs: str, cache: CardCache) -> Path | None:
    """The cached PNG of the card drawn from ``inputs`` by a build before, as it was then, or None.

    Found as it was by its stat: writing into it (in place, or through the site's hard link) sets its
    modification time, replacing it gives another inode; then its bytes are hashed again, and if they are not
    those drawn it is removed, to be drawn again. Linked, not copied, into the site: a build that draws no card
    writes none.
    """
    entry = drawn.get(inputs)
    if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)):
        return None
    key, digest, stat_key = entry
    png = cache.folder / f"{Path(key).name}.png"
    try:
        if _stat_key(png) != stat_key:
            if hashlib.sha256(png.read_bytes()).hexdigest() != digest:
                png.unlink()  # damaged: the card cache itself would serve it again
                return None
            entry[2] = _stat_key(png)
    except OSError:
        return None
    cache.used.add(key)
    return png


def _load_drawn(cache: CardCache) -> dict[str, Any]:
    try:
        drawn = json.loads((cache.folder / CARDS_BY_INPUTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return drawn if isinstance(drawn, dict) else {}


def _save_drawn(cache: CardCache, drawn: dict[str, Any]) -> None:
    cache.folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=cache.folder, prefix=".cards-", delete=False, encoding="utf-8") as file:
        json.dump(drawn, file, sort_keys=True, separators=(",", ":"))
    Path(file.name).replace(cache.folder / CARDS_BY_INPUTS)


def _link_into(source: Path, target: Path) -> None:
    """``target`` made the same file as ``source`` (a copy across disks); never written into: it may be a link."""
    target.unlink(missing_ok=True)
    link_or_copy(source, target)


def write_chart_cards(cards: list[ChartCard], settings: SiteMetaSettings, output: Path, cache: CardCache) -> None:
    """Draw each chart card from the chart's PNG in the site (a title card if the PNG is missing).

    A card drawn before from the same inputs (``_card_inputs``) is linked from the card cache, not drawn again.
    """
    drawn = _load_drawn(cache)
    kept: dict[str, Any] = {}
    code = code_digest()  # nutgraf's code: the card's layout is in it
    for card in cards:
        chart, destination = output / card.chart_image, output / card.path
        if not chart.is_file():  # a plain `pelican` run writes no chart assets
            write_card(destination, title_card_svg(card.title, card.kicker, settings.site_name, card.text), cache)
            continue
        chart_png = chart.read_bytes()
        inputs = _card_inputs(card, settings.site_name, chart_png, code)
        destination.parent.mkdir(parents=True, exist_ok=True)
        png = _drawn_before(drawn, inputs, cache)
        if png is None:
            svg = chart_card_svg(card.title, card.kicker, settings.site_name, card.chart_title, chart_png, card.text)
            digest = hashlib.sha256(render_png(svg, cache)).hexdigest()
            png = cache.folder / f"{card_key(svg)}.png"
            drawn[inputs] = [card_key(svg), digest, _stat_key(png)]
        _link_into(png, destination)
        kept[inputs] = drawn[inputs]
    if kept != _load_drawn(cache):
        _save_drawn(cache, kept)


def write_site_card(settings: SiteMetaSettings, output: Path, cache: CardCache) -> None:
    """The card for the home page and other pages that are not explainers."""
    title = settings.site_description or settings.site_name
    svg = title_card_svg(title, "The news, explained", settings.site_name)
    write_card(output / settings.social_site_image, svg, cache)


def _plain(html: str) -> str:
    """A title as text: Pelican's titles may hold inline markup."""
    return Markup(html).striptags()
