"""`python -m reader` runs the same entry point as the kz-reader script."""

import sys

from reader.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
