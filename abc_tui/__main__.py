"""``python -m abc_tui``"""

import sys

from abc_tui.cli import main

sys.exit(main())
