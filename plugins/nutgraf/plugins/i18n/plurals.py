"""A language's plural categories (CLDR's, as ``Intl.PluralRules`` names them), each with a number in it.

Scripts choose a message by ``Intl.PluralRules(lang).select(n)``; gettext chooses by its own ``Plural-Forms``.
The theme writes, for each category, the message gettext gives for a number of that category, so the script
shows what the template would have for that count.
"""

from __future__ import annotations

from babel import Locale

from nutgraf.kernel.languages import babel_locale

# Integers to try, small first: enough to meet every integer category of CLDR's rules (French "many" is 1e6).
CANDIDATES = (*range(0, 201), 1000, 10_000, 100_000, 1_000_000)


def plural_examples(lang: str) -> dict[str, int]:
    """``{"one": 1, "other": 0}`` for English, ``{"other": 0}`` for Chinese: each category and its first integer."""
    rule = (babel_locale(lang) or Locale("en")).plural_form
    wanted = {*rule.tags, "other"}
    examples: dict[str, int] = {}
    for number in CANDIDATES:
        examples.setdefault(rule(number), number)
        if wanted <= examples.keys():
            break
    return examples
