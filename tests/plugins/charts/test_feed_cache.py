"""Feed entries with charts as images, kept across builds by what they are made from."""

from __future__ import annotations

from pathlib import Path

from nutgraf.plugins.charts.feed import FeedCache, charts_as_images

ENTRY = (
    '<figure class="chart" data-chart-image="charts/a.png"><div class="chart-graphic" aria-label="Sales rose">'
    '<svg class="chart-svg-wide" width="608" height="380"></svg></div></figure>'
)


def test_an_entry_is_rewritten_once_and_a_build_keeps_only_what_it_used(tmp_path: Path) -> None:
    cache = FeedCache(tmp_path / "feeds")
    expected = charts_as_images(ENTRY, "https://example.org")
    assert 'src="https://example.org/charts/a.png"' in expected
    assert cache.rewritten(ENTRY, "https://example.org") == expected
    assert cache.rewritten(ENTRY, "https://example.org") == expected
    assert len(list(cache.folder.glob("*/*"))) == 1
    cache.rewritten(ENTRY, "https://other.example")  # another address: another entry
    next_build = FeedCache(tmp_path / "feeds")
    assert next_build.rewritten(ENTRY, "https://example.org") == expected  # read back, not parsed again
    next_build.prune()
    assert len(list(cache.folder.glob("*/*"))) == 1
