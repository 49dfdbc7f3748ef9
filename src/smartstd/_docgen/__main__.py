"""``python -m smartstd._docgen [--check] [--docs DIR]``: write or check ``docs/reference/``."""

from __future__ import annotations

import sys

from smartstd._docgen.build import main

sys.exit(main())
