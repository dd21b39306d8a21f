"""Command line behind ``tasks.py``: ``python -m nutgraf build|check|new``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nutgraf import build as site_build
from nutgraf import scaffold
from nutgraf import serve as site_serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nutgraf", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="check the content, then build the site atomically")
    build.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    build.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    build.add_argument("--verbose", action="store_true", help="log Pelican's progress too")

    check = commands.add_parser("check", help="check all content without writing the site")
    check.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")

    for name, help_text in (("serve", "serve the built site"), ("livereload", "serve the site and rebuild on changes")):
        serve = commands.add_parser(name, help=help_text)
        serve.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
        serve.add_argument("--host", default="127.0.0.1")
        serve.add_argument("--port", type=int, default=8000)

    site = commands.add_parser(
        "check-site", help="check the built site: HTML, links, accessibility, console, CSP, feeds"
    )
    site.add_argument("--settings", default="publishconf.py", help="settings to build the checked site with")
    site.add_argument("--output", help='check this existing build (made with SITEURL = "") instead of building')

    new = commands.add_parser("new", help="create a draft explainer with the four section headings")
    new.add_argument("title")
    new.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    return parser


def _check_site(args: argparse.Namespace) -> int:
    """Print every finding and one count per check; exit 1 on any finding, 2 when a tool is missing."""
    from nutgraf.site_check import runner
    from nutgraf.site_check.findings import ToolMissingError

    site_build.init_logging()
    try:
        if args.output:
            report = runner.check_output(Path(args.output).resolve())
        else:
            status, report = runner.check_production_build(args.settings, Path.cwd())
            if report is None:
                return status
    except ToolMissingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    report.print()
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check-site":
        return _check_site(args)
    site_build.init_logging(verbose=getattr(args, "verbose", False))
    overrides = {"OUTPUT_PATH": str(Path(args.output).resolve())} if getattr(args, "output", None) else {}
    settings = site_build.load_settings(args.settings, overrides)
    if args.command == "build":
        return site_build.build(settings)
    if args.command == "check":
        status = site_build.check(settings)
        if status == 0:
            print("Content is valid.", file=sys.stderr)
        return status
    if args.command == "serve":
        site_serve.serve(Path(settings["OUTPUT_PATH"]), args.host, args.port)
        return 0
    if args.command == "livereload":
        build_command = [sys.executable, "-m", "nutgraf", "build", "--settings", args.settings]
        watched = [
            Path(settings["PATH"]),
            Path(settings["THEME"]),
            Path(__file__).resolve().parents[1],
            Path(args.settings).resolve(),
        ]
        site_serve.watch_and_rebuild(build_command, watched, Path(settings["OUTPUT_PATH"]), args.host, args.port)
        return 0
    folder = Path(settings["PATH"]) / settings.get("EXPLAINERS_DIR", "explainers")
    try:
        path = scaffold.create_explainer(args.title, folder)
    except scaffold.ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Created {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
