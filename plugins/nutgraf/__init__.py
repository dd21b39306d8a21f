"""nutgraf: explainer sites from Markdown, built with Pelican.

One package in three layers, each importing only the layers below it (checked by import-linter,
see ``.importlinter``):

- ``nutgraf.kernel``: what every part shares (diagnostics, reading sources, language codes,
  suggestions); imports nothing else of ours.
- ``nutgraf.plugins``: the Pelican plugins (explainers, charts, i18n, search, site_meta), loaded
  by Pelican by their dotted names; each imports only the kernel.
- ``nutgraf.driver``: the command line and what it drives (the strict build, checks, site check,
  publishing, preview, benchmark); the only layer that imports plugins.
"""
