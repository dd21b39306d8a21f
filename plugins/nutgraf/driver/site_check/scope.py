"""``check-site --changed REV``: the pages a change affects, plus a fixed sample, instead of every page.

A pull request that edits one explainer is checked on that explainer's pages (every language),
the listing pages that link to it (home, its topic and tags, the archive, in each language: of a
paginated listing only the page that shows it, ``topics/x/page/3/``), and a sample holding one page
of each template (page 1 of the home, a topic and a tag). A change to data or a chart spec affects the explainers
whose sources name the file. A change outside content/ (theme, code, settings) is checked on the
sample, which renders every template once; the nightly run checks every page.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.utils import slugify

from nutgraf.kernel.frontmatter import parse_front_matter
from nutgraf.kernel.sources import markdown_files


class ScopeError(RuntimeError):
    """The revision cannot be compared with (not a commit, or not a git repository)."""


@dataclass
class Scope:
    """The pages to check, each with why (site-relative paths of ``index.html`` files)."""

    reasons: dict[str, str] = field(default_factory=dict)

    def add(self, page: str, reason: str) -> None:
        self.reasons.setdefault(page, reason)

    def pages(self, output: Path) -> list[Path]:
        return sorted(output / page for page in self.reasons)

    def describe(self) -> str:
        return "\n".join(f"  {page}  ({reason})" for page, reason in sorted(self.reasons.items()))


def _git_lines(project_root: Path, *args: str) -> list[str]:
    result = subprocess.run(["git", *args], cwd=project_root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ScopeError(result.stderr.strip() or f"git {args[0]} failed")
    return [line for line in result.stdout.splitlines() if line]


def changed_files(revision: str, project_root: Path) -> list[str]:
    """Project-relative paths that differ between ``revision`` and the working tree (``git diff --name-only``),
    and new files git does not track yet (an editor's explainer before its first commit)."""
    try:
        changed = _git_lines(project_root, "diff", "--name-only", "--no-renames", revision, "--")
        untracked = _git_lines(project_root, "ls-files", "--others", "--exclude-standard")
    except ScopeError as error:
        msg = f"cannot compare with {revision!r}: {error}"
        raise ScopeError(msg) from None
    return sorted(set(changed) | set(untracked))


def _slug(source: Path, text: str, settings: dict[str, Any]) -> str:
    """The slug Pelican gives a source: its ``Slug:``, else its file name (SLUGIFY_SOURCE = "basename")."""
    given = parse_front_matter(text).first("slug")
    if given is not None and given.value.strip():
        return given.value.strip()
    return slugify(
        source.stem,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # the content check reports it
        return ""


def affected_slugs(changed: Iterable[str], settings: dict[str, Any], project_root: Path) -> dict[str, str]:
    """Explainer slugs a change affects -> why: the changed sources, and those naming a changed data or chart file."""
    content = Path(settings["PATH"]).resolve()
    root = project_root.resolve()
    sources = {path.resolve(): _read(path) for path in markdown_files(settings)}
    slugs: dict[str, str] = {}
    for name in changed:
        path = root / name
        if not path.resolve().is_relative_to(content):
            continue
        if path.resolve() in sources or (path.suffix == ".md" and not path.exists()):
            text = sources.get(path.resolve(), "")
            slugs.setdefault(_slug(path, text, settings), f"{name} changed")
            continue
        # Data, chart specs and Altair modules are named in chart blocks by their path under content/.
        relative = path.resolve().relative_to(content).as_posix()
        for source, text in sources.items():
            if relative in text:
                slugs.setdefault(_slug(source, text, settings), f"uses {name}")
    return slugs


def _is_explainer_page(relative: Path) -> bool:
    """An explainer's page, or one of its charts' embed pages (``explainers/a/embed/<figure>/``)."""
    parts = relative.parts
    return (len(parts) >= 3 and parts[-3] == "explainers") or (
        len(parts) >= 5 and parts[-5] == "explainers" and parts[-3] == "embed"
    )


def explainer_pages(output: Path, slug: str) -> list[Path]:
    """An explainer's page and its charts' embed pages, in every language (translations share the slug)."""
    pages = [*output.rglob(f"explainers/{slug}/index.html"), *output.rglob(f"explainers/{slug}/embed/*/index.html")]
    return sorted(pages)


def linking_pages(output: Path, slugs: Iterable[str]) -> dict[Path, str]:
    """Listing pages (not explainer pages) that link to any of the explainers -> the first slug seen: the
    pages of a paginated listing (home, topic, tag) that show them, not the listing's other pages."""
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    link = re.compile(r"""href=["'][^"'#]*/explainers/(""" + "|".join(map(re.escape, wanted)) + r""")/["'#]""")
    found: dict[Path, str] = {}
    for page in output.rglob("*.html"):
        if _is_explainer_page(page.relative_to(output)):
            continue
        match = link.search(_read(page))
        if match:
            found[page] = match[1]
    return found


def _first(output: Path, pattern: str) -> list[Path]:
    pages = sorted(output.glob(pattern))
    return pages[:1]


def sample_pages(output: Path, settings: dict[str, Any]) -> dict[Path, str]:
    """A fixed sample with one page of each template: home, search, topics, a topic, tags, a tag (each its page 1:
    the patterns do not reach a listing's ``page/N/``), the archive, the 404 page, a chart's embed page, a content
    page, and the first explainer of each ``Template:``."""
    sample: dict[Path, str] = {}
    for pattern, what in (
        ("index.html", "home"),
        ("search/index.html", "search"),
        ("topics/index.html", "topics"),
        ("topics/*/index.html", "a topic"),
        ("tags/index.html", "tags"),
        ("tags/*/index.html", "a tag"),
        ("archives/index.html", "archive"),
        ("404.html", "not found"),
        ("explainers/*/embed/*/index.html", "a chart's embed page"),
    ):
        for page in _first(output, pattern):
            sample[page] = f"sample: {what}"
    for kind, what, folder in (("ARTICLE_PATHS", "explainer", "explainers/"), ("PAGE_PATHS", "page", "")):
        templates: set[str] = set()
        for source in markdown_files(settings, kind):
            text = _read(source)
            template = parse_front_matter(text).first("template")
            name = template.value.strip() if template is not None else "default"
            page = output / f"{folder}{_slug(source, text, settings)}/index.html"
            if name not in templates and page.is_file():  # drafts and embargoed explainers have no page
                templates.add(name)
                sample[page] = f"sample: {what} ({name} template)"
    return sample


def select(output: Path, settings: dict[str, Any], changed: Iterable[str], project_root: Path) -> Scope:
    """The pages of ``output`` to check for a change touching ``changed`` (project-relative paths)."""
    scope = Scope()
    slugs = affected_slugs(changed, settings, project_root)
    for slug, reason in sorted(slugs.items()):
        for page in explainer_pages(output, slug):
            scope.add(page.relative_to(output).as_posix(), reason)
    for page, slug in sorted(linking_pages(output, slugs).items()):
        scope.add(page.relative_to(output).as_posix(), f"lists explainers/{slug}/")
    for page, reason in sample_pages(output, settings).items():
        scope.add(page.relative_to(output).as_posix(), reason)
    return scope
