"""Output that never dies on a character the console or pipe cannot encode.

On Windows a pipe or a file (``abc-tui check > check.txt``) gets the ANSI code page
(cp1252 on an English Windows, cp874 on a Thai one) and Thai text or a ``–`` then raises
``UnicodeEncodeError`` after the work is done; ``check`` would exit 1, which means
"problem found". So at start: output that is not a terminal is UTF-8 (what Notepad and
Excel read), and anything still unencodable is written as ``\\uXXXX`` instead of failing.
An explicit ``PYTHONIOENCODING`` is kept.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from typing import TextIO


def safe_output(
    streams: Iterable[TextIO | None] | None = None, environ: Mapping[str, str] | None = None
) -> None:
    """Reconfigure ``streams`` (default stdout and stderr) as above; ``environ`` is for tests."""
    environ = os.environ if environ is None else environ
    for stream in (sys.stdout, sys.stderr) if streams is None else streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue  # None (pythonw) or a replaced stream
        try:
            if stream.isatty() or environ.get("PYTHONIOENCODING"):
                reconfigure(errors="backslashreplace")
            else:
                reconfigure(encoding="utf-8", errors="backslashreplace")
        except (OSError, ValueError):
            pass
