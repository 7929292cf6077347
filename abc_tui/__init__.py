"""abc-tui: the terminal program for the ABC household-account programme."""

__version__ = "0.1.0"
