"""``invoke check --site``: the built site checked by the tools the web uses.

Serves the site on 127.0.0.1, then runs the Nu HTML checker, a link checker that follows
anchors, axe-core in Chromium at two viewports in light and dark mode (counting console
errors and Content-Security-Policy violations on the way), and a feed parser. Each check
is one module; ``runner`` puts them together and prints one count per check.
"""
