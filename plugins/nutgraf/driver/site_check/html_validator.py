"""The Nu HTML checker (npm ``vnu-jar``, the W3C validator's engine) on every built page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from nutgraf.driver.site_check.findings import Finding, ToolMissingError

# Warnings are advice; errors are markup a browser must repair.
ERROR_TYPES = {"error", "non-document-error"}


def vnu_jar(project_root: Path) -> Path:
    jar = project_root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        msg = f"{jar} is missing; run `npm ci` in {project_root}"
        raise ToolMissingError(msg)
    if shutil.which("java") is None:
        msg = "java is missing; install a JRE (Debian: apt-get install default-jre-headless)"
        raise ToolMissingError(msg)
    return jar


def parse_messages(report: str, output: Path) -> list[Finding]:
    """Findings from vnu's JSON report: one per error, located at the page's site path and line."""
    findings = []
    for message in json.loads(report or '{"messages": []}').get("messages", []):
        if message.get("type") not in ERROR_TYPES:
            continue
        url = message.get("url", "")
        path = Path(url.removeprefix("file:")) if url.startswith("file:") else None
        location = "/" + path.relative_to(output).as_posix() if path and path.is_relative_to(output) else url
        if "lastLine" in message:
            location += f":{message['lastLine']}"
        findings.append(Finding("html", location, message.get("message", "").strip()))
    return findings


def check_html(output: Path, pages: list[Path], project_root: Path) -> list[Finding]:
    if not pages:
        return []
    command = ["java", "-jar", str(vnu_jar(project_root)), "--format", "json", "--exit-zero-always"]
    result = subprocess.run([*command, *map(str, pages)], capture_output=True, text=True, check=False, timeout=600)
    # vnu writes its JSON report to stderr.
    return parse_messages(result.stderr, output.resolve())
