"""Plain Markdown images: found, checked, copied, and sized so the page does not shift as they load.

An editor writes

    ![Flooded fields near the delta town of Hué](images/hue-floods.jpg)
    Credit: Jane Doe / Delta Photo Agency

with the path relative to the explainer (``content/explainers/images/…``) or under ``content/`` itself
(``images/…`` or ``/images/…`` for ``content/images/``; Pelican's ``{static}`` form works too). Every image
needs alt text (the brackets) and a credit (a line ``Credit: …`` right after it, shown to readers with the image).
A missing file, alt text or credit fails the build at the image's line.

The page gets the image copied (through Pelican's ``{static}`` links), ``loading="lazy"`` and, as it is written
(``image_sizes`` template filter, after Pelican's content cache, so a replaced file is always measured anew),
its ``width`` and ``height`` read from the file with Pillow.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.suggest import did_you_mean

_MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*(?P<src><[^>]*>|[^)\s]+)(?:\s+(?P<title>\"[^\"]*\"|'[^']*'))?\s*\)"
)
_CREDIT = re.compile(r"^\s*credit:\s*\S", re.IGNORECASE)
_REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_PELICAN_LINK = re.compile(r"^\{(static|attach)\}")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc=(["'])(?P<src>.*?)\1""")
_MEASURE = re.compile(r'\sdata-nutgraf-image="(?P<path>[^"]*)"')
CREDIT_HINT = "add a line 'Credit: who made it' right after the image"


def resolve_image(src: str, source: Path, content_root: Path) -> Path | None:
    """The file inside content/ an image path names (relative to the explainer, else to content/), or None."""
    src = _PELICAN_LINK.sub("", src.strip("<>")).split("#")[0].split("?")[0]
    root = content_root.resolve()
    beside = [] if src.startswith("/") else [source.resolve().parent / src]
    candidates = [*beside, root / src.lstrip("/")]
    for candidate in candidates:
        path = candidate.resolve()
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


@lru_cache(maxsize=4096)
def _size_of(path: Path, _mtime_ns: int, _bytes: int) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError  # only pages with images need Pillow

    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of an image file, read once per version of the file; None when it is not an image."""
    status = path.stat()
    return _size_of(path, status.st_mtime_ns, status.st_size)


def _outside_comments(prose: tuple[tuple[int, str], ...]) -> list[tuple[int, str]]:
    """The lines not inside an HTML comment (``<!-- … -->``, which Markdown leaves unrendered: a scaffold's notes)."""
    kept: list[tuple[int, str]] = []
    inside = False
    for number, line in prose:
        if inside:
            inside = "-->" not in line
            continue
        if "<!--" in line:
            before, _, after = line.partition("<!--")
            inside = "-->" not in after
            line = before + (after.split("-->", 1)[1] if not inside else "")
        kept.append((number, line))
    return kept


def image_problems(
    prose: tuple[tuple[int, str], ...], source: Path, shown: str, content_root: Path
) -> list[Diagnostic]:
    """Every image of an explainer's text with no file, no alt text or no credit, at its line."""
    found: list[Diagnostic] = []
    lines = dict(prose)
    for number, line in _outside_comments(prose):
        for match in _MARKDOWN_IMAGE.finditer(line):
            src = match["src"].strip("<>")
            if _REMOTE.match(src) and not _PELICAN_LINK.match(src):
                continue  # the HTML policy reports an image from another origin, written in Markdown or HTML
            path = resolve_image(src, source, content_root)
            if path is None:
                found.append(_missing(src, source, shown, number, content_root))
            elif image_size(path) is None:
                found.append(Diagnostic(shown, number, f"'{src}' is not an image", "use a PNG, JPEG, GIF or WebP file"))
            if not match["alt"].strip():
                found.append(
                    Diagnostic(
                        shown,
                        number,
                        f"the image '{src}' has no alt text",
                        "say what it shows in the brackets: ![Flooded fields near the town](…)",
                    )
                )
            after = line[match.end() :]
            if not (_CREDIT.match(after) or _CREDIT.match(lines.get(number + 1, ""))):
                found.append(Diagnostic(shown, number, f"the image '{src}' has no credit", CREDIT_HINT))
    return found


def _missing(src: str, source: Path, shown: str, number: int, content_root: Path) -> Diagnostic:
    folder = content_root / "images"
    nearby = sorted(f"images/{p.name}" for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return Diagnostic(
        shown,
        number,
        f"the image '{src}' does not exist{did_you_mean(src.lstrip('/'), nearby)}",
        "put the file in content/images/ (write images/name.jpg) or beside the explainer",
    )


def link_images(html: str, source: Path, content_root: Path) -> str:
    """``html`` with each image of content/ linked through Pelican's ``{static}`` (so it is copied), lazy-loaded,
    and marked for ``image_sizes`` to measure. Depends on the text alone: safe in Pelican's content cache."""

    def rewrite(tag: re.Match[str]) -> str:
        text = tag[0]
        src = _SRC.search(text)
        if src is None or "data-nutgraf-image" in text or (_REMOTE.match(src["src"]) and "{" not in src["src"]):
            return text
        path = resolve_image(src["src"], source, content_root)
        if path is None:
            return text  # the content check has reported it
        relative = path.relative_to(content_root.resolve()).as_posix()
        linked = f'{text[: src.start()]}src="{{static}}/{relative}"{text[src.end() :]}'
        extra = f' loading="lazy" decoding="async" data-nutgraf-image="{relative}"'
        return linked[:-2] + extra + " />" if linked.endswith("/>") else linked[:-1] + extra + ">"

    return _IMG_TAG.sub(rewrite, html)


# Narrower copies for phones and the text column (CSS px × 2 for dense screens), and what the page tells the browser.
VARIANT_WIDTHS = (480, 960)
SIZES = "(max-width: 42rem) calc(100vw - 2rem), 40rem"  # the column: min(100% - 2rem, --measure)
_RESIZABLE = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
VARIANTS_FOLDER = "sized"  # beside nothing an editor writes: sized/images/x-480w.jpg


def write_variant(source: Path, target: Path, width: int) -> None:
    """``source`` scaled to ``width`` (Pillow's Lanczos), in its own format: the same file for the same input."""
    from PIL import Image

    with Image.open(source) as image:
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        target.parent.mkdir(parents=True, exist_ok=True)
        resized.save(target, format=image.format)


def _srcset(tag: str, relative: str, root: Path, output: Path, size: tuple[int, int]) -> str:
    """``srcset`` and ``sizes`` for an image wider than the narrowest variant, its copies written into ``output``."""
    from PIL import Image

    src = _SRC.search(tag)
    with Image.open(root / relative) as image:
        kind = image.format
    widths = [width for width in VARIANT_WIDTHS if width < size[0]]
    if src is None or kind not in _RESIZABLE or not widths or not src["src"].endswith(relative):
        return ""
    prefix = src["src"][: -len(relative)]  # the site's address of content/, as Pelican wrote the original's
    stem = Path(relative).with_suffix("").as_posix()
    candidates = []
    for width in widths:
        name = f"{VARIANTS_FOLDER}/{stem}-{width}w{Path(relative).suffix}"
        if not (output / name).is_file():
            write_variant(root / relative, output / name, width)
        candidates.append(f"{prefix}{name} {width}w")
    candidates.append(f"{src['src']} {size[0]}w")
    return f' srcset="{", ".join(candidates)}" sizes="{SIZES}"'


def image_sizes(html: str, page: Any) -> str:
    """Jinja filter ``content|image_sizes(page)``: each marked image's ``width`` and ``height``, read now, and
    ``srcset`` copies for phones and the text column (written into the site being built)."""
    if "data-nutgraf-image" not in html:
        return html
    root = Path(page.settings["PATH"])
    output = Path(page.settings["OUTPUT_PATH"])

    def measure(tag: re.Match[str]) -> str:
        marked = _MEASURE.search(tag[0])
        if marked is None:
            return tag[0]
        path = root / marked["path"]
        size = image_size(path) if path.is_file() else None
        extra = (
            f' width="{size[0]}" height="{size[1]}"' + _srcset(tag[0], marked["path"], root, output, size)
            if size
            else ""
        )
        return tag[0][: marked.start()] + extra + tag[0][marked.end() :]

    return _IMG_TAG.sub(measure, html)


def attach_images(content: Any) -> None:
    """``content_object_init``: the images of an explainer or page linked so that Pelican copies them."""
    source = getattr(content, "source_path", None)
    html = getattr(content, "_content", None)
    if source and html and "<img" in html:
        content._content = link_images(html, Path(source), Path(content.settings["PATH"]))


def add_template_filter(pelican: Any) -> None:
    """``initialized``: templates get ``image_sizes``."""
    pelican.settings.setdefault("JINJA_FILTERS", {})["image_sizes"] = image_sizes
