"""What may be in content/: regular files, folders, and links that stay inside it; and in the folders of
explainers and pages, Markdown alone.

Checked first, before any other check opens a file: a FIFO blocks whoever reads it, a device may never
end, and a link to a folder that contains it makes Pelican's walk (which follows links) go round forever.
Pelican would also read, unchecked, any format it has a reader for (.html, .rst); only Markdown is ours.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Formats Pelican or a plugin could read as pages, and Markdown spelt another way: all must be .md.
DOCUMENT_SUFFIXES = frozenset(
    {".html", ".htm", ".xhtml", ".rst", ".rest", ".txt", ".text", ".mkd", ".mdown", ".mdwn", ".mkdn", ".markdown"}
    | {".md", ".adoc", ".asciidoc", ".textile", ".ipynb", ".org", ".creole", ".wiki"}
)

_SPECIAL = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _kind(mode: int) -> str | None:
    """What a special file is, or None for a regular file or folder."""
    return _SPECIAL.get(stat.S_IFMT(mode))


def unsafe_entries(settings: dict[str, Any]) -> list[Diagnostic]:
    """Special files, link loops, dangling links and links to a containing folder in content/ (``path:1``).

    Links leading out of content/ are ``sources.links_out_of_content``'s to report.
    """
    content = Path(settings["PATH"])
    root = content.resolve()
    project = content.absolute().parent
    found: list[Diagnostic] = []

    def report(path: Path, message: str, hint: str) -> None:
        shown = Path(os.path.relpath(path.absolute(), project)).as_posix()
        found.append(Diagnostic(shown, 1, message, hint))

    for folder, subfolders, names in os.walk(content):  # never follows links: a loop cannot trap it
        subfolders.sort()
        for name in sorted([*subfolders, *names]):
            try:  # by its name, not a Path: the live preview runs this on every save, over thousands of files
                own = os.lstat(os.path.join(folder, name))  # noqa: PTH118
            except OSError:
                continue
            if stat.S_ISREG(own.st_mode) or stat.S_ISDIR(own.st_mode):
                continue
            path = Path(folder) / name
            if stat.S_ISLNK(own.st_mode):
                try:
                    target = path.stat()
                except OSError as error:
                    if error.errno == errno.ELOOP:
                        report(path, "is a link that leads back to itself (a loop)", "remove the link")
                    else:
                        report(path, f"is a link to {path.readlink()}, which does not exist", "remove the link")
                    continue
                resolved = path.resolve()
                if not resolved.is_relative_to(root):
                    continue
                if stat.S_ISDIR(target.st_mode) and path.absolute().parent.resolve().is_relative_to(resolved):
                    report(path, "is a link to a folder that contains it (a loop)", "remove the link")
                elif kind := _kind(target.st_mode):
                    report(path, f"is a link to {kind}, not a file", "remove the link; content/ holds files only")
            elif kind := _kind(own.st_mode):
                report(path, f"is {kind}, not a file", "remove it; content/ holds files only")
    return found


def non_markdown_documents(settings: dict[str, Any]) -> list[Diagnostic]:
    """Files in the explainers' and pages' folders that are documents but not ``.md``: never published unchecked."""
    content = Path(settings["PATH"])
    project = content.absolute().parent
    ignored = set(settings.get("IGNORE_FILES") or [])
    found: list[Diagnostic] = []
    for key in ("ARTICLE_PATHS", "PAGE_PATHS"):
        for folder in settings.get(key) or []:
            for base, subfolders, names in os.walk(content / folder):
                subfolders.sort()
                for name in sorted(names):
                    path = Path(base) / name
                    suffix = path.suffix.lower()
                    if name.startswith(".") or name in ignored or path.suffix in MARKDOWN_SUFFIXES:
                        continue
                    if suffix in DOCUMENT_SUFFIXES:
                        shown = Path(os.path.relpath(path.absolute(), project)).as_posix()
                        message = "is not a Markdown file: it would not be checked, so it is not published"
                        found.append(Diagnostic(shown, 1, message, f"rename it to {path.stem}.md"))
    return sorted(set(found))
