"""Everyday commands for editors and CI: ``invoke --list`` shows them.

Each task is a thin wrapper over Pelican or our own modules (``plugins/nutgraf``),
so an editor's laptop and CI run exactly the same code.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Context, Exit, task

ROOT = Path(__file__).resolve().parent
PLUGINS = ROOT / "plugins"
DEV_SETTINGS = "pelicanconf.py"
PRODUCTION_SETTINGS = "publishconf.py"
PYTHON = shlex.quote(sys.executable)


def _env() -> dict[str, str]:
    """Our modules live in plugins/, beside the Pelican plugins that use them."""
    path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path}


def _nutgraf(c: Context, *args: str, pty: bool = False) -> None:
    """Run ``python -m nutgraf ARGS`` from the project root; its exit status is ours."""
    command = " ".join([PYTHON, "-m", "nutgraf", *map(shlex.quote, args)])
    with c.cd(str(ROOT)):
        result = c.run(command, env=_env(), warn=True, pty=pty)
    if result is None or result.exited != 0:
        raise Exit(code=result.exited if result is not None else 1)


def _settings(production: bool) -> str:
    return PRODUCTION_SETTINGS if production else DEV_SETTINGS


@task(
    help={
        "production": "use publishconf.py (absolute SITEURL from the SITEURL variable, feeds)",
        "output": "output folder",
    }
)
def build(c, production=False, output=None):
    """Check all content, then build the site strictly into output/ (replaced only on success)."""
    _nutgraf(c, "build", "--settings", _settings(production), *(["--output", output] if output else []))


@task(
    help={
        "production": "check with publishconf.py",
        "site": "also build the site for a local address and check it: Nu HTML checker, links and anchors, "
        "axe-core at 320x568 and 1440x900 in light and dark mode, console errors, CSP violations, feeds",
    }
)
def check(c, production=False, site=False):
    """Check all content without writing the site (exit 1 on any problem); --site checks the built site too."""
    _nutgraf(c, "check", "--settings", _settings(production))
    if site:
        _install_site_check_tools(c)
        _nutgraf(c, "check-site", "--settings", PRODUCTION_SETTINGS)


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=8000):
    """Serve output/ at http://127.0.0.1:PORT/."""
    _nutgraf(c, "serve", "--port", str(port))


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=8000):
    """Build, serve, and rebuild on every change to content, data, theme, plugins or settings."""
    _nutgraf(c, "livereload", "--port", str(port))


# Invoke has no optional positional arguments: the title is positional ("invoke new 'Title'") unless a
# text is imported ("invoke new --from FILE.txt [--title 'Title']"), where it becomes optional.
_NEW_ARGS = sys.argv[sys.argv.index("new") + 1 :] if "new" in sys.argv else []
_IMPORTING = any(arg in ("--from", "-f") or arg.startswith(("--from=", "-f=")) for arg in _NEW_ARGS)


@task(
    positional=[] if _IMPORTING else ["title"],
    help={
        "title": "the headline (optional with --from)",
        "from": 'a plain-text explainer to import, its parts headed by lines like "What\'s Happening?"',
    },
)
def new(c, title=None, from_=None):
    """Create a draft explainer with front matter and the four section headings (or import one with --from)."""
    _nutgraf(c, "new", *([title] if title else []), *(["--from", str(Path(from_).resolve())] if from_ else []))


@task(
    help={
        "remote": "remote name, URL or path to push the gh-pages branch to (default: origin)",
        "no_build": "publish the existing output/ (built with --production) without building again",
    }
)
def publish(c, remote="origin", no_build=False):
    """Build for production, then push output/ to the gh-pages branch (with .nojekyll, and CNAME if set)."""
    _nutgraf(c, "publish", "--settings", PRODUCTION_SETTINGS, "--remote", remote, *(["--no-build"] if no_build else []))


@task
def clean(c):
    """Remove the built site and the build caches."""
    for folder in ("output", ".cache"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)
    for leftover in ROOT.glob(".output-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _install_site_check_tools(c: Context) -> None:
    """The Nu HTML checker and axe-core (npm, pinned in package-lock.json), and Java to run the checker."""
    sudo = "" if os.geteuid() == 0 else "sudo "
    if not (ROOT / "node_modules").is_dir():
        with c.cd(str(ROOT)):
            # --ignore-scripts: vnu-jar's install script only fetches a Java we install from Debian.
            c.run("npm ci --ignore-scripts --no-audit --no-fund")
    if not shutil.which("java"):
        c.run(
            f"{sudo}apt-get update -qq && "
            f"{sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless"
        )


# The fonts charts are drawn with, by a file each Debian package installs: DejaVu Sans measures every chart's
# text (plugins/charts/render.py), Noto CJK draws Chinese, Japanese and Korean in their PNGs.
CHART_FONTS = {
    "fonts-dejavu-core": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "fonts-noto-cjk": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
}


def _install_chart_fonts(c: Context) -> None:
    """Debian's DejaVu Sans and Noto CJK, when absent."""
    missing = [package for package, font in CHART_FONTS.items() if not font.exists()]
    if missing:
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(
            f"{sudo}apt-get update -qq && "
            f"{sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {' '.join(missing)}"
        )


def _install_test_requirements(c: Context) -> None:
    """Install what the tests need when it is absent, so one command works on a fresh machine."""
    missing = [
        name
        for name in ("pytest", "xdist", "playwright", "feedparser", "hypothesis")
        if importlib.util.find_spec(name) is None
    ]
    if missing or not shutil.which("check-jsonschema") or not shutil.which("ruff"):
        c.run(f"{PYTHON} -m pip install --quiet -r {shlex.quote(str(ROOT / 'requirements-test.txt'))}")
    if not Path("/usr/bin/chromium").exists():
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(f"{sudo}apt-get update -qq && {sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium")
    _install_chart_fonts(c)
    _install_site_check_tools(c)


@task(
    help={"args": "extra pytest arguments, e.g. -k charts", "install": "install missing test tools first (default on)"}
)
def test(c, args="", install=True):
    """Run every test (installs the test tools and Debian's Chromium when absent)."""
    if install:
        _install_test_requirements(c)
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m ruff check .", env=_env())
        result = c.run(f"{PYTHON} -m pytest -n auto {args}", env=_env(), warn=True)
    # pytest exits 5 when no test ran: that is a failure, never a pass.
    if result is None or result.exited != 0:
        raise Exit(code=result.exited if result is not None else 1)
