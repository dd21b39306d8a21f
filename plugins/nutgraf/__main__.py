"""``python -m nutgraf``: the same command line as the ``nutgraf`` console script."""

import sys

from nutgraf.driver.cli import main

sys.exit(main())
