"""Malformed translations: each reported as path:line: message; hint, by `check` and `build`, exit 1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.readersite import explainer
from tests.support import build_in_process

ORIGINAL = explainer("Ferries in the strait")

CHINESE = """Title: 海峡中的渡轮
Date: 2026-01-02
Summary: 一句话说明这篇解读讲什么。
Topic: Testing
Lang: {lang}
Slug: {slug}

## 正在发生什么

正在发生的部分。

## 为何重要

重要的部分。
{next}
## 头条之外

背景部分。
"""
NEXT = "\n## 接下来\n\n接下来的部分。\n"


def chinese(lang: str = "zh-Hans", slug: str = "ferries", *, next_part: bool = True) -> str:
    return CHINESE.format(lang=lang, slug=slug, next=NEXT if next_part else "")


def _problems(project: Callable[..., Path], files: dict[str, str]) -> list[str]:
    root = project({"content/explainers/ferries.md": ORIGINAL, **files})
    checked = build_in_process("check", cwd=root)
    built = build_in_process("build", cwd=root)
    assert checked.returncode == 1 and built.returncode == 1, (checked.stdout, checked.stderr)
    assert "Traceback" not in checked.stderr + built.stderr
    assert not (root / "output").exists(), "nothing is published when content is wrong"
    lines = [line for line in checked.stderr.splitlines() if line.startswith("content/")]
    assert lines == [line for line in built.stderr.splitlines() if line.startswith("content/")]
    return lines


def test_a_good_translation_passes(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/ferries.md": ORIGINAL, "content/explainers/ferries.zh-hans.md": chinese()})
    result = build_in_process("check", cwd=root)
    assert result.returncode == 0, result.stderr


def test_a_translation_whose_original_is_missing(project: Callable[..., Path]) -> None:
    problems = _problems(project, {"content/explainers/ferries.zh-hans.md": chinese(slug="ferry")})
    assert problems == [
        "content/explainers/ferries.zh-hans.md:6: this translation has no original: no 'en' explainer has the slug "
        "'ferry' (from its 'Slug:'); give it the original's slug: 'Slug: ferries'"
    ]


def test_a_translation_without_a_slug_is_told_the_original_s(project: Callable[..., Path]) -> None:
    text = chinese().replace("Slug: ferries\n", "")
    problems = _problems(project, {"content/explainers/ferries.zh-hans.md": text})
    assert len(problems) == 1
    assert problems[0].startswith("content/explainers/ferries.zh-hans.md:5: this translation has no original")
    assert problems[0].endswith("(from its file name); give it the original's slug: 'Slug: ferries'")


@pytest.mark.parametrize("spelling", ["zh-Hans", "zh-hans"])
def test_two_files_with_the_same_language_and_slug_are_reported_once(
    project: Callable[..., Path], spelling: str
) -> None:
    # One problem, one owner (validate.duplicate_slugs): the same URL, however the language code is spelt.
    problems = _problems(
        project,
        {"content/explainers/ferries.zh-hans.md": chinese(), "content/explainers/more.zh-hans.md": chinese(spelling)},
    )
    assert problems == [
        f"content/explainers/more.zh-hans.md:6: the slug 'ferries' in '{spelling}' is also "
        "content/explainers/ferries.zh-hans.md's: both would be written to the same page; rename one of the files, "
        "or give one a 'Slug: …' of its own (or, for a translation, another 'Lang:')"
    ]


def test_a_draft_and_a_published_version_do_not_collide(project: Callable[..., Path]) -> None:
    draft = chinese().replace("Slug: ferries\n", "Slug: ferries\nStatus: draft\n")
    root = project(
        {
            "content/explainers/ferries.md": ORIGINAL,
            "content/explainers/ferries.zh-hans.md": chinese(),
            "content/explainers/ferries-draft.md": ORIGINAL.replace("Title:", "Status: draft\nSlug: ferries\nTitle:"),
            "content/explainers/ferries-draft.zh-hans.md": draft,
        }
    )
    result = build_in_process("check", cwd=root)
    assert result.returncode == 0, result.stderr


def test_a_translation_missing_one_of_the_four_parts_in_its_language(project: Callable[..., Path]) -> None:
    problems = _problems(project, {"content/explainers/ferries.zh-hans.md": chinese(next_part=False)})
    assert problems == [
        "content/explainers/ferries.zh-hans.md:16: the section '接下来' is missing; add '## 接下来' and its text "
        "before this line"
    ]


def test_english_headings_in_a_chinese_translation_are_not_its_parts(project: Callable[..., Path]) -> None:
    text = chinese().replace("## 为何重要", "## Why it matters")
    problems = _problems(project, {"content/explainers/ferries.zh-hans.md": text})
    assert any(
        "ferries.zh-hans.md:12: the heading 'Why it matters' is not one of the four sections" in p for p in problems
    )


@pytest.mark.parametrize(
    ("code", "hint"), [("zh-Hanz", "did you mean 'Lang: zh-Hans'?"), ("klingon", "write a BCP 47")]
)
def test_an_unknown_language_code(project: Callable[..., Path], code: str, hint: str) -> None:
    problems = _problems(project, {"content/explainers/ferries.xx.md": chinese(lang=code)})
    assert problems[0].startswith(f"content/explainers/ferries.xx.md:5: unknown language '{code}'; {hint}")
