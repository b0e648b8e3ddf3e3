"""Mingyi (名医问答): an open-source, self-hostable Chinese health Q&A platform."""

__version__ = "0.1.0"
