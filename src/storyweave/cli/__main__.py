"""``python -m storyweave.cli``: the ``storyweave`` command."""

import sys

from . import main

sys.exit(main())
