"""Each explainer's page facts (``model.ExplainerFacts``), kept between builds by the file's text.

Pelican's reader cache spares an unchanged file its Markdown, but every build makes every article
again, and with it the explainer its page shows (``hooks.attach_explainer``). What that takes from
the source alone is worked out here once per text: an edit parses the edited explainer again, not
every explainer of the site. The content check fills the memo for every article (and the driver
saves it with the checks' memos), so that the pages find their facts already there.
"""

from __future__ import annotations

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.sources import SourceRecord
from nutgraf.plugins.explainers.document import parse_explainer
from nutgraf.plugins.explainers.model import ExplainerFacts
from nutgraf.plugins.explainers.settings import ExplainerSettings

MEMO = "explainer_page"


def page_facts(
    context: BuildContext, source: SourceRecord, lang: str | None, options: ExplainerSettings
) -> ExplainerFacts:
    """The facts of ``source`` read as an explainer in ``lang`` (Pelican's ``lang`` of the article)."""
    local = options.for_lang(lang)
    return context.memo(MEMO, options.memo_salt).get(
        source.display,
        f"{lang or ''}\0{source.text}",
        lambda: ExplainerFacts.of(parse_explainer(source.text, local), local),
    )


def remember_page_facts(context: BuildContext, options: ExplainerSettings) -> None:
    """Every article's facts, in the language Pelican will read it in, worked out now if its text is new."""
    for source in context.content.articles:
        page_facts(context, source, source.lang, options)
