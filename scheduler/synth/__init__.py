"""Pieces for synthetic but plausible scenarios: the vocabulary, the people, demand and tasks sized to
a zone's capacity, the capacity arithmetic, and a YAML writer.

`scheduler generate` (scheduler/generate.py) and the example generators (examples/*/make_*.py) are
built from them, so every generated zone speaks the same language as the hand-checked examples.
"""
