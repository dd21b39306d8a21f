"""Plural categories for scripts' messages: each of the language's CLDR categories, with a number in it."""

from __future__ import annotations

from nutgraf.plugins.i18n.plurals import CANDIDATES, plural_examples


def test_english_has_one_and_other() -> None:
    assert plural_examples("en") == {"other": 0, "one": 1}


def test_chinese_has_only_other() -> None:
    assert plural_examples("zh-Hans") == {"other": 0}


def test_russian_counts_are_one_few_or_many() -> None:
    assert set(plural_examples("ru")) == {"one", "few", "many"}


def test_every_category_is_found_with_a_number_in_it() -> None:
    from babel import Locale

    for code in ("ru", "ar", "fr", "pl", "cy"):
        rule = Locale.parse(code).plural_form
        examples = plural_examples(code)
        # Every category a whole number can fall in (Russian "other" is for fractions only: counts never are).
        assert set(examples) == {rule(number) for number in CANDIDATES}, code
        assert all(rule(number) == category for category, number in examples.items()), code


def test_an_unknown_language_reads_as_english() -> None:
    assert plural_examples("xx-Nope") == {"other": 0, "one": 1}
