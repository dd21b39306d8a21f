"""The ``nutgraf`` command (also ``python -m nutgraf``): build, check, new, serve, livereload, publish, check-site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nutgraf.driver import build as site_build

if TYPE_CHECKING:
    from nutgraf.driver.serve import PageFirst

# Each command imports what it alone needs (publishing loads BeautifulSoup, serving watchfiles):
# an up-to-date `build` is over in well under a second, and start-up is most of it.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nutgraf", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="check the content, then build the site atomically")
    build.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    build.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    build.add_argument("--verbose", action="store_true", help="log Pelican's progress too")
    build.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")

    check = commands.add_parser("check", help="check all content without writing the site")
    check.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")

    for name, help_text in (
        ("serve", "serve the built site (--watch: the live preview)"),
        ("livereload", "the live preview: build, serve, rebuild on every change, refresh open pages"),
    ):
        serve = commands.add_parser(name, help=help_text)
        serve.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
        serve.add_argument(
            "--host", default="127.0.0.1", help="address to listen on; 0.0.0.0 lets a phone on the same network in"
        )
        serve.add_argument("--port", type=int, default=8000)
        if name == "serve":
            serve.add_argument("--watch", action="store_true", help="rebuild on every change and refresh open pages")

    publish = commands.add_parser("publish", help="build for production and push the site to a gh-pages branch")
    publish.add_argument("--settings", default="publishconf.py", help="Pelican settings file")
    publish.add_argument("--remote", default="origin", help="remote name, URL or path to push to (default: origin)")
    publish.add_argument("--no-build", action="store_true", help="publish the existing output/ without building")

    site = commands.add_parser(
        "check-site", help="check the built site: HTML, links, accessibility, console, CSP, feeds"
    )
    site.add_argument("--settings", default="publishconf.py", help="settings to build the checked site with")
    site.add_argument("--output", help='check this existing build (made with SITEURL = "") instead of building')
    site.add_argument(
        "--changed",
        metavar="REV",
        help="check only the pages a change since REV affects (git diff --name-only REV), and a sample",
    )
    site.add_argument(
        "--shard", metavar="K/N", type=_shard, help="check the K-th of N shares of the pages (parallel CI jobs)"
    )

    due = commands.add_parser(
        "due", help="compare a production build's sitemap with the deployed one (scheduled publishing)"
    )
    due.add_argument("--deployed", required=True, metavar="SITEMAP", help="the deployed site's sitemap.xml")
    due.add_argument("--output", default="output", help="the production build to compare (default: output)")

    clean = commands.add_parser("clean", help="remove the built site and the caches (--stale: only what is unused)")
    clean.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    clean.add_argument(
        "--stale",
        action="store_true",
        help="keep the caches, less the chart renders, specs and social cards the last build did not use",
    )

    new = commands.add_parser("new", help="create a draft explainer with the four section headings")
    new.add_argument("title", nargs="?", default="", help="the headline (optional with --from)")
    new.add_argument("--from", dest="from_text", metavar="FILE.txt", help="import a plain-text explainer")
    new.add_argument("--data", metavar="data/FILE.csv", help="start a chart of this data file (a path in content/)")
    new.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    return parser


def _shard(text: str) -> tuple[int, int]:
    number, _, count = text.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
        msg = f"'{text}' is not a share such as 1/4"
        raise argparse.ArgumentTypeError(msg)
    return int(number), int(count)


def _publish(settings: dict, remote: str, *, build_first: bool) -> int:
    from nutgraf.driver import publish as site_publish

    config = site_publish.PublishSettings.from_settings(settings)
    try:
        site_publish.validate(config)
        if build_first and site_build.build(settings) != 0:
            print("Build failed; nothing was published.", file=sys.stderr)
            return 1
        site_publish.check_output(config.output_path, config.site_url)
        commit = site_publish.publish(config.output_path, Path.cwd(), remote, branch=config.branch, cname=config.cname)
    except site_publish.PublishError as error:
        print(f"error: {error}", file=sys.stderr)
        print("Nothing was published.", file=sys.stderr)
        return 1
    print(f"Published {config.output_path} to {remote} {config.branch} as {commit[:12]}.", file=sys.stderr)
    return 0


def _check_site(args: argparse.Namespace) -> int:
    """Print every finding and one count per check; exit 1 on any finding, 2 when a tool is missing."""
    from nutgraf.driver.site_check import runner
    from nutgraf.driver.site_check.findings import ToolMissingError
    from nutgraf.driver.site_check.scope import ScopeError

    site_build.init_logging()
    try:
        if args.output:
            report = runner.check_output(Path(args.output).resolve(), changed_since=args.changed, shard=args.shard)
        else:
            status, report = runner.check_production_build(args.settings, Path.cwd(), args.changed, args.shard)
            if report is None:
                return status
    except (ToolMissingError, ScopeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    report.print()
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check-site":
        return _check_site(args)
    if args.command == "due":
        from nutgraf.driver.due import due

        return due(Path(args.output), Path(args.deployed))
    site_build.init_logging(verbose=getattr(args, "verbose", False))
    overrides = {"OUTPUT_PATH": str(Path(args.output).resolve())} if getattr(args, "output", None) else {}
    settings = site_build.load_settings(args.settings, overrides)
    if args.command == "build":
        return site_build.build(settings, force=args.force)
    if args.command == "check":
        return site_build.check(settings)
    if args.command == "serve" and not args.watch:
        from nutgraf.driver.serve import serve

        serve(Path(settings["OUTPUT_PATH"]), args.host, args.port)
        return 0
    if args.command in ("serve", "livereload"):
        from nutgraf.driver.serve import watch_and_rebuild

        build_arguments = ["build", "--settings", args.settings]
        watched = [
            Path(settings["PATH"]),
            Path(settings["THEME"]),
            Path(__file__).resolve().parents[1],
            Path(args.settings).resolve(),
        ]
        output = Path(settings["OUTPUT_PATH"])
        watch_and_rebuild(build_arguments, watched, output, args.host, args.port, _page_first(args.settings, output))
        return 0
    if args.command == "publish":
        return _publish(settings, args.remote, build_first=not args.no_build)
    if args.command == "clean":
        return _clean(settings, stale=args.stale)
    return _new(args, settings)


def _page_first(settings_file: str, output: Path) -> PageFirst:
    """The live preview's first step after a save: the saved explainers' pages alone (nutgraf.driver.page_first)."""
    import importlib
    import threading

    from nutgraf.driver import page_first
    from nutgraf.driver.serve import WARM_IMPORTS

    # The first save's page is rendered by this process: it imports the plugins (Altair takes seconds) now.
    threading.Thread(target=lambda: [importlib.import_module(name) for name in WARM_IMPORTS], daemon=True).start()

    def render(changed: set[str]) -> page_first.FirstPages | None:
        settings = site_build.load_settings(settings_file, {"OUTPUT_PATH": str(output)})
        sources = page_first.saved_articles(changed, settings)
        if sources is None or not output.is_dir():
            return None
        return page_first.render_first(settings, sources)

    return render


def _clean(settings: dict, *, stale: bool) -> int:
    import shutil

    root = site_build.cache_root(settings)
    if stale:
        from nutgraf.driver.stale_cache import prune

        prune(settings, root)
        return 0
    output = Path(settings["OUTPUT_PATH"])
    for folder in (output, root, *output.parent.glob(f".{output.name}-*")):  # staging left by a kill
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def _new(args: argparse.Namespace, settings: dict) -> int:
    from nutgraf.driver import scaffold
    from nutgraf.kernel.diagnostics import display_path, print_diagnostics

    folder = Path(settings["PATH"]) / settings.get("EXPLAINERS_DIR", "explainers")
    if not args.title and not args.from_text:
        print(
            'error: give a title (invoke new "Title") or a text to import (invoke new --from FILE.txt)', file=sys.stderr
        )
        return 2
    problems = []
    try:
        if args.from_text:
            path, problems = scaffold.import_explainer(Path(args.from_text), folder, settings, title=args.title)
        else:
            content = Path(settings["PATH"])
            chart = scaffold.chart_from_data(content, _in_content(args.data, content)) if args.data else ""
            path = scaffold.create_explainer(args.title, folder, chart=chart)
    except scaffold.ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print_diagnostics(problems)
    print(
        f"Created {display_path(path)} (a draft: fill in the front matter, then remove 'Status: draft')",
        file=sys.stderr,
    )
    print(f"Preview it: invoke livereload, then open {scaffold.preview_address(path.stem)}", file=sys.stderr)
    return 0


def _in_content(data: str, content: Path) -> str:
    """A data file as chart blocks name it, inside content/: 'data/x.csv' as given, or 'content/data/x.csv'."""
    given = Path(data).resolve()
    if given.is_file() and given.is_relative_to(content.resolve()):
        return given.relative_to(content.resolve()).as_posix()
    return data
