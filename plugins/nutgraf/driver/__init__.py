"""The command line and what it drives: builds, checks, the site check, publishing, preview, benchmark."""
