"""``python -m zhinvest …``: the same command line as ``zhinvest …``."""

import sys

from .cli import main

sys.exit(main())
