"""Textual user interface (the only layer that may import textual)."""
