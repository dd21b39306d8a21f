"""``nutgraf clean --stale``: the renders, specs and social cards the last successful build used, exactly."""

from __future__ import annotations

from pathlib import Path

from nutgraf.driver.stale_cache import prune_unused
from nutgraf.plugins.charts.cache import FILES, ChartCache
from nutgraf.plugins.charts.spec_memo import spec_memo
from nutgraf.plugins.site_meta.social_card import CardCache
from tests.plugins.charts.test_build import CHART_A, CHART_B, files
from tests.support import make_project, run_nutgraf


def _entry(cache: ChartCache, key: str) -> None:
    cache.write(key, dict.fromkeys(FILES, b"x"))


def test_prune_removes_what_the_record_leaves_out_and_nothing_before_a_record(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path / "charts")
    keys = [f"{n:x}" * 64 for n in range(4)]
    for key in keys:
        _entry(cache, key)
    (cache.root / "specs" / "ab").mkdir(parents=True)  # the spec memo shares the folder: never an entry
    assert prune_unused(cache).recorded is False
    assert cache.keys() == set(keys)
    cache.record_used(keys[1:3])
    result = prune_unused(cache)
    assert (result.removed, result.kept) == (2, 2)
    assert cache.keys() == set(keys[1:3])
    assert (cache.root / "specs" / "ab").is_dir()


def test_clean_stale_keeps_exactly_the_charts_the_last_build_used(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", files(CHART_A, CHART_B))
    assert run_nutgraf("build", cwd=root).returncode == 0
    cache = ChartCache(root / ".cache" / "charts")
    first = cache.keys()
    assert len(first) == 2
    # New data for one chart: a new render; the old one is now stale.
    (root / "content" / "data" / "a.csv").write_text("year,sales\n2020,3\n2021,6\n", encoding="utf-8")
    assert run_nutgraf("build", cwd=root).returncode == 0
    assert len(cache.keys()) == 3
    # A failed build records nothing: the last successful build's charts are still the ones kept.
    (root / "content" / "explainers" / "b.md").write_text("Title: broken\n", encoding="utf-8")
    assert run_nutgraf("build", cwd=root).returncode == 1
    (root / "content" / "explainers" / "b.md").unlink()
    obsolete = root / ".cache" / "charts" / "feeds" / "ab"  # feed entries an earlier version kept
    obsolete.mkdir(parents=True)
    (obsolete / ("ab" * 32)).write_text("<figure>", encoding="utf-8")

    result = run_nutgraf("clean", "--stale", cwd=root)
    assert result.returncode == 0, result.stderr
    assert not obsolete.parent.exists() and "no build reads it any more" in result.stdout
    assert "Removed 1 chart render(s) the last build did not use; kept 2." in result.stdout
    assert "charts/" in result.stdout
    assert "Cache " in result.stdout
    kept = cache.keys()
    # Exactly the charts the built site shows (its assets are named by the key's first 16 characters).
    shown = {path.name[:16] for path in (root / "output" / "charts").glob("*-wide.vg.json")}
    assert {key[:16] for key in kept} == shown
    assert len(kept) == 2
    assert kept & first  # the unchanged chart survived
    # The built specs and the social cards: exactly those of the last build, one of each dropped.
    assert "Removed 1 built spec(s) the last build did not use; kept 2." in result.stdout
    memo, cards = spec_memo(cache.root), CardCache(root / ".cache" / "social")
    assert memo.keys() == memo.used_by_last_build() and len(memo.keys()) == 2
    assert cards.keys() == cards.used_by_last_build()
    assert "social card(s) the last build did not use" in result.stdout
    kept_cards = cards.keys()
    # and the next build finds everything it needs in the cache: nothing is rendered or built anew.
    rebuilt = run_nutgraf("build", "--force", cwd=root)
    assert "Rendered 0 charts (2 from cache)" in rebuilt.stderr
    assert (memo.keys(), cards.keys()) == (memo.used_by_last_build(), kept_cards)
