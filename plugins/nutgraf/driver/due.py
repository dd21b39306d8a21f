"""``nutgraf due``: has the site's set of pages changed since it was deployed? (Scheduled publishing.)

An explainer dated in the future is left out of the site until its date; the hourly workflow run
rebuilds the site and deploys it only when that build lists pages the deployed site does not (or
the other way round). Comparing the two sitemaps needs no record of past deploys and no date
arithmetic, and also repairs a deploy that failed: whatever differs is published on the next run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


def sitemap_urls(xml: bytes) -> set[str] | None:
    """The ``<loc>`` addresses of a sitemap; None when it is not one (absent, truncated, an error page)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return None
    if root.tag.rsplit("}", 1)[-1] != "urlset":
        return None
    return {
        element.text.strip()
        for element in root.iter()
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "loc" and element.text
    }


@dataclass(frozen=True)
class Difference:
    added: list[str]  # in the new build, not deployed: explainers that fell due
    removed: list[str]  # deployed, not in the new build
    deployed_known: bool  # False: no readable deployed sitemap, so the site is published

    @property
    def due(self) -> bool:
        return bool(self.added or self.removed) or not self.deployed_known


def compare(built: bytes, deployed: bytes | None) -> Difference:
    new = sitemap_urls(built) or set()
    old = sitemap_urls(deployed) if deployed is not None else None
    if old is None:
        return Difference(sorted(new), [], deployed_known=False)
    return Difference(sorted(new - old), sorted(old - new), deployed_known=True)


def report(difference: Difference, environ: dict[str, str] | None = None) -> None:
    """Print what differs; under GitHub Actions also set the step output ``due=true|false``."""
    environ = dict(os.environ) if environ is None else environ
    if not difference.deployed_known:
        print("The deployed site has no readable sitemap: publishing.")
    for url in difference.added:
        print(f"new: {url}")
    for url in difference.removed:
        print(f"gone: {url}")
    if difference.deployed_known and not difference.due:
        print("Nothing fell due: the built site lists the same pages as the deployed one.")
    if environ.get("GITHUB_OUTPUT"):
        with Path(environ["GITHUB_OUTPUT"]).open("a", encoding="utf-8") as file:
            file.write(f"due={'true' if difference.due else 'false'}\n")


def due(output: Path, deployed: Path) -> int:
    """``nutgraf due``: 0, having printed the difference; 1 when the build has no sitemap to compare."""
    built = output / "sitemap.xml"
    if not built.is_file():
        print(f"error: {built} is missing; build with the production settings first (invoke build --production)")
        return 1
    deployed_bytes = deployed.read_bytes() if deployed.is_file() else None
    report(compare(built.read_bytes(), deployed_bytes))
    return 0
