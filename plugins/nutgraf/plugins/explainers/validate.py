"""The rules of an explainer, checked on its source: every problem at once, each with its line.

Published explainers must follow every rule. Drafts (``Status: draft``) may be incomplete:
what they lack is reported as a note and they still build; problems that would break the
build (an unreadable date, a malformed block, no title) are errors in drafts too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.file_memo import FileMemo, Memos
from nutgraf.kernel.frontmatter import parse_front_matter
from nutgraf.kernel.languages import canonical, same_language
from nutgraf.kernel.sources import Content, SourceFile, SourceRecord, front_matter_status, read_content
from nutgraf.kernel.suggest import closest
from nutgraf.plugins.explainers.addresses import address_problems
from nutgraf.plugins.explainers.anchors import chart_id_clashes, unclosed_blocks
from nutgraf.plugins.explainers.dates import naive, read_date
from nutgraf.plugins.explainers.document import ExplainerSource, paragraphs, parse_explainer
from nutgraf.plugins.explainers.html_policy import html_problems, memo_salt, svg_problems
from nutgraf.plugins.explainers.images import image_problems
from nutgraf.plugins.explainers.key_figures import parse_key_figure
from nutgraf.plugins.explainers.settings import ExplainerSettings, normalize_heading
from nutgraf.plugins.explainers.translations import check_translations
from nutgraf.plugins.explainers.updates import parse_updates

STATUSES = ("published", "draft", "hidden", "skip")
# Keys whose value may run over several lines (Pelican joins the summary; each update is an entry).
MULTI_LINE_KEYS = ("summary", "updates", "corrections")
_PLACEHOLDER = re.compile(r"\bTODO\b")
_MARKDOWN_SYNTAX = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]")
# Values that become part of a URL, a file name or an HTML attribute: no slashes, dots or quotes.
_SLUG = re.compile(r"^[\w-]+$")


@dataclass
class Findings:
    """Errors fail the build; notes say what a draft still lacks."""

    errors: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    draft: bool = False

    def error(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.errors.append(Diagnostic(path, line, message, hint))

    def rule(self, path: str, line: int, message: str, hint: str = "") -> None:
        """A rule of published explainers: an error, or a note for a draft."""
        if self.draft:
            self.notes.append(Diagnostic(path, line, f"{message} (allowed in a draft)", hint, "note"))
        else:
            self.errors.append(Diagnostic(path, line, message, hint))


def plain_text(markdown: str) -> str:
    """Markdown inline syntax removed, for measuring a summary as readers see it."""
    return " ".join(_MARKDOWN_SYNTAX.sub(lambda m: m.group(1) or "", markdown).split())


def status_of(parsed: ExplainerSource, default_metadata: Mapping[str, Any] | None = None) -> str:
    return front_matter_status(parsed.front_matter, default_metadata)


def _check_front_matter(parsed: ExplainerSource, path: str, settings: ExplainerSettings, found: Findings) -> None:
    front = parsed.front_matter
    if not front.fields:
        found.error(
            path,
            front.first_line,
            "the file has no front matter",
            "start it with 'Title: …', 'Date: YYYY-MM-DD', 'Summary: …' and 'Topic: …' lines, then a blank line",
        )
        return
    if front.ended_without_blank_line is not None:
        line = front.ended_without_blank_line
        found.error(
            path, line, "the front matter does not end with a blank line", f"add a blank line before line {line}"
        )
    first_seen: dict[str, int] = {}
    for item in front.fields:
        if item.continued:
            if item.key not in MULTI_LINE_KEYS:
                found.error(
                    path,
                    item.line,
                    f"this indented line continues '{item.name}', which must fit on one line",
                    f"join it to line {first_seen.get(item.key, item.line)}, or remove the indentation",
                )
            continue
        if item.key in first_seen and item.key not in ("updates", "corrections"):
            found.error(
                path,
                item.line,
                f"'{item.name}' is given twice (first on line {first_seen[item.key]})",
                "keep one of them",
            )
            continue
        first_seen.setdefault(item.key, item.line)
        if item.key not in settings.known_metadata:
            guess = closest(item.key, settings.known_metadata, cutoff=0.8)
            if guess:
                found.error(
                    path, item.line, f"unknown front-matter key '{item.name}'", f"did you mean '{guess.capitalize()}'?"
                )

    for key, pattern, hint in (
        ("slug", _SLUG, "use letters, digits and hyphens, e.g. 'Slug: delta-floods'"),
        ("template", _SLUG, "name a template of the theme without '.html', e.g. 'article'"),
    ):
        item = front.first(key)
        if item is not None and not pattern.match(item.value):
            found.error(path, item.line, f"'{item.name}: {item.value}' is not a valid {key}", hint)

    status = front.first("status")
    if status is not None and status.value.strip().lower() not in STATUSES:
        found.error(path, status.line, f"unknown status '{status.value}'", "use 'Status: draft' or remove the line")

    title = front.first("title")
    if title is None or not title.value:
        found.error(path, title.line if title else front.first_line, "the explainer has no title", "add 'Title: …'")

    date_field = front.first("date")
    published = None
    if date_field is None or not date_field.value:
        found.rule(
            path,
            date_field.line if date_field else front.first_line,
            "the explainer has no date",
            "add 'Date: YYYY-MM-DD'",
        )
    else:
        reading = read_date(date_field.value)
        published = reading.date
        if published is None:
            found.error(path, date_field.line, f"'Date': {reading.problem}", reading.hint)
    modified_field = front.first("modified")
    if modified_field is not None:
        reading = read_date(modified_field.value)
        modified = reading.date
        if modified is None:
            found.error(path, modified_field.line, f"'Modified': {reading.problem}", reading.hint)
        elif published is not None and naive(modified) < naive(published):
            found.error(path, modified_field.line, "'Modified' is earlier than 'Date'", "correct one of them")

    summary = front.first("summary")
    if summary is None or not front.text("summary"):
        found.rule(
            path,
            summary.line if summary else front.first_line,
            "the explainer has no summary (dek)",
            f"add 'Summary: …', one sentence of at most {settings.summary_max_length} characters",
        )
    else:
        length = len(plain_text(front.text("summary")))
        if length > settings.summary_max_length:
            found.rule(
                path,
                summary.line,
                f"the summary has {length} characters; at most {settings.summary_max_length}",
                "shorten it to one sentence",
            )

    # Pelican's own 'Category:' is the topic too; given both, they must agree.
    topic, category = front.first("topic"), front.first("category")
    if topic is not None and category is not None and topic.value.casefold() != category.value.casefold():
        found.error(
            path,
            category.line,
            f"'Category: {category.value}' and 'Topic: {topic.value}' (line {topic.line}) disagree",
            "they are the same thing: keep one of them",
        )
    topic = topic or category
    if topic is None or not topic.value:
        found.rule(path, topic.line if topic else front.first_line, "the explainer has no topic", "add 'Topic: …'")

    for log in ("updates", "corrections"):
        entries, problems = parse_updates(front, path, log)
        found.errors.extend(problems)
        word = log.removesuffix("s")
        for entry in entries if published is not None else []:
            if entry.date.date() < naive(published).date():
                found.error(
                    path,
                    entry.line,
                    f"this {word} is dated before the explainer was published",
                    f"check the date of the {word} and the 'Date'",
                )


def _check_sections(parsed: ExplainerSource, path: str, settings: ExplainerSettings, found: Findings) -> None:
    labels = [spec.label for spec in settings.sections]
    order = ", ".join(f"'{label}'" for label in labels)
    names = {name: spec.label for spec in settings.sections for name in spec.names}
    suggested: set[str] = set()
    for heading in parsed.headings:
        if heading.level == 1:
            found.rule(
                path,
                heading.line,
                f"'{heading.text}' is a level-1 heading; the title is the page's only one",
                "use '## ' for the four sections and '### ' inside them",
            )
        elif heading.level == 2 and settings.section_for(heading.text) is None:
            guess = closest(normalize_heading(heading.text), names, cutoff=0.75)
            if guess:
                suggested.add(names[guess])
            hint = (
                f"did you mean '{names[guess]}'?"
                if guess
                else f"the sections are {order}; use '### ' for a sub-heading inside one"
            )
            found.rule(path, heading.line, f"the heading '{heading.text}' is not one of the four sections", hint)

    firsts = []
    seen: dict[str, int] = {}
    for section in parsed.sections:
        spec = section.spec
        if spec is None:
            continue
        line = section.heading.line
        if spec.key in seen:
            found.rule(
                path, line, f"'{spec.label}' appears twice (first on line {seen[spec.key]})", "merge the two into one"
            )
            continue
        seen[spec.key] = line
        firsts.append(section)
        if not section.content_lines:
            found.rule(path, line, f"the section '{spec.label}' is empty", "write it, or mark it 'Status: draft'")
    positions = {spec.key: index for index, spec in enumerate(settings.sections)}
    in_order = _longest_increasing([positions[s.spec.key] for s in firsts if s.spec])
    for index, section in enumerate(firsts):
        if index not in in_order and section.spec:
            before = [s.label for s in settings.sections[: positions[section.spec.key]] if s.key in seen]
            where = f"move it after '{before[-1]}'" if before else "move it to the top"
            found.rule(
                path,
                section.heading.line,
                f"'{section.spec.label}' is out of order",
                f"the sections go {order}; {where}",
            )

    last_line = parsed.last_line
    for index, spec in enumerate(settings.sections):
        if spec.key in seen or spec.label in suggested:
            continue  # present, or already reported as a misspelt heading
        later = [seen[s.key] for s in settings.sections[index + 1 :] if s.key in seen]
        misplaced = [h for h in parsed.headings if h.level > 2 and settings.section_for(h.text) == spec]
        if misplaced:
            heading = misplaced[0]
            found.rule(
                path,
                heading.line,
                f"'{spec.label}' is a level-{heading.level} heading; sections are level 2",
                f"write it as '## {heading.text}'",
            )
        elif later:
            found.rule(
                path,
                min(later),
                f"the section '{spec.label}' is missing",
                f"add '## {spec.label}' and its text before this line",
            )
        else:
            found.rule(
                path,
                last_line,
                f"the section '{spec.label}' is missing",
                f"add '## {spec.label}' and its text at the end",
            )

    lede = paragraphs(parsed.lede)
    if len(lede) > settings.lede_max_paragraphs:
        extra = lede[settings.lede_max_paragraphs][0][0]
        found.rule(
            path,
            extra,
            f"the lede (the text before the first section) has {len(lede)} paragraphs; "
            f"at most {settings.lede_max_paragraphs}",
            f"move the rest into '{labels[0]}'",
        )


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing run of ``values`` (the sections in their right order)."""
    best: list[list[int]] = []
    for index, value in enumerate(values):
        candidates = [chain for chain in best if values[chain[-1]] < value]
        longest = max(candidates, key=len, default=[])
        best.append([*longest, index])
    return set(max(best, key=len, default=[]))


def _check_footnotes(parsed: ExplainerSource, path: str, found: Findings) -> None:
    defined: dict[str, int] = {}
    for definition in parsed.footnote_definitions:
        if definition.label in defined:
            found.error(
                path,
                definition.line,
                f"the footnote [^{definition.label}] is defined twice (first on line {defined[definition.label]})",
                "give each source its own label",
            )
            continue
        defined[definition.label] = definition.line
        if not definition.text:
            found.error(path, definition.line, f"the footnote [^{definition.label}] is empty", "name the source")
    cited = {label for label, _ in parsed.footnote_references}
    for label, line in parsed.footnote_references:
        if label not in defined:
            guess = closest(label, defined, cutoff=0.75)
            hint = f"did you mean [^{guess}]?" if guess else f"add a line '[^{label}]: the source' at the end"
            found.error(path, line, f"the footnote [^{label}] is cited but never defined", hint)
    for label, line in defined.items():
        if label not in cited:
            found.error(path, line, f"the footnote [^{label}] is never cited", f"cite it with [^{label}] or remove it")


def _check_blocks(parsed: ExplainerSource, path: str, settings: ExplainerSettings, found: Findings) -> None:
    for block in parsed.blocks_named(settings.figure_block):
        _, problems = parse_key_figure(block, path, published=not found.draft)
        found.errors.extend(problem for problem in problems if problem not in found.errors)  # unclosed: said once


def _check_placeholders(parsed: ExplainerSource, path: str, found: Findings) -> None:
    """A 'TODO' left in: an error once published, a note in a draft (README promises drafts say what they lack)."""
    lines = [(f.line, f.value) for f in parsed.front_matter.fields] + list(parsed.prose)
    for number, text in lines:
        if _PLACEHOLDER.search(text):
            hint = (
                "write the text before it is published" if found.draft else "write the text, or mark it 'Status: draft'"
            )
            found.rule(path, number, "a 'TODO' placeholder is still here", hint)


def validate_source(
    source: SourceFile,
    settings: ExplainerSettings,
    default_metadata: Mapping[str, Any] | None = None,
    content_root: Path | None = None,
) -> Findings:
    """Every problem in one explainer (its sections read in its own language's labels and aliases)."""
    language = parse_front_matter(source.text).first("lang")
    settings = settings.for_lang(language.value if language else None)
    parsed = parse_explainer(source.text, settings)
    found = Findings(draft=status_of(parsed, default_metadata) == "draft")
    _check_front_matter(parsed, source.display, settings, found)
    unclosed = unclosed_blocks(parsed, source.display, settings)
    found.errors.extend(unclosed)
    if not unclosed:  # a block that swallowed headings and footnotes would make every later check wrong
        _check_sections(parsed, source.display, settings, found)
        _check_footnotes(parsed, source.display, found)
    found.errors.extend(chart_id_clashes(parsed, source.display, settings))
    _check_blocks(parsed, source.display, settings, found)
    _check_placeholders(parsed, source.display, found)
    root = content_root or source.path.parent
    found.errors.extend(image_problems(parsed.prose, source.path, source.display, root))
    return found


def _validated(
    item: SourceRecord,
    options: ExplainerSettings,
    default_metadata: Mapping[str, Any] | None,
    content_root: Path,
    memo: FileMemo | None,
) -> Findings:
    """``validate_source``, kept by the file's text (``memo``). A text with an image is checked afresh: the image
    file is looked up on disk, and may have come, gone or changed since."""
    if memo is None or "![" in item.text:
        return validate_source(item.source, options, default_metadata, content_root)
    return memo.get(
        item.display, item.text, lambda: validate_source(item.source, options, default_metadata, content_root)
    )


def duplicate_slugs(sources: list[SourceRecord], settings: Mapping[str, Any]) -> list[Diagnostic]:
    """Explainers that would be written to the same URL (Pelican keeps one and drops the others): the same slug
    in the same language (``zh-Hans`` and ``zh-hans`` are one language, and one URL folder), both drafts or both
    not. The one owner of this problem: ``explainers.translations`` checks how versions pair, not collisions."""
    default_lang = str(settings.get("DEFAULT_LANG", "en"))
    groups: dict[tuple[bool, str, str], list[tuple[SourceRecord, int, str]]] = {}
    for source in sources:
        if source.status == "skip":
            continue
        key = (source.status == "draft", source.slug, canonical(source.lang).casefold())
        groups.setdefault(key, []).append((source, source.slug_line, source.lang))
    found = []
    for (_draft, slug, _lang), members in groups.items():
        first = members[0][0].display
        for source, line, lang in members[1:]:
            in_default = same_language(lang, default_lang)
            where = "" if in_default else f" in '{lang}'"
            hint = "rename one of the files, or give one a 'Slug: …' of its own"
            if not in_default:
                hint += " (or, for a translation, another 'Lang:')"
            found.append(
                Diagnostic(
                    source.display,
                    line,
                    f"the slug '{slug}'{where} is also {first}'s: both would be written to the same page",
                    hint,
                )
            )
    return found


def missing_templates(sources: list[SourceRecord], settings: Mapping[str, Any]) -> list[Diagnostic]:
    """``Template: name`` naming no template of the theme (Pelican would stop with a traceback)."""
    theme = settings.get("THEME")
    if not theme:
        return []
    found = []
    for source in sources:
        given = source.front_matter.first("template")
        if (
            given is not None
            and _SLUG.match(given.value)
            and not (Path(theme) / "templates" / f"{given.value}.html").is_file()
        ):
            message = f"the theme has no template '{given.value}'"
            found.append(Diagnostic(source.display, given.line, message, "remove the line to use the explainer layout"))
    return found


def collect(settings: Mapping[str, Any], content: Content | None = None, memos: Memos | None = None) -> Findings:
    """Every problem in every explainer of the site (pure: reads files, or the build's records; writes nothing).

    With ``memos`` (the build's: ``BuildContext.memo``), what one file alone decides is kept by its text."""
    content = content or read_content(settings)
    options = ExplainerSettings.from_settings(settings)
    total = Findings(errors=list(content.unreadable_articles))
    sources = content.articles
    default_metadata = settings.get("DEFAULT_METADATA")
    memo = memos("explainer_rules", repr((options, default_metadata))) if memos is not None else None
    for item in sources:
        found = _validated(item, options, default_metadata, Path(settings["PATH"]), memo)
        total.errors.extend(found.errors)
        total.notes.extend(found.notes)
    total.errors.extend(duplicate_slugs(sources, settings))
    total.errors.extend(missing_templates(sources, settings))
    total.errors.extend(check_translations(sources, settings))
    html_memo = memos("html_policy", memo_salt(dict(settings))) if memos is not None else None
    total.errors.extend(html_problems(content.records, dict(settings), html_memo) + svg_problems(dict(settings)))
    total.errors.extend(address_problems(content.records, settings))
    total.errors.sort()
    total.notes.sort()
    return total


def check_content(
    settings: Mapping[str, Any], content: Content | None = None, memos: Memos | None = None
) -> list[Diagnostic]:
    """The explainer plugin's content check (a nutgraf stage): errors, and notes on what drafts lack."""
    from nutgraf.plugins.explainers.pages import check_pages  # imported here: pages reuse this module's checks

    content = content or read_content(settings)
    findings = collect(settings, content, memos)
    return [*findings.errors, *findings.notes, *check_pages(content, settings)]
