"""Pelican settings for local development (``invoke build``, ``invoke livereload``)."""

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
STATIC_PATHS = ["data", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
}
OUTPUT_PATH = "output"

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Order matters: charts render before search indexes their captions and site_meta makes social cards.
PLUGINS = ["explainers", "charts", "search", "site_meta"]

# Explainers live under /explainers/<slug>/; topics are Pelican categories.
ARTICLE_URL = "explainers/{slug}/"
ARTICLE_SAVE_AS = "explainers/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
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
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]
TEMPLATE_PAGES = {"404.html": "404.html"}
DEFAULT_PAGINATION = False

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

# Pelican's content cache keeps each parsed page between builds. It is keyed on the Markdown
# file alone, so nutgraf files it under a fingerprint of these settings and of the plugins' code
# (nutgraf.content_cache), and chart figures go into pages after it (charts.hooks.attach_charts):
# an edited data file, setting or plugin never serves a stale page.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CACHE_PATH = ".cache/pelican"
CHECK_MODIFIED_METHOD = "md5"
