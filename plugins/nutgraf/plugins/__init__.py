"""The Pelican plugins, each loaded by its dotted name (``nutgraf.plugins.charts``); each imports only the kernel."""
