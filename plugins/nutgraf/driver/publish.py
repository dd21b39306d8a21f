"""Publish the built site to a ``gh-pages`` branch with ghp-import, refusing anything that could ship a broken site."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ghp_import
from bs4 import BeautifulSoup

from nutgraf.kernel.diagnostics import NutgrafError

# A host name as GitHub Pages accepts it in CNAME: no scheme, no path, no port.
_HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.IGNORECASE)


class PublishError(NutgrafError):
    """Publishing was refused or failed; the message says why and what to do."""


@dataclass(frozen=True)
class PublishSettings:
    """What ``invoke publish`` reads from the settings, once."""

    site_url: str
    output_path: Path
    cname: str | None = None
    branch: str = "gh-pages"

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> PublishSettings:
        return cls(
            site_url=str(settings.get("SITEURL") or "").rstrip("/"),
            output_path=Path(settings["OUTPUT_PATH"]),
            cname=(str(settings.get("PUBLISH_CNAME") or "").strip() or None),
            branch=str(settings.get("PUBLISH_BRANCH") or "gh-pages"),
        )


def validate(config: PublishSettings) -> None:
    """Refuse settings that would publish a site whose links point elsewhere."""
    parts = urlsplit(config.site_url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        msg = (
            f"SITEURL is {config.site_url!r}, not an absolute address; "
            "set SITEURL to where the site is served, e.g. https://user.github.io/repo"
        )
        raise PublishError(msg)
    if config.cname is None:
        return
    if not _HOSTNAME.match(config.cname):
        msg = f"PUBLISH_CNAME is {config.cname!r}, not a host name; write it bare, e.g. news.example.org"
        raise PublishError(msg)
    if parts.hostname != config.cname.lower():
        msg = (
            f"PUBLISH_CNAME is {config.cname} but SITEURL is {config.site_url}; "
            f"set SITEURL=https://{config.cname} so that the site's links point to where it is served"
        )
        raise PublishError(msg)


def check_output(output: Path, site_url: str) -> None:
    """Refuse an output folder that is missing, incomplete, or built for another address."""
    index = output / "index.html"
    if not index.is_file():
        msg = f"{output} has no built site (no index.html); run `invoke build --production`, or drop --no-build"
        raise PublishError(msg)
    document = BeautifulSoup(index.read_bytes(), "html.parser")
    urls = [str(tag.get("href") or tag.get("src") or "") for tag in document.find_all(["link", "script", "a"])]
    if not any(url.startswith(site_url + "/") for url in urls):
        msg = (
            f"{output} was not built for SITEURL={site_url} (its home page has no link under that address); "
            "run `invoke build --production` with that SITEURL, or drop --no-build"
        )
        raise PublishError(msg)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


def _revision(repo: Path, ref: str) -> str | None:
    result = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return result.stdout.strip() if result.returncode == 0 else None


def _sync_branch_from_remote(repo: Path, remote: str, branch: str) -> None:
    """Start from the remote's branch, so the new commit goes on top of what is published."""
    listed = _git(repo, "ls-remote", "--exit-code", "--heads", remote, branch)
    if listed.returncode == 2:  # the remote has no such branch yet
        return
    if listed.returncode != 0:
        msg = (
            f"cannot read the remote {remote!r}: {listed.stderr.strip()}; pass --remote a URL, a path or a remote name"
        )
        raise PublishError(msg)
    fetched = _git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/heads/{branch}")
    if fetched.returncode != 0:
        msg = f"cannot fetch {branch} from {remote!r}: {fetched.stderr.strip()}"
        raise PublishError(msg)


def _commit_message(repo: Path) -> str:
    source = _revision(repo, "HEAD")
    return f"Publish the site built from {source}" if source else "Publish the site"


def _ensure_committer(repo: Path) -> None:
    """ghp-import needs a committer; CI machines often have none configured."""
    if not _git(repo, "config", "user.name").stdout.strip():
        os.environ.setdefault("GIT_COMMITTER_NAME", "nutgraf publish")
    if not _git(repo, "config", "user.email").stdout.strip():
        os.environ.setdefault("GIT_COMMITTER_EMAIL", "nutgraf-publish@localhost")


def publish(output: Path, repo: Path, remote: str, *, branch: str = "gh-pages", cname: str | None = None) -> str:
    """Commit ``output`` (plus ``.nojekyll`` and ``CNAME``) onto ``branch`` in ``repo`` and push it to ``remote``.

    Returns the new commit. The branch's history is kept: every publish is one commit on top.
    """
    if _git(repo, "rev-parse", "--git-dir").returncode != 0:
        msg = f"{repo} is not a git repository; publishing commits the site to its {branch} branch (run `git init`)"
        raise PublishError(msg)
    _sync_branch_from_remote(repo, remote, branch)
    previous = _revision(repo, f"refs/heads/{branch}")
    _ensure_committer(repo)
    options = {kwargs["dest"]: kwargs["default"] for _, kwargs in ghp_import.options()}
    options.update(branch=branch, mesg=_commit_message(repo), nojekyll=True, cname=cname, push=False)
    # ghp-import works on the repository in the current directory.
    with contextlib.chdir(repo):
        ghp_import.run_import(ghp_import.Git(), str(output), **options)
    commit = _revision(repo, f"refs/heads/{branch}")
    if commit is None or commit == previous:
        msg = f"ghp-import did not commit {output} to {branch}; see git's message above"
        raise PublishError(msg)
    pushed = _git(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    if pushed.returncode != 0:
        msg = f"pushing {branch} to {remote!r} failed: {pushed.stderr.strip()}"
        raise PublishError(msg)
    return commit
