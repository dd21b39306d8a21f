"""``nutgraf due``: an hourly run publishes when the built site's pages differ from the deployed ones."""

from __future__ import annotations

from pathlib import Path

from nutgraf.driver.due import compare
from tests.support import ROOT, run_nutgraf

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def sitemap(*paths: str) -> bytes:
    entries = "".join(f"<url><loc>https://example.org/{path}</loc></url>" for path in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NS}>{entries}</urlset>\n'.encode()


def test_a_new_page_is_due_the_same_pages_are_not() -> None:
    deployed = sitemap("", "explainers/a/")
    assert not compare(sitemap("", "explainers/a/"), deployed).due
    fell_due = compare(sitemap("", "explainers/a/", "explainers/b/"), deployed)
    assert fell_due.due
    assert fell_due.added == ["https://example.org/explainers/b/"]
    assert compare(sitemap(""), deployed).removed == ["https://example.org/explainers/a/"]


def test_no_readable_deployed_sitemap_means_publish() -> None:
    for deployed in (None, b"", b"<html>404</html>", sitemap("")[:40]):
        assert compare(sitemap(""), deployed).due


def test_the_command_sets_the_step_output(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "sitemap.xml").write_bytes(sitemap("", "explainers/b/"))
    deployed = tmp_path / "deployed.xml"
    deployed.write_bytes(sitemap(""))
    github_output = tmp_path / "github-output"
    result = run_nutgraf(
        "due", "--deployed", str(deployed), "--output", str(output), cwd=ROOT, env={"GITHUB_OUTPUT": str(github_output)}
    )
    assert result.returncode == 0, result.stderr
    assert "new: https://example.org/explainers/b/" in result.stdout
    assert github_output.read_text(encoding="utf-8") == "due=true\n"
    deployed.write_bytes(sitemap("", "explainers/b/"))
    result = run_nutgraf(
        "due", "--deployed", str(deployed), "--output", str(output), cwd=ROOT, env={"GITHUB_OUTPUT": str(github_output)}
    )
    assert "Nothing fell due" in result.stdout
    assert github_output.read_text(encoding="utf-8").splitlines()[-1] == "due=false"
