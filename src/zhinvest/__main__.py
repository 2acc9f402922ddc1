"""``python -m zhinvest …``: the same command line as ``zhinvest …``."""

from .cli import run

if __name__ == "__main__":
    run()
