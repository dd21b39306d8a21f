"""Every page in Chromium at a phone's and a desktop's size, in light and dark mode:
axe-core's accessibility rules, console errors, and Content-Security-Policy violations.

axe-core is evaluated through the DevTools protocol rather than added as a ``<script>``,
which the site's own CSP would (rightly) refuse. The same problem seen in several variants
is one finding, naming the variants.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from nutgraf.driver.site_check.findings import Finding, ToolMissingError
from nutgraf.driver.site_check.site_files import site_path

# The one place that decides which browser the site check and the browser tests drive: the runner's or
# laptop's own (GitHub's ubuntu-24.04 image has Google Chrome and a Chromium build; a Mac has Chrome in
# /Applications), named by NUTGRAF_CHROMIUM, or CHROME_PATH as Lighthouse and Puppeteer tools read it.
CHROMIUM_VARIABLES = ("NUTGRAF_CHROMIUM", "CHROME_PATH")
# Else the first of these on the PATH (Debian's and Homebrew's chromium, Ubuntu's, Google's): found, not assumed.
CHROMIUM_COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Variant:
    name: str
    width: int
    height: int
    color_scheme: str


VARIANTS = (
    Variant("320×568 light", 320, 568, "light"),
    Variant("320×568 dark", 320, 568, "dark"),
    Variant("1440×900 light", 1440, 900, "light"),
    Variant("1440×900 dark", 1440, 900, "dark"),
)

# How long one step on one page may take before it counts as hung: a listing page of 1,000 explainers loads
# 1,000 thumbnails, past Playwright's default 30 s on a loaded machine. (The four variants are checked one
# after another: run at once, in four contexts of one browser, a page of the full check at 100 explainers
# never reached network idle.)
TIMEOUT_MS = 300_000

# Recorded before any of the page's own scripts run, so every violation is seen.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}` +
    (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "")
  );
});
"""
# What a reader's scrolling would load, loaded before the checks: lazy images at once, and each figure
# (charts upgrade to their interactive view once the reader has scrolled and they come near the viewport)
# brought into view in turn. Not a walk down the whole page in small steps: a listing page of 1,000
# explainers is 300,000 px tall on a phone, and its cards load nothing on scrolling but their images.
LOAD_WHAT_SCROLLING_WOULD = """async () => {
  const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
  for (const element of document.querySelectorAll("[loading=lazy]")) element.loading = "eager";
  window.scrollTo(0, 1);
  await settle();
  for (const figure of document.querySelectorAll("figure")) {
    figure.scrollIntoView({ block: "center" });
    await settle();
  }
  window.scrollTo(0, 0);
  await Promise.all(Array.from(document.images, (image) => image.complete ? null : new Promise((resolve) => {
    image.addEventListener("load", resolve, { once: true });
    image.addEventListener("error", resolve, { once: true });
  })));
}"""
RUN_AXE = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.flatMap((rule) =>
    rule.nodes.map((node) => ({ rule: rule.id, help: rule.help, target: node.target.join(" ") }))
  );
}"""


def chromium_executable() -> str:
    """The browser to launch: the first of ``CHROMIUM_VARIABLES`` that is set, else the first of
    ``CHROMIUM_COMMANDS`` on the PATH (ToolMissingError when there is none)."""
    for name in CHROMIUM_VARIABLES:
        if os.environ.get(name, "").strip():
            return os.environ[name].strip()
    for command in CHROMIUM_COMMANDS:
        if found := shutil.which(command):
            return found
    msg = f"no Chromium or Chrome found (looked for {', '.join(CHROMIUM_COMMANDS)}); set NUTGRAF_CHROMIUM to its path"
    raise ToolMissingError(msg)


def axe_source(project_root: Path) -> str:
    path = project_root / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        msg = f"{path} is missing; run `npm ci` in {project_root}"
        raise ToolMissingError(msg)
    return path.read_text(encoding="utf-8")


def _is_csp_message(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


def check_in_browser(urls: list[str], base_url: str, project_root: Path) -> list[Finding]:
    from playwright.sync_api import sync_playwright  # only the site check needs a browser

    axe = axe_source(project_root)
    seen: dict[tuple[str, str, str], list[str]] = defaultdict(list)  # (check, page, message) -> variants
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            for variant in VARIANTS:
                context = browser.new_context(
                    viewport={"width": variant.width, "height": variant.height},
                    color_scheme=variant.color_scheme,
                    reduced_motion="reduce",
                )
                context.set_default_timeout(TIMEOUT_MS)
                context.add_init_script(RECORD_CSP_VIOLATIONS)
                page = context.new_page()
                messages: list[tuple[str, str]] = []
                page.on("console", lambda message, log=messages: log.append((message.type, message.text)))
                page.on("pageerror", lambda error, log=messages: log.append(("error", f"uncaught {error}")))
                for url in urls:
                    where = site_path(base_url, url)
                    messages.clear()
                    response = page.goto(url, wait_until="load")
                    if response is None or response.status >= 400:
                        # The link check reports missing pages; the 404 page itself is checked as a page.
                        continue
                    page.evaluate(LOAD_WHAT_SCROLLING_WOULD)
                    page.wait_for_load_state("networkidle")
                    page.evaluate(axe)
                    for violation in page.evaluate(RUN_AXE):
                        message = f"{violation['rule']}: {violation['help']} ({violation['target']})"
                        seen["accessibility", where, message].append(variant.name)
                    for violation in page.evaluate("window.__cspViolations"):
                        seen["csp", where, violation].append(variant.name)
                    for kind, text in messages:
                        if kind == "error" and not _is_csp_message(text):
                            seen["console", where, text].append(variant.name)
                context.close()
        finally:
            browser.close()
    return [
        Finding(check, where, f"{message} [{', '.join(variants)}]")
        for (check, where, message), variants in seen.items()
    ]
