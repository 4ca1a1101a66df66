"""`python -m bot`: see bot.cli. Ctrl+C while the modules are still loading exits quietly too (130)."""

import sys

try:
    from bot.cli import main
except KeyboardInterrupt:
    sys.stderr.write("\n")
    raise SystemExit(130) from None

raise SystemExit(main())
