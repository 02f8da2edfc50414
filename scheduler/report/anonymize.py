"""Stable pseudonyms for officers, for a report shared outside the zone.

A pseudonym is a keyed hash (HMAC-SHA-256) of the officer id: the same id and salt always give the
same pseudonym (so weeks can be compared), and without the salt nobody can recompute the mapping
from a list of ids. Names and ids never reach the page.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

DIGITS = 6  # 16.7 million values: a collision among a zone's few hundred officers is rare, and handled


def pseudonym(officer_id: str, salt: str = "", digits: int = DIGITS) -> str:
    code = hmac.new(salt.encode(), officer_id.encode(), hashlib.sha256).hexdigest()[:digits].upper()
    return f"Officer {code}"


def pseudonyms(officer_ids: Iterable[str], salt: str = "") -> dict[str, str]:
    """id -> pseudonym; the (rare) ids whose short codes collide get longer ones, still stable."""
    ids = sorted(set(officer_ids))
    out = {o: pseudonym(o, salt) for o in ids}
    seen: dict[str, list[str]] = {}
    for o, p in out.items():
        seen.setdefault(p, []).append(o)
    for clash in (group for group in seen.values() if len(group) > 1):
        for o in clash:
            out[o] = pseudonym(o, salt, digits=16)
    return out
