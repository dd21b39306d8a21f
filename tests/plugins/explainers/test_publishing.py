"""Publishing states: a production build holds no draft, hidden or not-yet-due explainer anywhere (pages, feeds,
search index, sitemap) and names each piece it held back with its due date; development builds preview them."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from nutgraf.plugins.explainers.publishing import HeldBack, held_back_message, is_due
from tests.readersite import explainer
from tests.support import make_project, run_nutgraf

SITEURL = "https://news.example.org"
# The build's "now": 1 June 2026, 12:00 UTC.
NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
PIECES = {
    "content/explainers/ferries.md": explainer("Ferries in the strait", date="2026-05-01").replace(
        "Tags:", "Corrections: 2026-05-05: The ferry leaves at 9.\nTags:"
    ),
    "content/explainers/zanzibar.md": explainer("Zanzibar draft", date="2026-05-02").replace(
        "Tags:", "Status: draft\nCorrections: 2026-05-06: The zanzibar count was wrong.\nTags:"
    ),
    "content/explainers/quokka.md": explainer("Quokka hidden", date="2026-05-03").replace(
        "Tags:", "Status: hidden\nCorrections: 2026-05-07: The quokka is smaller.\nTags:"
    ),
    "content/explainers/yeti.md": explainer("Yeti embargoed", date="2026-06-02 09:00").replace(
        "Tags:", "Corrections: 2026-06-03: The yeti was a bear.\nTags:"
    ),
}
SECRETS = ("zanzibar", "quokka", "yeti")


def build(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[Path, str]:
    root = make_project(tmp_path / "site", PIECES)
    environment = {"SOURCE_DATE_EPOCH": str(int(NOW.timestamp())), **(env or {})}
    result = run_nutgraf("build", *args, cwd=root, env=environment)
    assert result.returncode == 0, result.stderr
    return root / "output", result.stderr


def readable(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # Pagefind's index files are gzipped
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace").casefold()


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return build(tmp_path_factory.mktemp("production"), "--settings", "publishconf.py", env={"SITEURL": SITEURL})


def test_a_production_build_holds_no_draft_hidden_or_future_piece_in_any_file(production: tuple[Path, str]) -> None:
    output, _ = production
    files = [path for path in output.rglob("*") if path.is_file() and path.suffix not in (".png", ".ico", ".woff2")]
    assert any(path.name == "sitemap.xml" for path in files) and any("pagefind" in str(path) for path in files)
    assert any("ferries" in readable(path) for path in files if path.name == "sitemap.xml")
    leaks = [
        (path.relative_to(output).as_posix(), word) for path in files for word in SECRETS if word in readable(path)
    ]
    assert leaks == []
    assert not (output / "drafts").exists()
    # The corrections page and feed hold the published piece's correction, and only it.
    for listed in (output / "corrections" / "index.html", output / "feeds" / "corrections.atom.xml"):
        assert "the ferry leaves at 9." in readable(listed)
        assert readable(listed).count("leaves at") == 1 and "was a bear" not in readable(listed)


def test_a_production_build_names_what_it_held_back_and_when_it_is_due(production: tuple[Path, str]) -> None:
    _, stderr = production
    assert "Held back until due (1)" in stderr
    assert "content/explainers/yeti.md: due 2026-06-02 09:00 UTC" in stderr


def test_a_development_build_previews_them_unlisted(tmp_path: Path) -> None:
    output, stderr = build(tmp_path)
    assert (output / "drafts" / "zanzibar" / "index.html").is_file()
    assert (output / "explainers" / "yeti" / "index.html").is_file()  # at its own address, to read before it is due
    assert (output / "explainers" / "quokka" / "index.html").is_file()
    home = (output / "index.html").read_text(encoding="utf-8").casefold()
    # The preview's home lists drafts apart, for editors; its listings show none of the unpublished pieces.
    drafts, _, listed = home.partition('id="latest-heading"')
    assert "ferries" in listed and not any(word in listed for word in SECRETS)
    assert "zanzibar" in drafts
    # Previews list drafts apart, but never among the corrections.
    corrections = readable(output / "corrections" / "index.html")
    assert "the ferry leaves at 9." in corrections and not any(word in corrections for word in SECRETS)
    assert "was a bear" not in corrections
    assert "content/explainers/yeti.md: due 2026-06-02 09:00 UTC" in stderr


def test_a_piece_is_due_from_its_minute_on() -> None:
    due = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    assert is_due(due, NOW) and not is_due(due + dt.timedelta(minutes=1), NOW)
    paris = dt.timezone(dt.timedelta(hours=2))
    assert is_due(dt.datetime(2026, 6, 1, 14, tzinfo=paris), NOW)
    assert not is_due(dt.datetime(2026, 6, 1, 14, 1, tzinfo=paris), NOW)


def test_the_message_lists_pieces_by_due_date() -> None:
    held = [HeldBack("b.md", dt.datetime(2027, 1, 2)), HeldBack("a.md", dt.datetime(2027, 1, 1, 8, 30))]
    assert held_back_message(held, "Europe/Paris").splitlines()[1:] == [
        "  a.md: due 2027-01-01 08:30 Europe/Paris",
        "  b.md: due 2027-01-02 00:00 Europe/Paris",
    ]


def test_a_site_whose_only_piece_is_not_yet_due_still_builds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", {"content/explainers/yeti.md": PIECES["content/explainers/yeti.md"]})
    env = {"SOURCE_DATE_EPOCH": str(int(NOW.timestamp())), "SITEURL": SITEURL}
    result = run_nutgraf("build", "--settings", "publishconf.py", cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "yeti.md: due 2026-06-02 09:00 UTC" in result.stderr
    assert not (root / "output" / "explainers").exists()
