"""``invoke bench --profile``: a real cold build and real renders, profiled, as HTML and text reports."""

from __future__ import annotations

from pathlib import Path

from nutgraf.driver.bench import build_profile
from nutgraf.driver.bench.site_builds import BenchSite


def test_the_profile_shows_the_builds_stages_and_the_renders(tmp_path: Path) -> None:
    site = BenchSite.create(tmp_path / "site", 1)
    written = build_profile.profile_cold_build(site, tmp_path / "profile")
    assert [path.name for path in written] == [
        "profile.html",
        "profile.txt",
        "profile-renders.html",
        "profile-renders.txt",
    ]
    build, renders = (tmp_path / "profile.txt").read_text(), (tmp_path / "profile-renders.txt").read_text()
    for stage in ("check_content", "prepare_build", "Pelican.run", "The heaviest functions"):
        assert stage in build
    assert "vegalite_to_svg" in renders
    assert (site.root / "output" / "explainers" / "bench-00000" / "index.html").is_file()  # the build was real
