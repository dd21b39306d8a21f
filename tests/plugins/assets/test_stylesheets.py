"""A page's stylesheets as one minified file, named by its content."""

from __future__ import annotations

from pathlib import Path

from nutgraf.plugins.assets.stylesheets import Stylesheets, bundle


def _theme(folder: Path) -> Path:
    folder.mkdir()
    (folder / "site.css").write_text("/* the site */\nbody {\n  color: #111;\n}\n", encoding="utf-8")
    (folder / "explainer.css").write_text(".dek {\n  font-size: 1.25rem;\n}\n", encoding="utf-8")
    return folder


def test_bundle_joins_in_order_minified_and_is_named_by_its_content(tmp_path: Path) -> None:
    source = _theme(tmp_path / "css")
    name, data = bundle(["site", "explainer"], source)
    assert data == b"body{color:#111}.dek{font-size:1.25rem}"
    assert name.startswith("site-explainer.") and name.endswith(".css")
    assert bundle(["site", "explainer"], source)[0] == name
    (source / "explainer.css").write_text(".dek { font-size: 1.5rem; }\n", encoding="utf-8")
    assert bundle(["site", "explainer"], source)[0] != name, "a changed rule gives a new name"


def test_each_bundle_is_written_once_into_the_output(tmp_path: Path) -> None:
    stylesheets = Stylesheets(_theme(tmp_path / "css"), tmp_path / "output", "theme/css")
    path = stylesheets.path(["site"])
    assert path.startswith("theme/css/site.") and (tmp_path / "output" / path).read_bytes() == b"body{color:#111}"
    assert stylesheets.path(["site"]) == path
    assert len(list((tmp_path / "output" / "theme" / "css").iterdir())) == 1
