"""nutgraf's build tooling: diagnostics, the strict atomic build, scaffolding.

Pelican plugins live beside this package (``explainers``, ``charts``); this
package is not a Pelican plugin itself but the code ``tasks.py`` drives.
"""
