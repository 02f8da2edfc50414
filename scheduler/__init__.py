"""Duty rosters for police zones on OR-Tools CP-SAT."""

__version__ = "0.1.0"
