"""The fonts that chart text and social cards are measured and drawn in: shipped with nutgraf (font_files/),
found beside this package, never looked up among the machine's fonts, so every laptop draws the same bytes.

vl-convert also loads the machine's own fonts, and cannot be told not to. So the shipped fonts carry family
names no installed font has ("Nutgraf Sans" is DejaVu Sans, renamed by driver/make_fonts.py), and whatever
is drawn names them first: a machine's fonts are reached only for a character the shipped ones lack.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

FONT_DIRECTORY = Path(__file__).resolve().parent.parent / "font_files"
SANS = '"Nutgraf Sans"'  # DejaVu Sans (regular, bold): Verdana's metrics, as wide as common UI fonts get
SERIF = '"Nutgraf Serif"'  # DejaVu Serif (bold): social cards' headlines
CJK = '"Nutgraf CJK SC"'  # Noto Sans CJK SC (regular, bold), subset: see font_files/README.md


@cache
def use_shipped_fonts() -> None:
    """Give vl-convert the shipped fonts (once per process: render workers are processes)."""
    import vl_convert

    if not any(FONT_DIRECTORY.glob("*.[ot]tf")):
        # Only a broken install gets here: the fonts are part of the package.
        msg = f"nutgraf's fonts are missing from {FONT_DIRECTORY}: reinstall with pip install -r requirements.txt"
        raise FileNotFoundError(msg)
    vl_convert.register_font_directory(str(FONT_DIRECTORY))


@cache
def fonts_digest() -> str:
    """A digest of the shipped font files: part of every cache key for something drawn with them."""
    digest = hashlib.sha256()
    for path in sorted(FONT_DIRECTORY.glob("*.[ot]tf")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
