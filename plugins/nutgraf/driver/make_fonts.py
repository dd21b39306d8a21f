"""Make the fonts that charts and social cards are measured and drawn in (nutgraf/font_files/), once, by hand.

    python -m nutgraf.driver.make_fonts DEJAVU_TTF_FOLDER NOTO_SANS_CJK_REGULAR.ttc NOTO_SANS_CJK_BOLD.ttc

DEJAVU_TTF_FOLDER is the ``ttf/`` folder of npm's dejavu-fonts-ttf; the Noto files are Debian's fonts-noto-cjk
(see font_files/README.md for versions). Needs fonttools (requirements-test.txt); the build does not.

Each font gets a family name of its own ("Nutgraf Sans" …), so that no font installed on a laptop under the
upstream name (an older DejaVu, a full Noto Sans CJK) can stand in for it: the same bytes are drawn everywhere.
The CJK font is a subset: see ``cjk_characters``.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from nutgraf.kernel import fonts
from nutgraf.kernel.fonts import FONT_DIRECTORY

ROOT = Path.cwd()
# The DejaVu faces charts (regular; bold titles) and social cards (bold sans, bold serif headline) use.
SANS, SERIF, CJK = (family.strip('"') for family in (fonts.SANS, fonts.SERIF, fonts.CJK))
DEJAVU = {"DejaVuSans.ttf": SANS, "DejaVuSans-Bold.ttf": SANS, "DejaVuSerif-Bold.ttf": SERIF}
NOTO_SC_INDEX = 2  # Noto Sans CJK SC in NotoSansCJK-*.ttc (0 JP, 1 KR, 2 SC, 3 TC, 4 HK)
# Besides Han: Latin (a Chinese chart's numbers and Latin words are drawn in the CJK font too), punctuation,
# CJK symbols and punctuation, kana, full- and half-width forms.
# U+2212: the minus sign charts write before negative numbers (a fallback font would draw it otherwise).
CJK_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2212, 0x2212), (0x3000, 0x30FF), (0xFF00, 0xFFEF))


def gb2312_level1() -> set[str]:
    """GB 2312's level-1 hanzi: the 3,755 characters of everyday Simplified Chinese (rows 16-55), from Python's
    own codec, so the common-use set needs no download."""
    characters = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                characters.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return characters


def project_characters(root: Path) -> set[str]:
    """Every wide (CJK) character in the content and the theme's translation catalogues."""
    texts = [*root.glob("content/**/*.*"), *root.glob("theme/translations/**/*.po")]
    found = set()
    for path in texts:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError):
            continue
        found.update(char for char in text if unicodedata.east_asian_width(char) in "WF")
    return found


def cjk_characters(root: Path) -> str:
    characters = gb2312_level1() | project_characters(root)
    for first, last in CJK_RANGES:
        characters.update(chr(code) for code in range(first, last + 1))
    return "".join(sorted(characters))


def rename(font: TTFont, family: str) -> None:
    """Give the font ``family`` as its family, full and PostScript names, in every language it names them."""
    style = font["name"].getDebugName(2) or "Regular"
    names = {1: family, 16: family, 4: f"{family} {style}", 6: f"{family.replace(' ', '')}-{style.replace(' ', '')}"}
    names[3] = names[6]
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    if "CFF " in font:  # the CFF table names the font again
        cff = font["CFF "].cff
        cff.fontNames = [names[6]]
        cff.topDictIndex[0].FullName = names[4]
        cff.topDictIndex[0].FamilyName = family


def subset_cjk(source: Path, target: Path, characters: str) -> None:
    options = subset.Options()
    options.font_number = NOTO_SC_INDEX
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    rename(font, CJK)
    font.save(str(target))


def main(dejavu: str, noto_regular: str, noto_bold: str) -> None:
    FONT_DIRECTORY.mkdir(exist_ok=True)
    for name, family in DEJAVU.items():
        font = TTFont(str(Path(dejavu) / name))
        rename(font, family)
        font.save(str(FONT_DIRECTORY / name.replace("DejaVu", "Nutgraf")))
    characters = cjk_characters(ROOT)
    subset_cjk(Path(noto_regular), FONT_DIRECTORY / "NutgrafCJKSC-Regular.otf", characters)
    subset_cjk(Path(noto_bold), FONT_DIRECTORY / "NutgrafCJKSC-Bold.otf", characters)
    (FONT_DIRECTORY / "cjk-characters.txt").write_text(characters + "\n", encoding="utf-8")
    for path in sorted(FONT_DIRECTORY.iterdir()):
        print(f"{path.stat().st_size:>10,}  {path.name}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
