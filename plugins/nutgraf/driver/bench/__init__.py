"""``invoke bench``: how fast nutgraf builds a large synthetic site, against plain Pelican."""
