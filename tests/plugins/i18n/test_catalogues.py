"""The theme's catalogues: compiled by Babel in memory, one per language, checked before the build."""

from __future__ import annotations

from pathlib import Path

from nutgraf.plugins.i18n.catalogues import Catalogues, check_catalogues

ROOT = Path(__file__).resolve().parents[3]
THEME_CATALOGUES = ROOT / "theme" / "translations"


def test_the_shipped_chinese_catalogue_translates_the_theme() -> None:
    zh = Catalogues(THEME_CATALOGUES).for_language("zh-Hans")
    assert zh.gettext("Updated") == "更新于"
    assert zh.gettext("Sources") == "资料来源"
    assert zh.gettext("Drafts (listed in previews only)") == "草稿（仅在预览中列出）"
    assert zh.gettext("Download the data (%(format)s)") == "下载数据（%(format)s）"
    assert zh.ngettext("%(num)d min read", "%(num)d min read", 3) == "阅读约需 %(num)d 分钟"


def test_a_language_without_a_catalogue_reads_english() -> None:
    assert Catalogues(THEME_CATALOGUES).for_language("fr").gettext("Updated") == "Updated"


def test_every_shipped_catalogue_is_complete_and_no_mo_file_is_committed() -> None:
    from babel.messages.pofile import read_po

    template = {m.id for m in read_po((THEME_CATALOGUES / "messages.pot").open("rb")) if m.id}
    for po in THEME_CATALOGUES.glob("*/LC_MESSAGES/messages.po"):
        catalogue = read_po(po.open("rb"))
        missing = [m.id for m in catalogue if m.id and not m.string]
        assert not missing, f"{po}: untranslated {missing}"
        assert template <= {m.id for m in catalogue if m.id}, f"{po} lacks messages of messages.pot"
    assert not list(THEME_CATALOGUES.rglob("*.mo"))
    assert check_catalogues(THEME_CATALOGUES, ROOT) == []


def test_a_broken_catalogue_and_an_unknown_language_are_reported(tmp_path: Path) -> None:
    broken = tmp_path / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "Updated"\nmsgstr "Mis à jour"\nnot a keyword\n', encoding="utf-8")
    placeholders = tmp_path / "translations" / "de" / "LC_MESSAGES" / "messages.po"
    placeholders.parent.mkdir(parents=True)
    entry = '#, python-format\nmsgid "Tagged %(tag)s"\nmsgstr "Markiert %(etikett)s"\n'
    placeholders.write_text(entry, encoding="utf-8")
    unknown = tmp_path / "translations" / "xx" / "LC_MESSAGES" / "messages.po"
    unknown.parent.mkdir(parents=True)
    unknown.write_text('msgid "Updated"\nmsgstr "?"\n', encoding="utf-8")
    problems = {(p.path, p.line, p.message) for p in check_catalogues(tmp_path / "translations", tmp_path)}
    assert ("translations/xx/LC_MESSAGES/messages.po", 1, "unknown language 'xx'") in problems
    by_language = {path.split("/")[1]: (line, message) for path, line, message in problems}
    assert by_language["fr"][0] == 3 and "does not parse" in by_language["fr"][1], by_language
    assert by_language["de"][0] == 2 and "etikett" in by_language["de"][1], by_language
