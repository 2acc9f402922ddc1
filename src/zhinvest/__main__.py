"""``python -m zhinvest …``: the same command line as ``zhinvest …``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
