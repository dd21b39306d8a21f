"""nutgraf's own settings, typed and checked once, before anything runs.

Every name in our namespaces (``CHARTS_``, ``EXPLAINER_``, ``SEARCH_``, ``SOCIAL_``, ``SITEMAP_``, ``I18N_``,
``PUBLISH_``) is known here with the shape its value must have. A wrong value is
``pelicanconf.py:LINE: EXPLAINER_SECTIONS must be …; fix``, a misspelt name (``CHARTS_WIDHT``) is reported with the
name it probably means instead of being silently ignored, and a plugin never meets a value it would crash on.
The few Pelican settings the theme relies on (``PELICAN_RULES``: a listing's page size) are checked the same way.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.suggest import did_you_mean

PREFIXES = ("CHARTS_", "EXPLAINER_", "SEARCH_", "SOCIAL_", "SITEMAP_", "I18N_", "PUBLISH_")
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")  # publishconf.py reads pelicanconf.py, then overrides it
SETTINGS_FILE = "NUTGRAF_SETTINGS_FILE"  # the file the build read its settings from (set by the driver)
SECTION_KEYS = ("happening", "matters", "next", "background")


@dataclass(frozen=True)
class Rule:
    """What a setting's value must be: a test, and the words that say it."""

    accepts: Callable[[Any], bool]
    expected: str
    example: str


def _integer(least: int) -> Rule:
    return Rule(
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= least,
        f"a whole number of at least {least}",
        str(max(least, 1)),
    )


def _positive_number(example: str) -> Rule:
    return Rule(
        lambda v: isinstance(v, int | float) and not isinstance(v, bool) and 0 < v < float("inf"),
        "a number above 0",
        example,
    )


def _text(example: str, *, empty: bool = False, optional: bool = False) -> Rule:
    def accepts(value: Any) -> bool:
        return (optional and value is None) or (isinstance(value, str) and (empty or bool(value.strip())))

    return Rule(accepts, "text" + (" or None" if optional else ""), example)


def _strings(example: str, pattern: str = r".+") -> Rule:
    return Rule(
        lambda v: isinstance(v, list | tuple) and all(isinstance(s, str) and re.fullmatch(pattern, s) for s in v),
        "a list of text values",
        example,
    )


_BOOLEAN = Rule(lambda v: isinstance(v, bool), "True or False", "True")
_MAPPING = Rule(lambda v: isinstance(v, Mapping), "a dict", "{}")
_COLOURS = Rule(
    lambda v: (
        isinstance(v, list | tuple)
        and bool(v)
        and all(isinstance(c, str) and re.fullmatch(r"#[0-9a-fA-F]{3,8}", c) for c in v)
    ),
    "a list of colours such as '#0072b2'",
    '["#0072b2", "#d55e00"]',
)


def _is_sections(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) == len(SECTION_KEYS)
        and all(
            isinstance(entry, Mapping)
            and entry.get("key") == key
            and all(isinstance(entry.get(name), str) and entry[name].strip() for name in ("label", "id"))
            for entry, key in zip(value, SECTION_KEYS, strict=False)
        )
    )


_SECTIONS = Rule(
    _is_sections,
    "a list of the four sections in order, each a dict with 'key' (happening, matters, next, background), "
    "'label', 'id' and optional 'aliases'",
    '[{"key": "happening", "label": "What\'s happening", "id": "whats-happening"}, …]',
)

RULES: dict[str, Rule] = {
    "CHARTS_CACHE_PATH": _text(".cache/charts"),
    "CHARTS_OUTPUT_DIR": _text('"charts"'),
    "CHARTS_WIDTH": _integer(100),
    "CHARTS_NARROW_WIDTH": _integer(100),
    "CHARTS_ASPECT": _positive_number("1.6"),
    "CHARTS_NARROW_ASPECT": _positive_number("1.0"),
    "CHARTS_FONT": _text('"system-ui, sans-serif"'),
    "CHARTS_FONT_SIZE": _integer(6),
    "CHARTS_PALETTE": _COLOURS,
    "CHARTS_THEME": _MAPPING,
    "CHARTS_ALTAIR_TIMEOUT": _integer(1),
    "CHARTS_WORKERS": _integer(0),
    "CHARTS_PROGRESS_THRESHOLD": _integer(0),
    "CHARTS_PNG_SCALE": _positive_number("2"),
    "CHARTS_MAX_DATA_BYTES": _integer(1),
    "CHARTS_MAX_DATA_ROWS": _integer(1),
    "EXPLAINER_SECTIONS": _SECTIONS,
    "EXPLAINER_SECTIONS_BY_LANG": _MAPPING,
    "EXPLAINER_SUMMARY_MAX_LENGTH": _integer(1),
    "EXPLAINER_LEDE_MAX_PARAGRAPHS": _integer(0),
    "EXPLAINER_WORDS_PER_MINUTE": _integer(1),
    "EXPLAINER_RELATED_COUNT": _integer(0),
    "EXPLAINER_FIGURE_BLOCK": Rule(
        lambda v: isinstance(v, str) and re.fullmatch(r"[A-Za-z][\w-]*", v) is not None, "a block name", '"figure"'
    ),
    "EXPLAINER_SOURCES_HEADING": _text('"Sources"'),
    "EXPLAINER_UPDATES_HEADING": _text('"Updates"'),
    "EXPLAINER_PUBLISHER_LOGO": _text('"images/logo.png"', optional=True),
    "EXPLAINER_EXTRA_METADATA": _strings('["series"]', r"[A-Za-z0-9_-]+"),
    "SEARCH_ENABLED": _BOOLEAN,
    "SEARCH_URL": _text('"search/"'),
    "SEARCH_SAVE_AS": _text('"search/index.html"'),
    "SEARCH_INDEX_FOLDER": _text('"pagefind"'),
    "SEARCH_LANGUAGE": _text('"en"', optional=True),
    "SEARCH_CACHE_PATH": _text(".cache/search"),
    "SITEMAP_SAVE_AS": _text('"sitemap.xml"'),
    "SOCIAL_IMAGE_FOLDER": _text('"social"'),
    "SOCIAL_SITE_IMAGE": _text('"social/site.png"', optional=True),
    "SOCIAL_CACHE_PATH": _text(".cache/social"),
    "I18N_CATALOGUES": _text('"theme/translations"', optional=True),
    "I18N_DATE_FORMAT": _text('"long"'),
    "I18N_HOME_PAGES": _BOOLEAN,
    "PUBLISH_CNAME": Rule(
        lambda v: v is None or (isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9.-]*", v.strip()) is not None),
        "a bare host name (no https://, no path) or None",
        '"news.example.org"',
    ),
    "PUBLISH_BRANCH": _text('"gh-pages"'),
    "PUBLISH_PREVIEWS": _BOOLEAN,
}
# Pelican's own settings that the theme and plugins rely on, checked as ours are (Pelican would crash on them
# mid-build, or write a site the theme does not expect). pelicanconf.py gives each its default.
PELICAN_RULES: dict[str, Rule] = {
    # Explainers a listing page (home, topic, tag) shows; False lists them all on one page.
    "DEFAULT_PAGINATION": Rule(
        lambda v: v is False or (isinstance(v, int) and not isinstance(v, bool) and v >= 1),
        "a whole number of at least 1, or False (every explainer on one page)",
        "24",
    ),
}
# Set by the plugins themselves while Pelican runs: known, never written by hand.
RUNTIME = frozenset({"I18N_GETTEXT", "I18N_PAGE_LANGUAGE", "SOCIAL_PENDING_CHART_CARDS"})


def assignment_lines(project: Path, settings_file: str | None = None) -> dict[str, tuple[str, int]]:
    """Where each upper-case name is assigned: name -> (file, line), in pelicanconf.py and, when the build read
    another file (publishconf.py), in that one, whose assignments win."""
    found: dict[str, tuple[str, int]] = {}
    files = [SETTINGS_FILES[0]]
    if settings_file and Path(settings_file).name != SETTINGS_FILES[0]:
        files.append(Path(settings_file).name)
    for name in files:
        path = project / name
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
            continue
        for node in ast.walk(tree):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    found[target.id] = (name, node.lineno)
    return found


def check_settings(settings: Mapping[str, Any]) -> list[Diagnostic]:
    """Every value of ours that is wrong, and every name in our namespaces that is none of ours."""
    given = settings.get(SETTINGS_FILE)
    project = Path(given).parent if given else Path(str(settings.get("PATH", "content"))).parent
    where = assignment_lines(project, given)
    found: list[Diagnostic] = []
    for name, value in settings.items():
        if not isinstance(name, str) or name in RUNTIME:
            continue
        if not name.startswith(PREFIXES) and name not in PELICAN_RULES:
            continue
        path, line = where.get(name, ("pelicanconf.py", 1))
        rule = RULES.get(name) or PELICAN_RULES.get(name)
        if rule is None:
            found.append(
                Diagnostic(
                    path,
                    line,
                    f"{name} is not a nutgraf setting{did_you_mean(name, RULES, cutoff=0.8)}",
                    "correct the name, or remove the line (README lists every setting)",
                )
            )
        elif not rule.accepts(value):
            found.append(
                Diagnostic(
                    path,
                    line,
                    f"{name} must be {rule.expected}, not {_shown(value)}",
                    f"write e.g. {name} = {rule.example}",
                )
            )
    return sorted(found)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
