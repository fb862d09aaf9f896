"""`python -m cleantext.cli`: the `cleantext` command."""

import sys

from cleantext.cli import main

sys.exit(main())
