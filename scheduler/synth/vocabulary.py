"""The shared vocabulary: shift types, skills, forbidden successions, and pools of invented names.

Taken from examples/brussels-south (its make_zone.py keeps its own copy, which must stay byte-stable):
five 8-h shifts on a 4-h grid from 06:00, so every shift covers two 4-h blocks and a duty's hourly
profile converts to shifts by simple arithmetic (see capacity.py).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

START = dt.date(2026, 3, 2)  # a Monday: the week of every example
SHIFT_HOURS = 8

SKILLS = ["patrol", "public_order", "transfer_escort", "site_guard", "driver", "dog_handler", "lang_fr", "lang_nl"]

# id, name, start. Forward rotation E -> L -> N; D and R reinforce the busy middle of the day and evening.
SHIFTS = [
    ("E", "Early", "06:00"),
    ("L", "Late", "14:00"),
    ("N", "Night", "22:00"),
    ("D", "Day (reinforcement)", "10:00"),
    ("R", "Reinforcement evening", "18:00"),  # 18:00-02:00
]
# No early shift straight after a night or an evening that ends at 02:00 (common practice).
FORBIDDEN_SUCCESSIONS = [("N", "E"), ("R", "E")]
# Each shift id -> the 8-h window it covers, for task windows that should line up with one shift.
SHIFT_WINDOW = {sid: (start, f"{(int(start[:2]) + SHIFT_HOURS) % 24:02d}:00") for sid, _, start in SHIFTS}

# fmt: off
FIRST = [
    "Aaron", "Amina", "Anke", "Arnaud", "Aylin", "Bart", "Bilal", "Camille", "Charlotte", "Joren", "Elif",
    "Elke", "Emma", "Eva", "Fatima", "Florence", "Geert", "Hamza", "Hanne", "Ilse", "Ines", "Jamal",
    "Jan", "Jeroen", "Julie", "Karim", "Katrien", "Kevin", "Laura", "Lien", "Lucas", "Marie", "Mathieu",
    "Mehdi", "Nadia", "Nathalie", "Nick", "Nora", "Olivier", "Pieter", "Rachid", "Sander", "Sara",
    "Sofie", "Stijn", "Thomas", "Tom", "Valérie", "Wim", "Yasmine", "Youssef", "Zoë", "Adil", "Bram",
    "Chloé", "Dounia", "Emre", "Fien", "Gilles", "Hind", "Imane", "Joris", "Kenza", "Lotte", "Maxime",
    "Nina", "Omar", "Pauline", "Quentin", "Rania", "Seppe", "Tine", "Ugo", "Vincent", "Ward", "Yara",
]
LAST = [
    "Aerts", "Baert", "Benali", "Bogaert", "Claes", "Cools", "Dubois", "Dupont", "El Idrissi", "Goossens",
    "Hermans", "Jacobs", "Janssens", "Lambert", "Laurent", "Leclercq", "Maes", "Martens", "Mertens",
    "Michiels", "Moreau", "Nijs", "Peeters", "Renard", "Simon", "Smets", "Vandenberghe", "Van Damme",
    "Verhoeven", "Wauters", "Willems", "Wouters", "Yilmaz", "Ziani", "Amrani", "Bosmans", "Chraibi",
    "De Smet", "Declercq", "Denis", "Dumont", "Fontaine", "François", "Gerard", "Hendrickx", "Kaya",
    "Lemaire", "Lenaerts", "Mathieu", "Nuyts", "Pauwels", "Roels", "Stevens", "Thys", "Van den Broeck",
    "Vermeulen", "Vos", "Wuyts",
]
# Invented place names: first part + second part ("Lindenbeek", "Molenhof").
PLACE_HEADS = [
    "Vorst", "Linden", "Kanaal", "Molen", "Ander", "Roze", "Bergh", "Hazel", "Esch", "Brem", "Kalk", "Zand",
    "Wilg", "Klaver", "Mere", "Sluis", "Hoog", "Oud", "Broek", "Heide",
]
PLACE_TAILS = ["beek", "hof", "zee", "berg", "dal", "veld", "mont", "ville", "rode", "kerke", "laar", "dijk"]
# Hotspot and site kinds, as "{place}" templates.
HOTSPOT_KINDS = [
    "Place {}", "Station {}", "Cité {} housing estate", "Parvis de {}", "Metro {}", "Parc {}", "Galerie {}",
    "Square {}", "Porte de {}", "Quai {}",
]
SITE_KINDS = [  # (id, description)
    ("synagogue", "synagogue and community centre"), ("school", "community school"), ("embassy", "embassy"),
    ("ministry", "ministry"), ("institution", "international institution"), ("museum", "Jewish museum"),
    ("courthouse", "court building"), ("consulate", "consulate"), ("prison-gate", "prison gate"),
    ("laboratory", "research laboratory"),
]
# fmt: on


def place_names(rng: random.Random, count: int, taken: set[str] | None = None) -> list[str]:
    """`count` distinct invented place names, none in `taken` (which grows)."""
    taken = taken if taken is not None else set()
    out: list[str] = []
    while len(out) < count:
        name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        if name not in taken:
            taken.add(name)
            out.append(name)
    return out


def slug(text: str) -> str:
    """An id from a name: 'Place Rouge' -> 'place-rouge' (ASCII letters and digits only)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def shift_types() -> list[dict]:
    """The shift types as scenario mappings."""
    return [{"id": sid, "name": name, "start": start, "hours": SHIFT_HOURS} for sid, name, start in SHIFTS]


def hm(text: str) -> int:
    """'06:00' -> 360."""
    return int(text[:2]) * 60 + int(text[3:])
