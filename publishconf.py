"""Pelican settings for production (``invoke build --production``)."""

import os
import runpy
from pathlib import Path

# The development settings, read from beside this file (no import path to edit).
globals().update(
    {k: v for k, v in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items() if k.isupper()}
)

# The absolute address the site is served from, e.g. https://user.github.io/repo
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL:
    raise SystemExit("publishconf.py: set SITEURL to the site's absolute address, e.g. SITEURL=https://example.org")

# Pelican 4.12 joins FEED_DOMAIN + "/" with the feed's relative path (writers.py, urljoin), so a
# sub-path in SITEURL is kept: https://user.github.io/repo/feeds/all.atom.xml. Entry links use SITEURL.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/topics/{slug}.atom.xml"
# One feed per language (English included): feeds/en.atom.xml, feeds/zh-Hans.atom.xml.
TRANSLATION_FEED_ATOM = "feeds/{lang}.atom.xml"
# Every correction, newest first (the corrections page's feed); another language's is under its folder:
# zh-hans/feeds/corrections.atom.xml.
CORRECTIONS_FEED_ATOM = "feeds/corrections.atom.xml"

# Drafts, hidden pieces and pieces dated in the future are built only for previews (pelicanconf.py):
# a production build holds none of them, at any address.
PUBLISH_PREVIEWS = False

# `invoke publish`: a custom domain for GitHub Pages, written to the gh-pages branch as CNAME
# (a bare host name such as "news.example.org"; SITEURL must then be https://news.example.org).
PUBLISH_CNAME = os.environ.get("PUBLISH_CNAME") or None
