"""Readers and writers: YAML with line numbers, roster JSON/CSV, benchmark formats."""
