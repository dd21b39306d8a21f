"""Language codes through Babel: known or not, written canonically, their folder, direction and d3 locale."""

from __future__ import annotations

import pytest

from nutgraf.kernel.languages import (
    canonical,
    d3_locale_names,
    is_known,
    name_in,
    native_name,
    text_direction,
    url_prefix,
)


@pytest.mark.parametrize("code", ["en", "zh-Hans", "zh-hans", "zh_Hans", "pt-BR", "ar", "my"])
def test_known_codes(code: str) -> None:
    assert is_known(code)


@pytest.mark.parametrize("code", ["", "xx", "zh-Hanz", "english", "en-", "../en"])
def test_unknown_codes(code: str) -> None:
    assert not is_known(code)


def test_codes_are_written_as_bcp47_and_folders_in_lower_case() -> None:
    assert canonical("zh-hans") == "zh-Hans"
    assert canonical("pt_br") == "pt-BR"
    assert url_prefix("zh-Hans") == "zh-hans"


def test_direction_and_names() -> None:
    assert text_direction("ar") == "rtl"
    assert text_direction("zh-Hans") == "ltr"
    assert native_name("zh-Hans") == "中文 (简体)"
    assert name_in("en", "zh-Hans") == "英语"


def test_d3_locales_follow_the_script() -> None:
    assert d3_locale_names("zh-Hans")[0] == "zh-CN"
    assert d3_locale_names("zh-Hant")[0] == "zh-TW"
    assert d3_locale_names("fr")[0] == "fr-FR"
