"""`python -m xraymatch` is the `xraymatch` command."""

import sys

from xraymatch.cli import main

sys.exit(main())
