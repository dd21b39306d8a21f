"""Pelican settings for local development (``invoke build``, ``invoke livereload``)."""

import os

AUTHOR = "nutgraf newsroom"
SITENAME = "nutgraf"
SITE_DESCRIPTION = (
    "The news, explained in four parts: what's happening, why it matters, what's next, and beyond the headlines."
)
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
ARTICLE_PATHS = ["explainers"]
# An explainer's URL comes from its file name, so retitling it never breaks links.
SLUGIFY_SOURCE = "basename"
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["data", "extra", "images"]  # images: pictures in explainers, ![alt]({static}/images/x.jpg)
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
}
OUTPUT_PATH = "output"

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# The theme's strings come from gettext catalogues (theme/translations/<lang>/LC_MESSAGES/messages.po),
# chosen per page by its language; other languages' dates are written by Babel (I18N_DATE_FORMAT).
# Autoescape: titles, deks, topics and tags are editors' text, never markup. HTML that is meant as
# HTML (rendered Markdown, charts, JSON-LD) is marked safe where the template prints it.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": ["jinja2.ext.i18n"]}

THEME = "theme"
# Each plugin declares what it runs after (its plugin.py: runs_after); `nutgraf build` refuses an order that breaks it.
PLUGINS = [
    "nutgraf.plugins.assets",
    "nutgraf.plugins.explainers",
    "nutgraf.plugins.i18n",
    "nutgraf.plugins.search",
    "nutgraf.plugins.charts",
    "nutgraf.plugins.site_meta",
]

# Explainers live under /explainers/<slug>/; topics are Pelican categories.
ARTICLE_URL = "explainers/{slug}/"
ARTICLE_SAVE_AS = "explainers/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Translations (`Lang: zh-Hans` and the original's `Slug:`) live under their language's folder, the
# default language at the root: zh-hans/explainers/<slug>/. {lang_path} is the code in lower case (i18n plugin).
ARTICLE_LANG_URL = "{lang_path}/explainers/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang_path}/explainers/{slug}/index.html"
DRAFT_LANG_URL = "{lang_path}/drafts/{slug}/"
DRAFT_LANG_SAVE_AS = "{lang_path}/drafts/{slug}/index.html"
PAGE_LANG_URL = "{lang_path}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang_path}/{slug}/index.html"
DRAFT_PAGE_LANG_URL = "{lang_path}/drafts/pages/{slug}/"
DRAFT_PAGE_LANG_SAVE_AS = "{lang_path}/drafts/pages/{slug}/index.html"
CATEGORY_URL = "topics/{slug}/"
CATEGORY_SAVE_AS = "topics/{slug}/index.html"
CATEGORIES_URL = "topics/"
CATEGORIES_SAVE_AS = "topics/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# Authors and per-period archives are not part of the site's navigation.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# The corrections page lists every correction of every published explainer, newest first (corrections.html).
CORRECTIONS_URL = "corrections/"
CORRECTIONS_SAVE_AS = "corrections/index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "corrections"]
TEMPLATE_PAGES = {"404.html": "404.html"}
# The home page, each topic and each tag list this many explainers a page, newest first, so that a listing
# weighs the same at 10 or 10,000 explainers (the archive stays one compact page). Page 1 keeps the listing's
# address; later pages are <listing>/page/2/: /page/2/, /topics/x/page/2/, zh-hans/tags/y/page/2/.
DEFAULT_PAGINATION = 24
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# The home page's address for its pager (page 1 of the listing): the site's root.
INDEX_URL = ""

# Development builds also build drafts, hidden pieces and pieces dated in the future (never listed or fed),
# so that the newsroom can read them, and the home page lists the drafts; production builds (publishconf.py)
# build none of them.
PUBLISH_PREVIEWS = True

# Feeds are written by production builds only (publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}
# Only Markdown is read: it is what the content checks understand. Pelican's other readers (HTML, and
# reStructuredText, whose `include` directive can publish any file on the machine) and Markdown's other
# suffixes are switched off; the check reports such files (nutgraf.kernel.file_kinds).
READERS = {"html": None, "htm": None, "rst": None, "mkd": None, "mdown": None}

# Pelican's content cache keeps each parsed page between builds. It is keyed on the Markdown
# file alone, so nutgraf files it under a fingerprint of these settings and of the plugins' code
# (nutgraf.driver.content_cache), and chart figures go into pages after it (charts.hooks.attach_charts):
# an edited data file, setting or plugin never serves a stale page.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
# Every cache lives under one folder (git-ignored); NUTGRAF_CACHE moves it, e.g. so that
# builds running side by side (the test suite's workers) each keep their own.
CACHE_ROOT = os.environ.get("NUTGRAF_CACHE", ".cache")
CACHE_PATH = f"{CACHE_ROOT}/pelican"
CHARTS_CACHE_PATH = f"{CACHE_ROOT}/charts"
SEARCH_CACHE_PATH = f"{CACHE_ROOT}/search"
SOCIAL_CACHE_PATH = f"{CACHE_ROOT}/social"
CHECK_MODIFIED_METHOD = "md5"

# SITE_NOINDEX=1: every page asks search engines not to list it (a pull request's preview build).
SITE_NOINDEX = os.environ.get("SITE_NOINDEX", "").strip().lower() not in ("", "0", "false", "no")
